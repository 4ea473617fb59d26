"""The follow-up plan: dated check-ins, a different note for each, and the calendar.

When the reader has just declined an offer or accepted another job, the first
note says so at once (D1, E1: tell them, don't go quiet) and the rhythm runs
from it. While still deciding, the note asking where things stand goes before
the offer's deadline. Every later note has a job that fits the situation and
the contact (timing, interest, help while waiting; news and openings once
settled elsewhere), carries one piece of the reader's news or a `[what's new]`
gap to fill, and asks, in its own words, whether keeping in touch is still
welcome (D2-D4). No date falls on a weekend or a holiday of drafts.HOLIDAYS.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from ..drafts import document, first_name, long_date_near, sentence_of, working_day
from ..ics import Event, calendar, event_uid
from ..questionnaire_code import FactRule, QuestionnaireCode

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]

WAITING_RHYTHM = (3, 4)  # D3: every three to four weeks while you wait for them
ACCEPTED_RHYTHM = (8, 12)  # E1: every few months once you have accepted another job
# Situations whose first note announces what just happened, so it goes today.
ANNOUNCED = ("declined_offer", "accepted_offer")
# The note asking where things stand leaves them a week to answer before the
# offer's deadline, where the deadline allows it.
NOTICE_DAYS = 7
# A reminder on the morning of each check-in (all-day events start at midnight).
REMINDER = "PT9H"
# Where a note needs news the reader has not (or no longer) given.
WHATS_NEW = "[what's new]"


def check_in_dates(answers: Answers, today: date | None = None) -> list[date] | None:
    """The date of each note, on working days, in order.

    The plan counts from the reader's today; without one (the command line),
    from the last contact. An announcement goes on that day (or the next
    working day); a "where things stand" note one rhythm after the last
    contact, but never later than a week before the offer's deadline. Later
    notes follow the rhythm from the first, each moved to the working day
    before when it lands on a weekend or holiday.
    """
    try:
        last = date.fromisoformat(answers["last_contact"])
        cadence, count, situation = answers["cadence_weeks"], answers["check_ins"], answers[
            "situation"]  # fmt: skip
    except KeyError:
        return None
    start = today or last
    if situation in ANNOUNCED:
        first = start
    else:
        first = max(last + timedelta(weeks=cadence), start)
        deadline = answers.get("offer_deadline_days")
        if deadline is not None:
            first = min(first, start + timedelta(days=max(0, deadline - NOTICE_DAYS)))
    first = working_day(first, not_before=start)
    # Moving back a few days at most keeps the notes weeks apart and in order.
    return [first] + [working_day(first + timedelta(weeks=k * cadence)) for k in range(1, count)]


def rhythm_fits(answers: Answers) -> bool | None:
    """Whether the rhythm suits the situation: 3-4 weeks while waiting, 8-12 once accepted."""
    situation, cadence = answers.get("situation"), answers.get("cadence_weeks")
    if situation is None or cadence is None:
        return None
    return cadence in (ACCEPTED_RHYTHM if situation == "accepted_offer" else WAITING_RHYTHM)


def _news(answers: Answers) -> list[str]:
    """The reader's news, one sentence per line they typed."""
    text = answers.get("accomplishments") or ""
    return [sentence_of(line) for line in text.splitlines() if line.strip()]


def first_gap(answers: Answers) -> int | None:
    """The first note with a [what's new] gap (None: every later note has news).

    The first note carries the first item, if any; each later note one more.
    """
    count = answers.get("check_ins")
    if count is None or count < 2:
        return None
    gap = max(2, len(_news(answers)) + 1)
    return gap if gap <= count else None


FACTS = {
    "rhythm_fits": FactRule(rhythm_fits, ("situation", "cadence_weeks")),
    "first_gap_note": FactRule(first_gap, ("accomplishments", "check_ins")),
}


def note_span(answers: Answers, today: date | None) -> str:
    """The plan's dates in words: "4 notes on working days, from Friday 4 December to …"."""
    dates = check_in_dates(answers, today)
    if not dates:
        return "your notes"
    start = today or date.fromisoformat(answers["last_contact"])
    first, last = long_date_near(dates[0], start), long_date_near(dates[-1], start)
    return (
        f"one note, on {first}"
        if len(dates) == 1
        else f"{len(dates)} notes on working days, from {first} to {last}"
    )


# Words the definition's texts use as {name}: the dates need the reader's today.
PHRASES = {"note_span": note_span}


# --- the notes ---------------------------------------------------------------------

# How often, as a note says it, by rhythm in weeks.
EVERY = {3: "every few weeks", 4: "every few weeks", 8: "every couple of months",
         12: "every few months"}  # fmt: skip
