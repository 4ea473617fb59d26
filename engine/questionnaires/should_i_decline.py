"""The triage's facts and drafts: can you go without the offer, and does its deadline come first?"""

from __future__ import annotations

import math
from datetime import date, timedelta

from ..drafts import document, first_name, long_date, working_day
from ..questionnaire_code import FactRule, QuestionnaireCode
from ..runway import SEARCH_MONTHS, longest_wait_weeks, months_needed, weeks_to_months

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]

# Without a date from the first choice, assume about a quarter (13 weeks):
# long enough to be cautious, and the result says it is an assumption.
ASSUMED_DECISION_WEEKS = 13
# F3: a restructuring tends to stretch the wait, so it counts double.
RESTRUCTURING_WAIT_FACTOR = 2
RESTRUCTURING = ("yes_guaranteed", "yes_no_guarantee")
# B1: employers often grant a few days, sometimes two weeks; more is rarely given.
MAX_EXTRA_DAYS = 14
# Ask for time until a couple of days after the first choice's expected
# answer, so there is room to answer the offer once you know.
DAYS_AFTER_THEIR_ANSWER = 2


def _stretch(answers: Answers) -> int:
    return RESTRUCTURING_WAIT_FACTOR if answers.get("restructuring") in RESTRUCTURING else 1


def _search(answers: Answers) -> float:
    return answers.get("search_months", SEARCH_MONTHS)


def wait_months(answers: Answers) -> int:
    weeks = answers.get("decision_weeks", ASSUMED_DECISION_WEEKS)
    return weeks_to_months(weeks * _stretch(answers))


def runway_needed_months(answers: Answers) -> int:
    return months_needed(wait_months(answers), _search(answers))


def covers_wait(answers: Answers) -> bool | None:
    runway = answers.get("runway_months")
    return None if runway is None else runway >= runway_needed_months(answers)


def can_go_without_offer(answers: Answers) -> bool | None:
    """A job you can keep pays the bills while you wait; otherwise the runway must."""
    job = answers.get("current_job")
    if job is None:
        return None
    return True if job == "yes" else covers_wait(answers)


def _guesses_date(answers: Answers) -> bool:
    """Whether the answer date is a guess the reader could still replace.

    A reader who says they do not know has answered: the 13 weeks are then the
    result's stated assumption, not a gap to fill.
    """
    return "decision_weeks" not in answers and "decision_unknown" not in answers


def _assumes_wait(answers) -> tuple[str, ...]:
    # Only a reader without a job to keep depends on how long the wait is.
    if answers.get("current_job") == "yes" or not _guesses_date(answers):
        return ()
    return ("decision_weeks",)


def weeks_covered(answers: Answers) -> int | None:
    runway = answers.get("runway_months")
    if runway is None:
        return None
    return longest_wait_weeks(runway, _stretch(answers), _search(answers))


def answer_days(answers: Answers) -> int:
    """Days until the first choice expects to answer (13 weeks when unknown), rounded up."""
    return math.ceil(answers.get("decision_weeks", ASSUMED_DECISION_WEEKS) * 7)


def days_to_hear(answers: Answers) -> int | None:
    """Their answer in days, when they gave a date an extension could plausibly reach."""
    deadline = answers.get("offer_deadline_days")
    if deadline is None or "decision_weeks" not in answers:
        return None
    days = answer_days(answers)
    return days if days < deadline + MAX_EXTRA_DAYS else None


def deadline_before_answer(answers: Answers) -> bool:
    # No deadline means none to beat.
    deadline = answers.get("offer_deadline_days")
    return deadline is not None and deadline < answer_days(answers)


def answer_by_deadline(answers: Answers) -> bool:
    """Whether the first choice expects to answer on or before the offer's deadline."""
    deadline = answers.get("offer_deadline_days")
    return deadline is not None and answer_days(answers) <= deadline


def extension_reaches_answer(answers: Answers) -> bool:
    """Whether a plausible extension (two weeks at most) reaches a day past their expected answer.

    The day after leaves room to reply to the offer once they have answered.
    """
    deadline = answers.get("offer_deadline_days")
    days = answer_days(answers)
    return deadline is not None and deadline < days < deadline + MAX_EXTRA_DAYS


def _compared(answers: Answers, verdict: str) -> bool | None:
    job = answers.get("current_job")
    if job is None:
        return None
    # Only a job the reader can keep is weighed against the offer.
    return job == "yes" and answers.get("offer_vs_job") == verdict


