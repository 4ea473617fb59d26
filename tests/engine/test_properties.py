"""Properties: valid answers always give a result; any answers give a result or InvalidAnswers."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import InvalidAnswers, evaluate, get_definition, list_questionnaires

QUESTIONNAIRE_IDS = [item["id"] for item in list_questionnaires()]
# 5 questionnaires x 3 properties x 700 examples, about 10,000 answer sets per run.
EXAMPLES = 700
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=10), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
# Letters, digits, punctuation, symbols and spaces: what a reader types.
READER_TEXT = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))


def _valid_value(question: dict) -> st.SearchStrategy:
    kind = question["type"]
    if kind in ("choice",) or (kind == "integer" and "options" in question):
        return st.sampled_from([option["value"] for option in question["options"]])
    if kind == "multichoice":
        values = [option["value"] for option in question["options"]]
        return st.lists(st.sampled_from(values), unique=True)
    if kind == "integer":
        whole = st.integers(min_value=question["min"], max_value=question["max"])
        # The page sends what was typed, as text.
        return st.one_of(whole, whole.map(str))
    if kind == "number":
        return st.one_of(
            st.integers(min_value=question["min"], max_value=question["max"]),
            st.floats(min_value=question["min"], max_value=question["max"]),
            st.integers(min_value=question["min"], max_value=question["max"]).map(str),
        )
    if kind == "date":
        low, high = (date.fromisoformat(question[key]) for key in ("min", "max"))
        return st.dates(min_value=low, max_value=high).map(lambda day: day.isoformat())
    alphabet = st.one_of(READER_TEXT, st.just("\n")) if question["multiline"] else READER_TEXT
    return st.text(alphabet, max_size=question["max_length"])


def _answers(qid: str, mostly_valid: bool, complete: bool = False) -> st.SearchStrategy:
    questions = get_definition(qid)["questions"]
    fields = {}
    for question in questions:
        value = _valid_value(question)
        if not mostly_valid:
            value = st.one_of(value, junk)
        if complete and question["type"] == "text":
            value = value.filter(str.strip)  # blank text counts as unanswered
        fields[question["id"]] = value if complete else st.one_of(st.just(""), value)
    if complete:
        return st.fixed_dictionaries(fields)
    strategy = st.fixed_dictionaries({}, optional=fields)
    if not mostly_valid:
        strategy = st.one_of(
            strategy,
            st.dictionaries(st.text(max_size=12), junk, max_size=4),
            junk,
        )
    return strategy


def _property(qid: str, mostly_valid: bool):
    @SETTINGS
    @given(answers=_answers(qid, mostly_valid))
    def test(answers):
        if mostly_valid:
            result = evaluate(qid, answers)  # a valid answer set is never rejected
        else:
            try:
                result = evaluate(qid, answers)
            except InvalidAnswers:
                return
        assert json.loads(json.dumps(result, allow_nan=False)) == result
        assert result["questionnaire"] == qid

    return test


def _complete(qid: str):
    @SETTINGS
    @given(answers=_answers(qid, True, complete=True))
    def test(answers):
        result = evaluate(qid, answers)
        # Every question answered: an outcome, settled, with nothing missing.
        assert result["outcome"] is not None
        assert result["missing"] == []
        assert result["provisional"] is False

    return test


for _qid in QUESTIONNAIRE_IDS:
    _stem = _qid.replace("-", "_")
    globals()[f"test_{_stem}_valid_answers_are_never_rejected"] = _property(_qid, True)
    globals()[f"test_{_stem}_any_answers_give_a_result_or_invalid_answers"] = _property(_qid, False)
    globals()[f"test_{_stem}_complete_answers_reach_an_outcome"] = _complete(_qid)


# --- the follow-up plan on any reader's today -----------------------------------------

OFF_DAYS = {(1, 1), (12, 24), (12, 25), (12, 26), (12, 31)}


def _next_working(day: date) -> date:
    while day.weekday() >= 5 or (day.month, day.day) in OFF_DAYS:
        day = date.fromordinal(day.toordinal() + 1)
    return day


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=_answers("follow-up-plan", True, complete=True),
    today=st.dates(min_value=date(2026, 1, 1), max_value=date(2035, 12, 31)),
)
def test_follow_up_dates_fall_on_working_days_from_today(answers, today):
    answers = {**answers, "their_signal": "welcome"}  # a pause writes no notes
    result = evaluate("follow-up-plan", answers, today=today)
    days = [date.fromisoformat(doc["event"]["date"]) for doc in result["documents"]
            if "event" in doc]  # fmt: skip
    assert len(days) == int(answers["check_ins"])
    assert all(day.weekday() < 5 and (day.month, day.day) not in OFF_DAYS for day in days)
    assert days == sorted(set(days)) and days[0] >= today
    if answers["situation"] in ("declined_offer", "accepted_offer"):
        assert days[0] == _next_working(today)
