"""The triage on the calendar: today, the offer's deadline and the first choice's answer.

A grid of answer date x deadline x runway x job x stage x fit, each dated from
one of several todays (a Friday before the holidays among them), read as a
careful coach would read each date against the others.
"""

from __future__ import annotations

import itertools
import math
import re
from datetime import date

import pytest

from engine import evaluate
from engine.drafts import MONTHS, WEEKDAYS, is_working_day

TRIAGE = "should-i-decline"
IN_PLAY = {"interviewing", "finalist", "strong_maybe"}
TODAYS = [date(2026, 12, 4), date(2026, 12, 18), date(2026, 12, 24), date(2027, 3, 1)]
_DAY = re.compile(rf"(?:{'|'.join(WEEKDAYS)}) (\d+) ({'|'.join(MONTHS)})")


def _grid():
    cells = itertools.product(
        [0.5, 1, 2, 3, 4, 8],  # weeks to their answer
        [0, 3, 7, 14, 21, 30],  # days to the deadline
        [2, 6, 12],  # runway
        ["yes", "no"],  # a job to keep
        ["applied", "interviewing", "finalist", "strong_maybe"],
        [2, 3, 4, 5],  # fit
    )
    for index, (weeks, deadline, runway, job, stage, fit) in enumerate(cells):
        answers = {"offer_fit": fit, "homework": "done", "current_job": job,
                   "first_choice_stage": stage, "restructuring": "no", "decision_weeks": weeks,
                   "runway_months": runway, "no_would_feel": "disappointed",
                   "ready_to_search": "yes", "offer_deadline_days": deadline,
                   "your_name": "Dana Wells", "offer_contact": "Sam Ortiz",
                   "first_choice_contact": "Priya Raman"}  # fmt: skip
        yield answers, TODAYS[index % len(TODAYS)]


GRID = list(_grid())


def _dates(text: str, today: date) -> list[date]:
    """The dates a text names in words, each in the first year that puts it on or after today."""
    found = []
    for day, month in _DAY.findall(text):
        named = date(today.year, MONTHS.index(month) + 1, int(day))
        found.append(named if named >= today else named.replace(year=today.year + 1))
    return found


def _would_decline_anyway(answers: dict) -> bool:
    """An offer the reader would turn down whatever the first choice does (rules 2 and 6)."""
    return answers["offer_fit"] <= 3


@pytest.fixture(scope="module")
def results():
    return [(answers, today, evaluate(TRIAGE, answers, today=today)) for answers, today in GRID]


def test_the_grid_reaches_every_calendar_outcome(results):
    seen = {result["outcome"] for _a, _t, result in results}
    assert {"hear_them_first", "ask_for_time", "accept_and_stay_in_touch"} <= seen


def test_no_request_for_time_asks_for_a_day_before_the_answer_it_waits_for(results):
    checked = 0
    for answers, today, result in results:
        for document in result["documents"]:
            if document["id"] != "ask_offer_for_time":
                continue
            heard = re.search(r"I expect to hear by (.+?)\.", document["content"])
            asked = re.search(r"my answer by (.+?), rather than", document["content"])
            assert heard and asked, document["content"]
            (hear_day,), (ask_day,) = _dates(heard[1], today), _dates(asked[1], today)
            assert hear_day < ask_day, (answers, today, document["content"])
            assert is_working_day(ask_day), ask_day
            deadline = answers["offer_deadline_days"]
            # At most two weeks past the deadline, give or take the days around a holiday.
            assert (ask_day - today).days <= deadline + 14 + 5, (answers, today)
            checked += 1
    assert checked > 50


def test_an_answer_due_by_the_deadline_means_hearing_from_them_first(results):
    for answers, _today, result in results:
        due = math.ceil(answers["decision_weeks"] * 7) <= answers["offer_deadline_days"]
        if not (due and answers["first_choice_stage"] in IN_PLAY):
            continue
        if result["outcome"] == "decline_and_keep_doors_open":
            assert _would_decline_anyway(answers), answers
        else:
            assert result["outcome"] == "hear_them_first", (answers, result["outcome"])
            assert result["fallback"] is not None
            assert any(d["id"] == "ask_first_choice" for d in result["documents"])


def test_time_is_asked_for_only_when_a_short_extension_reaches_their_answer(results):
    for answers, _today, result in results:
        if result["outcome"] != "ask_for_time":
            continue
        days, deadline = math.ceil(answers["decision_weeks"] * 7), answers["offer_deadline_days"]
        assert deadline < days <= deadline + 14, answers


def test_a_deadline_that_comes_first_is_always_told_to_the_first_choice(results):
    for answers, _today, result in results:
        first = answers["offer_deadline_days"] < math.ceil(answers["decision_weeks"] * 7)
        if first and answers["first_choice_stage"] in IN_PLAY:
            documents = [d["id"] for d in result["documents"]]
            assert "ask_first_choice" in documents, (answers, result["outcome"])
            note = next(d for d in result["documents"] if d["id"] == "ask_first_choice")
            assert "Hi Priya," in note["content"] and note["content"].endswith("Dana Wells")


def test_no_change_line_leads_from_an_answer_due_in_time_to_choosing_now(results):
    for answers, _today, result in results:
        for line in result["change"]:
            changed = {**answers, line["question"]: line["value"]}
            due = math.ceil(changed["decision_weeks"] * 7) <= changed["offer_deadline_days"]
            if due and changed["first_choice_stage"] in IN_PLAY:
                assert line["outcome"] in ("hear_them_first", "decline_and_keep_doors_open"), (
                    answers, line)  # fmt: skip
            # Lines the reader cannot bring about are worded as facts that may turn out.
            if line["question"] in ("decision_weeks", "first_choice_stage", "offer_deadline_days"):
                assert line["text"].startswith("If it turns out that"), line["text"]


def test_every_date_in_a_result_is_one_the_reader_can_place(results):
    """Dates in words, each on or after today, and none in a result named as digits."""
    for _answers, today, result in results:
        texts = [item["text"] for key in ("reasons", "against", "flags", "actions")
                 for item in result[key]] + [d["content"] for d in result["documents"]]  # fmt: skip
        for text in texts:
            assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
            for named in _dates(text, today):
                assert (named - today).days <= 90, (text, today)