AGAIN = {3: "in a few weeks", 4: "in a few weeks", 8: "in a couple of months",
         12: "in a few months"}  # fmt: skip

# Each later note asks, in its own words, whether keeping in touch is still
# welcome (D3): one question per note, never the same twice in a plan.
ASK_AGAIN = (
    "Is it still all right if I keep in touch now and then?",
    "Are you still happy for me to check in from time to time?",
    "Is it still fine for me to drop you a line like this?",
    "Are these notes still welcome, or would you rather I wrote less often?",
    "Would it still be all right to write again {again}?",
    "Do you still welcome a short note like this now and then?",
    "Shall I keep checking in, or would you rather I waited to hear from you?",
    "Is staying in touch like this still fine with you?",
    "Are you still comfortable with me checking in now and then?",
    "May I keep in touch like this, or is there a better way?",
    "Is it still helpful to hear from me once in a while?",
)

# The first note by situation: (subject, paragraphs). {anything} is the D2
# offer of anything else they need, by contact; {ask} asks about checking in.
FIRST = {
    "declined_offer": ("Staying available for {company}", (
        "I wanted to let you know that I have just turned down another job offer. I did it "
        "because the role at {company} is the one I really want, and I want to stay available "
        "for it.",
        "{news}",
        "{anything} {ask}",
    )),
    "still_deciding": ("Where things stand at {company}", (
        "Thank you again for our last conversation. {company} is still my first choice.",
        "{deadline}",
        "{news}",
        "{anything} {ask}",
    )),
    "accepted_offer": ("Keeping in touch with {company}", (
        "I wanted to let you know{myself} that I have accepted a role elsewhere. {thanks}"
        "{company} is still a place I would love to work, and I hope we can stay in touch.",
        "{news}",
        "{ask}",
    )),
}  # fmt: skip
ANYTHING = {
    None: "Is there anything else I could send you that would help?",
    "recruiter": "Is there anything else the hiring team needs from me?",
    "hiring_manager": "Is there anything else I could send you, such as examples of my work?",
    "senior_leader": "If anything else would help, I would be glad to provide it.",
}
FIRST_ASK = {
    "declined_offer": "Would it be all right if I checked in {every}?",
    "still_deciding": "Whatever happens, may I keep in touch {every}?",
    "accepted_offer": "Would you mind if I sent you a short note {every}?",
}
THANKS = {  # after accepting elsewhere, thanks for the process, by contact
    None: "Thank you for your time during the process. ",
    "recruiter": "Thank you for all your help during the process. ",
    "hiring_manager": "Thank you for the time you and the team gave me. ",
    "senior_leader": "Thank you for the time you gave me. ",
}

