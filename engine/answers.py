"""Check a reader's answers against a definition and normalise them, or say what is wrong.

Every size is bounded before any work is done on a value, every string must
be well-formed Unicode, and every error quotes at most a short prefix of what
was received. Each error also carries a message in the reader's words, built
from the question's own label.
"""

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
# (no exponents, no "nan", no thousands separators), and short ones: no answer
# here needs more than a few digits, and long ones cost time to convert.
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
# A range a reader may type for an estimate ("8-10", "8 – 10", "8 to 10"):
# it counts as its later end, the cautious reading of a wait, and the result
# says so (see `ranges_read`).
RANGE = re.compile(r"([0-9]+(?:\.[0-9]+)?) *(?:-|–|—|to) *([0-9]+(?:\.[0-9]+)?)")
MAX_NUMBER_CHARS = 20
# Whole numbers from Python callers: anything this large is out of every range.
MAX_NUMBER_BITS = 64
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# No control character (C0 but tab and newline, DEL, C1), no line or paragraph
# separator and no lone surrogate has a place in a draft or a calendar.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Errors quote at most this many characters of what they received.
QUOTE_CHARS = 40


def brief(value: Any) -> str:
    """A short, always printable description of a value, for error messages."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int):
        if value.bit_length() > 128:
            return f"a whole number of about {int(value.bit_length() * 0.30103)} digits"
        return repr(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        if len(value) <= QUOTE_CHARS:
            return repr(value)
        return f"{value[:QUOTE_CHARS]!r}… ({len(value)} characters)"
    if isinstance(value, list | tuple):
        if len(value) <= 4 and all(isinstance(item, str | int | float) for item in value):
            text = "[" + ", ".join(brief(item) for item in value) + "]"
            if len(text) <= 2 * QUOTE_CHARS:
                return text
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        return f"an object with {len(value)} keys"
    return f"a value of type {type(value).__name__}"


def _invalid(question: Question, problem: str, hint: str) -> InvalidAnswers:
    """The error, with the reader's version: the question's label, then what to do."""
    label = question.label.rstrip()
    joined = f"{label} {hint}" if label.endswith(("?", ".", "!")) else f"{label}: {hint}"
    return InvalidAnswers(question.id, problem, joined)


def is_empty(question: Question, value: Any) -> bool:
    """Empty fields count as unanswered: None, "", blank text, no option ticked."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return question.type == "multichoice" and isinstance(value, list) and not value


