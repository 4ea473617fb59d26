"""A quick run of the benchmark harness, so that `make bench` cannot rot.

It checks the shape of what the harness writes, never how fast anything is.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from numbers import Real
from pathlib import Path

import pytest

from build_tools import chromium

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
# The keys issue 7 asks for, in its order.
KEYS = [
    "engine_ready_ms",
    "bare_pyodide_boot_ms",
    "ready_ratio",
    "form_interactive_ms",
    "instant_nav_ready_ms",
    "evaluate_p50_ms",
    "evaluate_p95_ms",
    "reading_page_pyodide_bytes",
    "first_visit_bytes",
    "site_build_s",
    "pdf_s",
    "cpython_evaluate_us",
    "engine_import_ms",
]
SINGLE_NUMBERS = {"cpython_evaluate_us", "engine_import_ms"}
TARGETS = [
    "ready_ratio",
    "instant_nav_ready_ms",
    "evaluate_p95_ms",
    "reading_page_pyodide_bytes",
    "first_visit_bytes",
    "site_build_s",
    "pdf_s",
    "cpython_evaluate_us",
]


def is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    executable = chromium.find()
    if executable is None:
        pytest.fail(chromium.INSTALL_HINT, pytrace=False)
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--changes", "4", "--out", str(out)],
        cwd=ROOT,
        env={**os.environ, "CHROMIUM": executable},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_results_json_has_every_figure_in_shape(quick_run: Path) -> None:
    results = json.loads((quick_run / "results.json").read_text())
    assert list(results) == KEYS
    for key in SINGLE_NUMBERS:
        assert is_number(results[key]), key
    # A quick run skips the PDF; it says so in RESULTS.md instead of inventing a figure.
    assert results["pdf_s"] is None
    for key in set(KEYS) - SINGLE_NUMBERS - {"pdf_s"}:
        value = results[key]
        assert isinstance(value, dict) and set(value) == {"median", "min", "max"}, key
        assert all(is_number(number) for number in value.values()), key
        assert value["min"] <= value["median"] <= value["max"], key
    assert results["first_visit_bytes"]["min"] > 0
    assert results["engine_ready_ms"]["min"] > 0


def test_results_md_puts_every_target_beside_its_figure(quick_run: Path) -> None:
    report = (quick_run / "RESULTS.md").read_text()
    for key in TARGETS:
        row = next((line for line in report.splitlines() if line.startswith(f"| `{key}` |")), "")
        assert row, f"RESULTS.md has no row for {key}"
        assert " met " in row or "not met" in row or "not measured" in row, row
    for heading in ("## Machine", "Chromium", "Python", "CPUs"):
        assert heading in report
    assert "skipped in a --quick run" in report
