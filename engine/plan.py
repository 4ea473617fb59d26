"""The reader's plan: every answered questionnaire brought together, dated and in order.

`plan(answers_by_questionnaire, today)` evaluates each questionnaire the reader
has answered, lists the dated steps (the offer's deadline, the day to ask for
more time, the first choice's expected answer, each check-in) in date order,
gathers every document, and writes one calendar with every dated step. The
day is passed in; the engine never reads the clock.
"""

from __future__ import annotations

from datetime import date

from .answers import check_answers
from .drafts import long_date, working_day
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
          uid: str, detail: str = "", drafts: list[str] | None = None) -> dict:  # fmt: skip
    """A dated step; `drafts` names the documents (questionnaire:id) it needs."""
    return {"date": day.isoformat(), "day": long_date(day), "kind": kind,
            "questionnaire": questionnaire, "title": title, "detail": detail,
            "advice": advice, "uid": uid,
            "drafts": [f"{questionnaire}:{doc}" for doc in drafts or ()]}  # fmt: skip


def timeline(steps: list[dict], today: date | None) -> list[dict]:
    """The steps as a person acts on them: today, by the offer's deadline, later.

    "Today" holds what is due on the first working day from today (named as
    that day when today is not one); the middle group ends on the deadline.
    """
    if today is None or not steps:
        return []
    first = working_day(today, not_before=today)
    deadline = next((s["date"] for s in steps if s["kind"] == "deadline"), None)
    now = "Today" if first == today else f"Next working day, {long_date(first)}"
    groups = [("today", now, lambda s: s["date"] <= first.isoformat())]
    if deadline is not None:
        day = long_date(date.fromisoformat(deadline))
        groups.append(("by_deadline", f"By {day}, the offer's deadline",
                       lambda s: s["date"] <= deadline))  # fmt: skip
    groups.append(("later", "Later", lambda s: True))
    made, left = [], list(steps)
    for key, heading, holds in groups:
        taken = [step for step in left if holds(step)]
        left = [step for step in left if not holds(step)]
        if taken:
            made.append({"key": key, "heading": heading, "steps": [s["uid"] for s in taken]})
    return made


def _dated(steps: list[dict], questionnaire: str) -> list[dict]:
    """A questionnaire's own steps (see QuestionnaireCode.steps), dated in words."""
    return [_step(step["date"], step["kind"], questionnaire, step["title"], step["advice"],
                  step["uid"], step.get("detail", ""), step.get("drafts"))
            for step in steps]  # fmt: skip


def _event_steps(result: dict) -> list[dict]:
    """Each document that carries a calendar event (a check-in's note), dated and keyed as
    its note says, so My plan's event is the very event of that questionnaire's .ics (same
    UID: importing both updates, never doubles)."""
    return [_step(date.fromisoformat(doc["event"]["date"]), "check_in", result["questionnaire"],
                  doc["event"]["summary"], ["D3", "D4"], doc["event"]["key"], doc["content"],
                  [doc["id"]])
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
    items, steps, documents, invalid, first = [], [], [], [], []
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
        note = definition.code.plan_first(result) if definition.code.plan_first else None
        if note:
            first.append({"questionnaire": definition.id, "text": note})
        if definition.code.steps and today is not None:
            # The answers as the engine read them: numbers as numbers, not as typed.
            checked = check_answers(definition, answers)
            steps += _dated(definition.code.steps(result, checked, today), definition.id)
        steps += _event_steps(result)
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
        # The same steps as a person acts on them: today, by the deadline, later.
        "timeline": timeline(steps, today),
        # What must come before the rest of the plan, and why (homework first).
        "first": first if len(items) > 1 else [],
        "documents": documents,
        "invalid": invalid,
        # Where dates come from, for a plan that has none yet.
        "dated_by": [
            {"questionnaire": d.id, "gives": d.code.gives_dates}
            for d in definitions
            if d.code.gives_dates
        ],
        "calendar": {
            "filename": CALENDAR_FILE,
            "media_type": "text/calendar",
            "content": calendar(events, stamp),
        }
        if events
        else None,  # fmt: skip
    }
