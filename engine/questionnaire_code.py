"""What a questionnaire's own Python declares: the answers it reads, its facts, documents, details.

Each `engine/questionnaires/<id>.json` may have a module beside it (hyphens
become underscores) that defines `CODE = QuestionnaireCode(...)`. The loader
checks every answer the module declares against the definition, so renaming
a question without its Python fails at load time, naming both files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class FactRule:
    """A value computed from several answers, explained where it is computed."""

    compute: Callable[[Answers], Any]
    inputs: tuple[str, ...]  # the questions it reads
    # Inputs whose absence makes the fact an estimate: while one is
    # unanswered, an outcome resting on the fact is only provisional (a
    # function of the answers when that depends on them).
    assumes: tuple[str, ...] | Callable[[Answers], tuple[str, ...]] = ()


@dataclass(frozen=True, slots=True)
class QuestionnaireCode:
    """The Python one questionnaire needs beyond its definition."""

    # Every question the documents and details read (facts declare their own).
    reads: tuple[str, ...] = ()
    facts: dict[str, FactRule] = field(default_factory=dict)
    # (outcome, answers, today) -> documents; answers are checked and normalised.
    documents: Callable[..., list[dict]] | None = None
    # (definition, answers) -> extra result fields.
    details: Callable[..., dict[str, Any]] | None = None
    # (result, answers, today) -> the dated steps this result adds to My plan, each
    # {"date", "kind", "title", "advice", "uid", "detail"}: the plan names no questionnaire.
    steps: Callable[..., list[dict]] | None = None
    # What dates this questionnaire gives My plan, in words ("your check-ins"): an empty
    # plan says where its dates would come from.
    gives_dates: str | None = None
    # result -> a sentence for the top of My plan when this result comes before the others
    # (homework first, yet a decline plan), or None.
    plan_first: Callable[..., str | None] | None = None
    # Named phrases the definition's texts may use as {name}: (answers, today)
    # -> words, for what needs the reader's today ("Friday 11 December").
    phrases: dict[str, Callable[..., str]] = field(default_factory=dict)

    def questions_read(self) -> dict[str, str]:
        """Each question read, with who reads it: 'documents' or 'fact NAME'."""
        read = {question: "its documents and details" for question in self.reads}
        for fact_id, rule in self.facts.items():
            for question in rule.inputs:
                read.setdefault(question, f"fact {fact_id!r}")
        return read


class DeclaredAnswers(dict):
    """Answers that refuse to be read by a question the code did not declare.

    A typo or a renamed question in the Python then fails loudly in tests
    instead of drafting a note signed "[your name]".
    """

    __slots__ = ("declared", "reader")

    def __init__(self, answers: Mapping[str, Any], declared: frozenset[str], reader: str):
        super().__init__(answers)
        self.declared = declared
        self.reader = reader

    def _check(self, key: object) -> None:
        if key not in self.declared:
            raise KeyError(f"{self.reader} reads {key!r}, which it does not declare")

    def __getitem__(self, key: str) -> Any:
        self._check(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._check(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._check(key)
        return super().__contains__(key)
