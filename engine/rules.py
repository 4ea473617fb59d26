"""Evaluate a definition's rules against checked answers: outcome, reasons, flags, changes."""

from __future__ import annotations

import re

from .answers import CHECKS
from .errors import InvalidAnswers
from .model import Condition, Context, Definition, Question

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A result offers at most this many "what would change it" lines.
MAX_CHANGES = 3


def pick_outcome(definition: Definition, ctx: Context) -> tuple[str | None, bool]:
    """The first rule that holds, and whether an earlier rule could not tell yet."""
    unsure = False
    for rule in definition.rules:
        if rule.when is None:
            return rule.outcome, unsure
        value = rule.when.test(ctx)
        if value:
            return rule.outcome, unsure
        if value is None:
            unsure = True
    return None, unsure  # unreachable: the loader insists on a final catch-all


def decide(definition: Definition, answers: dict[str, Any]) -> tuple[str | None, bool, Context]:
    """The outcome, whether it is provisional, and the evaluation context."""
    ctx = Context(answers, definition.facts_by_id)
    if not answers:
        return None, False, ctx
    outcome, unsure = pick_outcome(definition, ctx)
    if not unsure and any(not ctx.fact_complete(fact.id) for fact in definition.facts):
        # Some facts rest on assumptions: the outcome is settled only if it
        # stays the same when those facts count as unknown.
        strict = Context(answers, definition.facts_by_id, strict=True)
        strict_outcome, unsure = pick_outcome(definition, strict)
        unsure = unsure or strict_outcome != outcome
    return outcome, unsure, ctx


def display(question: Question | None, value: Any) -> str:
    """An answer or fact as a reader would say it."""
    if value is None:
        return "(not answered)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(display(question, item) for item in value)
    if question is not None and question.options and question.type != "integer":
        label = question.option_label(value) or str(value)
        # Labels stand mid-sentence here: "a finalist", but "HR or the recruiter".
        if len(label) > 1 and not label[1].isupper():
            label = label[0].lower() + label[1:]
        return label
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:g}"
    else:
        text = str(value)
    if question is not None and question.unit:
        # "1 month", "4 months": units are written in the plural.
        unit = question.unit[:-1] if value == 1 and question.unit.endswith("s") else question.unit
        return f"{text} {unit}"
    return text


def render(definition: Definition, text: str, ctx: Context, extra: dict[str, str] | None = None):
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if extra and name in extra:
            return extra[name]
        if name in definition.facts_by_id:
            return display(None, ctx.fact(name))
        return display(definition.questions_by_id[name], ctx.answers.get(name))

    return _PLACEHOLDER.sub(replace, text)


def _holds(condition: Condition | None, ctx: Context) -> bool:
    return condition is None or condition.test(ctx) is True


def _driving_answers(definition: Definition, condition: Condition | None, text: str, ctx) -> list:
    """The answered questions a reason rests on, in the questionnaire's order."""
    names: set[str] = set(_PLACEHOLDER.findall(text))
    if condition is not None:
        names |= condition.questions
        names |= condition.facts
    questions = set()
    for name in names:
        fact = definition.facts_by_id.get(name)
        questions.update(fact.inputs if fact else (name,))
    return [q.id for q in definition.questions if q.id in questions and q.id in ctx.answers]


def reasons(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    found = []
    for reason in definition.reasons:
        if reason.outcomes is not None and outcome not in reason.outcomes:
            continue
        if reason.when is None and reason.outcomes is None:
            continue  # nothing to say without answers behind it
        if _holds(reason.when, ctx):
            found.append(
                {
                    "text": render(definition, reason.text, ctx),
                    "advice": list(reason.advice),
                    "answers": _driving_answers(definition, reason.when, reason.text, ctx),
                }
            )
    return found


def flags(definition: Definition, ctx: Context) -> list[dict]:
    return [
        {"id": flag.id, "text": flag.text, "advice": list(flag.advice)}
        for flag in definition.flags
        if flag.when.test(ctx) is True
    ]


def actions(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    return [
        {"text": render(definition, action.text, ctx), "advice": list(action.advice)}
        for action in definition.actions
        if (action.outcomes is None or outcome in action.outcomes) and _holds(action.when, ctx)
    ]


def changes(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    """The smallest single-answer changes (as the definition lists them) that change the outcome.

    Each candidate is tried for real, so a line is only offered when it is true.
    """
    if outcome is None:
        return []
    found: list[dict] = []
    for change in definition.changes:
        if change.outcomes is not None and outcome not in change.outcomes:
            continue
        current = ctx.answers.get(change.question)
        if current is None:
            continue
        value = change.value
        if isinstance(value, tuple):
            value = ctx.fact(value[1])
            if value is None:
                continue
        question = definition.questions_by_id[change.question]
        try:
            value = CHECKS[question.type](question, value)
        except InvalidAnswers:
            continue  # the change would leave the question's range: not a real option
        if value == current:
            continue
        if change.direction == "up" and not value > current:
            continue
        if change.direction == "down" and not value < current:
            continue
        changed = dict(ctx.answers)
        changed[change.question] = value
        new_outcome, _ = pick_outcome(definition, Context(changed, definition.facts_by_id))
        if new_outcome is None or new_outcome == outcome:
            continue
        phrase = definition.outcomes_by_id[new_outcome].as_change
        text = render(
            definition,
            change.text,
            ctx,
            {"value": display(question, value), "new_outcome": phrase},
        )
        found.append({"text": text, "question": change.question, "outcome": new_outcome})
        if len(found) == MAX_CHANGES:
            break
    return found


def missing(definition: Definition, answers: dict[str, Any]) -> list[str]:
    """Unanswered questions that are required, or that a fact the rules use has to guess.

    Other optional questions may stay empty: their absence means something
    (no deadline, no signal) and the rules treat it so.
    """
    guessed: set[str] = set()
    for rule in definition.rules:
        if rule.when is not None:
            for fact_id in rule.when.facts:
                guessed.update(definition.facts_by_id[fact_id].assumes)
    return [
        q.id
        for q in definition.questions
        if q.id not in answers and (q.required or q.id in guessed)
    ]