# Later notes, one per check-in after the first, in order: (subject, opening
# line or None, how the news is introduced, the note's job). A job is a text,
# or a text per contact role (None: no role given). A senior leader's notes
# skip the opening line where the job carries the note.
_TIMING_1 = {
    None: "Is there any news on the timing of the role?",
    "recruiter": "Has the hiring team said when they expect to decide?",
    "hiring_manager": "Is the timing of the role any clearer on your side?",
    "senior_leader": "If the plans for the role have moved on, I would be glad to hear.",
}
_TIMING_2 = {
    None: "Is the role still likely to open soon?",
    "recruiter": "Is there any word from the hiring team on the role?",
    "hiring_manager": "Have your plans for the team moved on at all?",
    "senior_leader": "I would be glad of any news on the role, however brief.",
}
_TIMING_3 = {
    None: "Do you have a sense yet of when a decision might come?",
    "recruiter": "Do you know yet when the hiring team will decide?",
    "hiring_manager": "Do you have a sense yet of when you might be ready to hire?",
    "senior_leader": "If you know roughly when the decision will come, I would be glad to hear.",
}
_HELP_1 = {
    None: "If it would help, I would be glad to send anything you need from me.",
    "recruiter": "If the hiring team would like references or anything else from me, "
    "I can send it straight away.",
    "hiring_manager": "If it would help, I would be glad to send a sample of my work or "
    "talk anything through.",
    "senior_leader": "If a short call would ever be useful, I would be glad to make time.",
}
_HELP_2 = {
    None: "Is there anything I could send you that would help, such as references?",
    "recruiter": "Is there anything the hiring team would like to see from me?",
    "hiring_manager": "Would it help to see an example of my recent work?",
    "senior_leader": "If it would help your planning, I am happy to share more about "
    "my background.",
}
_HELP_3 = {
    None: "If a short call would be useful at any point, I would be glad to make time.",
    "recruiter": "If a call with me would help the hiring team, I would be glad to make time.",
    "hiring_manager": "If a short call would be useful at any point, I would be glad to make time.",
    "senior_leader": "If it would help to meet the team at some point, I would be glad to.",
}
WAITING_NOTES = (
    ("A quick update", "I hope the last few weeks have gone well.",
     "Here is a quick update from me.",
     "I am still very keen on the role, and {company} is still my first choice."),
    ("Any news on timing?", None, "I have some news since my last note.", _TIMING_1),
    ("Happy to help", "I hope all is well at {company}.",
     "There is something new I wanted to share.", _HELP_1),
    ("Still interested in {company}", "A short note to say that I am still very interested in "
     "joining {company}.", "There is some news from me too.", None),
    ("Checking in on timing", None, "A small update first.", _TIMING_2),
    ("Anything I can send?", "I hope the team is doing well.",
     "I have been busy since my last note.", _HELP_2),
    ("Some news from me", None, "I wanted to share some news.",
     "My interest in {company} has not changed."),
    ("A question about timing", "I hope the last month has been a good one.",
     "Here is what is new with me.", _TIMING_3),
    ("Glad to talk", None, "A quick piece of news first.", _HELP_3),
    ("Still keen", "Another short note from me.", "Since my last note, I have something new to "
     "share.", "The role at {company} is still the one I would most like."),
    ("Any news on the role?", "I hope things are going well.", "One more update from me.",
     "Is there any news on the role, however small?"),
)  # fmt: skip
_OPENINGS_1 = {
    None: "If a role comes up at {company} that might suit me, I would be glad to hear about it.",
    "hiring_manager": "If your team grows or a role opens up, I would love to hear about it.",
    "senior_leader": "If {company}'s plans ever open a role that fits me, I would be glad to talk.",
}
_OPENINGS_2 = {
    None: "If anything opens up that might suit me, I would be glad to hear.",
    "hiring_manager": "If your team is ever hiring for a role like mine, I would love to hear.",
    "senior_leader": "If the timing is ever right for a role like mine, I would be glad to talk.",
}
_OPENINGS_3 = {
    None: "Do keep me in mind if a suitable role comes up.",
    "hiring_manager": "Do keep me in mind if your team grows.",
    "senior_leader": "Do keep me in mind if your plans change.",
}
ACCEPTED_NOTES = (
    ("A quick update", "I hope all is well at {company}.", "Here is a quick update from me.",
     _OPENINGS_1),
    ("Hello from me", "It has been a while since my last note, so I wanted to say hello.",
     "Here is what I have been up to.",
     "{company} is still a place I would love to work one day."),
    ("Thinking of {company}", "I was thinking of {company} this week and wanted to say hello.",
     "A small piece of news from me.", _OPENINGS_2),
    ("Staying in touch", "I hope the team is doing well.", "Here is what is new with me.",
     "I still enjoy following the news from {company}."),
    ("Some news from me", None, "I wanted to share some news.", _OPENINGS_3),
    ("Another quick hello", "Another quick hello from me.",
     "Since my last note, I have something new to share.",
     {None: "I would still love to work with you one day.",
      "recruiter": "I would still love to work at {company} one day.",
      "senior_leader": "I would still love to work at {company} one day."}),
    ("Still following {company}", None, "A quick piece of news first.",
     "If a role like the one we discussed comes up again, I would be glad to hear."),
    ("A short update", "I hope the year is going well for you.", "Here is a short update.",
     "{company} is still high on my list."),
    ("Hello again", None, "One more piece of news from me.",
     "If there is ever a role at {company} that fits my experience, please think of me."),
    ("News since my last note", "I hope all is well with you and the team.",
     "I have some news since my last note.", None),
    ("One more hello", "A short note to keep in touch.", "Here is my latest news.",
     "If anything opens up at {company}, I would love to hear."),
)  # fmt: skip


def _for_role(text: str | dict | None, role: str | None) -> str | None:
    if isinstance(text, dict):
        return text.get(role, text[None])
    return text


def _letter(subject: str, hello: str, paragraphs: list, signature: str) -> str:
    lines = [f"Subject: {subject}", "", f"Hi {hello},", ""]
    for paragraph in paragraphs:
        if paragraph:
            lines += [paragraph, ""]
    return "\n".join(lines + ["Best wishes,", signature])


def _deadline_line(answers: Answers, day: date, today: date | None) -> str:
    """What the "where things stand" note says about the other offer."""
    days = answers.get("offer_deadline_days")
    if days is None or today is None:
        return ("I have an offer from another company, so it would help me a great deal to know "
                "where things stand and when you expect to decide.")  # fmt: skip
    deadline = today + timedelta(days=days)
    by = "by the end of today" if deadline <= day else f"by {long_date_near(deadline, day)}"
    return (f"I have an offer from another company, and I need to give them my answer {by}. "
            "It would help me a great deal to know where things stand, and when you expect to "
            "decide.")  # fmt: skip


