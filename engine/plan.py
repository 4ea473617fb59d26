"""The reader's plan: every answered questionnaire brought together, dated and in order.

`plan(answers_by_questionnaire, today)` evaluates each questionnaire the reader
has answered, lists the dated steps (the offer's deadline, the day to ask for
more time, the first choice's expected answer, each check-in) in date order,
gathers every document, and writes one calendar with every dated step. The
day is passed in; the engine never reads the clock.
"""

from __future__ import annotations

from datetime import date, timedelta

from .drafts import is_working_day, long_date, working_day
from .errors import InvalidAnswers, QuestionnaireError
from .ics import Event, calendar, event_uid
from .loader import load_all

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

REMINDER = "PT9H"  # 9:00 on the day of each step
CALENDAR_FILE = "my-plan.ics"


def _step(day: date, kind: str, questionnaire: str, title: str, advice: list[str],
          uid: str, detail: str = "") -> dict:  # fmt: skip
    return {"date": day.isoformat(), "day": long_date(day), "kind": kind,
            "questionnaire": questionnaire, "title": title, "detail": detail,
            "advice": advice, "uid": uid}  # fmt: skip


def _triage_steps(result: dict, answers: dict, today: date | None) -> list[dict]:
    """The offer's deadline, the day to ask for time, and the first choice's expected answer."""
    if today is None or result["outcome"] is None:
        return []
    facts, steps, qid = result["facts"], [], result["questionnaire"]
    deadline = answers.get("offer_deadline_days")
    if deadline is not None:
        day = today + timedelta(days=int(deadline))
        title = "Deadline: answer the offer in hand"
        steps.append(_step(day, "deadline", qid, title, ["B1"], "offer-deadline"))
    if result["outcome"] == "ask_for_time":
        ask = today if is_working_day(today) else working_day(today, not_before=today)
        steps.append(_step(ask, "ask_for_time", qid, "Ask the employer for more time, and "
                           "ask your first choice where you stand", ["B1", "D2"],
                           "ask-for-time", "The two messages are in your drafts."))  # fmt: skip
    if answers.get("decision_weeks") is not None:
        expected = today + timedelta(days=facts["answer_days"])
        steps.append(_step(expected, "first_choice_answer", qid,
                           "Your first choice expects to decide about now", ["B1", "D3"],
                           "first-choice-answer"))  # fmt: skip
    return steps


def _follow_up_steps(result: dict) -> list[dict]:
    """Each check-in, dated and keyed as its note says, so My plan's event for it is the
    very event of follow-up-plan.ics (same UID: importing both updates, never doubles)."""
    if result["outcome"] != "follow_up_plan":
        return []
    return [_step(date.fromisoformat(doc["event"]["date"]), "check_in", result["questionnaire"],
                  doc["event"]["summary"], ["D3", "D4"], doc["event"]["key"], doc["content"])
            for doc in result["documents"] if "event" in doc]  # fmt: skip


def plan(answers_by_questionnaire: Any, today: date | None = None) -> dict[str, Any]:
    """One plan from every questionnaire answered on this device (unanswered ones left out)."""
    from . import evaluate  # the package imports this module first

    if not isinstance(answers_by_questionnaire, dict):
        raise InvalidAnswers(None, "plan: expected an object mapping questionnaire IDs to answers")
    definitions = load_all()
    known = [definition.id for definition in definitions]
    for questionnaire in answers_by_questionnaire:
        if questionnaire not in known:
            raise InvalidAnswers(None, f"plan: unknown questionnaire {str(questionnaire)[:40]!r}; "
                                 f"expected one of {known}")  # fmt: skip
    items, steps, documents, invalid = [], [], [], []
    for definition in definitions:
        answers = answers_by_questionnaire.get(definition.id)
        if not answers:
            continue
        try:
            result = evaluate(definition.id, answers, today=today)
        except QuestionnaireError as error:
            invalid.append({"questionnaire": definition.id, "title": definition.title,
                            "message": getattr(error, "reader_message", str(error))})  # fmt: skip
            continue
        items.append({"questionnaire": definition.id, "title": definition.title,
                      "outcome": result["outcome"], "outcome_title": result["title"],
                      "summary": result["summary"], "provisional": result["provisional"],
                      "missing": result["missing"], "actions": result["actions"]})  # fmt: skip
        if definition.id == "should-i-decline":
            steps += _triage_steps(result, answers, today)
        if definition.id == "follow-up-plan":
            steps += _follow_up_steps(result)
        documents += [{**doc, "questionnaire": definition.id}
                      for doc in result["documents"] if doc["kind"] != "ics"]  # fmt: skip
    steps.sort(key=lambda step: (step["date"], step["kind"]))
    events = [Event(uid=event_uid(step["uid"]), day=date.fromisoformat(step["date"]),
                    summary=step["title"], description=step["detail"] or step["title"],
                    reminder=REMINDER) for step in steps]  # fmt: skip
    stamp = today or (date.fromisoformat(steps[0]["date"]) if steps else date(2000, 1, 1))
    return {
        "today": today.isoformat() if today else None,
        "items": items,
        "steps": steps,
        "documents": documents,
        "invalid": invalid,
        "calendar": {
            "filename": CALENDAR_FILE,
            "media_type": "text/calendar",
            "content": calendar(events, stamp),
        }
        if events
        else None,  # fmt: skip
    }
