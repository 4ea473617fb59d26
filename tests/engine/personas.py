"""Read the persona tables and check a result against what a careful coach would sign."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from engine_cases import _expectations, split_list

from engine.cases import read_table, tables

# A Thursday late in November, unless a persona names its own today.
DEFAULT_TODAY = "2026-11-26"


@dataclass(frozen=True)
class Persona:
    questionnaire: str
    line: int
    description: str
    answers: dict
    expected: dict[str, list[str]]

    @property
    def today(self) -> date:
        """The reader's today: the persona's own, or the day the table was first written for."""
        return date.fromisoformat(self.expected.get("today", [DEFAULT_TODAY])[0])

    @property
    def id(self) -> str:
        return f"{self.questionnaire}:{self.line + 1}: {self.description.split(',')[0]}"


def load_personas() -> list[Persona]:
    found = []
    for path in tables("personas"):
        for line, text, answers, expected in read_table(path):
            found.append(Persona(path.stem, line, text, json.loads(answers),
                                 _expectations(expected)))  # fmt: skip
    return found


def problems(persona: Persona, result: dict) -> list[str]:
    """What a coach would object to in this result, as readable lines (empty: signed)."""
    wrong = []
    expect = persona.expected
    texts = {key: [item["text"] for item in result[key]] for key in ("reasons", "against")}
    texts["change"] = [item["text"] for item in result["change"]]
    flags = {flag["id"] for flag in result["flags"]}
    if result["outcome"] not in split_list(expect["accept"][0]):
        wrong.append(f"outcome {result['outcome']}, a coach would sign {expect['accept'][0]}")
    for flag in split_list(",".join(expect.get("flags", []))):
        if flag not in flags:
            wrong.append(f"flag {flag} missing")
    for flag in split_list(",".join(expect.get("not_flags", []))):
        if flag in flags:
            wrong.append(f"flag {flag} raised")
    for key in ("reason", "against", "change"):
        plural = {"reason": "reasons"}.get(key, key)
        for needle in expect.get(key, []):
            if not any(needle in text for text in texts[plural]):
                wrong.append(f"no {key} line says {needle!r}: {texts[plural]}")
    for needle in expect.get("not_reason", []):
        if any(needle in text for text in texts["reasons"]):
            wrong.append(f"a reason says {needle!r}")
    documents = {doc["id"] for doc in result["documents"]}
    for doc in split_list(",".join(expect.get("documents", []))):
        if doc not in documents:
            wrong.append(f"document {doc} missing")
    drafts = "\n\n".join(doc["content"] for doc in result["documents"])
    for needle in expect.get("draft", []):
        if needle not in drafts:
            wrong.append(f"no draft says {needle!r}")
    for needle in expect.get("not_draft", []):
        if needle in drafts:
            wrong.append(f"a draft says {needle!r}")
    if "fallback" in expect:
        got = (result.get("fallback") or {}).get("outcome")
        if got != expect["fallback"][0]:
            wrong.append(f"fallback {got}, expected {expect['fallback'][0]}")
    if "provisional_until" in expect:
        if result["provisional_until"] != split_list(expect["provisional_until"][0]):
            wrong.append(f"provisional until {result['provisional_until']}")
    return wrong
