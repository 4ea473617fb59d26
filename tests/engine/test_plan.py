"""engine.plan: every answered questionnaire in one dated plan, with one calendar."""

from __future__ import annotations

import json
from datetime import date

import icalendar
import pytest

from engine import InvalidAnswers, plan, plan_json

TODAY = date(2026, 11, 26)  # a Thursday
TRIAGE = {"offer_fit": 2, "homework": "done", "current_job": "no",
          "first_choice_stage": "finalist", "restructuring": "no", "decision_weeks": 3,
          "runway_months": 3, "no_would_feel": "devastated", "ready_to_search": "not_sure",
          "offer_deadline_days": 4}  # fmt: skip
FOLLOW_UP = {"situation": "still_deciding", "contact_name": "Priya Raman", "company": "Northwind",
             "last_contact": "2026-11-20", "cadence_weeks": 3, "check_ins": 3}  # fmt: skip
DECLINE = {"contact_role": "hiring_manager", "contact_name": "Sam Ortiz", "company": "Acme",
           "honest_reason": "pay", "open_to_future": "yes"}  # fmt: skip
EVERYTHING = {"should-i-decline": TRIAGE, "follow-up-plan": FOLLOW_UP, "decline-plan": DECLINE}


def test_nothing_answered_gives_an_empty_plan():
    made = plan({}, today=TODAY)
    assert made["items"] == [] and made["steps"] == [] and made["calendar"] is None


def test_steps_come_dated_and_in_order():
    made = plan(EVERYTHING, today=TODAY)
    steps = [(step["date"], step["kind"]) for step in made["steps"]]
    assert steps == sorted(steps)
    assert [day for day, kind in steps if kind == "check_in"] == [
        "2026-12-11",  # 3 weeks after 20 November: where things stand
        "2026-12-30",  # 1 January by cadence: the working day before 31 December
        "2027-01-22",  # 22 January 2027 is a Friday (the 22nd by cadence)
    ]
    # The triage's own steps (its outcome is the triage's to decide).
    assert ("2026-11-30", "deadline") in steps  # 4 days from today
    assert ("2026-12-17", "first_choice_answer") in steps  # 3 weeks from today
    checks = [step for step in made["steps"] if step["kind"] == "check_in"]
    assert checks[0]["title"] == ("Check in with Priya Raman at Northwind: Where things stand "
                                  "at Northwind")  # fmt: skip
    assert [item["questionnaire"] for item in made["items"]] == [
        "should-i-decline",
        "decline-plan",
        "follow-up-plan",
    ]  # the guide's order
    assert all(step["advice"] for step in made["steps"])
    kinds = {doc["questionnaire"] for doc in made["documents"]}
    assert kinds == {"should-i-decline", "decline-plan", "follow-up-plan"}


def test_without_today_only_dates_that_need_no_today_are_given():
    made = plan(EVERYTHING)
    assert {step["kind"] for step in made["steps"]} == {"check_in"}


def test_the_calendar_holds_every_step_with_a_reminder_and_stable_uids():
    made = plan(EVERYTHING, today=TODAY)
    parsed = icalendar.Calendar.from_ical(made["calendar"]["content"])
    events = list(parsed.walk("VEVENT"))
    assert [e.decoded("DTSTART").isoformat() for e in events] == [
        s["date"] for s in made["steps"]]  # fmt: skip
    assert all(len(list(event.walk("VALARM"))) == 1 for event in events)
    again = plan({**EVERYTHING, "follow-up-plan": {**FOLLOW_UP, "cadence_weeks": 4}},
                 today=TODAY)  # fmt: skip
    uids = {str(e["UID"]) for e in events}
    assert {str(e["UID"]) for e in icalendar.Calendar.from_ical(
        again["calendar"]["content"]).walk("VEVENT")} == uids  # fmt: skip


def test_after_declining_the_first_check_in_is_today_in_the_plan_too():
    declined = {**FOLLOW_UP, "situation": "declined_offer"}
    made = plan({"follow-up-plan": declined}, today=date(2026, 12, 24))  # Thursday, a holiday
    days = [step["date"] for step in made["steps"]]
    # 24-27 December are off: the first note goes on Monday 28 December, then every 3 weeks.
    assert days == ["2026-12-28", "2027-01-18", "2027-02-08"]


def test_invalid_answers_in_one_questionnaire_leave_the_rest_of_the_plan():
    made = plan({**EVERYTHING, "decline-plan": {"contact_name": "x" * 500}}, today=TODAY)
    assert [item["questionnaire"] for item in made["invalid"]] == ["decline-plan"]
    assert made["invalid"][0]["message"].startswith("Their name:")
    assert {item["questionnaire"] for item in made["items"]} == {"should-i-decline",
                                                                 "follow-up-plan"}  # fmt: skip


def test_unknown_questionnaires_are_refused():
    with pytest.raises(InvalidAnswers, match="unknown questionnaire"):
        plan({"salary-check": {}})


def test_the_bridge_returns_the_same_plan_as_json():
    reply = json.loads(plan_json(json.dumps(EVERYTHING), TODAY.isoformat()))
    assert reply["type"] == "PLAN"
    assert reply["plan"] == json.loads(json.dumps(plan(EVERYTHING, today=TODAY)))
    assert json.loads(plan_json("[", None))["type"] == "INVALID"


def _next(questionnaire: str, answers: dict) -> list[str]:
    from engine import evaluate

    return [step["questionnaire"] for step in evaluate(questionnaire, answers)["next"]]


def test_each_result_points_to_what_naturally_follows():
    declining = {**TRIAGE, "offer_fit": 2, "runway_months": 12, "no_would_feel": "fine",
                 "ready_to_search": "yes", "offer_deadline_days": None}  # fmt: skip
    assert _next("should-i-decline", declining)[:2] == ["decline-plan", "follow-up-plan"]
    assert _next("decline-plan", DECLINE) == ["follow-up-plan"]
    accepting = {**TRIAGE, "offer_deadline_days": None, "restructuring": "yes_no_guarantee"}
    assert _next("should-i-decline", accepting) == ["follow-up-plan", "restructuring-risk"]
    assert _next("should-i-decline", {**TRIAGE, "homework": "not_yet"}) == ["offer-check"]
