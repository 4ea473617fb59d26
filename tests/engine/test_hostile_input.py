"""Bad input, hostile values and oversized data end in one clear InvalidAnswers, never a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import InvalidAnswers, evaluate, evaluate_json, get_definition, list_questionnaires

ROOT = Path(__file__).resolve().parents[2]
IDS = [item["id"] for item in list_questionnaires()]
FOLLOW_UP = {"last_contact": "2026-01-05", "cadence_weeks": 3, "check_ins": 2, "company": "A",
             "situation": "declined_offer"}  # fmt: skip


def cli(questionnaire: str, data: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engine", "evaluate", questionnaire, "--answers", "-"],
        input=data, capture_output=True, cwd=ROOT, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("questionnaire", "data"),
    [
        # A lone surrogate once crashed the calendar writer and the CLI's output.
        ("follow-up-plan", json.dumps({**FOLLOW_UP, "contact_name": "\ud800"}).encode()),
        ("decline-plan", json.dumps({"contact_name": "\ud800"}).encode()),
        # A decimal string over Python's 4,300-digit limit, and a huge JSON number.
        ("should-i-decline", b'{"runway_months": "' + b"1" * 5000 + b'"}'),
        ("should-i-decline", b'{"runway_months": 1' + b"0" * 5000 + b"}"),
        # Nesting 100,000 deep.
        ("should-i-decline", b"[" * 100_000 + b"]" * 100_000),
        ("should-i-decline", b'{"homework": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        # Invalid UTF-8 on standard input.
        ("decline-plan", b'{"contact_name": "\xff"}'),
        # A key given twice.
        ("should-i-decline", b'{"homework": "done", "homework": "not_yet"}'),
    ],
    ids=[
        "surrogate-calendar",
        "surrogate-draft",
        "long-decimal",
        "huge-number",
        "deep-list",
        "deep-value",
        "bad-utf8",
        "duplicate-key",
    ],  # fmt: skip
)
def test_the_command_line_says_one_line_and_exits_2(questionnaire, data):
    done = cli(questionnaire, data)
    assert done.returncode == 2, done.stderr
    assert done.stdout == b""
    lines = done.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and len(lines[0]) < 400


def test_a_huge_integer_through_the_api_is_refused_with_a_short_message():
    with pytest.raises(InvalidAnswers) as info:
        evaluate("should-i-decline", {"runway_months": 10**5000})
    assert str(info.value) == (
        "runway_months: expected a number from 0 to 120 but received: a whole number of about "
        "5000 digits"
    )


def test_an_empty_list_is_not_an_answer_to_a_single_choice():
    with pytest.raises(InvalidAnswers, match="homework: expected one of"):
        evaluate("should-i-decline", {"homework": []})
    # For a multichoice, ticking nothing is simply unanswered.
    evaluate("restructuring-risk", {"what_could_change": []})


@pytest.mark.parametrize("char", ["\u0085", "\u009b", "\u2028", "\u2029", "\x07", "\t"])
def test_single_line_fields_refuse_control_characters_and_separators(char):
    with pytest.raises(InvalidAnswers) as info:
        evaluate("decline-plan", {"contact_name": f"Sam{char}Ortiz"})
    assert info.value.question == "contact_name"


def test_errors_quote_only_a_short_prefix():
    with pytest.raises(InvalidAnswers) as info:
        evaluate("should-i-decline", {"homework": "x" * 1_000_000})
    assert len(str(info.value)) < 200


def test_reader_messages_use_the_question_s_own_words():
    reply = json.loads(evaluate_json("should-i-decline", '{"decision_weeks": "soon"}'))
    assert reply["type"] == "INVALID" and reply["question"] == "decision_weeks"
    assert reply["reader_message"] == (
        "In how many weeks do you expect their answer? Enter a number from 0 to 104, "
        "such as 4 or 4.5."
    )
    reply = json.loads(evaluate_json("follow-up-plan", '{"last_contact": "26/11/2026"}'))
    assert reply["reader_message"].endswith(
        "with the date picker, or type it as year-month-day, such as 2026-11-26."
    )


# --- generated hostile input -------------------------------------------------------

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=list(HealthCheck))  # fmt: skip

hostile_text = st.one_of(
    st.text(),
    st.text(st.characters(codec=None, categories=("Cs", "Cc", "Zl", "Zp")), min_size=1),
    st.integers(500, 3000).map(lambda n: "é" * n),
    st.integers(20, 5000).map(lambda n: "1" * n),
    st.integers(20, 60).map(lambda n: "-" + "9" * n + ".5"),
)


def _hostile(huge: bool) -> st.SearchStrategy:
    numbers = st.integers(min_value=-(10**60), max_value=10**60)
    if huge:  # only through the Python API: JSON text cannot even be written from it
        numbers = numbers | st.booleans().map(lambda _: 10**5000)
    return st.recursive(
        st.one_of(st.none(), st.booleans(), hostile_text, numbers,
                  st.floats(allow_nan=True, allow_infinity=True)),
        lambda inner: st.lists(inner, max_size=5)
        | st.dictionaries(hostile_text, inner, max_size=5),
        max_leaves=20,
    )  # fmt: skip


def _hostile_answers(questionnaire: str, huge: bool = True) -> st.SearchStrategy:
    ids = [q["id"] for q in get_definition(questionnaire)["questions"]]
    return st.dictionaries(
        st.sampled_from(ids) | hostile_text, _hostile(huge), max_size=len(ids) + 2
    )


def _raw_json(questionnaire: str) -> st.SearchStrategy:
    """JSON text as a page or a link could send it: valid, nested deep, or with keys twice."""
    ids = [q["id"] for q in get_definition(questionnaire)["questions"]]
    deep = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
    twice = st.sampled_from(ids).map(lambda q: f'{{"{q}": "a", "{q}": "b"}}')
    valid = _hostile_answers(questionnaire, huge=False).map(json.dumps)
    return st.one_of(valid, deep, twice, st.text())


def _fuzz(questionnaire: str):
    @FUZZ
    @given(answers=_hostile_answers(questionnaire), text=_raw_json(questionnaire))
    def test(answers, text):
        try:
            result = evaluate(questionnaire, answers)
        except InvalidAnswers as error:
            assert len(str(error)) < 2_000  # short, whatever was received
        else:
            json.dumps(result, ensure_ascii=False).encode("utf-8")  # printable as UTF-8
        reply = json.loads(evaluate_json(questionnaire, text))
        assert reply["type"] in ("RESULT", "INVALID")

    return test


for _qid in IDS:
    globals()[f"test_{_qid.replace('-', '_')}_survives_hostile_input"] = _fuzz(_qid)


def test_the_long_fuzz_run_still_runs():
    from tests.engine import fuzz

    assert fuzz.main(["--count", "500", "--seed", "7"]) == 0
