"""Property: any answers give a JSON-serialisable result or the engine's one exception type."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import QuestionnaireError, evaluate, get_definition
from engine.loader import QUESTIONNAIRE_IDS

# 5 questionnaires x 2 strategies x 1,000 examples = 10,000 answer sets per run.
EXAMPLES = 1_000
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


def _valid_value(question: dict) -> st.SearchStrategy:
    kind = question["type"]
    if kind in ("choice",) or (kind == "integer" and "options" in question):
        return st.sampled_from([option["value"] for option in question["options"]])
    if kind == "multichoice":
        values = [option["value"] for option in question["options"]]
        return st.lists(st.sampled_from(values), unique=True)
    if kind == "integer":
        return st.integers(min_value=question["min"], max_value=question["max"])
    if kind == "number":
        return st.one_of(
            st.integers(min_value=question["min"], max_value=question["max"]),
            st.floats(min_value=question["min"], max_value=question["max"]),
        )
    if kind == "date":
        return st.dates().map(lambda day: day.isoformat())
    return st.text(max_size=question["max_length"] + 5)


def _answers(qid: str, mostly_valid: bool) -> st.SearchStrategy:
    questions = get_definition(qid)["questions"]
    fields = {}
    for question in questions:
        value = _valid_value(question)
        if not mostly_valid:
            value = st.one_of(value, junk)
        fields[question["id"]] = st.one_of(st.just(""), value)
    strategy = st.fixed_dictionaries({}, optional=fields)
    if not mostly_valid:
        strategy = st.one_of(
            strategy,
            st.dictionaries(st.text(max_size=12), junk, max_size=4),
            junk,
        )
    return strategy


def _check(qid: str, answers) -> None:
    try:
        result = evaluate(qid, answers)
    except QuestionnaireError:
        return
    assert json.loads(json.dumps(result, allow_nan=False)) == result
    assert result["questionnaire"] == qid


def _property(qid: str, mostly_valid: bool):
    @SETTINGS
    @given(answers=_answers(qid, mostly_valid))
    def test(answers):
        _check(qid, answers)

    return test


for _qid in QUESTIONNAIRE_IDS:
    for _valid in (True, False):
        _name = f"test_{_qid.replace('-', '_')}_{'valid' if _valid else 'junk'}_answers"
        globals()[_name] = _property(_qid, _valid)


@SETTINGS
@given(answers=_answers("should-i-decline", True))
def test_valid_complete_answers_always_reach_an_outcome(answers):
    result = evaluate("should-i-decline", answers)
    if answers and any(value != "" for value in answers.values()):
        assert result["outcome"] is not None