def offer_beats_job(answers: Answers) -> bool | None:
    return _compared(answers, "better")


def job_beats_offer(answers: Answers) -> bool | None:
    return _compared(answers, "worse")


def deadline_weeks(answers: Answers) -> int | None:
    """The longest wait, in whole weeks, that ends by the offer's deadline."""
    deadline = answers.get("offer_deadline_days")
    return None if deadline is None else deadline // 7


def ask_until_days(answers: Answers) -> int | None:
    """How many days from today to ask for: just past their answer, at most two weeks more."""
    deadline = answers.get("offer_deadline_days")
    if deadline is None:
        return None
    return min(answer_days(answers) + DAYS_AFTER_THEIR_ANSWER, deadline + MAX_EXTRA_DAYS)


def extra_days(answers: Answers) -> int | None:
    until = ask_until_days(answers)
    return None if until is None else until - answers["offer_deadline_days"]


def _assumes_answer_date(answers) -> tuple[str, ...]:
    # Without a deadline there is nothing to compare the answer date with.
    if "offer_deadline_days" not in answers or not _guesses_date(answers):
        return ()
    return ("decision_weeks",)


_WAIT = ("decision_weeks", "decision_unknown", "restructuring", "search_months")
_DATES = ("offer_deadline_days", "decision_weeks", "decision_unknown")
FACTS = {
    "runway_needed_months": FactRule(runway_needed_months, _WAIT, _assumes_wait),
    "covers_wait": FactRule(covers_wait, ("runway_months", *_WAIT), _assumes_wait),
    "can_go_without_offer": FactRule(
        can_go_without_offer, ("current_job", "runway_months", *_WAIT), _assumes_wait
    ),
    "weeks_covered": FactRule(weeks_covered, ("runway_months", "restructuring", "search_months")),
    "answer_days": FactRule(answer_days, ("decision_weeks",)),
    "days_to_hear": FactRule(days_to_hear, ("offer_deadline_days", "decision_weeks")),
    "deadline_before_answer": FactRule(deadline_before_answer, _DATES, _assumes_answer_date),
    "answer_by_deadline": FactRule(answer_by_deadline, _DATES, _assumes_answer_date),
    "extension_reaches_answer": FactRule(extension_reaches_answer, _DATES, _assumes_answer_date),
    "offer_beats_job": FactRule(offer_beats_job, ("current_job", "offer_vs_job")),
    "job_beats_offer": FactRule(job_beats_offer, ("current_job", "offer_vs_job")),
    "deadline_weeks": FactRule(deadline_weeks, ("offer_deadline_days",)),
    "ask_until_days": FactRule(ask_until_days, ("offer_deadline_days", "decision_weeks")),
    "extra_days": FactRule(extra_days, ("offer_deadline_days", "decision_weeks")),
}


# --- dates in words -------------------------------------------------------------


def _by(today: date | None, days: int, about: bool = False) -> str:
    """When, as a reader says it: "today", "by Friday 11 December", "within about 28 days"."""
    if days == 0:
        return "today"
    if today is None:
        if days == 1:
            return "by tomorrow"
        return f"within about {days} days" if about else f"within {days} days"
    day = today + timedelta(days=days)
    words = long_date(day)
    if days == 1:
        words = f"tomorrow, {words}"
    elif days > 300:
        words = f"{words} {day.year}"  # far enough ahead to be mistaken for this year
    return f"by about {words}" if about else f"by {words}"


def deadline_by(answers: Answers, today: date | None) -> str:
    deadline = answers.get("offer_deadline_days")
    return "with no deadline" if deadline is None else _by(today, deadline)


def answer_by(answers: Answers, today: date | None) -> str:
    return _by(today, answer_days(answers), about=True)


def check_day(answers: Answers, today: date) -> date:
    """When to ask the employer for time if the first choice is silent: their date, or the
    working day before the deadline when their date is the deadline itself."""
    deadline, days = answers["offer_deadline_days"], answer_days(answers)
    if days < deadline or deadline == 0:
        return today + timedelta(days=min(days, deadline))
    return working_day(today + timedelta(days=deadline - 1), not_before=today)


