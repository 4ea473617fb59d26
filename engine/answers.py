"""Check a reader's answers against a definition and normalise them, or say what is wrong."""

from __future__ import annotations

import math
import re
from datetime import date

from .errors import InvalidAnswers
from .model import Definition, Question

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# Form fields arrive as strings from the browser; accept plain decimals only
# (no exponents, no "nan", no thousands separators).
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Control characters other than tab and newline have no place in a draft.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def is_empty(value: Any) -> bool:
    """Empty fields count as unanswered: None, "", blank text, an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, list) and not value


def _fmt(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_number(question: Question, value: Any) -> int | float | None:
    """The value as a number, or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not _DECIMAL.fullmatch(text):
            return None
        value = float(text) if "." in text else int(text)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer():
            return int(value)
        return None if question.type == "integer" else value
    return value if isinstance(value, int) else None


def _number(question: Question, value: Any) -> int | float:
    number = _as_number(question, value)
    if question.options:
        if number not in question.option_values:
            raise InvalidAnswers(
                question.id,
                f"expected one of {list(question.option_values)} but received: {value!r}",
            )
        return number
    if number is None or not question.minimum <= number <= question.maximum:
        kind = "a whole number" if question.type == "integer" else "a number"
        raise InvalidAnswers(
            question.id,
            f"expected {kind} from {_fmt(question.minimum)} to {_fmt(question.maximum)} "
            f"but received: {value!r}",
        )
    return number


def _choice(question: Question, value: Any) -> str:
    if not isinstance(value, str) or value not in question.option_values:
        raise InvalidAnswers(
            question.id, f"expected one of {list(question.option_values)} but received: {value!r}"
        )
    return value


def _multichoice(question: Question, value: Any) -> tuple[str, ...]:
    allowed = question.option_values
    if not isinstance(value, list) or not all(
        isinstance(item, str) and item in allowed for item in value
    ):
        raise InvalidAnswers(
            question.id,
            f"expected a list of values from {list(allowed)} but received: {value!r}",
        )
    if len(set(value)) != len(value):
        raise InvalidAnswers(
            question.id, f"expected each value at most once but received: {value!r}"
        )
    # Keep the definition's order so results do not depend on click order.
    return tuple(item for item in allowed if item in value)


def _text(question: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidAnswers(question.id, f"expected text but received: {value!r}")
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _CONTROL.search(text):
        raise InvalidAnswers(
            question.id, f"expected text without control characters but received: {value!r}"
        )
    if "\n" in text and not question.multiline:
        raise InvalidAnswers(question.id, f"expected a single line of text but received: {value!r}")
    if len(text) > question.max_length:
        raise InvalidAnswers(
            question.id,
            f"expected text of at most {question.max_length} characters "
            f"but received: {len(text)} characters",
        )
    return text


def _date(question: Question, value: Any) -> str:
    parsed = None
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            parsed = None
    if parsed is None or not question.minimum <= parsed.isoformat() <= question.maximum:
        raise InvalidAnswers(
            question.id,
            f"expected a date as YYYY-MM-DD from {question.minimum} to {question.maximum} "
            f"but received: {value!r}",
        )
    return parsed.isoformat()


CHECKS = {
    "integer": _number,
    "number": _number,
    "choice": _choice,
    "multichoice": _multichoice,
    "text": _text,
    "date": _date,
}


def check_answers(definition: Definition, answers: Any) -> dict[str, Any]:
    """Return the answered questions, normalised; unanswered ones are left out."""
    if not isinstance(answers, dict):
        raise InvalidAnswers(
            None,
            "answers: expected an object mapping question IDs to answers "
            f"but received: {type(answers).__name__}",
        )
    checked: dict[str, Any] = {}
    for question_id, value in answers.items():
        question = definition.questions_by_id.get(question_id)
        if not isinstance(question_id, str):
            raise InvalidAnswers(
                None, f"answers: expected question IDs as keys but received: {question_id!r}"
            )
        if question is None:
            raise InvalidAnswers(
                question_id,
                f"not a question of {definition.id}; expected one of "
                f"{[q.id for q in definition.questions]}",
            )
        if is_empty(value):
            continue
        checked[question_id] = CHECKS[question.type](question, value)
    return checked
