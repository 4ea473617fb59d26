"""The follow-up plan: dated check-ins, a different note for each, and the calendar.

Each note has its own job (D1-D4): the first fits where the reader stands
(just declined an offer, still deciding, accepted elsewhere); later ones share
something new, ask about timing, offer help, or just say hello, shorter as
they go. The reader's news is woven into sentences, one item per note.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from ..drafts import document, first_name, sentence_of, working_day
from ..hooks import FactRule, QuestionnaireCode
from ..ics import Event, calendar

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]

WAITING_RHYTHM = (3, 4)  # D3: every three to four weeks while you wait for them
ACCEPTED_RHYTHM = (8, 12)  # E1: every few months once you have accepted another job
# A reminder on the morning of each check-in (all-day events start at midnight).
REMINDER = "PT9H"


def check_in_dates(answers: Answers) -> list[str] | None:
    """Check-in k falls about k * cadence weeks after the last contact, on a working day."""
    try:
        start = date.fromisoformat(answers["last_contact"])
        cadence, count = answers["cadence_weeks"], answers["check_ins"]
    except KeyError:
        return None
    # A weekend or holiday moves to the working day before (never by more
    # than a few days, so the dates stay weeks apart and in order).
    return [working_day(start + timedelta(weeks=k * cadence)).isoformat()
            for k in range(1, count + 1)]  # fmt: skip


def last_check_in(answers: Answers) -> str | None:
    dates = check_in_dates(answers)
    return dates[-1] if dates else None


def rhythm_fits(answers: Answers) -> bool | None:
    """Whether the rhythm suits the situation: 3-4 weeks while waiting, 8-12 once accepted."""
    situation, cadence = answers.get("situation"), answers.get("cadence_weeks")
    if situation is None or cadence is None:
        return None
    return cadence in (ACCEPTED_RHYTHM if situation == "accepted_offer" else WAITING_RHYTHM)


_PLAN = ("last_contact", "cadence_weeks", "check_ins")
FACTS = {
    "check_in_dates": FactRule(check_in_dates, _PLAN),
    "last_check_in": FactRule(last_check_in, _PLAN),
    "rhythm_fits": FactRule(rhythm_fits, ("situation", "cadence_weeks")),
}


# --- the notes ---------------------------------------------------------------------


def _news(answers: Answers) -> list[str]:
    """The reader's news, one sentence per line they typed."""
    text = answers.get("accomplishments") or ""
    return [sentence_of(line) for line in text.splitlines() if line.strip()]


def _every(cadence: int) -> str:
    return "every few weeks" if cadence in WAITING_RHYTHM else "every couple of months"


def _first_note(situation: str, company: str, news: list[str], cadence: int) -> tuple[str, list]:
    """Subject and paragraphs of the first note, by where the reader stands."""
    ask = f"Would it be all right if I checked in {_every(cadence)}?"
    if situation == "declined_offer":
        body = [
            "I wanted to let you know that I have just turned down another job offer. I did "
            f"it because the role at {company} is the one I really want, and I want to stay "
            "available for it.",
            f"I have some news since we last spoke. {news[0]}" if news else None,
            "Is there anything else I could send you that would help?",
            ask,
        ]
        return f"Staying available for {company}", body
    if situation == "still_deciding":
        body = [
            f"Thank you again for our last conversation. {company} is still my first choice.",
            "I have an offer from another company, so it would help me a great deal to know "
            "where things stand and when you expect to decide.",
            f"I also have some news. {news[0]}" if news else None,
            ask,
        ]
        return f"Where things stand at {company}", body
    body = [
        "I wanted to let you know that I have accepted a role elsewhere. "
        f"{company} is still a place I would love to work, and I hope we can stay in touch.",
        f"I have some news since we last spoke. {news[0]}" if news else None,
        f"Would you mind if I sent you a short note {_every(cadence)}?",
    ]
    return "Keeping in touch", body


# Later notes, by job, each with several wordings: with up to 12 check-ins, no
# two notes are ever the same. (subject, paragraph, closing line or None)
_NEWS = (
    ("Some news since my last note", "I wanted to share some news. {news}",
     "I thought it might be useful as you think about the team."),
    ("A quick update", "Here is a quick update from me. {news}",
     "I hope all is well at {company}."),
    ("Something new", "Since I last wrote, I have something new to share. {news}",
     "I would still love to bring it to {company}."),
)  # fmt: skip
_TIMING = (
    ("Any news on the role?", "I hope things are going well. Is there any news on the timing "
     "of the role? I am still very keen, and happy to wait while things settle.", None),
    ("Checking in on timing", "I am writing to ask, lightly, whether the timing of the role is "
     "any clearer. My interest in {company} has not changed.", None),
    ("Still very interested", "A short note to say that I am still very interested in joining "
     "{company}. If the plans have moved on, I would be glad to hear.", None),
    ("Is the role still open?", "Is the role still likely to open? I would be glad of any "
     "news, however small.", None),
)  # fmt: skip
_OPENINGS = (
    ("Hello from me", "I hope all is well. My new role is going well, and {company} is still "
     "a place I would love to work one day.", None),
    ("Any openings coming up?", "If any roles come up at {company} that might suit me, I would "
     "be glad to hear about them.", None),
    ("Staying in touch", "I hope the team has had a good few months. I would still love to "
     "work with you one day.", None),
    ("Thinking of {company}", "I was thinking of {company} this week and wanted to say hello.",
     None),
)  # fmt: skip
_HELP = (
    ("Happy to help", "If it would help, I would be glad to send a sample of my work or talk "
     "through anything in more detail.", None),
    ("Anything I can send?", "Is there anything I could send you, such as references or "
     "examples of my work?", None),
    ("Glad to talk", "If a short call would be useful at any point, I would be glad to make "
     "time.", None),
    ("Here if useful", "I am around if anything about my background would help your "
     "planning.", None),
)  # fmt: skip
_HELLO = (
    ("A short hello", "Just a short hello, and thanks again for keeping me in mind.", None),
    ("Still here", "A brief note to say I am still here and still keen on {company}.", None),
    ("Hello again", "Hello again. Nothing new to ask: I am just keeping in touch.", None),
)  # fmt: skip


