"""The one function the browser calls: JSON in, JSON out, the reply typed.

No Python object crosses into JavaScript: the worker passes a string and gets
a string back (`RESULT` with the result, or `INVALID` with the question and
two messages: `message` for developers and `reader_message` in the page's words).
"""

from __future__ import annotations

import json

from .answers import brief
from .errors import InvalidAnswers, QuestionnaireError

# Answers are a few short fields: a few kilobytes at most. Anything far larger,
# or nested deeper than an answer set can be, is refused before it is parsed.
MAX_JSON_CHARS = 200_000
MAX_JSON_DEPTH = 16


def _day(today: object):
    """The reader's date from the page, or None. JavaScript's null arrives as Pyodide's
    jsnull, not None, so anything that is not text counts as no date."""
    from datetime import date

    return date.fromisoformat(today) if isinstance(today, str) and today else None


def _depth_ok(text: str) -> bool:
    """Whether brackets nest at most MAX_JSON_DEPTH deep (strings skipped), in one pass."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif char in "]}":
            depth -= 1
    return True


def _no_duplicates(pairs: list) -> dict:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise InvalidAnswers(None, f"answers: expected each question once but received "
                             f"{brief(twice)} twice")  # fmt: skip
    return dict(pairs)


def parse_answers(text: object) -> object:
    """Answers from JSON text, bounded in size and depth, with no key given twice."""
    if not isinstance(text, str):
        raise InvalidAnswers(None, f"answers: expected JSON text but received: {brief(text)}")
    if len(text) > MAX_JSON_CHARS:
        raise InvalidAnswers(None, f"answers: expected at most {MAX_JSON_CHARS} characters of "
                             f"JSON but received: {len(text)}")  # fmt: skip
    if not _depth_ok(text):
        raise InvalidAnswers(None, f"answers: expected JSON nested at most {MAX_JSON_DEPTH} "
                             "deep")  # fmt: skip
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except ValueError as error:
        # A number string over Python's digit limit lands here too, as ValueError.
        raise InvalidAnswers(
            # json's messages name a position, never the text itself.
            None,
            f"answers: expected JSON but {str(error)[:200]}",
        ) from None


def evaluate_json(questionnaire_id: str, answers_json: str, today: str | None = None) -> str:
    """Evaluate answers given as JSON text; the reply is JSON text, never an exception.

    ``today`` (YYYY-MM-DD, the reader's date) dates the drafts; the engine never
    reads the clock itself.
    """

    from . import evaluate  # the package imports this module first

    try:
        day = _day(today)
    except ValueError:
        return _invalid(InvalidAnswers(None, f"today: expected a date as YYYY-MM-DD but "
                                       f"received: {str(today)[:40]!r}"))  # fmt: skip
    try:
        result = evaluate(questionnaire_id, parse_answers(answers_json), today=day)
    except QuestionnaireError as error:
        return _invalid(error)
    return json.dumps({"type": "RESULT", "result": result}, ensure_ascii=False)


def _invalid(error: QuestionnaireError) -> str:
    question = getattr(error, "question", None)
    reply = {
        "type": "INVALID",
        "question": question,
        "message": str(error),
        "reader_message": getattr(error, "reader_message", None) or str(error),
    }
    return json.dumps(reply, ensure_ascii=False)


def plan_json(answers_by_questionnaire_json: str, today: str | None = None) -> str:
    """The reader's whole plan from JSON text: `{"type": "PLAN", "plan": {...}}` or INVALID."""

    from .plan import plan

    try:
        day = _day(today)
    except ValueError:
        return _invalid(InvalidAnswers(None, "today: expected a date as YYYY-MM-DD"))
    try:
        result = plan(parse_answers(answers_by_questionnaire_json), today=day)
    except QuestionnaireError as error:
        return _invalid(error)
    return json.dumps({"type": "PLAN", "plan": result}, ensure_ascii=False)