def _fmt(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_number(question: Question, value: Any) -> int | float | None:
    """The value as a number, or None when it is not one (or is far too long to be one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_NUMBER_CHARS:
            return None
        spread = RANGE.fullmatch(text)
        if spread and float(spread.group(1)) <= float(spread.group(2)):
            text = spread.group(2)
        if not _DECIMAL.fullmatch(text):
            return None
        value = float(text) if "." in text else int(text)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer():
            return int(value)
        return None if question.type == "integer" else value
    if isinstance(value, int):
        return None if value.bit_length() > MAX_NUMBER_BITS else value
    return None


def _number(question: Question, value: Any) -> int | float:
    number = _as_number(question, value)
    if question.options:
        if number not in question.option_values:
            raise _invalid(
                question,
                f"expected one of {list(question.option_values)} but received: {brief(value)}",
                "Choose one of the options.",
            )
        return number
    if number is None or not question.minimum <= number <= question.maximum:
        whole = question.type == "integer"
        kind = "a whole number" if whole else "a number"
        low, high = _fmt(question.minimum), _fmt(question.maximum)
        raise _invalid(
            question,
            f"expected {kind} from {low} to {high} but received: {brief(value)}",
            f"Enter {kind} from {low} to {high}" + ("." if whole else ", such as 4 or 4.5."),
        )
    return number


def _choice(question: Question, value: Any) -> str:
    if not isinstance(value, str) or value not in question.option_values:
        raise _invalid(
            question,
            f"expected one of {list(question.option_values)} but received: {brief(value)}",
            "Choose one of the options.",
        )
    return value


def _multichoice(question: Question, value: Any) -> tuple[str, ...]:
    allowed = question.option_values
    if (
        not isinstance(value, list)
        or len(value) > len(allowed)
        or not all(isinstance(item, str) and item in allowed for item in value)
    ):
        raise _invalid(
            question,
            f"expected a list of values from {list(allowed)} but received: {brief(value)}",
            "Tick the options that apply.",
        )
    if len(set(value)) != len(value):
        raise _invalid(
            question,
            f"expected each value at most once but received: {brief(value)}",
            "Tick each option at most once.",
        )
    # Keep the definition's order so results do not depend on click order.
    return tuple(item for item in allowed if item in value)


def _text(question: Question, value: Any) -> str:
    if not isinstance(value, str):
        raise _invalid(question, f"expected text but received: {brief(value)}", "Enter text.")
    # Bound the work first: a value far over the limit is rejected unread.
    if len(value) > 2 * question.max_length + 16:
        raise _invalid(
            question,
            f"expected text of at most {question.max_length} characters "
            f"but received: {len(value)} characters",
            f"Keep it to {question.max_length} characters or fewer.",
        )
    if _SURROGATE.search(value):
        raise _invalid(
            question,
            f"expected well-formed text but received: {brief(value)}",
            "Some characters could not be read; please type them again.",
        )
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not question.multiline and ("\n" in text or "\t" in text):
        raise _invalid(
            question,
            f"expected a single line of text but received: {brief(value)}",
            "Keep it to one line.",
        )
    if _CONTROL.search(text):
        raise _invalid(
            question,
            f"expected text without control characters but received: {brief(value)}",
            "Remove the invisible control characters (they can come with pasted text).",
        )
    if len(text) > question.max_length:
        raise _invalid(
            question,
            f"expected text of at most {question.max_length} characters "
            f"but received: {len(text)} characters",
            f"Keep it to {question.max_length} characters or fewer.",
        )
    return text


def _date(question: Question, value: Any) -> str:
    parsed = None
    if isinstance(value, str) and len(value) <= MAX_NUMBER_CHARS:
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                parsed = date.fromisoformat(text)
            except ValueError:
                parsed = None
    if parsed is None or not question.minimum <= parsed.isoformat() <= question.maximum:
        first, last = (date.fromisoformat(day) for day in (question.minimum, question.maximum))
        raise _invalid(
            question,
            f"expected a date as YYYY-MM-DD from {question.minimum} to {question.maximum} "
            f"but received: {brief(value)}",
            f"Pick a date between {first.day} {first:%B %Y} and {last.day} {last:%B %Y} "
            "with the date picker, or type it as year-month-day, such as 2026-11-26.",
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
    if len(answers) > len(definition.questions):
        raise InvalidAnswers(
            None,
            f"answers: expected at most {len(definition.questions)} answers "
            f"but received: {len(answers)}",
        )
    checked: dict[str, Any] = {}
    for question_id, value in answers.items():
        question = definition.questions_by_id.get(question_id)
        if not isinstance(question_id, str):
            raise InvalidAnswers(
                None, f"answers: expected question IDs as keys but received: {brief(question_id)}"
            )
        if question is None:
            raise InvalidAnswers(
                brief(question_id)[1:-1] if len(question_id) <= QUOTE_CHARS else None,
                f"not a question of {definition.id}; expected one of "
                f"{[q.id for q in definition.questions]}",
            )
        if is_empty(question, value):
            continue
        checked[question_id] = CHECKS[question.type](question, value)
    return checked


def ranges_read(definition: Definition, answers: dict[str, Any], checked: dict[str, Any]) -> list:
    """The answers typed as a range, each with the number it counts as."""
    return [
        (question, answers[question.id], checked[question.id])
        for question in definition.questions
        if question.type in ("integer", "number")
        and question.id in checked
        and isinstance(answers.get(question.id), str)
        and RANGE.fullmatch(answers[question.id].strip())
    ]
