"""Decision engine for the guide: questionnaires in, explained recommendations out.

Pure standard-library Python, so the same code runs in CPython and in Pyodide.
Nothing is read at import; each definition is loaded and validated on first use.
"""

from __future__ import annotations

from datetime import date

from .advice import ADVICE_IDS
from .answers import check_answers, ranges_read
from .bridge import evaluate_json, plan_json
from .errors import InvalidAnswers, InvalidDefinition, QuestionnaireError, UnknownQuestionnaire
from .loader import code_file, load, load_all
from .plan import plan
from .questionnaire_code import DeclaredAnswers
from .rules import (
    actions,
    against,
    changes,
    decide,
    display,
    fallback,
    flags,
    missing,
    next_steps,
    reasons,
)
from .schema import public_definition

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


__all__ = [
    "ADVICE_IDS",
    "InvalidAnswers",
    "InvalidDefinition",
    "QuestionnaireError",
    "UnknownQuestionnaire",
    "evaluate",
    "evaluate_json",
    "plan",
    "plan_json",
    "get_definition",
    "list_questionnaires",
]


def list_questionnaires() -> list[dict[str, str]]:
    """Every questionnaire's ID and title, in the guide's order."""
    return [{"id": definition.id, "title": definition.title} for definition in load_all()]


def get_definition(questionnaire_id: str) -> dict[str, Any]:
    """The questionnaire as JSON-ready data, for pages, worksheets and `show`."""
    return public_definition(load(questionnaire_id))


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _ranges(definition, answers: dict[str, Any], checked: dict[str, Any]) -> list[dict]:
    """A note for each answer typed as a range: the result counts its later end."""
    return [
        {
            "id": f"range_{question.id}",
            "text": f"You answered “{question.label}” with a range ({' '.join(raw.split())}): "
            f"the result counts the later end, {display(question, value)}, to be safe.",
            "advice": [],
        }
        for question, raw, value in ranges_read(definition, answers, checked)
    ]


def evaluate(
    questionnaire_id: str, answers: dict[str, Any], today: date | None = None
) -> dict[str, Any]:
    """Evaluate answers: an outcome with reasons, counterpoints, flags, changes and documents.

    ``today`` dates the drafts and plans; the engine never reads the clock.
    """
    definition = load(questionnaire_id)
    checked = check_answers(definition, answers)
    outcome_id, provisional_until, ctx = decide(definition, checked)
    if outcome_id is None:
        title, summary = definition.no_outcome_title, definition.no_outcome_summary
    else:
        outcome = definition.outcomes_by_id[outcome_id]
        title, summary = outcome.title, outcome.summary
    code = definition.code
    declared = DeclaredAnswers(checked, frozenset(code.reads), code_file(definition.id))
    ctx.phrases = {name: say(declared, today) for name, say in code.phrases.items()}
    documents = []
    if code.documents and outcome_id:
        documents = code.documents(outcome_id, declared, today)
    other = fallback(definition, outcome_id, ctx) if outcome_id else None
    result: dict[str, Any] = {
        "questionnaire": definition.id,
        "outcome": outcome_id,
        "title": title,
        "summary": summary,
        "provisional": bool(provisional_until),
        "provisional_until": provisional_until,
        "reasons": reasons(definition, outcome_id, ctx),
        "against": against(definition, outcome_id, ctx),
        "flags": flags(definition, ctx) + _ranges(definition, answers, checked),
        "change": changes(definition, outcome_id, ctx),
        "missing": missing(definition, checked),
        "actions": actions(definition, outcome_id, ctx),
        "next": next_steps(definition, outcome_id, ctx) if outcome_id else [],
        "fallback": {"outcome": other, "title": definition.outcomes_by_id[other].title}
        if other
        else None,
        "documents": documents,
        "facts": {fact.id: _plain(ctx.fact(fact.id)) for fact in definition.facts},
    }
    if code.details:
        result.update(code.details(definition, declared))
    return result
