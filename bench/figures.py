"""The bench's figures as one table: key, unit, target and what each measures.

results.json holds the figures in this order; RESULTS.md renders this table
beside them. A target is data (a limit, and which statistic must meet it),
so the verdict and its wording are both computed from it.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Target:
    """``statistic`` of the figure must be ``op`` (≤ or =) ``limit`` (+ figure ``plus``)."""

    limit: float
    op: str = "≤"
    statistic: str = "median"
    plus: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    unit: str
    target: Target | None
    description: str
    digits: int = 1  # rounding of the figure in results.json


FIGURES = (
    Figure(
        "engine_ready_ms",
        "ms",
        None,
        'cold visit of `/` to the triage form\'s `data-engine="ready"`',
        0,
    ),
    Figure(
        "bare_pyodide_boot_ms",
        "ms",
        None,
        "cold visit of a page that only boots Pyodide (same files, one worker)",
        0,
    ),
    Figure(
        "ready_ratio",
        "×",
        Target(1.15),
        "engine_ready / bare boot, paired per repetition",
        3,
    ),
    Figure(
        "form_interactive_ms",
        "ms",
        None,
        "cold visit of `/` until the page script has bound the form",
        0,
    ),
    Figure(
        "instant_nav_ready_ms",
        "ms",
        Target(150),
        "click on *Look hard at the offer* to its form being ready",
    ),
    Figure(
        "evaluate_p50_ms",
        "ms",
        None,
        "answer change to the new result in the page, median",
        2,
    ),
    Figure(
        "evaluate_p95_ms",
        "ms",
        Target(50),
        "answer change to the new result in the page, 95th percentile",
        2,
    ),
    Figure(
        "reading_page_pyodide_bytes",
        "B",
        Target(0, op="=", statistic="max"),
        "bytes under `/pyodide/` fetched by a cold visit of `/about/`",
        0,
    ),
    Figure(
        "first_visit_bytes",
        "B",
        Target(100 * 1024, plus="pyodide_core_bytes"),
        "bytes the server sent for a cold visit of `/` (page, worker, Pyodide)",
        0,
    ),
    Figure(
        "pyodide_core_bytes",
        "B",
        None,
        "Pyodide's runtime files in the built site, on disk",
        0,
    ),
    Figure("site_build_s", "s", Target(10), "`python -m build_tools.site`, wall time", 2),
    Figure(
        "pdf_s",
        "s",
        Target(30),
        "`make pdf`'s steps: its strict build, then `python -m build_tools.pdf`",
    ),
    Figure(
        "cpython_evaluate_us",
        "µs",
        Target(1000),
        "one triage evaluation in CPython (bench/bench_engine.py)",
    ),
    Figure("engine_import_ms", "ms", None, "`import engine` in a fresh CPython", 2),
)
KEYS = tuple(figure.key for figure in FIGURES)
BY_KEY = {figure.key: figure for figure in FIGURES}


def summary(values: list[float], digits: int = 1) -> dict[str, float]:
    """Median, min and max of repeated samples."""
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
    }


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def statistic(value, name: str) -> float:
    """One statistic of a figure: a summary's entry, or a single number itself."""
    return value[name] if isinstance(value, dict) else value


def limit(target: Target, figures: dict) -> float | None:
    """The target's limit in this run, or None when the figure it adds to is missing."""
    if target.plus is None:
        return target.limit
    base = figures.get(target.plus)
    return None if base is None else target.limit + statistic(base, "median")


def verdict(figure: Figure, figures: dict) -> str:
    """'met', 'not met', 'not measured', or '' for a figure without a target."""
    if figure.target is None:
        return ""
    value, bound = figures.get(figure.key), limit(figure.target, figures)
    if value is None or bound is None:
        return "not measured"
    measured = statistic(value, figure.target.statistic)
    met = measured == bound if figure.target.op == "=" else measured <= bound
    return "met" if met else "not met"