def _later_wordings(situation: str, count: int, news: list[str]) -> list[tuple]:
    """(wording, news item or None) for notes 2..count: news every other note while
    there is any, and otherwise timing (or openings), help and hello in turn."""
    waiting = _OPENINGS if situation == "accepted_offer" else _TIMING
    others = [w for trio in zip(waiting, _HELP, _HELLO + (None,), strict=True) for w in trio if w]
    spare = list(news[1:])
    later: list[tuple] = []
    for k in range(2, count + 1):
        if spare and (k % 2 == 0 or not others):
            later.append((_NEWS[len(later) % len(_NEWS)], spare.pop(0)))
        else:
            later.append((others.pop(0), None))
    return later


def _letter(subject: str, hello: str, paragraphs: list, signature: str) -> str:
    lines = [f"Subject: {subject}", "", f"Hi {hello},", ""]
    for paragraph in paragraphs:
        if paragraph:
            lines += [paragraph, ""]
    return "\n".join(lines + ["Best wishes,", signature])


def notes(answers: Answers) -> list[tuple[str, str]]:
    """(subject, note) for each check-in, no two alike."""
    company = answers.get("company") or "[company]"
    hello = first_name(answers.get("contact_name")) or "[their first name]"
    signature = answers.get("your_name") or "[your name]"
    situation = answers.get("situation", "declined_offer")
    cadence, count = answers["cadence_weeks"], answers["check_ins"]
    news = _news(answers)
    subject, body = _first_note(situation, company, news, cadence)
    made = [(subject, _letter(subject, hello, body, signature))]
    for (title, text, close), item in _later_wordings(situation, count, news):
        subject = title.format(company=company)
        paragraphs = [text.format(company=company, news=item or ""),
                      close.format(company=company) if close else None]  # fmt: skip
        made.append((subject, _letter(subject, hello, paragraphs, signature)))
    return made


def _uid(answers: Answers, k: int) -> str:
    """Stable per plan: the same contact and company give the same UIDs, whatever else
    changes, so importing an updated plan updates its events instead of adding copies."""
    who = f"{answers.get('contact_name', '')}\n{answers.get('company', '')}".casefold()
    digest = hashlib.sha256(who.encode("utf-8")).hexdigest()[:16]
    return f"check-in-{k}-{digest}@offer-guide"


def documents(outcome: str, answers: Answers, today: date | None = None) -> list[dict]:
    dates = check_in_dates(answers)
    if outcome != "follow_up_plan" or dates is None:
        return []
    contact = answers.get("contact_name") or "[their name]"
    company = answers.get("company") or "[company]"
    written = notes(answers)
    schedule = [
        f"{day} ({date.fromisoformat(day).strftime('%A')}): check in with {contact} at {company}"
        f" ({subject})"
        for day, (subject, _) in zip(dates, written, strict=True)
    ]
    events = [
        Event(
            uid=_uid(answers, k),
            day=date.fromisoformat(day),
            summary=f"Check in with {contact} at {company}",
            description=note,
            reminder=REMINDER,
        )  # fmt: skip
        for k, (day, (_, note)) in enumerate(zip(dates, written, strict=True), start=1)
    ]
    made = [document("schedule", "Check-in schedule", "list", "check-in-schedule.txt",
                     "\n".join(schedule))]  # fmt: skip
    made += [
        document(f"note_{k}", f"Note for check-in {k} ({day})", "text", f"check-in-{k}.txt", note)
        for k, (day, (_, note)) in enumerate(zip(dates, written, strict=True), start=1)
    ]
    stamp = date.fromisoformat(answers["last_contact"])
    made.append(document("calendar", "Check-ins as a calendar", "ics", "follow-up-plan.ics",
                         calendar(events, stamp), "text/calendar"))  # fmt: skip
    return made


CODE = QuestionnaireCode(
    reads=("contact_name", "company", "your_name", "accomplishments", "last_contact",
           "cadence_weeks", "check_ins", "situation"),
    facts=FACTS,
    documents=documents,
)  # fmt: skip
