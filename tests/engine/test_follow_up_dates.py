"""Properties of the follow-up plan's calendar, over a grid of readers and todays.

Situation x contact role x news count x rhythm x offer deadline x today, with
todays around the holidays (Friday 18 and Thursday 24 December 2026, New
Year's Eve, a Saturday) and ordinary days: every date is a working day off
the holidays, the first note after declining or accepting goes today or the
next working day, the note asking where things stand comes before the
offer's deadline, every note asks about keeping in touch, every title gives
its date in words, and a check-in has one UID in follow-up-plan.ics and in
my-plan.ics.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import icalendar
import pytest

from engine import evaluate, plan

# The days no note may fall on, written out here rather than imported, so the
# test states the rule instead of repeating the code.
OFF = {(1, 1), (12, 24), (12, 25), (12, 26), (12, 31)}
TODAYS = [
    date(2026, 11, 26),  # a Thursday
    date(2026, 12, 4),  # a Friday
    date(2026, 12, 18),  # the Friday before Christmas
    date(2026, 12, 24),  # Christmas Eve, a Thursday
    date(2026, 12, 26),  # a Saturday, Boxing Day
    date(2026, 12, 31),  # New Year's Eve, a Thursday
    date(2027, 1, 1),  # New Year's Day, a Friday
    date(2027, 6, 14),  # a Monday in summer
]
ROLES = [None, "recruiter", "hiring_manager", "senior_leader"]
NEWS = ["Finished the data course", "led the Q3 launch", "I passed my CFA exam"]
RHYTHMS = {"declined_offer": (3, 4), "still_deciding": (3, 4), "accepted_offer": (8, 12)}
DEADLINES = {"declined_offer": [None], "accepted_offer": [None],
             "still_deciding": [None, 0, 3, 8, 11, 30, 90]}  # fmt: skip
ASKS = re.compile(r"keep in touch|check(ed|ing)? in|drop you a line|these notes|write again|"
                  r"a short note|hear from me|staying in touch")  # fmt: skip
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def working(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in OFF


def next_working(day: date) -> date:
    while not working(day):
        day += timedelta(days=1)
    return day


def _grid(situation: str):
    for role, news, rhythm, deadline in itertools.product(
        ROLES, range(len(NEWS) + 1), RHYTHMS[situation], DEADLINES[situation]
    ):
        answers = {"situation": situation, "contact_name": "Priya Raman", "company": "Northwind",
                   "last_contact": "2026-11-10", "cadence_weeks": rhythm, "check_ins": 12,
                   "your_name": "Kenji Sato"}  # fmt: skip
        if role:
            answers["contact_role"] = role
        if news:
            answers["accomplishments"] = "\n".join(NEWS[:news])
        if deadline is not None:
            answers["offer_deadline_days"] = deadline
        yield answers


def _notes(result: dict) -> list[dict]:
    return [doc for doc in result["documents"] if doc["id"].startswith("note_")]


def _uids(content: str) -> dict[date, str]:
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    return {event.decoded("DTSTART"): str(event["UID"]) for event in events}


@pytest.mark.parametrize("today", TODAYS, ids=str)
@pytest.mark.parametrize("situation", list(RHYTHMS))
def test_follow_up_dates_over_the_grid(situation, today):
    for answers in _grid(situation):
        result = evaluate("follow-up-plan", answers, today=today)
        notes = _notes(result)
        days = [date.fromisoformat(note["event"]["date"]) for note in notes]
        label = (answers, today)
        assert len(days) == answers["check_ins"], label
        # Every date a working day off the holidays, in order, from today on.
        assert all(working(day) for day in days), (label, days)
        assert days == sorted(set(days)) and days[0] >= today, label
        cadence = timedelta(weeks=answers["cadence_weeks"])
        for earlier, later in itertools.pairwise(days):
            # The rhythm runs from the first note; a holiday moves a note a few days back.
            assert cadence - timedelta(days=5) <= later - earlier <= cadence + timedelta(days=5)
        if situation in ("declined_offer", "accepted_offer"):
            # The news of what just happened goes now.
            assert days[0] == next_working(today), label
        else:
            last = date.fromisoformat(answers["last_contact"])
            assert days[0] <= max(next_working(today), last + cadence), label
            deadline = answers.get("offer_deadline_days")
            if deadline is not None:
                end = today + timedelta(days=deadline)
                assert days[0] <= max(end, next_working(today)), label
                if deadline >= 11:  # room for a working day a week before
                    assert days[0] <= end - timedelta(days=7), label
        # Every note asks, in its own words, whether keeping in touch is still welcome.
        asks = []
        for note in notes:
            closing = note["content"].split("\n\n")[-2]
            found = [s for s in re.split(r"(?<=\?) ", closing) if ASKS.search(s)]
            assert found and found[-1].endswith("?"), note["content"]
            asks.append(found[-1])
        assert len(set(asks)) == len(asks), asks
        # Dates in words wherever a reader sees them.
        seen = [doc["title"] for doc in result["documents"]]
        seen += [doc["content"] for doc in result["documents"] if doc["kind"] != "ics"]
        assert not any(ISO.search(text) for text in seen), seen
        assert all(re.search(r"(Mon|Tues|Wednes|Thurs|Fri)day \d+ [A-Z][a-z]+", note["title"])
                   for note in notes)  # fmt: skip


@pytest.mark.parametrize("today", [date(2026, 12, 18), date(2026, 12, 24), None], ids=str)
@pytest.mark.parametrize("situation", list(RHYTHMS))
def test_a_check_in_has_one_uid_in_both_calendars(situation, today):
    for answers in itertools.islice(_grid(situation), 0, None, 7):
        result = evaluate("follow-up-plan", answers, today=today)
        (own,) = [doc for doc in result["documents"] if doc["kind"] == "ics"]
        made = plan({"follow-up-plan": answers}, today=today)
        assert _uids(own["content"]) == _uids(made["calendar"]["content"])
        # And with the other questionnaires in the plan, the check-ins keep their UIDs.
        everything = plan({"follow-up-plan": answers, "decline-plan": {
            "contact_role": "hiring_manager", "contact_name": "Sam Ortiz", "company": "Acme",
            "honest_reason": "schedule", "open_to_future": "yes"}}, today=today)  # fmt: skip
        combined = _uids(everything["calendar"]["content"])
        assert _uids(own["content"]).items() <= combined.items()


def test_a_reader_who_declines_on_christmas_eve_writes_on_the_next_working_day():
    answers = next(_grid("declined_offer"))
    result = evaluate("follow-up-plan", answers, today=date(2026, 12, 24))
    first = _notes(result)[0]
    assert first["event"]["date"] == "2026-12-28"
    assert first["title"] == "First note, for Monday 28 December"
    schedule = next(doc for doc in result["documents"] if doc["id"] == "schedule")
    assert schedule["content"].startswith("Monday 28 December: check in with Priya Raman")
    assert "Monday 18 January 2027" in schedule["content"]  # another year, so it says which


def test_the_note_on_where_things_stand_names_the_deadline_in_words():
    answers = {**next(_grid("still_deciding")), "offer_deadline_days": 10,
               "last_contact": "2026-11-20"}  # fmt: skip
    result = evaluate("follow-up-plan", answers, today=date(2026, 12, 4))
    first = _notes(result)[0]
    # By the rhythm it would go on Friday 11 December; the deadline, ten days from Friday
    # 4 December, brings it a week before, to Monday 7 December.
    assert first["event"]["date"] == "2026-12-07"
    assert "I need to give them my answer by Monday 14 December." in first["content"]
