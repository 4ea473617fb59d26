"""The triage's facts: how long the runway must be, and whether the offer's deadline comes first."""

from __future__ import annotations

import math

from ..hooks import FactRule, QuestionnaireCode

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]

# After a "no" from the first choice the reader must find another job (B4);
# three months is a cautious allowance for a determined search.
SEARCH_BUFFER_MONTHS = 3
# Without a date from the first choice, assume about a quarter (13 weeks):
# long enough to be cautious, and the result says it is an assumption.
ASSUMED_DECISION_WEEKS = 13
# "It will take more time" (F3): a restructuring tends to stretch the wait,
# so any restructuring doubles the expected wait.
RESTRUCTURING_WAIT_FACTOR = 2


def _wait_weeks(answers: Answers) -> float:
    weeks = answers.get("decision_weeks", ASSUMED_DECISION_WEEKS)
    if answers.get("restructuring") in ("yes_guaranteed", "yes_no_guarantee"):
        weeks *= RESTRUCTURING_WAIT_FACTOR
    return weeks


def runway_needed_months(answers: Answers) -> int:
    # Whole months, rounded up: 4 weeks of waiting plus the search buffer
    # needs 4 months of runway, not 3.92.
    # Multiply before dividing so that 13 weeks is exactly 3 months.
    return SEARCH_BUFFER_MONTHS + math.ceil(_wait_weeks(answers) * 12 / 52)


def covers_wait(answers: Answers) -> bool | None:
    runway = answers.get("runway_months")
    if runway is None:
        return None
    return runway >= runway_needed_months(answers)


def weeks_covered(answers: Answers) -> int | None:
    """The longest wait for the first choice (in whole weeks) the runway covers."""
    runway = answers.get("runway_months")
    if runway is None or runway < SEARCH_BUFFER_MONTHS:
        return None
    factor = RESTRUCTURING_WAIT_FACTOR if answers.get("restructuring") in (
        "yes_guaranteed", "yes_no_guarantee") else 1  # fmt: skip
    weeks = math.floor((math.floor(runway) - SEARCH_BUFFER_MONTHS) * 52 / 12 / factor)
    # Guard the rounding: keep the largest whole number of weeks that still fits.
    while weeks > 0 and not covers_wait({**answers, "decision_weeks": weeks}):
        weeks -= 1
    return weeks if weeks >= 1 else None


def answer_days(answers: Answers) -> int | None:
    """Days until the first choice expects to answer, rounded up."""
    weeks = answers.get("decision_weeks")
    return None if weeks is None else math.ceil(weeks * 7)


def deadline_before_answer(answers: Answers) -> bool:
    # Only a known deadline before a known answer date counts. No deadline
    # means none to beat; no answer date keeps the result provisional.
    deadline = answers.get("offer_deadline_days")
    days = answer_days(answers)
    return deadline is not None and days is not None and deadline < days


def deadline_weeks(answers: Answers) -> int | None:
    """The longest wait, in whole weeks, that ends by the offer's deadline."""
    deadline = answers.get("offer_deadline_days")
    return None if deadline is None else deadline // 7


CODE = QuestionnaireCode(
    facts={
        "runway_needed_months": FactRule(
            runway_needed_months, ("decision_weeks", "restructuring"), ("decision_weeks",)
        ),
        "covers_wait": FactRule(
            covers_wait, ("runway_months", "decision_weeks", "restructuring"), ("decision_weeks",)
        ),
        "weeks_covered": FactRule(weeks_covered, ("runway_months", "restructuring"), ()),
        "answer_days": FactRule(answer_days, ("decision_weeks",), ()),
        "deadline_before_answer": FactRule(
            deadline_before_answer,
            ("offer_deadline_days", "decision_weeks"),
            # An empty deadline means "no deadline"; an unknown answer date is a guess.
            ("decision_weeks",),
        ),
        "deadline_weeks": FactRule(deadline_weeks, ("offer_deadline_days",), ()),
    }
)
