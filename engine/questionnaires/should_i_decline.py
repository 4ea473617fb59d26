"""The triage's facts and drafts: can you go without the offer, and does its deadline come first?"""

from __future__ import annotations

import math
from datetime import date, timedelta

from ..drafts import display_weeks, document, first_name, long_date, working_day
from ..hooks import FactRule, QuestionnaireCode
from ..runway import longest_wait_weeks, months_needed, weeks_to_months

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


def wait_months(answers: Answers) -> int:
    weeks = answers.get("decision_weeks", ASSUMED_DECISION_WEEKS)
    return weeks_to_months(weeks * _stretch(answers))


def runway_needed_months(answers: Answers) -> int:
    return months_needed(wait_months(answers))


def covers_wait(answers: Answers) -> bool | None:
    runway = answers.get("runway_months")
    return None if runway is None else runway >= runway_needed_months(answers)


def can_go_without_offer(answers: Answers) -> bool | None:
    """A job you can keep pays the bills while you wait; otherwise the runway must."""
    job = answers.get("current_job")
    if job is None:
        return None
    return True if job == "yes" else covers_wait(answers)


def _assumes_wait(answers) -> tuple[str, ...]:
    # Only a reader without a job to keep depends on how long the wait is.
    return () if answers.get("current_job") == "yes" else ("decision_weeks",)


def weeks_covered(answers: Answers) -> int | None:
    runway = answers.get("runway_months")
    return None if runway is None else longest_wait_weeks(runway, _stretch(answers))


def answer_days(answers: Answers) -> int:
    """Days until the first choice expects to answer (13 weeks when unknown), rounded up."""
    return math.ceil(answers.get("decision_weeks", ASSUMED_DECISION_WEEKS) * 7)


def deadline_before_answer(answers: Answers) -> bool:
    # No deadline means none to beat.
    deadline = answers.get("offer_deadline_days")
    return deadline is not None and deadline < answer_days(answers)


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
    return ("decision_weeks",) if "offer_deadline_days" in answers else ()


_WAIT = ("decision_weeks", "restructuring")
FACTS = {
    "runway_needed_months": FactRule(runway_needed_months, _WAIT, _assumes_wait),
    "covers_wait": FactRule(covers_wait, ("runway_months", *_WAIT), _assumes_wait),
    "can_go_without_offer": FactRule(
        can_go_without_offer, ("current_job", "runway_months", *_WAIT), _assumes_wait
    ),
    "weeks_covered": FactRule(weeks_covered, ("runway_months", "restructuring")),
    "answer_days": FactRule(answer_days, ("decision_weeks",)),
    "deadline_before_answer": FactRule(
        deadline_before_answer, ("offer_deadline_days", "decision_weeks"), _assumes_answer_date
    ),
    "deadline_weeks": FactRule(deadline_weeks, ("offer_deadline_days",)),
    "ask_until_days": FactRule(ask_until_days, ("offer_deadline_days", "decision_weeks")),
    "extra_days": FactRule(extra_days, ("offer_deadline_days", "decision_weeks")),
}


# --- drafts for "ask for more time" -------------------------------------------


def _in_days(days: int) -> str:
    return {0: "today", 1: "tomorrow"}.get(days, f"within {days} days")


def _phrases(answers: Answers, today: date | None) -> dict[str, str]:
    """The dates in the drafts: real dates when today is known, spans otherwise."""
    deadline = answers["offer_deadline_days"]
    until = ask_until_days(answers)
    weeks = answers.get("decision_weeks")
    if today is None:
        hear = f"within about {display_weeks(weeks)}" if weeks is not None else "soon"
        return {
            "hear": hear,
            "reply": _in_days(deadline),
            "ask": f"Would it be possible to have {until - deadline} more days to give you "
            "my answer?",
        }
    # Ask for a working day after the deadline (no weekend, 24-26 or 31 December, or 1 January).
    ask_day = working_day(today + timedelta(days=until), not_before=today + timedelta(deadline + 1))
    hear = f"by {long_date(today + timedelta(days=answer_days(answers)))}" if weeks else "soon"
    return {
        "hear": hear,
        "reply": "today" if deadline == 0 else f"by {long_date(today + timedelta(deadline))}",
        "ask": f"Would it be possible to give you my answer by {long_date(ask_day)}?",
    }


def documents(outcome: str, answers: Answers, today: date | None = None) -> list[dict]:
    """Two messages: the employer is asked for time; the first choice, where you stand."""
    if outcome != "ask_for_time":
        return []
    say = _phrases(answers, today)
    signature = answers.get("your_name") or "[your name]"
    offer_hello = first_name(answers.get("offer_contact")) or "[their first name]"
    stage = "final stage" if answers.get("first_choice_stage") == "finalist" else "last steps"
    offer_note = "\n".join([
        "Subject: My answer to your offer",
        "",
        f"Hi {offer_hello},",
        "",
        "Thank you again for the offer. I am very glad to have it, and I want to give it "
        "the careful thought it deserves.",
        "",
        f"To be open with you, I am also at the {stage} of another process, and I expect "
        f"to hear {say['hear']}. I would like to make my choice with the full picture, so that "
        "I can commit to it fully.",
        "",
        say["ask"],
        "",
        "Best wishes,",
        first_name(signature) if answers.get("your_name") else signature,
    ])  # fmt: skip
    first_hello = first_name(answers.get("first_choice_contact")) or "[their first name]"
    first_note = "\n".join([
        "Subject: Timing of my application",
        "",
        f"Hi {first_hello},",
        "",
        f"I have received an offer from another company, and I need to reply {say['reply']}. "
        "You are still my first choice, and I would much rather join you.",
        "",
        "Could you tell me where I stand, and when you expect to decide?",
        "",
        "Thank you,",
        signature,
    ])  # fmt: skip
    return [
        document("ask_offer_for_time", "Message asking the employer for more time", "text",
                 "ask-for-more-time.txt", offer_note),
        document("ask_first_choice", "Message asking your first choice where you stand", "text",
                 "ask-where-you-stand.txt", first_note),
    ]  # fmt: skip


CODE = QuestionnaireCode(
    reads=("offer_deadline_days", "decision_weeks", "first_choice_stage", "your_name",
           "offer_contact", "first_choice_contact"),
    facts=FACTS,
    documents=documents,
)  # fmt: skip
