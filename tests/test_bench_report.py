"""The bench's report: verdicts and words computed from the figures, and no import from tests/."""

from __future__ import annotations

import ast
from pathlib import Path

from bench.figures import BY_KEY, FIGURES, verdict
from bench.report import Run, render

BENCH = Path(__file__).resolve().parent.parent / "bench"
MACHINE = dict.fromkeys(("cpus", "cpu", "memory", "os", "chromium", "python", "pyodide"), "x")


def run_with(**figures) -> Run:
    return Run(
        figures=dict.fromkeys((figure.key for figure in FIGURES), None) | figures,
        machine=MACHINE,
        date="today",
        command="python -m bench.run",
        reps=1,
        changes=2,
    )


def spread(median: float) -> dict[str, float]:
    return {"median": median, "min": median, "max": median}


def test_bench_imports_nothing_from_tests() -> None:
    for path in BENCH.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any(name.split(".")[0] == "tests" for name in names), path.name


def test_every_figure_has_a_unit_and_a_description() -> None:
    assert len(BY_KEY) == len(FIGURES)
    for figure in FIGURES:
        assert figure.unit and figure.description, figure.key
        if figure.target is not None:
            assert figure.target.op in ("≤", "=") and figure.target.statistic in ("median", "max")
            assert figure.target.plus is None or figure.target.plus in BY_KEY
            assert figure.target.times is None or figure.target.times in BY_KEY


def test_verdicts_follow_the_figures() -> None:
    ratio = BY_KEY["ready_ratio"]
    assert verdict(ratio, {"ready_ratio": spread(0.6)}) == "met"
    assert verdict(ratio, {"ready_ratio": spread(0.601)}) == "not met"
    assert verdict(ratio, {"ready_ratio": None}) == "not measured"
    reading = BY_KEY["reading_page_pyodide_bytes"]
    assert verdict(reading, {reading.key: {"median": 0, "min": 0, "max": 1}}) == "not met"
    first = BY_KEY["first_visit_bytes"]
    core = {"stock_core_gzip_bytes": 1_000_000}
    assert verdict(first, {**core, first.key: spread(1_000_000)}) == "met"
    assert verdict(first, {**core, first.key: spread(1_000_001)}) == "not met"
    assert verdict(first, {first.key: spread(1)}) == "not measured"
    repeat = BY_KEY["repeat_visit_ready_ms"]
    stock = {"stock_pyodide_boot_ms": spread(1000)}
    assert verdict(repeat, {**stock, repeat.key: spread(350)}) == "met"
    assert verdict(repeat, {**stock, repeat.key: spread(351)}) == "not met"
    assert verdict(BY_KEY["engine_ready_ms"], {"engine_ready_ms": spread(1)}) == ""


def test_the_report_says_what_was_measured_and_nothing_else() -> None:
    met = render(run_with(ready_ratio=spread(0.5)))
    missed = render(run_with(ready_ratio=spread(0.66)))
    assert "| `ready_ratio` | 0.5 × | 0.5 × – 0.5 × | ≤ 0.6 × | met |" in met
    assert "- `ready_ratio`: median 0.66 × against ≤ 0.6 ×: +10.0%" in missed
    assert "`ready_ratio`:" not in met
    # Apart from the figures themselves, the two reports differ only in the verdict.
    differ = set(met.splitlines()) ^ set(missed.splitlines())
    assert all("ready_ratio" in line for line in differ), differ
