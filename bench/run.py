"""Measure how fast the guide feels: build it, serve it, drive headless Chromium.

Every browser figure is taken beside its baseline in the same run, with a
fresh browser context per repetition, and reported as median, min and max.
Writes results.json (the figures, in bench/figures.py's order) and
RESULTS.md (bench/report.py: those figures, their targets, the machine).

    python -m bench.run [--reps N] [--changes N] [--quick] [--out bench/]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.browser import SLOW_LINK_BYTES_PER_S, BenchError, Samples, browser_figures, progress
from bench.counting import counting_server
from bench.figures import BY_KEY, KEYS, summary
from bench.measure import (
    BENCH,
    ROOT,
    MeasureError,
    bytes_beyond_core,
    engine_figures,
    machine,
    on_disk,
    pdf_figure,
    runtime_bytes,
    stock_core,
    timed_build,
    visit_groups,
)
from bench.report import Run, StartSplit, write_report
from build_tools import chromium
from build_tools.questionnaires.runtime import STOCK_FILES
from build_tools.serve import base_url, start_in_thread

# The baseline page, copied into the bench's temporary copy of the site only.
BARE_FILES = ("bare-pyodide.html", "bare-pyodide.js", "bare-pyodide-worker.js")
STOCK_PYODIDE = ROOT / "node_modules" / "pyodide"


def start_split(samples: Samples) -> StartSplit:
    def boot(ready: list[float], start: list[float]) -> float:
        return statistics.median(r - s for r, s in zip(ready, start, strict=True))

    return StartSplit(
        bare_start=statistics.median(samples.bare_worker_start),
        bare_boot=boot(samples.bare_boot, samples.bare_worker_start),
        engine_start=statistics.median(samples.engine_worker_start),
        engine_boot=boot(samples.engine_ready, samples.engine_worker_start),
    )


def figures_of(
    samples: Samples, site: Path, builds: list[float], pdf: list[float], other: dict
) -> dict:
    """results.json: every figure in the table's order (None where not measured)."""
    raw = [sum(on_disk(site, path) for path in paths) for paths in samples.first_visit_path_lists]
    floor = [size / SLOW_LINK_BYTES_PER_S for size in samples.slow_link_sent]
    repeated = {
        "stock_pyodide_boot_ms": samples.bare_boot,
        "engine_ready_ms": samples.engine_ready,
        "ready_ratio": samples.ratio,
        "repeat_visit_ready_ms": samples.repeat_ready,
        "repeat_after_answering_ms": samples.reader_repeat_ready,
        "new_tab_return_ms": samples.new_tab_ready,
        "offline_ready_ms": samples.offline_ready,
        "form_interactive_ms": samples.form_interactive,
        "instant_nav_ready_ms": samples.instant_nav,
        "evaluate_p50_ms": samples.evaluate_p50,
        "evaluate_p95_ms": samples.evaluate_p95,
        "reading_page_pyodide_bytes": samples.reading_pyodide_bytes,
        "first_visit_bytes": samples.first_visit_bytes,
        "first_visit_raw_bytes": raw,
        "slow_link_ready_s": [ms / 1000 for ms in samples.slow_link_ready],
        "slow_link_floor_s": floor,
        "site_build_s": builds,
        "pdf_s": pdf,
    }
    figures = {}
    for key in KEYS:
        if key in repeated:
            values = repeated[key]
            figures[key] = summary(values, BY_KEY[key].digits) if values else None
        else:
            figures[key] = other.get(key)
    return figures


def measure(args: argparse.Namespace, executable: str, work: Path) -> Run:
    site = work / "site"
    server, transfers = counting_server(site)
    url = base_url(server)
    try:
        builds = []
        for rep in range(args.reps):
            builds.append(timed_build(site, url))
            progress(f"build {rep + 1}/{args.reps}: {builds[-1]:.2f} s")
        (site / "bench" / "stock-pyodide").mkdir(parents=True)
        for name in BARE_FILES:
            shutil.copyfile(BENCH / name, site / "bench" / name)
        for name in STOCK_FILES:
            shutil.copyfile(STOCK_PYODIDE / name, site / "bench" / "stock-pyodide" / name)
        stock_raw, stock_gzip = stock_core(STOCK_PYODIDE)
        runtime = runtime_bytes(site)
        start_in_thread(server)
        samples = browser_figures(
            executable, url, transfers, args.reps, args.changes, args.slow_reps
        )
        beyond_core = bytes_beyond_core(site, samples.first_visit_sent)
    finally:
        server.shutdown()
        server.server_close()

    progress("engine in CPython")
    other = {
        **engine_figures(),
        "stock_core_bytes": stock_raw,
        "stock_core_gzip_bytes": stock_gzip,
        "engine_runtime_bytes": runtime,
    }
    notes = {}
    if args.quick:
        pdf, notes["pdf_s"] = [], "skipped in a --quick run."
    else:
        progress("make pdf's steps")
        pdf, notes["pdf_s"] = pdf_figure(args.reps, executable, work)
    return Run(
        figures=figures_of(samples, site, builds, pdf, other),
        machine=machine(samples.browser_version),
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        command=args.command,
        reps=args.reps,
        changes=args.changes,
        notes=notes,
        start_split=start_split(samples),
        visit_groups=visit_groups(samples.first_visit_paths),
        beyond_core=beyond_core,
        reading_paths=samples.reading_paths,
        problems=samples.problems,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, help="repetitions per figure (default 5; quick: 1)")
    parser.add_argument(
        "--changes", type=int, help="answer changes per repetition (default 200; quick: 10)"
    )
    parser.add_argument(
        "--slow-reps", type=int, default=1, help="cold visits over the slow link (default 1)"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 repetition, no PDF")
    parser.add_argument("--out", type=Path, default=BENCH, help="where results go (bench/)")
    args = parser.parse_args(argv)
    args.command = "python -m bench.run" + (" --quick" if args.quick else "")
    args.command += "".join(
        f" --{name} {getattr(args, name)}" for name in ("reps", "changes") if getattr(args, name)
    )
    args.reps = args.reps or (1 if args.quick else 5)
    args.changes = args.changes or (10 if args.quick else 200)

    executable = chromium.find()
    if executable is None:
        print(chromium.INSTALL_HINT, file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="offer-guide-bench-") as work:
        try:
            run = measure(args, executable, Path(work))
        except (BenchError, MeasureError) as error:
            print(f"bench: {error}", file=sys.stderr)
            return 1
    (args.out / "results.json").write_text(json.dumps(run.figures, indent=2) + "\n")
    write_report(args.out / "RESULTS.md", run)
    progress(f"wrote {args.out / 'results.json'} and {args.out / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
