"""Facts: values computed from several answers, with their scores and thresholds.

A definition names the facts its conditions use; the arithmetic lives here,
where each number is explained. A fact returns None when it cannot be
computed yet. `assumes` lists the answers whose absence makes a fact an
estimate, so that an outcome resting on it is marked provisional.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]


@dataclass(frozen=True, slots=True)
class FactRule:
    compute: Callable[[Answers], Any]
    inputs: tuple[str, ...]
    assumes: tuple[str, ...]


# --- should-i-decline ------------------------------------------------------

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


SHOULD_I_DECLINE = {
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

# --- offer-check -------------------------------------------------------------

# The factors of an offer, each with the homework items that check it in
# reality rather than on paper (A1-A3). A factor counts as checked only when
# all of its items are done.
OFFER_FACTORS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("role", "the role itself", ("talked_to_people", "saw_the_work")),
    ("pay", "pay and benefits", ("offer_in_writing",)),
    ("manager", "manager and team", ("met_manager", "met_team")),
    ("growth", "growth", ("asked_about_growth",)),
    ("location", "location and flexibility", ("checked_flexibility",)),
    ("stability", "stability", ("researched_employer",)),
    ("culture", "culture", ("talked_to_people", "read_reviews")),
)
# Importance 0..3 (0: does not matter) weighs ratings 1..5; an importance of 2
# ("matters") or more makes an unchecked factor worth a warning.
IMPORTANT = 2


def _weighted_score(answers: Answers, rating_suffix: str) -> int | None:
    """Weighted fit 0..100: rating 1 scores 0, 3 scores 50, 5 scores 100.

    Each factor's rating is weighted by its importance. If every importance
    the reader gave is 0, the rated factors count equally instead.
    """
    pairs = []
    for factor, _, _ in OFFER_FACTORS:
        importance = answers.get(f"{factor}_importance")
        rating = answers.get(f"{factor}_{rating_suffix}")
        if importance is not None and rating is not None:
            pairs.append((importance, rating))
    if not pairs:
        return None
    total = sum(importance for importance, _ in pairs)
    if total == 0:
        pairs = [(1, rating) for _, rating in pairs]
        total = len(pairs)
    # Integer arithmetic, rounded half up, so every runtime agrees exactly.
    points = sum(importance * (rating - 1) for importance, rating in pairs) * 100
    return (2 * points + 4 * total) // (8 * total)


def fit_score(answers: Answers) -> int | None:
    return _weighted_score(answers, "offer")


def first_choice_score(answers: Answers) -> int | None:
    return _weighted_score(answers, "first_choice")


def score_gap(answers: Answers) -> int | None:
    offer, first = fit_score(answers), first_choice_score(answers)
    return None if offer is None or first is None else first - offer


def unverified_factors(answers: Answers) -> list[str]:
    done = set(answers.get("homework", ()))
    return [
        label
        for factor, label, items in OFFER_FACTORS
        if answers.get(f"{factor}_importance", 0) >= IMPORTANT and not done.issuperset(items)
    ]


def unverified_count(answers: Answers) -> int:
    return len(unverified_factors(answers))


def homework_done(answers: Answers) -> int:
    return len(answers.get("homework", ()))


_IMPORTANCES = tuple(f"{factor}_importance" for factor, _, _ in OFFER_FACTORS)
_OFFER_RATINGS = tuple(f"{factor}_offer" for factor, _, _ in OFFER_FACTORS)
_FIRST_RATINGS = tuple(f"{factor}_first_choice" for factor, _, _ in OFFER_FACTORS)

OFFER_CHECK = {
    "fit_score": FactRule(fit_score, _IMPORTANCES + _OFFER_RATINGS, _IMPORTANCES + _OFFER_RATINGS),
    "first_choice_score": FactRule(first_choice_score, _IMPORTANCES + _FIRST_RATINGS, ()),
    "score_gap": FactRule(score_gap, _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS, ()),
    "unverified_factors": FactRule(unverified_factors, _IMPORTANCES + ("homework",), ()),
    "unverified_count": FactRule(unverified_count, _IMPORTANCES + ("homework",), _IMPORTANCES),
    "homework_done": FactRule(homework_done, ("homework",), ()),
}

# --- restructuring-risk ------------------------------------------------------

# Points of risk; the levels are in the definition's rules: 6 or more is
# high, 3 or more (or any role without a written guarantee, F1) is moderate.
GUARANTEE_POINTS = {"written": 0, "verbal": 2, "none": 3, "unsure": 3}  # F1: rare, so doubt
TIMELINE_POINTS = {"weeks": 0, "months": 1, "open_ended": 2, "none_given": 2}  # F3
ROLE_MAY_GO_POINTS = 3  # F2: the role may disappear outright
OTHER_CHANGE_POINTS = 1  # F2: each other change, at most OTHER_CHANGE_CAP in all
OTHER_CHANGE_CAP = 2
SECOND_HAND_POINTS = 1  # news from someone other than the employer is less reliable
# A rough length for each kind of timeline, in months (F3: "more time" can
# mean weeks, months or much longer).
TIMELINE_MONTHS = {"weeks": 2, "months": 6, "open_ended": 12, "none_given": 12}


def risk_score(answers: Answers) -> int | None:
    guarantee = answers.get("guarantee")
    timeline = answers.get("timeline_given")
    if guarantee is None and timeline is None:
        return None
    changes = answers.get("what_could_change", ())
    score = GUARANTEE_POINTS.get(guarantee, 0) + TIMELINE_POINTS.get(timeline, 0)
    if "role_may_go" in changes:
        score += ROLE_MAY_GO_POINTS
    others = sum(1 for change in changes if change not in ("role_may_go", "nothing"))
    score += min(others * OTHER_CHANGE_POINTS, OTHER_CHANGE_CAP)
    if answers.get("heard_from") == "someone_else":
        score += SECOND_HAND_POINTS
    return score


def timeline_months(answers: Answers) -> int | None:
    timeline = answers.get("timeline_given")
    return None if timeline is None else TIMELINE_MONTHS[timeline]


def runway_short(answers: Answers) -> bool | None:
    runway, months = answers.get("runway_months"), timeline_months(answers)
    return None if runway is None or months is None else runway < months


RESTRUCTURING_RISK = {
    "risk_score": FactRule(
        risk_score,
        ("guarantee", "timeline_given", "what_could_change", "heard_from"),
        ("guarantee", "timeline_given"),
    ),
    "timeline_months": FactRule(timeline_months, ("timeline_given",), ()),
    "runway_short": FactRule(runway_short, ("runway_months", "timeline_given"), ()),
}

# --- follow-up-plan ------------------------------------------------------------


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


FOLLOW_UP_PLAN = {
    "check_in_dates": FactRule(check_in_dates, ("last_contact", "cadence_weeks", "check_ins"), ()),
    "last_check_in": FactRule(last_check_in, ("last_contact", "cadence_weeks", "check_ins"), ()),
}

FACTS: dict[str, dict[str, FactRule]] = {
    "should-i-decline": SHOULD_I_DECLINE,
    "offer-check": OFFER_CHECK,
    "decline-plan": {},
    "follow-up-plan": FOLLOW_UP_PLAN,
    "restructuring-risk": RESTRUCTURING_RISK,
}
