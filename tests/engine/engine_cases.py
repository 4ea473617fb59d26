"""Read the fixture-file case tables (title / answers JSON / expectations)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from engine.cases import read_table, tables

LIST_KEYS = {"flags", "missing", "documents"}


@dataclass(frozen=True)
class Case:
    questionnaire: str
    line: int
    title: str
    answers: object
    expected: dict[str, list[str]]  # key -> values (several lines may share a key)

    @property
    def id(self) -> str:
        return f"{self.questionnaire}:{self.line + 1}: {self.title}"


def _expectations(text: str) -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {}
    for raw in text.splitlines():
        if not raw.strip():
            continue
        key, sep, value = raw.partition(":")
        if not sep:
            raise ValueError(f"expected 'key: value' but received: {raw!r}")
        expected.setdefault(key.strip(), []).append(value.strip())
    return expected


def load_cases() -> list[Case]:
    cases = []
    for path in tables("fixtures"):
        for line, title, answers, expected in read_table(path):
            cases.append(Case(path.stem, line, title, json.loads(answers), _expectations(expected)))
    return cases


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]
