"""The offer check's weighted scores, unchecked homework and score table."""

from __future__ import annotations

from ..questionnaire_code import FactRule, QuestionnaireCode

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


# The comparison with the first choice counts only factors rated on both
# sides, and needs at least this many of them: one factor is no comparison.
MIN_COMPARED = 3
# The triage asks for the offer's fit from 1 to 5; the score maps onto it in
# equal steps of 25 points, rounded half up: 0-12 -> 1, 13-37 -> 2,
# 38-62 -> 3, 63-87 -> 4, 88-100 -> 5.
TRIAGE_STEP = 25


def _pairs(answers: Answers, rating_suffix: str, only: tuple[str, ...] | None = None) -> list:
    pairs = []
    for factor, _, _ in OFFER_FACTORS:
        importance = answers.get(f"{factor}_importance")
        rating = answers.get(f"{factor}_{rating_suffix}")
        if importance is not None and rating is not None and (only is None or factor in only):
            pairs.append((importance, rating))
    return pairs


def _score(pairs: list) -> int | None:
    """Weighted fit 0..100: rating 1 scores 0, 3 scores 50, 5 scores 100.

    Each factor's rating is weighted by its importance. If every importance
    the reader gave is 0, the rated factors count equally instead.
    """
    if not pairs:
        return None
    total = sum(importance for importance, _ in pairs)
    if total == 0:
        pairs = [(1, rating) for _, rating in pairs]
        total = len(pairs)
    # Integer arithmetic, rounded half up, so every runtime agrees exactly.
    points = sum(importance * (rating - 1) for importance, rating in pairs) * 100
    return (2 * points + 4 * total) // (8 * total)


def compared_factors(answers: Answers) -> tuple[str, ...]:
    """The factors rated for both the offer and the first choice (with an importance)."""
    return tuple(
        factor
        for factor, _, _ in OFFER_FACTORS
        if all(answers.get(f"{factor}_{part}") is not None
               for part in ("importance", "offer", "first_choice"))
    )  # fmt: skip


def fit_score(answers: Answers) -> int | None:
    return _score(_pairs(answers, "offer"))


def compared_count(answers: Answers) -> int:
    return len(compared_factors(answers))


def offer_compared_score(answers: Answers) -> int | None:
    only = compared_factors(answers)
    return _score(_pairs(answers, "offer", only)) if len(only) >= MIN_COMPARED else None


def first_choice_score(answers: Answers) -> int | None:
    """The first choice's fit over the factors rated on both sides (enough of them)."""
    only = compared_factors(answers)
    return _score(_pairs(answers, "first_choice", only)) if len(only) >= MIN_COMPARED else None


def score_gap(answers: Answers) -> int | None:
    offer, first = offer_compared_score(answers), first_choice_score(answers)
    return None if offer is None or first is None else first - offer


def triage_offer_fit(answers: Answers) -> int | None:
    score = fit_score(answers)
    return None if score is None else 1 + (2 * score + TRIAGE_STEP) // (2 * TRIAGE_STEP)


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


def _contribution(answers: Answers, factor: str, suffix: str, pairs: list) -> int | None:
    """A factor's share of the score, in points: what it adds to the 0-100 total."""
    importance = answers.get(f"{factor}_importance")
    rating = answers.get(f"{factor}_{suffix}")
    if importance is None or rating is None or not pairs:
        return None
    total = sum(weight for weight, _ in pairs)
    weight = importance if total else 1
    total = total or len(pairs)
    return (2 * weight * (rating - 1) * 100 + 4 * total) // (8 * total)


def details(definition, answers: Answers) -> dict[str, Any]:
    """The score table the page shows: each factor, both scores, unchecked homework."""
    done = set(answers.get("homework", ()))
    homework = definition.questions_by_id["homework"]
    compared = compared_factors(answers)
    offer_pairs = _pairs(answers, "offer")
    first_pairs = _pairs(answers, "first_choice", compared)
    importance_labels = definition.questions_by_id["role_importance"]
    factors = [
        {
            "id": factor,
            "label": label,
            "importance": answers.get(f"{factor}_importance"),
            "importance_label": importance_labels.option_label(
                answers.get(f"{factor}_importance")),
            "offer": answers.get(f"{factor}_offer"),
            "first_choice": answers.get(f"{factor}_first_choice"),
            "offer_points": _contribution(answers, factor, "offer", offer_pairs),
            "first_choice_points": _contribution(answers, factor, "first_choice", first_pairs)
            if factor in compared and len(compared) >= MIN_COMPARED else None,
            "compared": factor in compared,
            "checked": done.issuperset(items),
        }
        for factor, label, items in OFFER_FACTORS
    ]  # fmt: skip
    return {
        "score": {
            "offer": fit_score(answers),
            "first_choice": first_choice_score(answers),
            "offer_on_compared": offer_compared_score(answers),
            "compared": len(compared),
            "compared_needed": MIN_COMPARED,
        },
        "factors": factors,
        "unchecked": [
            {"value": option.value, "label": option.label}
            for option in homework.options
            if option.value not in done
        ],
        "triage": {"offer_fit": triage_offer_fit(answers),
                   "scale": "0-12: 1, 13-37: 2, 38-62: 3, 63-87: 4, 88-100: 5"},
    }  # fmt: skip


CODE = QuestionnaireCode(
    facts={
        "fit_score": FactRule(
            fit_score, _IMPORTANCES + _OFFER_RATINGS, _IMPORTANCES + _OFFER_RATINGS
        ),
        "first_choice_score": FactRule(
            first_choice_score, _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS, ()
        ),
        "compared_count": FactRule(compared_count, _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS),
        "offer_compared_score": FactRule(
            offer_compared_score, _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS
        ),
        "triage_offer_fit": FactRule(triage_offer_fit, _IMPORTANCES + _OFFER_RATINGS),
        "score_gap": FactRule(score_gap, _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS, ()),
        "unverified_factors": FactRule(unverified_factors, _IMPORTANCES + ("homework",), ()),
        "unverified_count": FactRule(unverified_count, _IMPORTANCES + ("homework",), _IMPORTANCES),
        "homework_done": FactRule(homework_done, ("homework",), ()),
    },
    details=details,
    reads=("homework",) + _IMPORTANCES + _OFFER_RATINGS + _FIRST_RATINGS,
)
