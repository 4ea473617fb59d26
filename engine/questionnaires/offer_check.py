"""The offer check's weighted scores, unchecked homework and score table."""

from __future__ import annotations

from ..hooks import FactRule, QuestionnaireCode

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]

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


def details(definition, answers: Answers) -> dict[str, Any]:
    """The score table the page shows: each factor, both scores, unchecked homework."""
    done = set(answers.get("homework", ()))
    homework = definition.questions_by_id["homework"]
    factors = [
        {
            "id": factor,
            "label": label,
            "importance": answers.get(f"{factor}_importance"),
            "offer": answers.get(f"{factor}_offer"),
            "first_choice": answers.get(f"{factor}_first_choice"),
            "checked": done.issuperset(items),
        }
        for factor, label, items in OFFER_FACTORS
    ]
    return {
        "score": {"offer": fit_score(answers), "first_choice": first_choice_score(answers)},
        "factors": factors,
        "unchecked": [
            {"value": option.value, "label": option.label}
            for option in homework.options
            if option.value not in done
        ],
    }


CODE = QuestionnaireCode(
    facts={
        "fit_score": FactRule(
            fit_score, _IMPORTANCES + _OFFER_RATINGS, _IMPORTANCES + _OFFER_RATINGS
        ),
        "first_choice_score": FactRule(first_choice_score, _IMPORTANCES + _FIRST_RATINGS, ()),
        "score_gap": FactRule(score_gap, _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS, ()),
        "unverified_factors": FactRule(unverified_factors, _IMPORTANCES + ("homework",), ()),
        "unverified_count": FactRule(unverified_count, _IMPORTANCES + ("homework",), _IMPORTANCES),
        "homework_done": FactRule(homework_done, ("homework",), ()),
    },
    details=details,
    reads=("homework",) + _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS,
)
