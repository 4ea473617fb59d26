"""My plan's dated steps from the triage: what to do today, each fallback, and the deadline."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from engine import plan
from engine.drafts import is_working_day
from engine.questionnaires import ORDER

ENGINE = Path(__file__).resolve().parents[2] / "engine"
JONAS = {"offer_fit": 4, "homework": "done", "current_job": "no",
         "first_choice_stage": "finalist", "restructuring": "no", "decision_weeks": 2,
         "runway_months": 3, "no_would_feel": "disappointed", "ready_to_search": "yes",
         "offer_deadline_days": 7}  # fmt: skip


def _steps(answers: dict, today: date) -> list[tuple[str, str, str]]:
    made = plan({"should-i-decline": answers}, today=today)
    return [(step["date"], step["kind"], step["title"]) for step in made["steps"]]


def test_asking_for_time_on_the_friday_before_the_holidays():
    steps = _steps(JONAS, date(2026, 12, 18))
    assert [(day, kind) for day, kind, _ in steps] == [
        ("2026-12-18", "today"),  # ask today, a working day
        ("2026-12-25", "deadline"),  # the employer's date, holiday or not
        ("2027-01-01", "first_choice_answer"),
        ("2027-01-04", "asked_until"),  # the working day after their answer
    ]
    assert "unless the employer gives you more time" in steps[1][2]


def test_hearing_first_dates_the_day_to_chase_them_before_the_deadline():
    steps = _steps({**JONAS, "decision_weeks": 1}, date(2026, 12, 4))
    assert [(day, kind) for day, kind, _ in steps] == [
        ("2026-12-04", "today"),
        ("2026-12-10", "fallback"),  # their day is the deadline: the working day before
        ("2026-12-11", "deadline"),
        ("2026-12-11", "first_choice_answer"),
    ]


def test_a_weekend_today_moves_todays_messages_to_the_next_working_day():
    steps = _steps(JONAS, date(2026, 12, 5))  # a Saturday
    assert steps[0][:2] == ("2026-12-07", "today")
    assert is_working_day(date.fromisoformat(steps[0][0]))


def test_no_generic_engine_file_names_a_questionnaire():
    """Whatever one questionnaire needs lives in engine/questionnaires/ (its JSON or Python)."""
    ids = re.compile("|".join(re.escape(q) for q in ORDER))
    named = [
        path.name
        for path in ENGINE.glob("*.py")
        if ids.search(path.read_text(encoding="utf-8").replace("'should-i-decline' but", ""))
    ]
    assert named == []


def test_the_timeline_reads_today_by_the_deadline_then_later():
    made = plan({"should-i-decline": JONAS}, today=date(2026, 12, 18))
    assert [(group["heading"], group["steps"]) for group in made["timeline"]] == [
        ("Today", ["ask-for-time"]),
        ("By Friday 25 December, the offer's deadline", ["offer-deadline"]),
        ("Later", ["first-choice-answer", "asked-until"]),
    ]
    today = made["steps"][0]
    assert today["drafts"] == ["should-i-decline:ask_offer_for_time",
                               "should-i-decline:ask_first_choice"]  # fmt: skip
    drafted = {f"{d['questionnaire']}:{d['id']}" for d in made["documents"]}
    assert set(today["drafts"]) <= drafted  # each step's drafts are in the plan


def test_on_a_weekend_the_first_group_names_the_working_day():
    made = plan({"should-i-decline": JONAS}, today=date(2026, 12, 5))
    assert made["timeline"][0]["heading"] == "Next working day, Monday 7 December"


def test_homework_first_is_said_before_a_decline_plan():
    answers = {"should-i-decline": {**JONAS, "homework": "not_yet"},
               "decline-plan": {"company": "Acme", "contact_name": "Sam Ortiz"}}  # fmt: skip
    made = plan(answers, today=date(2026, 12, 4))
    assert [note["questionnaire"] for note in made["first"]] == ["should-i-decline"]
    assert made["first"][0]["text"].startswith("Do your homework on the offer first")
    alone = plan({"should-i-decline": answers["should-i-decline"]}, today=date(2026, 12, 4))
    assert alone["first"] == []  # nothing else to come before


def test_every_message_carries_its_subject_as_a_field():
    made = plan({"should-i-decline": JONAS}, today=date(2026, 12, 18))
    for doc in made["documents"]:
        assert doc["subject"] and doc["content"].startswith(f"Subject: {doc['subject']}\n")


def test_steps_read_answers_as_typed_in_a_form():
    """Form fields arrive as strings; the steps read them as the engine does."""
    typed = {key: str(value) for key, value in JONAS.items()}
    assert _steps(typed, date(2026, 12, 18)) == _steps(JONAS, date(2026, 12, 18))
