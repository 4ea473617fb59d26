"""Frozen dataclasses for a parsed questionnaire definition."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .questionnaire_code import DeclaredAnswers

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .questionnaire_code import QuestionnaireCode


# A compiled condition answers True, False or None ("cannot tell yet": it
# depends on an unanswered question). See conditions.py.
Test = Callable[["Context"], bool | None]


@dataclass(frozen=True, slots=True)
class Option:
    value: str | int
    label: str


@dataclass(frozen=True, slots=True)
class Move:
    """How answers saved under version ``to - 1`` become answers of ``to``."""

    to: int
    questions: tuple[tuple[str, str], ...]  # (old ID, new ID)
    values: tuple[tuple[str, tuple[tuple[Any, Any], ...]], ...]  # (question, ((old, new), ...))
    removed: tuple[tuple[str, str], ...]  # (ID, the label the reader saw)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: str
    label: str
    help: str | None
    required: bool
    options: tuple[Option, ...] = ()
    minimum: Any = None
    maximum: Any = None
    step: float | int | None = None
    unit: str | None = None
    max_length: int | None = None
    multiline: bool = False
    group: str | None = None
    shares: str | None = None  # a fact shared with other questionnaires

    @property
    def option_values(self) -> tuple[str | int, ...]:
        return tuple(option.value for option in self.options)

    def option_label(self, value: object) -> str | None:
        for option in self.options:
            if option.value == value:
                return option.label
        return None


@dataclass(frozen=True, slots=True)
class Condition:
    data: Any  # the condition as written, for explanations and `show`
    test: Test
    questions: frozenset[str]  # questions read directly
    facts: frozenset[str]  # facts read


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str
    inputs: tuple[str, ...]  # questions the fact is computed from
    # Inputs whose absence makes the fact an estimate: while one is
    # unanswered, an outcome resting on the fact is only provisional. A
    # function of the answers when that depends on them.
    assumes: tuple[str, ...] | Callable[[dict[str, Any]], tuple[str, ...]]
    compute: Callable[[dict[str, Any]], Any]

    def assumed(self, answers: dict[str, Any]) -> tuple[str, ...]:
        """The inputs this fact guesses while unanswered, for these answers."""
        return self.assumes(answers) if callable(self.assumes) else self.assumes

    @property
    def declared(self) -> frozenset[str]:
        return frozenset(self.inputs)


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    title: str
    summary: str
    advice: tuple[str, ...]
    as_change: str  # how the outcome reads in a "change" line: "waiting would be reasonable"


@dataclass(frozen=True, slots=True)
class Rule:
    outcome: str
    when: Condition | None  # None: the catch-all, always last
    note: str | None


@dataclass(frozen=True, slots=True)
class Reason:
    text: str
    advice: tuple[str, ...]
    when: Condition | None
    outcomes: frozenset[str] | None  # None: whatever the outcome


@dataclass(frozen=True, slots=True)
class Flag:
    id: str
    text: str
    advice: tuple[str, ...]
    when: Condition


@dataclass(frozen=True, slots=True)
class Action:
    text: str
    advice: tuple[str, ...]
    when: Condition | None
    outcomes: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class Next:
    text: str
    questionnaire: str  # the questionnaire the link opens
    when: Condition | None
    outcomes: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class Change:
    question: str
    value: Any  # a literal answer, or ("fact", ID) for a computed one
    direction: str | None  # "up", "down" or None (any different value)
    text: str
    outcomes: frozenset[str] | None  # only from these outcomes
    # Only from these current answers: a change must make sense from where the
    # reader stands (no "if the role survived the restructuring" without one).
    from_values: tuple[Any, ...] | None = None
    # The smallest value a reader could really have (never a wait of 0 weeks).
    at_least: float | None = None
    # Only towards these outcomes: a line must say something useful, not
    # merely name the course the reader would fall back on anyway.
    leads_to: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Definition:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    facts: tuple[Fact, ...]
    outcomes: tuple[Outcome, ...]
    rules: tuple[Rule, ...]
    reasons: tuple[Reason, ...]
    against: tuple[Reason, ...]  # what points the other way, per outcome
    flags: tuple[Flag, ...]
    actions: tuple[Action, ...]
    next: tuple[Next, ...]  # links to the questionnaires that follow
    changes: tuple[Change, ...]
    how_to_read: tuple[str, ...]
    no_outcome_title: str
    no_outcome_summary: str
    questions_by_id: dict[str, Question]
    facts_by_id: dict[str, Fact]
    outcomes_by_id: dict[str, Outcome]
    code: QuestionnaireCode  # the questionnaire's own Python
    version: int = 1  # of its questions and values: what saved answers are tagged with
    moves: tuple[Move, ...] = ()  # how answers of each older version move forward


class Context:
    """The answers of one evaluation, with facts computed once on demand."""

    __slots__ = ("answers", "strict", "phrases", "_facts", "_cache")

    def __init__(self, answers: dict[str, Any], facts: dict[str, Fact], strict: bool = False):
        self.answers = answers
        # Strict: a fact that rests on an assumption counts as unknown, which
        # tells whether an outcome is settled or only provisional.
        self.strict = strict
        # Words the questionnaire's code makes from the answers and today.
        self.phrases: dict[str, str] = {}
        self._facts = facts
        self._cache: dict[str, Any] = {}

    def fact(self, fact_id: str) -> Any:
        try:
            return self._cache[fact_id]
        except KeyError:
            pass
        fact = self._facts[fact_id]
        if self.strict and not self.fact_complete(fact_id):
            value = None
        else:
            # The fact sees only the answers it declares: a typo or a renamed
            # question in its Python fails loudly instead of reading None.
            value = fact.compute(DeclaredAnswers(self.answers, fact.declared, f"fact {fact_id!r}"))
        self._cache[fact_id] = value
        return value

    def fact_complete(self, fact_id: str) -> bool:
        answers = self.answers
        return all(name in answers for name in self._facts[fact_id].assumed(answers))