def check_by(answers: Answers, today: date | None) -> str:
    if answers.get("offer_deadline_days") is None:
        return "soon"
    if today is None:
        days, deadline = answer_days(answers), answers["offer_deadline_days"]
        if days < deadline or deadline == 0:
            return _by(None, min(days, deadline))
        return "by the day before your deadline"
    return _by(today, (check_day(answers, today) - today).days)


def ask_day(answers: Answers, today: date) -> date:
    """The working day to ask to answer by: after their answer and the deadline, near `until`."""
    deadline, until = answers["offer_deadline_days"], ask_until_days(answers)
    after = today + timedelta(days=max(deadline, answer_days(answers)) + 1)
    return working_day(max(today + timedelta(days=until), after), not_before=after)


def ask_by(answers: Answers, today: date | None) -> str:
    if answers.get("offer_deadline_days") is None:
        return "soon"
    if today is None:
        return f"{extra_days(answers)} days after the deadline"
    return _by(today, (ask_day(answers, today) - today).days)


PHRASES = {
    "deadline_by": deadline_by,
    "answer_by": answer_by,
    "ask_by": ask_by,
    "check_by": check_by,
}


# --- drafts: more time from the employer, and the deadline for the first choice ----

IN_PLAY = ("interviewing", "finalist", "strong_maybe")


def _ask_offer_for_time(answers: Answers, today: date | None) -> dict:
    hello = first_name(answers.get("offer_contact")) or "[their first name]"
    stage = "final stage" if answers.get("first_choice_stage") == "finalist" else "last steps"
    known = "decision_weeks" in answers
    when = _by(today, answer_days(answers)) if known else "soon"
    hear = f"I expect to hear {when}"
    if today is None:
        ask = f"Would it be possible to have {extra_days(answers)} more days to give you my answer?"
    else:
        deadline = deadline_by(answers, today)
        instead = "rather than today" if deadline == "today" else f"rather than {deadline}"
        ask = f"Would it be possible to give you my answer {ask_by(answers, today)}, {instead}?"
    name = answers.get("your_name")
    note = "\n".join([
        "Subject: A little more time to reply to your offer",
        "",
        f"Hi {hello},",
        "",
        "Thank you again for the offer. I am very glad to have it, and I want to give it "
        "the careful thought it deserves.",
        "",
        f"To be open with you, I am also at the {stage} of another process, and {hear}. "
        "I would like to make my choice with the full picture, so that I can commit to it fully.",
        "",
        ask,
        "",
        "Best wishes,",
        first_name(name) if name else "[your name]",
    ])  # fmt: skip
    return document("ask_offer_for_time", "Message asking the employer for a little more time",
                    "text", "ask-for-more-time.txt", note)  # fmt: skip


def _ask_first_choice(outcome: str, answers: Answers, today: date | None) -> dict:
    hello = first_name(answers.get("first_choice_contact")) or "[their first name]"
    reply = deadline_by(answers, today)
    known = "decision_weeks" in answers
    if outcome == "hear_them_first":
        title = "Message telling your first choice about your deadline"
        middle = [
            f"Do you still expect to decide {_by(today, answer_days(answers))}? If it looks like "
            "slipping, it would help me a great deal to know, so that I can answer the other "
            "company fairly.",
        ]
    else:
        title = "Message asking your first choice where you stand"
        middle = []
        if outcome == "ask_for_time":
            middle.append(f"I have asked them whether I may answer {ask_by(answers, today)}, "
                          "but I cannot be sure they will agree.")  # fmt: skip
        if known:
            middle.append(f"I understand you expect to decide {answer_by(answers, today)}. Could "
                          f"you tell me where I stand, and whether an answer {reply} is "
                          "possible?")  # fmt: skip
        else:
            middle.append("Could you tell me where I stand, and when you expect to decide?")
    note = "\n".join([
        "Subject: Timing of my application",
        "",
        f"Hi {hello},",
        "",
        f"I have received an offer from another company, and I need to reply {reply}. "
        "You are still my first choice, and I would much rather join you.",
        "",
        "\n\n".join(middle),
        "",
        "Thank you,",
        answers.get("your_name") or "[your name]",
    ])  # fmt: skip
    return document("ask_first_choice", title, "text", "ask-where-you-stand.txt", note)


