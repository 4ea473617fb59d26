"""The fixture tables: each answer set gives the expected outcome, flags, lines or error."""

from __future__ import annotations

import json

import pytest
from engine_cases import LIST_KEYS, load_cases, split_list

from engine import InvalidAnswers, evaluate, list_questionnaires

CASES = load_cases()


def test_enough_cases_for_every_questionnaire():
    assert len(CASES) >= 40
    per = {case.questionnaire for case in CASES}
    assert per == {item["id"] for item in list_questionnaires()}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case):
    expected = case.expected
    if "error" in expected:
        with pytest.raises(InvalidAnswers) as info:
            evaluate(case.questionnaire, case.answers)
        assert str(info.value) == expected["error"][0]
        return
    result = evaluate(case.questionnaire, case.answers)
    assert json.loads(json.dumps(result)) == result  # plain JSON types only
    for key, values in expected.items():
        if key == "outcome":
            assert result["outcome"] == (None if values[0] == "none" else values[0])
        elif key == "provisional":
            assert result["provisional"] is (values[0] == "true")
        elif key in LIST_KEYS:
            found = result[key] if key == "missing" else [item["id"] for item in result[key]]
            assert found == split_list(values[0])
        elif key in ("reason", "change", "against"):
            plural = {"reason": "reasons"}.get(key, key)
            lines = [item["text"] for item in result[plural]]
            for value in values:
                assert any(value in line for line in lines), (value, lines)
        else:
            raise AssertionError(f"unknown expectation {key!r} in {case.id}")
