"""The follow-up plan: dated check-ins, a note for each, and the calendar."""

from __future__ import annotations

from datetime import date, timedelta

from ..drafts import document
from ..hooks import FactRule, QuestionnaireCode
from ..ics import Event, calendar

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]


def _name(answers: Answers, key: str, blank: str) -> str:
    return answers.get(key) or blank


def check_in_dates(answers: Answers) -> list[str] | None:
    """Check-in k falls k * cadence_weeks weeks after the last contact (D3)."""
    try:
        start = date.fromisoformat(answers["last_contact"])
        cadence, count = answers["cadence_weeks"], answers["check_ins"]
    except KeyError:
        return None
    return [(start + timedelta(weeks=k * cadence)).isoformat() for k in range(1, count + 1)]


def last_check_in(answers: Answers) -> str | None:
    dates = check_in_dates(answers)
    return dates[-1] if dates else None


FACTS = {
    "check_in_dates": FactRule(check_in_dates, ("last_contact", "cadence_weeks", "check_ins"), ()),
    "last_check_in": FactRule(last_check_in, ("last_contact", "cadence_weeks", "check_ins"), ()),
}


def _note(k: int, count: int, answers: Answers) -> str:
    contact = _name(answers, "contact_name", "[their name]")
    company = _name(answers, "company", "[company]")
    signature = _name(answers, "your_name", "[your name]")
    if k == 1:
        opening = (
            f"Thank you again for our last conversation. I want to say again how much "
            f"a role at {company} means to me."
        )
    else:
        opening = f"A short note to say that my interest in joining {company} is as strong as ever."
    # D4: each note brings something new. The first note uses what the reader
    # wrote; later ones leave a clear gap to fill in nearer the date.
    if k == 1 and "accomplishments" in answers:
        news = f"Since we last spoke: {answers['accomplishments']}"
    else:
        news = "Since we last spoke: [add a new skill, experience or result they may care about]"
    return "\n".join(
        [
            f"Subject: Keeping in touch ({k} of {count})",
            "",
            f"Dear {contact},",
            "",
            opening,
            "",
            news,
            "",
            "Is there anything else I could send you that would help? And is it still "
            "fine with you if I keep in touch every few weeks?",
            "",
            "Best wishes,",
            signature,
        ]
    )


def _uid(answers: Answers, k: int) -> str:
    import hashlib  # only needed for calendars; keeps the engine's import light
    import json

    canonical = json.dumps(
        {key: list(value) if isinstance(value, tuple) else value for key, value in answers.items()},
        sort_keys=True,
        ensure_ascii=True,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]
    return f"{digest}-{k}@offer-guide"


def documents(outcome: str, answers: Answers, today=None) -> list[dict]:
    dates = check_in_dates(answers)
    if outcome != "follow_up_plan" or dates is None:
        return []
    contact = _name(answers, "contact_name", "[their name]")
    company = _name(answers, "company", "[company]")
    count = len(dates)
    schedule = [
        f"{day} ({date.fromisoformat(day).strftime('%A')}): check-in {k} of {count} "
        f"with {contact} at {company}"
        for k, day in enumerate(dates, start=1)
    ]
    notes = [_note(k, count, answers) for k in range(1, count + 1)]
    events = [
        Event(
            uid=_uid(answers, k),
            day=date.fromisoformat(day),
            summary=f"Check in with {contact} at {company} ({k} of {count})",
            description=note,
        )
        for k, (day, note) in enumerate(zip(dates, notes, strict=True), start=1)
    ]
    documents = [document("schedule", "Check-in schedule", "list", "check-in-schedule.txt",
                           "\n".join(schedule))]  # fmt: skip
    documents += [
        document(f"note_{k}", f"Note for check-in {k} ({day})", "text", f"check-in-{k}.txt", note)
        for k, (day, note) in enumerate(zip(dates, notes, strict=True), start=1)
    ]
    stamp = date.fromisoformat(answers["last_contact"])
    documents.append(
        document(
            "calendar",
            "Check-ins as a calendar",
            "ics",
            "follow-up-plan.ics",
            calendar(events, stamp),
            "text/calendar",
        )  # fmt: skip
    )
    return documents


CODE = QuestionnaireCode(
    reads=("contact_name", "company", "your_name", "accomplishments", "last_contact",
           "cadence_weeks", "check_ins"),
    facts=FACTS,
    documents=documents,
)  # fmt: skip
