"""Conditions are data; this module compiles them with one dispatch table of pure functions.

A condition answers True, False or None. None means "cannot tell yet": it reads
an unanswered question (or a fact that needs one). `all`, `any` and `not`
follow three-valued (Kleene) logic, so a result can be provisional without any
silent default.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Condition, Context, Question, Test

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# Comparisons an `answer` or `fact` node may carry (one or more, all must hold).
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": lambda value, operand: value == operand,
    "in": lambda value, operand: value in operand,
    "has": lambda value, operand: operand in value,  # a multichoice answer holds it
    "gte": lambda value, operand: value >= operand,
    "gt": lambda value, operand: value > operand,
    "lte": lambda value, operand: value <= operand,
    "lt": lambda value, operand: value < operand,
}

ORDERED = frozenset({"gte", "gt", "lte", "lt"})

# Closed key sets per node kind; the first key present names the kind.
NODE_KEYS: dict[str, frozenset[str]] = {
    "all": frozenset({"all"}),
    "any": frozenset({"any"}),
    "not": frozenset({"not"}),
    "answered": frozenset({"answered"}),
    "answer": frozenset({"answer"}) | frozenset(COMPARISONS),
    "fact": frozenset({"fact", "is"}) | frozenset(COMPARISONS),
}


class Scope:
    """What a condition may refer to, and how to report a broken one."""

    def __init__(
        self,
        questions: dict[str, Question],
        facts: frozenset[str],
        fail: Callable[[str, str], Exception],
    ) -> None:
        self.questions = questions
        self.facts = facts
        self.fail = fail


def compile_condition(data: Any, path: str, scope: Scope) -> Condition:
    """Check one condition against the definition and compile it to a test."""
    if not isinstance(data, dict) or not data:
        raise scope.fail(path, f"expected a condition object but received: {data!r}")
    kinds = [key for key in NODE_KEYS if key in data]
    if len(kinds) != 1:
        raise scope.fail(
            path, f"expected exactly one of {sorted(NODE_KEYS)} but received keys: {sorted(data)}"
        )
    kind = kinds[0]
    unknown = sorted(set(data) - NODE_KEYS[kind])
    if unknown:
        raise scope.fail(
            path,
            f"unknown key {unknown[0]!r} in this {kind!r} condition; "
            f"expected only {sorted(NODE_KEYS[kind])}",
        )
    return COMPILERS[kind](data, path, scope)


def _compile_group(data: dict, path: str, scope: Scope) -> Condition:
    kind = "all" if "all" in data else "any"
    items = data[kind]
    if not isinstance(items, list) or not items:
        raise scope.fail(f"{path}.{kind}", "expected a non-empty list of conditions")
    parts = [compile_condition(item, f"{path}.{kind}[{i}]", scope) for i, item in enumerate(items)]
    tests = tuple(part.test for part in parts)
    if kind == "all":

        def test(ctx: Context) -> bool | None:
            result: bool | None = True
            for part in tests:
                value = part(ctx)
                if value is False:
                    return False
                if value is None:
                    result = None
            return result
    else:

        def test(ctx: Context) -> bool | None:
            result: bool | None = False
            for part in tests:
                value = part(ctx)
                if value is True:
                    return True
                if value is None:
                    result = None
            return result

    return Condition(
        data,
        test,
        frozenset().union(*(part.questions for part in parts)),
        frozenset().union(*(part.facts for part in parts)),
    )


def _compile_not(data: dict, path: str, scope: Scope) -> Condition:
    inner = compile_condition(data["not"], f"{path}.not", scope)
    inner_test = inner.test

    def test(ctx: Context) -> bool | None:
        value = inner_test(ctx)
        return None if value is None else not value

    return Condition(data, test, inner.questions, inner.facts)


def _compile_answered(data: dict, path: str, scope: Scope) -> Condition:
    question_id = data["answered"]
    if question_id not in scope.questions:
        raise scope.fail(
            f"{path}.answered",
            f"unknown question {question_id!r}; expected one of {sorted(scope.questions)}",
        )

    def test(ctx: Context) -> bool | None:
        return question_id in ctx.answers

    return Condition(data, test, frozenset({question_id}), frozenset())


def _comparisons(data: dict, path: str, scope: Scope, question: Question | None) -> tuple:
    checks = []
    for key in COMPARISONS:
        if key not in data:
            continue
        operand = data[key]
        where = f"{path}.{key}"
        if key in ORDERED and (not isinstance(operand, int | float) or isinstance(operand, bool)):
            raise scope.fail(where, f"expected a number but received: {operand!r}")
        if key == "in":
            if not isinstance(operand, list) or not operand:
                raise scope.fail(where, "expected a non-empty list of option values")
            operand = tuple(operand)
        if question is not None:
            _check_operand(key, operand, where, scope, question)
        checks.append((COMPARISONS[key], operand))
    return tuple(checks)


def _check_operand(key: str, operand: Any, where: str, scope: Scope, question: Question) -> None:
    numeric = question.type in ("integer", "number")
    if key in ORDERED and not numeric:
        raise scope.fail(where, f"{key!r} needs a number question but {question.id!r} is a "
                         f"{question.type!r} question")  # fmt: skip
    if key == "has" and question.type != "multichoice":
        raise scope.fail(where, f"'has' needs a multichoice question but {question.id!r} is a "
                         f"{question.type!r} question")  # fmt: skip
    values = operand if key == "in" else (operand,)
    if key in ("in", "eq", "has") and question.options:
        for value in values:
            if value not in question.option_values:
                raise scope.fail(
                    where,
                    f"unknown option {value!r} of {question.id!r}; expected one of "
                    f"{list(question.option_values)}",
                )


def _compile_answer(data: dict, path: str, scope: Scope) -> Condition:
    question_id = data["answer"]
    question = scope.questions.get(question_id) if isinstance(question_id, str) else None
    if question is None:
        raise scope.fail(
            f"{path}.answer",
            f"unknown question {question_id!r}; expected one of {sorted(scope.questions)}",
        )
    checks = _comparisons(data, path, scope, question)
    if not checks:
        raise scope.fail(path, f"an 'answer' condition needs one of {sorted(COMPARISONS)}")

    def test(ctx: Context) -> bool | None:
        value = ctx.answers.get(question_id)
        if value is None:
            return None
        return all(compare(value, operand) for compare, operand in checks)

    return Condition(data, test, frozenset({question_id}), frozenset())


def _compile_fact(data: dict, path: str, scope: Scope) -> Condition:
    fact_id = data["fact"]
    if fact_id not in scope.facts:
        raise scope.fail(
            f"{path}.fact", f"unknown fact {fact_id!r}; expected one of {sorted(scope.facts)}"
        )
    checks = list(_comparisons(data, path, scope, None))
    if "is" in data:
        if not isinstance(data["is"], bool):
            raise scope.fail(f"{path}.is", f"expected true or false but received: {data['is']!r}")
        checks.append((COMPARISONS["eq"], data["is"]))
    if not checks:
        raise scope.fail(path, "a 'fact' condition needs 'is' or a comparison")
    checks_t = tuple(checks)

    def test(ctx: Context) -> bool | None:
        value = ctx.fact(fact_id)
        if value is None:
            return None
        return all(compare(value, operand) for compare, operand in checks_t)

    return Condition(data, test, frozenset(), frozenset({fact_id}))


COMPILERS: dict[str, Callable[[dict, str, Scope], Condition]] = {
    "all": _compile_group,
    "any": _compile_group,
    "not": _compile_not,
    "answered": _compile_answered,
    "answer": _compile_answer,
    "fact": _compile_fact,
}

__all__ = ["COMPARISONS", "Scope", "Test", "compile_condition"]
