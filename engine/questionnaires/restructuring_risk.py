"""The restructuring check's risk points and timeline, each number explained."""

from __future__ import annotations

from ..questionnaire_code import FactRule, QuestionnaireCode
from ..runway import months_needed

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]

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
    """Without a job to keep: does the runway fall short of the change plus a search?

    The same rule as the triage's (engine/runway.py), so the two never disagree.
    """
    if answers.get("current_job") == "yes":
        return False
    runway, months = answers.get("runway_months"), timeline_months(answers)
    return None if runway is None or months is None else runway < months_needed(months)


CODE = QuestionnaireCode(
    facts={
        "risk_score": FactRule(
            risk_score,
            ("guarantee", "timeline_given", "what_could_change", "heard_from"),
            ("guarantee", "timeline_given"),
        ),
        "timeline_months": FactRule(timeline_months, ("timeline_given",), ()),
        "runway_short": FactRule(
            runway_short, ("runway_months", "timeline_given", "current_job"), ()
        ),
    }
)
