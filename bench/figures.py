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
    """``statistic`` of the figure must be ``op`` (≤ or =) ``limit``.

    With ``plus``, the limit is added to that figure's median; with ``times``,
    it multiplies that figure's median (a baseline measured in the same run).
    """

    limit: float
    op: str = "≤"
    statistic: str = "median"
    plus: str | None = None
    times: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    unit: str
    target: Target | None
    description: str
    digits: int = 1  # rounding of the figure in results.json


FIGURES = (
    Figure(
        "stock_pyodide_boot_ms",
        "ms",
        None,
        "cold visit of a page whose one module worker calls a bare `loadPyodide()` from "
        "the **stock** npm files: the anchor, what any Pyodide site pays",
        0,
    ),
    Figure(
        "engine_ready_ms",
        "ms",
        None,
        'cold visit of `/` to the triage form\'s `data-engine="ready"`',
        0,
    ),
    Figure(
        "ready_ratio",
        "×",
        Target(0.6),
        "engine_ready / stock boot, paired per repetition (aim: ≤ 0.5)",
        3,
    ),
    Figure(
        "repeat_visit_ready_ms",
        "ms",
        Target(0.35, times="stock_pyodide_boot_ms"),
        "second visit of `/` in the same browser (HTTP cache and service worker warm) to "
        "ready, after the first visit's answer changes (`--changes`, 200 by default)",
        0,
    ),
    Figure(
        "repeat_after_answering_ms",
        "ms",
        None,
        "the same return after a first visit that answered the triage once, without the "
        "answer changes, in its own context (no target: to compare with the line above)",
        0,
    ),
    Figure(
        "new_tab_return_ms",
        "ms",
        None,
        "then `/` in a new tab, the first tab closed: no compiled code left in memory, only "
        "what the browser keeps on disk, as for a reader coming back later (no target)",
        0,
    ),
    Figure(
        "offline_ready_ms",
        "ms",
        Target(0.35, times="stock_pyodide_boot_ms"),
        "then a reload of `/` with the network off, to ready",
        0,
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
        "bytes under `/pyodide/` fetched by a cold visit of `/about/`, service worker included",
        0,
    ),
    Figure(
        "first_visit_bytes",
        "B",
        Target(1, times="stock_core_gzip_bytes"),
        "bytes the server sent, gzipped as GitHub Pages sends them, for a cold visit of `/` "
        "until the engine is ready and the service worker holds the runtime",
        0,
    ),
    Figure(
        "first_visit_raw_bytes",
        "B",
        Target(1, times="stock_core_bytes"),
        "the same visit's files as they are on disk (a host that does not gzip); a file the "
        "browser re-validated (304) did not cross the wire and counts nothing",
        0,
    ),
    Figure(
        "stock_core_bytes",
        "B",
        None,
        "Pyodide's five stock runtime files (npm: loader, module, WebAssembly, "
        "`python_stdlib.zip`, lock file), on disk",
        0,
    ),
    Figure(
        "stock_core_gzip_bytes",
        "B",
        None,
        "the same five files gzipped as a host sends them (the zip as it is)",
        0,
    ),
    Figure(
        "engine_runtime_bytes",
        "B",
        None,
        "the guide's runtime in the built site: Pyodide's loader, module and WebAssembly, "
        "the trimmed library and the engine zip, on disk",
        0,
    ),
    Figure(
        "slow_link_ready_s",
        "s",
        None,
        "cold visit of `/` to ready with the network emulated at 1.6 Mbit/s and 150 ms "
        "latency (CDP)",
        1,
    ),
    Figure(
        "slow_link_floor_s",
        "s",
        None,
        "that visit's bytes as sent ÷ 1.6 Mbit/s: the time the bytes alone need",
        1,
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
    reference = target.plus or target.times
    if reference is None:
        return target.limit
    base = figures.get(reference)
    if base is None:
        return None
    if target.plus is not None:
        return target.limit + statistic(base, "median")
    return target.limit * statistic(base, "median")


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
