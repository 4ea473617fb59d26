"""Extra result fields some questionnaires add: the offer-check's score table."""

from __future__ import annotations

from collections.abc import Callable

from .facts import OFFER_FACTORS, first_choice_score, fit_score
from .model import Definition

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def offer_check(definition: Definition, answers: dict[str, Any]) -> dict[str, Any]:
    done = set(answers.get("homework", ()))
    homework = definition.questions_by_id["homework"]
    factors = []
    for factor, label, items in OFFER_FACTORS:
        factors.append(
            {
                "id": factor,
                "label": label,
                "importance": answers.get(f"{factor}_importance"),
                "offer": answers.get(f"{factor}_offer"),
                "first_choice": answers.get(f"{factor}_first_choice"),
                "checked": done.issuperset(items),
            }
        )
    return {
        "score": {"offer": fit_score(answers), "first_choice": first_choice_score(answers)},
        "factors": factors,
        "unchecked": [
            {"value": option.value, "label": option.label}
            for option in homework.options
            if option.value not in done
        ],
    }


DETAILS: dict[str, Callable[[Definition, dict[str, Any]], dict[str, Any]]] = {
    "offer-check": offer_check,
}
