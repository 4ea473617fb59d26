"""The command line, run as a reader would: `python -m engine ...` from the repository root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import engine

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"offer_fit": 3, "homework": "done", "current_job": "no", "first_choice_stage": "finalist",
        "restructuring": "no", "decision_weeks": 4, "runway_months": 3,
        "no_would_feel": "disappointed", "ready_to_search": "yes"}  # fmt: skip


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_error(done: subprocess.CompletedProcess, message: str) -> None:
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert done.stderr == f"error: {message}\n"


def test_list():
    done = run("list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines == [f"{item['id']}\t{item['title']}" for item in engine.list_questionnaires()]


def test_show_prints_the_definition():
    done = run("show", "offer-check")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "offer-check"


def test_evaluate_from_stdin():
    done = run("evaluate", "should-i-decline", "--answers", "-", stdin=json.dumps(GOOD))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] == "accept_and_stay_in_touch"
    assert result["change"][0]["text"] == (
        "If your runway were 6 months or more, waiting for your first choice would be reasonable."
    )


def test_old_answers_without_current_job_report_it_missing():
    old = {key: value for key, value in GOOD.items() if key != "current_job"}
    done = run("evaluate", "should-i-decline", "--answers", "-", stdin=json.dumps(old))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["outcome"] is None
    assert result["missing"] == ["current_job"]


def test_evaluate_from_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**GOOD, "runway_months": 6}), encoding="utf-8")
    done = run("evaluate", "should-i-decline", "--answers", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outcome"] == "wait_for_first_choice"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (
            ("evaluate", "should-i-decline", "--answers", "-"),
            '{"runway_months": 200}',
            "runway_months: expected a number from 0 to 120 but received: 200",
        ),
        (
            ("evaluate", "should-i-decline", "--answers", "-"),
            '{"homework": "yes"}',
            "homework: expected one of ['done', 'partly', 'not_yet'] but received: 'yes'",
        ),
        (
            ("evaluate", "decline-plan", "--answers", "-"),
            '{"contact_name": "a\\nb"}',
            "contact_name: expected a single line of text but received: 'a\\nb'",
        ),
        (
            ("evaluate", "should-i-decline", "--answers", "-"),
            "{not json",
            "answers: expected JSON but Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        (
            ("show", "nope"),
            "",
            "unknown questionnaire 'nope': expected one of ['should-i-decline', 'offer-check', "
            "'decline-plan', 'follow-up-plan', 'restructuring-risk']",
        ),
        (
            ("evaluate", "nope", "--answers", "-"),
            "{}",
            "unknown questionnaire 'nope': expected one of ['should-i-decline', 'offer-check', "
            "'decline-plan', 'follow-up-plan', 'restructuring-risk']",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, stdin, message):
    assert_one_line_error(run(*args, stdin=stdin), message)


def test_missing_answers_file(tmp_path):
    done = run("evaluate", "should-i-decline", "--answers", str(tmp_path / "none.json"))
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot read answers from ")
    assert done.stderr.count("\n") == 1


def test_usage_errors_exit_2_on_one_line():
    done = run("frobnicate")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0


NOT_REGULAR = "not a regular file (use --answers - to read from a pipe)"


def test_endless_device_is_refused_in_one_line():
    # /dev/zero never ends: read whole, it would grow without bound.
    done = run("evaluate", "should-i-decline", "--answers", "/dev/zero")
    assert_one_line_error(done, f"cannot read answers from /dev/zero: {NOT_REGULAR}")


def test_fifo_without_a_writer_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "answers"
    os.mkfifo(fifo)
    done = run("evaluate", "should-i-decline", "--answers", str(fifo))  # would hang on open()
    assert_one_line_error(done, f"cannot read answers from {fifo}: {NOT_REGULAR}")


def test_stdin_is_read_only_up_to_its_bound():
    done = subprocess.run(
        f"head -c 50000000 /dev/zero | {sys.executable} -m engine evaluate should-i-decline "
        "--answers -",
        shell=True, cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert_one_line_error(done, f"cannot read answers from -: larger than {4 * 200_000} bytes")


@pytest.mark.parametrize("args", [("list",), ("show", "should-i-decline")])
def test_unwritable_output_is_one_line_exit_2(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "engine", *args],
            cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == "error: cannot write the result: No space left on device\n"
