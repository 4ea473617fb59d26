"""A quick run of the benchmark harness, so that `make bench` cannot rot.

It checks what the harness writes and that the visits really happened (the
engine started, Pyodide was fetched, the reading page fetched none of it),
never how fast anything is. It leaves out the visit over the emulated slow
link (`--slow-reps 0`): that one visit takes half a minute by design, and the
bench itself still makes it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from numbers import Real
from pathlib import Path

import pytest

from bench.figures import FIGURES, KEYS
from bench.report import cells
from build_tools import chromium

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
# Left out of the smoke run (--slow-reps 0).
SLOW_LINK = {"slow_link_ready_s", "slow_link_floor_s"}
SINGLE_NUMBERS = {
    "cpython_evaluate_us",
    "engine_import_ms",
    "stock_core_bytes",
    "stock_core_gzip_bytes",
    "engine_runtime_bytes",
}


def is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    executable = chromium.find()
    if executable is None:
        pytest.fail(chromium.INSTALL_HINT, pytrace=False)
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--changes", "4", "--slow-reps", "0"]
        + ["--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "CHROMIUM": executable},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def results(quick_run: Path) -> dict:
    return json.loads((quick_run / "results.json").read_text())


def test_results_json_has_every_figure_in_shape(results: dict) -> None:
    assert list(results) == list(KEYS)
    for key in SINGLE_NUMBERS:
        assert is_number(results[key]), key
    # A quick run skips the PDF, and this one the slow link; RESULTS.md says so
    # instead of inventing a figure.
    assert results["pdf_s"] is None
    assert all(results[key] is None for key in SLOW_LINK)
    for key in set(KEYS) - SINGLE_NUMBERS - SLOW_LINK - {"pdf_s"}:
        value = results[key]
        assert isinstance(value, dict) and set(value) == {"median", "min", "max"}, key
        assert all(is_number(number) for number in value.values()), key
        assert value["min"] <= value["median"] <= value["max"], key


def test_the_visits_really_happened(results: dict) -> None:
    # The triage's engine started: the cold visit fetched its whole runtime, and
    # readiness came after the form was bound, both after navigation start.
    assert results["first_visit_raw_bytes"]["min"] > results["engine_runtime_bytes"] > 1_000_000
    assert results["stock_core_bytes"] > results["stock_core_gzip_bytes"] > 1_000_000
    assert 0 < results["form_interactive_ms"]["min"]
    assert results["engine_ready_ms"]["min"] > 0
    assert results["stock_pyodide_boot_ms"]["min"] > 0
    # The same reader came back, then came back offline, and the engine started.
    assert results["repeat_visit_ready_ms"]["min"] > 0
    assert results["offline_ready_ms"]["min"] > 0
    # Four answer changes each produced a new result.
    assert results["evaluate_p95_ms"]["min"] > 0
    # A page without a questionnaire starts no engine.
    assert results["reading_page_pyodide_bytes"]["max"] == 0


def test_results_md_shows_each_figure_as_measured(quick_run: Path, results: dict) -> None:
    report = (quick_run / "RESULTS.md").read_text()
    for figure in FIGURES:
        row = next(
            (line for line in report.splitlines() if line.startswith(f"| `{figure.key}` |")), ""
        )
        assert row, f"RESULTS.md has no row for {figure.key}"
        median, spread = cells(results[figure.key], figure.unit)
        assert row.startswith(f"| `{figure.key}` | {median} | {spread} |"), row
        if figure.target is not None:
            assert re.search(r"\| (met|\*\*not met\*\*|not measured) \|", row), row
    for heading in ("## Machine", "Chromium", "Python", "CPUs"):
        assert heading in report
    assert "`pdf_s`: not measured; skipped in a --quick run." in report
