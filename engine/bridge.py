"""The one function the browser calls: JSON in, JSON out, the reply typed.

No Python object crosses into JavaScript: the worker passes a string and gets
a string back (`RESULT` with the result, or `INVALID` with the question and
two messages: `message` for developers and `reader_message` in the page's words).
"""

from __future__ import annotations

import json

from .errors import InvalidAnswers, QuestionnaireError


def evaluate_json(questionnaire_id: str, answers_json: str, today: str | None = None) -> str:
    """Evaluate answers given as JSON text; the reply is JSON text, never an exception.

    ``today`` (YYYY-MM-DD, the reader's date) dates the drafts; the engine never
    reads the clock itself.
    """
    from datetime import date

    from . import evaluate  # the package imports this module first

    try:
        day = None if today is None else date.fromisoformat(today)
    except (TypeError, ValueError):
        return _invalid(InvalidAnswers(None, f"today: expected a date as YYYY-MM-DD but "
                                       f"received: {str(today)[:40]!r}"))  # fmt: skip
    try:
        answers = json.loads(answers_json)
        result = evaluate(questionnaire_id, answers, today=day)
    except (ValueError, RecursionError) as error:
        return _invalid(InvalidAnswers(None, f"answers: expected JSON but {error}"))
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
