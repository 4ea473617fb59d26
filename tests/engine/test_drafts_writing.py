"""Every draft reads as a person would write it, for every option of every choice question.

The checks a careful reader applies, as tests: no placeholder where the input
was given, no doubled words or punctuation, no sentence starting in lower
case or running over 30 words, a reading grade of 8 or below, every typed
name and company exactly as typed, and no two follow-up notes alike.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
import textstat

from engine import evaluate, get_definition

NAMES = {"contact_name": "Sam Ortiz", "company": "Northwind Traders", "your_name": "Dana Wells"}
PLACEHOLDERS = {"[your name]": "your_name", "[their first name]": "contact_name",
                "[their name]": "contact_name", "[company]": "company"}  # fmt: skip
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_WORDS = 30
MAX_GRADE = 8.0


def options(questionnaire: str, question: str) -> list:
    for item in get_definition(questionnaire)["questions"]:
        if item["id"] == question:
            return [option["value"] for option in item["options"]]
    raise KeyError(question)


def problems(content: str, answers: dict, typed: dict) -> list[str]:
    """What a careful reader would object to in one draft."""
    found = []
    for placeholder, question in PLACEHOLDERS.items():
        if placeholder in content and question in answers:
            found.append(f"placeholder {placeholder} although {question} was given")
    for stray in re.findall(r"\[[^\]]*\]", content):
        if stray not in PLACEHOLDERS:
            found.append(f"unknown placeholder {stray}")
    if re.search(r"\b(\w+)\s+\1\b", content, re.IGNORECASE):
        found.append(f"doubled word: {re.search(r'\b(\w+)\s+\1\b', content, re.I)[0]!r}")
    if re.search(r"[,;:]\s*[.,;:]|\.\.(?!\.)|\s[.,;:]", content):
        found.append("doubled or stray punctuation")
    body = "\n".join(line for line in content.splitlines() if not line.startswith("Subject:"))
    for sentence in SENTENCE_END.split(body):
        letters = sentence.lstrip("“\"'( -")
        if letters.startswith("["):  # a placeholder for an input left empty
            continue
        if letters and letters[0].isalpha() and letters[0].islower():
            found.append(f"sentence starts in lower case: {sentence[:40]!r}")
        if len(sentence.split()) > MAX_WORDS:
            found.append(f"sentence of {len(sentence.split())} words: {sentence[:50]!r}")
    grade = textstat.flesch_kincaid_grade(body)
    if grade > MAX_GRADE:
        found.append(f"reading grade {grade:.1f}")
    for question, value in typed.items():
        # A name may be left out of a short note, but never altered where it appears.
        altered = re.findall(re.escape(value), content, re.IGNORECASE)
        if question in answers and any(match != value for match in altered):
            found.append(f"{question} {value!r} not as typed")
    return found


def appears(value: str, documents: list[dict]) -> bool:
    return any(value in document["content"] for document in documents)


# --- decline plan ---------------------------------------------------------------

DECLINE_TEXT = {"role_title": "Product Designer", "reason_detail": "I want more time with clients",
                "would_make_right": "A role with more research work"}  # fmt: skip


def _decline_cases():
    choices = [options("decline-plan", q) for q in ("contact_role", "honest_reason",
                                                     "open_to_future")]  # fmt: skip
    greetings = [None, *options("decline-plan", "greeting")]
    for role, reason, future in itertools.product(*choices):
        for greeting, full in itertools.product(greetings, (True, False)):
            answers = {"contact_role": role, "honest_reason": reason, "open_to_future": future}
            if greeting:
                answers["greeting"] = greeting
            if full:
                answers |= NAMES | DECLINE_TEXT
            yield answers


def _decline_id(answers: dict) -> str:
    keys = ("contact_role", "honest_reason", "open_to_future", "greeting")
    filled = "-full" if "company" in answers else "-empty"
    return "-".join(str(answers.get(key, "none")) for key in keys) + filled


@pytest.mark.parametrize("answers", list(_decline_cases()), ids=_decline_id)
def test_decline_drafts_read_well(answers):
    result = evaluate("decline-plan", answers)
    typed = {"company": NAMES["company"], "your_name": NAMES["your_name"]}
    if "company" in answers:
        assert appears(NAMES["company"], result["documents"])
        assert appears(NAMES["your_name"], result["documents"])
    for document in result["documents"]:
        content = document["content"]
        if document["id"] == "talking_points":
            typed_here = {"contact_name": NAMES["contact_name"]}
        else:
            first = "Sam Ortiz" if answers.get("greeting") == "full_name" else "Sam"
            typed_here = {**typed, "contact_name": f"Hi {first},"}
        assert problems(content, answers, typed_here) == [], document["id"]
        if result["outcome"] == "decline_with_thanks":
            assert "another opening" not in content  # no draft contradicts the chosen path


# --- follow-up plan ------------------------------------------------------------------

NEWS = "shipped the billing redesign\nFinished the data course\nled the Q3 launch"


def _follow_up_cases():
    for situation, cadence, signal, count, news, full in itertools.product(
        options("follow-up-plan", "situation"), options("follow-up-plan", "cadence_weeks"),
        [None, *options("follow-up-plan", "their_signal")], (1, 5, 12),
        ("", "shipped the billing redesign", NEWS), (True, False),
    ):  # fmt: skip
        answers = {"situation": situation, "cadence_weeks": cadence, "check_ins": count,
                   "last_contact": "2026-11-02"}  # fmt: skip
        if signal:
            answers["their_signal"] = signal
        if news:
            answers["accomplishments"] = news
        if full:
            answers |= NAMES
        yield answers


@pytest.mark.parametrize("answers", list(_follow_up_cases()), ids=lambda a: "-".join(
    str(a.get(k, "none")) for k in ("situation", "cadence_weeks", "their_signal", "check_ins"))
    + f"-news{a.get('accomplishments', '').count(chr(10)) + bool(a.get('accomplishments'))}"
    + ("-full" if "company" in a else "-empty"))  # fmt: skip
def test_follow_up_notes_read_well_and_never_repeat(answers):
    result = evaluate("follow-up-plan", answers)
    notes = [doc for doc in result["documents"] if doc["id"].startswith("note_")]
    if result["outcome"] == "pause_follow_ups":
        assert notes == []
        return
    assert len(notes) == answers["check_ins"]
    assert len({note["content"] for note in notes}) == len(notes), "two notes alike"
    subjects = [note["content"].splitlines()[0] for note in notes]
    assert len(set(subjects)) == len(subjects), subjects
    assert not any(re.search(r"\d+ of \d+", subject) for subject in subjects)
    typed = {"company": NAMES["company"], "your_name": NAMES["your_name"],
             "contact_name": "Hi Sam,"}  # fmt: skip
    for note in notes:
        assert problems(note["content"], answers, typed) == [], note["id"]
        if "company" in answers:  # every note is signed and greets them by first name
            assert "Hi Sam," in note["content"] and note["content"].endswith("Dana Wells")
    if "company" in answers:
        assert NAMES["company"] in notes[0]["content"]
    if answers["situation"] == "declined_offer":
        assert "I have just turned down another job offer" in notes[0]["content"]
    # The reader's news is woven in, one item per note, while it lasts.
    for line in answers.get("accomplishments", "").splitlines()[: len(notes)]:
        assert any(line.lower() in note["content"].lower() for note in notes), line


# --- the triage's request for more time ----------------------------------------------


@pytest.mark.parametrize("today", [None, date(2026, 12, 18), date(2026, 11, 26)])
@pytest.mark.parametrize("stage", ["finalist", "strong_maybe"])
@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize("deadline", [0, 1, 4, 20])
def test_ask_for_time_drafts_read_well(today, stage, full, deadline):
    answers = {"offer_fit": 2, "homework": "done", "current_job": "no",
               "first_choice_stage": stage, "restructuring": "no", "decision_weeks": 3,
               "runway_months": 2, "no_would_feel": "devastated", "ready_to_search": "no",
               "offer_deadline_days": deadline}  # fmt: skip
    if full:
        answers |= {"your_name": "Dana Wells", "offer_contact": "Sam Ortiz",
                    "first_choice_contact": "Priya Raman"}  # fmt: skip
    result = evaluate("should-i-decline", answers, today=today)
    assert result["outcome"] == "ask_for_time"
    for document in result["documents"]:
        content = document["content"]
        present = {k for k in answers} | ({"contact_name"} if full else set())
        assert problems(content, {k: 1 for k in present}, {"your_name": "Dana"} if full
                        else {}) == [], document["id"]  # fmt: skip
        if today is not None:
            assert str(today.year) not in content  # dates as people write them
            asked = re.search(r"my answer by (\w+) \d+", content)
            assert asked is None or asked[1] not in ("Saturday", "Sunday"), asked[0]
