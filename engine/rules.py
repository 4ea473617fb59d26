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


def read_by_rules(definition: Definition) -> frozenset[str]:
    """The questions the rules read, directly or through a fact."""
    names: set[str] = set()
    for rule in definition.rules:
        if rule.when is not None:
            names |= rule.when.questions
            for fact_id in rule.when.facts:
                names.update(definition.facts_by_id[fact_id].inputs)
    return frozenset(names)


def decide(
    definition: Definition, answers: dict[str, Any]
) -> tuple[str | None, list[str], Context]:
    """The outcome, the optional answers it is provisional on, and the evaluation context.

    No outcome is given before the required answers that decide it: while a
    rule cannot tell for want of one, the result names what is still needed.
    An outcome is provisional only when optional details are missing.
    """
    ctx = Context(answers, definition.facts_by_id)
    if not answers:
        return None, [], ctx
    outcome, unsure = pick_outcome(definition, ctx)
    if not unsure and any(not ctx.fact_complete(fact.id) for fact in definition.facts):
        # Some facts rest on assumptions: the outcome is settled only if it
        # stays the same when those facts count as unknown.
        strict = Context(answers, definition.facts_by_id, strict=True)
        strict_outcome, unsure = pick_outcome(definition, strict)
        unsure = unsure or strict_outcome != outcome
    if not unsure:
        return outcome, [], ctx
    read = read_by_rules(definition)
    unanswered = [q for q in definition.questions if q.id in read and q.id not in answers]
    if any(question.required for question in unanswered):
        return None, [], ctx
    # Optional answers whose absence is a guess (not "no deadline", say).
    guessed = _guessed(definition, answers)
    return (
        outcome,
        [q.id for q in unanswered if q.id in guessed or q.id in _direct(definition)],
        ctx,
    )


def _direct(definition: Definition) -> frozenset[str]:
    """Questions the rules' conditions read themselves, not through a fact."""
    return frozenset().union(*(r.when.questions for r in definition.rules if r.when is not None))


def _guessed(definition: Definition, answers: dict[str, Any]) -> set[str]:
    """Unanswered inputs that the facts the rules use have to guess, for these answers."""
    guessed: set[str] = set()
    for rule in definition.rules:
        if rule.when is not None:
            for fact_id in rule.when.facts:
                guessed.update(definition.facts_by_id[fact_id].assumed(answers))
    return guessed


def fallback(definition: Definition, outcome: str | None, ctx: Context) -> str | None:
    """The outcome the answers give if this one is not open (say, no more time is given)."""
    if outcome is None:
        return None
    for rule in definition.rules:
        if rule.outcome == outcome:
            continue
        if rule.when is None or rule.when.test(ctx) is True:
            return rule.outcome
    return None


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
        if name in ctx.phrases:
            return ctx.phrases[name]
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


def _notes(definition: Definition, notes: tuple, outcome: str | None, ctx: Context) -> list:
    found = []
    for note in notes:
        if note.outcomes is not None and outcome not in note.outcomes:
            continue
        if note.when is None and note.outcomes is None:
            continue  # nothing to say without answers behind it
        if _holds(note.when, ctx):
            found.append(
                {
                    "text": render(definition, note.text, ctx),
                    "advice": list(note.advice),
                    "answers": _driving_answers(definition, note.when, note.text, ctx),
                }
            )
    return found


def reasons(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    """What supports the outcome, each with the advice and the answers behind it."""
    return _notes(definition, definition.reasons, outcome, ctx)


def against(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    """The answers that point away from the outcome: "What points the other way"."""
    return _notes(definition, definition.against, outcome, ctx)


def flags(definition: Definition, ctx: Context) -> list[dict]:
    return [
        {"id": flag.id, "text": render(definition, flag.text, ctx), "advice": list(flag.advice)}
        for flag in definition.flags
        if flag.when.test(ctx) is True
    ]


def actions(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    other = fallback(definition, outcome, ctx)
    extra = {"fallback": definition.outcomes_by_id[other].as_change if other else "(none)"}
    return [
        {"text": render(definition, action.text, ctx, extra), "advice": list(action.advice)}
        for action in definition.actions
        if (action.outcomes is None or outcome in action.outcomes) and _holds(action.when, ctx)
    ]


def _distance(question: Question, current: Any, value: Any) -> float:
    """How far a change goes, as a share of the question's range: the nearest comes first."""
    if question.options:
        values = question.option_values
        return abs(values.index(value) - values.index(current)) / max(len(values) - 1, 1)
    span = (question.maximum - question.minimum) or 1
    return abs(value - current) / span


def _candidate(definition: Definition, change, ctx: Context) -> Any:
    """The changed answer a change line proposes, or None when it does not apply."""
    current = ctx.answers.get(change.question)
    if current is None:
        return None
    if change.from_values is not None and current not in change.from_values:
        return None
    value = change.value
    if isinstance(value, tuple):
        value = ctx.fact(value[1])
        if value is None:
            return None
    question = definition.questions_by_id[change.question]
    try:
        value = CHECKS[question.type](question, value)
    except InvalidAnswers:
        return None  # the change would leave the question's range: not a real option
    if change.at_least is not None and value < change.at_least:
        return None  # a value no reader could really have (a wait of 0 weeks)
    if value == current:
        return None
    if change.direction == "up" and not value > current:
        return None
    if change.direction == "down" and not value < current:
        return None
    return value


def changes(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    """The nearest single-answer changes (as the definition lists them) that change the outcome.

    Each candidate is tried for real, so a line is only offered when it is true.
    """
    if outcome is None:
        return []
    found: list[tuple[float, int, dict]] = []
    for index, change in enumerate(definition.changes):
        if change.outcomes is not None and outcome not in change.outcomes:
            continue
        value = _candidate(definition, change, ctx)
        if value is None:
            continue
        changed = dict(ctx.answers)
        changed[change.question] = value
        new_outcome, _ = pick_outcome(definition, Context(changed, definition.facts_by_id))
        if new_outcome is None or new_outcome == outcome:
            continue
        if change.leads_to is not None and new_outcome not in change.leads_to:
            continue
        question = definition.questions_by_id[change.question]
        phrase = definition.outcomes_by_id[new_outcome].as_change
        text = render(
            definition,
            change.text,
            ctx,
            {"value": display(question, value), "new_outcome": phrase},
        )
        line = {"text": text, "question": change.question, "value": value, "outcome": new_outcome}
        found.append((_distance(question, ctx.answers[change.question], value), index, line))
    found.sort(key=lambda item: item[:2])
    lines, seen = [], set()
    for _, _, line in found:
        if line["text"] not in seen:
            seen.add(line["text"])
            lines.append(line)
    return lines[:MAX_CHANGES]


def missing(definition: Definition, answers: dict[str, Any]) -> list[str]:
    """Unanswered questions that are required, or that a fact the rules use has to guess.

    Other optional questions may stay empty: their absence means something
    (no deadline, no signal) and the rules treat it so.
    """
    guessed = _guessed(definition, answers)
    return [
        q.id
        for q in definition.questions
        if q.id not in answers and (q.required or q.id in guessed)
    ]


def next_steps(definition: Definition, outcome: str | None, ctx: Context) -> list[dict]:
    """Links to the questionnaires that naturally follow this result."""
    return [
        {"text": step.text, "questionnaire": step.questionnaire}
        for step in definition.next
        if (step.outcomes is None or outcome in step.outcomes) and _holds(step.when, ctx)
    ]