def documents(outcome: str, answers: Answers, today: date | None = None) -> list[dict]:
    """Ask the employer for time when that reaches their answer; tell the first choice the deadline.

    The first choice hears of the deadline whenever it comes first and they
    are in play; when their answer is due first, the note confirms their date.
    """
    found = []
    if outcome == "ask_for_time":
        found.append(_ask_offer_for_time(answers, today))
    in_play = answers.get("first_choice_stage") in IN_PLAY
    if in_play and (outcome == "hear_them_first" or deadline_before_answer(answers)):
        found.append(_ask_first_choice(outcome, answers, today))
    return found


# --- My plan: what comes first, and the dated steps of this result


def plan_first(result: dict) -> str | None:
    """Said at the top of My plan when this result must come before the others."""
    if result["outcome"] == "do_homework_first":
        return ("Do your homework on the offer first: the rest of this plan (declining, "
                "checking in) assumes you have weighed it, and may change once you "
                "have.")  # fmt: skip
    return None


# --- -------------------------------------


def _step(day: date, kind: str, title: str, advice: list[str], uid: str, detail: str = "",
          drafts: tuple[str, ...] = ()) -> dict:  # fmt: skip
    return {"date": day, "kind": kind, "title": title, "advice": advice, "uid": uid,
            "detail": detail, "drafts": list(drafts)}  # fmt: skip


def plan_steps(result: dict, answers: Answers, today: date | None) -> list[dict]:
    """Today's messages, the day to chase a silent first choice, their answer, the deadline.

    Each names the draft it needs; the deadline says what happens if no more
    time is given.
    """
    outcome = result["outcome"]
    if today is None or outcome is None:
        return []
    now = working_day(today, not_before=today)
    deadline = answers.get("offer_deadline_days")
    in_play = answers.get("first_choice_stage") in IN_PLAY
    known = "decision_weeks" in answers
    steps = []
    if outcome == "ask_for_time":
        steps.append(_step(now, "today", "Ask the employer for a little more time, and tell your "
                           "first choice about your deadline", ["B1", "D2"], "ask-for-time",
                           "",
                           ("ask_offer_for_time", "ask_first_choice")))  # fmt: skip
    elif outcome == "hear_them_first":
        steps.append(_step(now, "today", "Tell your first choice about your deadline, and check "
                           "they still expect to decide in time", ["B1", "D2"], "tell-first-choice",
                           "", ("ask_first_choice",)))  # fmt: skip
    elif in_play and deadline_before_answer(answers):
        steps.append(_step(now, "today", "Tell your first choice about your deadline, and ask "
                           "where you stand", ["B1", "D2"], "tell-first-choice",
                           "", ("ask_first_choice",)))  # fmt: skip
    if known:
        steps.append(_step(today + timedelta(days=answer_days(answers)), "first_choice_answer",
                           "Your first choice expects to decide about now", ["B1", "D3"],
                           "first-choice-answer"))  # fmt: skip
    if outcome == "hear_them_first" and deadline is not None and known:
        check = check_by(answers, today).removeprefix("by ")
        steps.append(_step(check_day(answers, today), "fallback", "If your first choice has "
                           "not answered, ask the employer at once for a few more days",
                           ["B1", "B2"], "if-no-answer",
                           f"Not heard by {check}? Ask for time today; if none is given, your "
                           f"answers say {result['fallback']['title'].lower()}."
                           if result.get("fallback") else ""))  # fmt: skip
    if deadline is not None:
        title = "Deadline: answer the offer in hand"
        detail = ""
        if outcome == "ask_for_time":
            title = "Deadline, unless the employer gives you more time: answer the offer"
            if result.get("fallback"):
                detail = f"If no more time is given: {result['fallback']['title'].lower()}."
        steps.append(_step(today + timedelta(days=deadline), "deadline", title, ["B1"],
                           "offer-deadline", detail))  # fmt: skip
    if outcome == "ask_for_time":
        steps.append(_step(ask_day(answers, today), "asked_until", "The day you asked to answer "
                           "by, if the employer agreed: answer the offer", ["B1", "B3"],
                           "asked-until"))  # fmt: skip
    return steps


CODE = QuestionnaireCode(
    reads=("offer_deadline_days", "decision_weeks", "first_choice_stage", "your_name",
           "offer_contact", "first_choice_contact"),
    facts=FACTS,
    documents=documents,
    phrases=PHRASES,
    steps=plan_steps,
    gives_dates="the offer's deadline and your first choice's timing",
    plan_first=plan_first,
)  # fmt: skip
