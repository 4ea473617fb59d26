"""The follow-up calendar is valid RFC 5545: parsed by icalendar, folded, CRLF, escaped."""

from __future__ import annotations

from datetime import date

import icalendar

from engine import evaluate, plan
from engine.ics import fold

TODAY = date(2026, 12, 18)  # a Friday: the reader has just turned the offer down
ANSWERS = {
    "situation": "declined_offer",
    "contact_name": "Zoë Ångström",
    "company": "Acme; Widgets, Ltd\\Group",
    "last_contact": "2026-12-10",
    "cadence_weeks": 4,
    "check_ins": 5,
    "accomplishments": "Led a migration, cut costs; spoke at a meetup.\nAlso: a new certificate.",
}


def _calendar(answers=ANSWERS, today=TODAY) -> dict:
    documents = evaluate("follow-up-plan", answers, today=today)["documents"]
    (calendar,) = [doc for doc in documents if doc["kind"] == "ics"]
    return calendar


def test_calendar_parses_with_the_right_events_and_dates():
    document = _calendar()
    assert document["media_type"] == "text/calendar"
    assert document["filename"] == "follow-up-plan.ics"
    parsed = icalendar.Calendar.from_ical(document["content"])
    events = list(parsed.walk("VEVENT"))
    assert [event.decoded("DTSTART") for event in events] == [
        # The first note today, Friday 18 December; then every four weeks from it.
        date(2026, 12, 18),
        date(2027, 1, 15),
        date(2027, 2, 12),
        date(2027, 3, 12),
        date(2027, 4, 9),
    ]
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, date)  # all-day
        assert (event.decoded("DTEND") - start).days == 1
        assert str(event["SUMMARY"]).startswith("Check in with Zoë Ångström at Acme; Widgets")
        assert start.weekday() < 5
        assert (start.month, start.day) not in ((1, 1), (12, 24), (12, 25), (12, 26), (12, 31))
        assert str(event["DESCRIPTION"]).startswith("Subject: ")  # the note itself
        assert event.decoded("DTSTAMP").isoformat().startswith("2026-12-18T00:00:00")
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER").total_seconds() == 9 * 3600  # 9:00 on the day
    # The reader's news, one item per note (D4).
    assert "I led a migration, cut costs; spoke at a meetup." in str(events[0]["DESCRIPTION"])
    assert "Also: a new certificate." in str(events[1]["DESCRIPTION"])
    assert len({str(event["UID"]) for event in events}) == 5
    assert all(str(event["UID"]).endswith("@offer-guide") for event in events)


def test_calendar_lines_are_crlf_and_folded_at_75_octets():
    content = _calendar()["content"]
    assert content.endswith("\r\n")
    assert "\n" not in content.replace("\r\n", "")
    for line in content.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert "Acme\\; Widgets\\, Ltd\\\\Group" in content.replace("\r\n ", "")


def test_calendar_is_deterministic():
    assert _calendar()["content"] == _calendar(dict(ANSWERS))["content"]
    other = _calendar({**ANSWERS, "check_ins": 4})["content"]
    assert other != _calendar()["content"]


def test_fold_never_splits_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")


def test_an_updated_plan_keeps_its_uids_so_a_second_import_updates_not_duplicates():
    first = icalendar.Calendar.from_ical(_calendar()["content"])
    edited = {**ANSWERS, "accomplishments": "Gave a talk at a meetup.", "cadence_weeks": 3}
    second = icalendar.Calendar.from_ical(_calendar(edited)["content"])
    uids = [str(event["UID"]) for event in first.walk("VEVENT")]
    assert [str(event["UID"]) for event in second.walk("VEVENT")] == uids
    # A calendar keyed by UID (as calendar apps store events) holds 5 events, not 10.
    imported = {str(e["UID"]): e for cal in (first, second) for e in cal.walk("VEVENT")}
    assert len(imported) == 5
    assert "I gave a talk at a meetup." in str(imported[uids[0]]["DESCRIPTION"])


def _events(content: str) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(content).walk(
        "VEVENT")}  # fmt: skip


def test_a_check_in_is_one_event_in_both_calendars():
    """follow-up-plan.ics and my-plan.ics give each check-in the same UID, date, title and
    note: importing both updates the events rather than doubling them."""
    own = _events(_calendar()["content"])
    made = plan({"follow-up-plan": ANSWERS}, today=TODAY)
    combined = _events(made["calendar"]["content"])
    assert set(own) == set(combined) and len(own) == ANSWERS["check_ins"]
    for uid, event in own.items():
        other = combined[uid]
        for field in ("DTSTART", "SUMMARY", "DESCRIPTION"):
            assert other.decoded(field) == event.decoded(field), (uid, field)
    # The steps of My plan carry the same keys the calendars name their events by.
    assert {f"{step['uid']}@offer-guide" for step in made["steps"]} == set(own)