def notes(answers: Answers, dates: list[date], today: date | None = None) -> list[tuple]:
    """(subject, note) for each check-in, no two alike."""
    company = answers.get("company") or "[company]"
    hello = first_name(answers.get("contact_name")) or "[their first name]"
    signature = answers.get("your_name") or "[your name]"
    situation, role = answers["situation"], answers.get("contact_role")
    cadence = answers["cadence_weeks"]
    news = _news(answers)
    words = {"company": company, "every": EVERY[cadence], "again": AGAIN[cadence]}
    subject, paragraphs = FIRST[situation]
    fill = {
        **words,
        "news": f"I also have some news since we last spoke. {news[0]}" if news else "",
        "anything": ANYTHING[role],
        "ask": FIRST_ASK[situation].format(**words),
        "deadline": _deadline_line(answers, dates[0], today),
        "myself": " myself" if role == "senior_leader" else "",
        "thanks": THANKS[role],
    }
    subject = subject.format(**words)
    made = [(subject, _letter(subject, hello, [p.format(**fill).strip() for p in paragraphs],
                              signature))]  # fmt: skip
    later = ACCEPTED_NOTES if situation == "accepted_offer" else WAITING_NOTES
    for k, (title, opening, lead, job) in enumerate(later[: len(dates) - 1]):
        item = news[k + 1] if k + 1 < len(news) else WHATS_NEW
        if role == "senior_leader" and job:
            opening = None  # a senior leader's note stays short: its job and the news
        job_text = _for_role(job, role)
        paragraphs = [
            # The reader's news goes in as it is, never as a template: "{" is only text.
            " ".join(
                part
                for part in (
                    opening and opening.format(**words),
                    lead and lead.format(**words),
                    item,
                )
                if part
            ),
            " ".join(part for part in (job_text, ASK_AGAIN[k]) if part).format(**words),
        ]
        subject = title.format(**words)
        made.append((subject, _letter(subject, hello, paragraphs, signature)))
    return made


def check_in_key(answers: Answers, k: int) -> str:
    """The event key of check-in k, stable per plan: the same contact and company give
    the same keys whatever else changes, so importing an updated plan (here or in My
    plan) updates its events instead of adding copies."""
    who = f"{answers.get('contact_name', '')}\n{answers.get('company', '')}".casefold()
    digest = hashlib.sha256(who.encode("utf-8")).hexdigest()[:16]
    return f"check-in-{k}-{digest}"


def documents(outcome: str, answers: Answers, today: date | None = None) -> list[dict]:
    dates = check_in_dates(answers, today)
    if outcome != "follow_up_plan" or dates is None:
        return []
    contact = answers.get("contact_name") or "[their name]"
    company = answers.get("company") or "[company]"
    start = today or date.fromisoformat(answers["last_contact"])
    written = notes(answers, dates, today)
    said = [long_date_near(day, start) for day in dates]
    schedule = [f"{when}: check in with {contact} at {company} ({subject})"
                for when, (subject, _) in zip(said, written, strict=True)]  # fmt: skip
    made = [document("schedule", "Check-in schedule", "list", "check-in-schedule.txt",
                     "\n".join(schedule))]  # fmt: skip
    events = []
    for k, (day, when, (subject, note)) in enumerate(zip(dates, said, written, strict=True),
                                                     start=1):  # fmt: skip
        event = Event(uid=event_uid(check_in_key(answers, k)), day=day, description=note,
                      summary=f"Check in with {contact} at {company}: {subject}",
                      reminder=REMINDER)  # fmt: skip
        events.append(event)
        title = f"Note for {when}" if k > 1 else f"First note, for {when}"
        # The note names its event, so My plan dates, titles and keys its step exactly
        # as this plan's calendar does: one event, one UID, in both files.
        made.append({**document(f"note_{k}", title, "text", f"check-in-{k}.txt", note),
                     "event": {"key": check_in_key(answers, k), "date": day.isoformat(),
                               "summary": event.summary}})  # fmt: skip
    made.append(document("calendar", "Check-ins as a calendar", "ics", "follow-up-plan.ics",
                         calendar(events, start), "text/calendar"))  # fmt: skip
    return made


CODE = QuestionnaireCode(
    reads=("contact_name", "company", "your_name", "accomplishments", "last_contact",
           "cadence_weeks", "check_ins", "situation", "contact_role", "offer_deadline_days"),
    facts=FACTS,
    documents=documents,
    phrases=PHRASES,
    gives_dates="your check-ins",
)  # fmt: skip
