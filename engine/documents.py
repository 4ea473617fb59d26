"""Plain-text drafts and the follow-up calendar built from a reader's answers.

Free text goes in as plain text only: no markup is ever produced from it, and
the answer checks have already bounded its length and removed control
characters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .facts import check_in_dates
from .ics import Event, calendar

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]


TEXT = "text/plain"


def _document(doc_id: str, title: str, kind: str, filename: str | None, content: str,
              media_type: str = TEXT) -> dict:  # fmt: skip
    return {
        "id": doc_id,
        "title": title,
        "kind": kind,
        "filename": filename,
        "media_type": media_type,
        "content": content,
    }


def _name(answers: Answers, key: str, blank: str) -> str:
    return answers.get(key) or blank


# --- decline-plan ----------------------------------------------------------------

# The honest reason (C2) in the reader's voice, completing "I am declining because ...".
DECLINE_REASONS = {
    "role_scope": "the role as it stands is not the work I most want to do",
    "pay": "the pay and benefits do not meet what I need",
    "growth": "I do not see the room to grow that I am looking for",
    "location": "the location or working arrangements do not work for me",
    "culture": "I am not sure the way of working there suits me",
    "other_offer": "I am pursuing another opportunity that fits my goals more closely",
    "timing": "the timing is not right for me",
    "other": "of personal reasons I would like to explain in person",
}


def decline_plan(outcome: str, answers: Answers) -> list[dict]:
    contact = _name(answers, "contact_name", "[their name]")
    company = _name(answers, "company", "[company]")
    signature = _name(answers, "your_name", "[your name]")
    role = f"the {answers['role_title']} role" if "role_title" in answers else "the role"
    reason = DECLINE_REASONS.get(answers.get("honest_reason", ""), "[your honest reason]")
    keep_open = outcome == "request_conversation"

    points = [
        f"Thank {contact} for the offer of {role} and for their time.",
        f"Say honestly why you are declining: {reason}.",
    ]
    if "reason_detail" in answers:
        points.append(f"In your own words: {answers['reason_detail']}")
    if "would_make_right" in answers:
        points.append(f"Say what would make a role right for you: {answers['would_make_right']}")
    else:
        points.append("Say what would make a role right for you: the work, the scope, the terms.")
    points.append("Ask whether the role could change, or whether another opening might fit.")
    if keep_open:
        points.append("Ask to stay in touch, so they think of you when a better fit comes up.")
    else:
        points.append("Close warmly: people move on, and you may cross paths again.")

    recruiter = answers.get("contact_role") == "recruiter"
    ask = (
        "Before I reply formally, I would value a short conversation (15 minutes by phone "
        "or video) to explain my reasons honestly and to hear your thoughts."
    )
    if recruiter:
        ask += " If possible, I would also like to speak with the hiring manager."
    request = "\n".join(
        [
            f"Subject: {role[0].upper() + role[1:]} at {company}",
            "",
            f"Dear {contact},",
            "",
            f"Thank you for offering me {role} at {company}. I have thought it over "
            "carefully, and I have decided not to accept it as it stands.",
            "",
            ask,
            "Would you have time this week or next?",
            "",
            "Kind regards,",
            signature,
        ]
    )

    thanks = [
        f"Dear {contact},",
        "",
        f"Thank you for taking the time to talk with me about {role}. I appreciated "
        f"your openness, and I hope I was as open about my reasons: {reason}.",
    ]
    if "would_make_right" in answers:
        thanks += ["", f"As I said, what would make a role right for me: "
                   f"{answers['would_make_right']}"]  # fmt: skip
    if keep_open:
        thanks += ["", f"I would be glad to hear from you if something closer to that comes up "
                   f"at {company}, and I hope we stay in touch."]  # fmt: skip
    else:
        thanks += ["", f"I wish you and everyone at {company} well."]
    thanks += ["", "Best wishes,", signature]

    return [
        _document(
            "talking_points",
            "Talking points for the conversation",
            "list",
            "talking-points.txt",
            "\n".join(points),
        ),  # fmt: skip
        _document(
            "request_message",
            "Message asking for a conversation",
            "text",
            "request-message.txt",
            request,
        ),  # fmt: skip
        _document(
            "thank_you_note",
            "Thank-you note after the conversation",
            "text",
            "thank-you-note.txt",
            "\n".join(thanks),
        ),  # fmt: skip
    ]


# --- follow-up-plan --------------------------------------------------------------


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


def follow_up_plan(outcome: str, answers: Answers) -> list[dict]:
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
    documents = [_document("schedule", "Check-in schedule", "list", "check-in-schedule.txt",
                           "\n".join(schedule))]  # fmt: skip
    documents += [
        _document(f"note_{k}", f"Note for check-in {k} ({day})", "text", f"check-in-{k}.txt", note)
        for k, (day, note) in enumerate(zip(dates, notes, strict=True), start=1)
    ]
    stamp = date.fromisoformat(answers["last_contact"])
    documents.append(
        _document(
            "calendar",
            "Check-ins as a calendar",
            "ics",
            "follow-up-plan.ics",
            calendar(events, stamp),
            "text/calendar",
        )  # fmt: skip
    )
    return documents


DOCUMENTS: dict[str, Callable[[str, Answers], list[dict]]] = {
    "decline-plan": decline_plan,
    "follow-up-plan": follow_up_plan,
}
