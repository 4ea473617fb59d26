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

from bench.browser import BenchError, Samples, browser_figures, progress
from bench.counting import counting_server
from bench.figures import BY_KEY, KEYS, summary
from bench.measure import (
    BENCH,
    MeasureError,
    bytes_beyond_core,
    core_bytes,
    engine_figures,
    machine,
    pdf_figure,
    timed_build,
    visit_groups,
)
from bench.report import Run, StartSplit, write_report
from build_tools import chromium
from build_tools.serve import base_url, start_in_thread

# The baseline page, copied into the bench's temporary copy of the site only.
BARE_FILES = ("bare-pyodide.html", "bare-pyodide.js", "bare-pyodide-worker.js")


def start_split(samples: Samples) -> StartSplit:
    def boot(ready: list[float], start: list[float]) -> float:
        return statistics.median(r - s for r, s in zip(ready, start, strict=True))

    return StartSplit(
        bare_start=statistics.median(samples.bare_worker_start),
        bare_boot=boot(samples.bare_boot, samples.bare_worker_start),
        engine_start=statistics.median(samples.engine_worker_start),
        engine_boot=boot(samples.engine_ready, samples.engine_worker_start),
    )


def figures_of(samples: Samples, builds: list[float], pdf: list[float], other: dict) -> dict:
    """results.json: every figure in the table's order (None where not measured)."""
    repeated = {
        "engine_ready_ms": samples.engine_ready,
        "bare_pyodide_boot_ms": samples.bare_boot,
        "ready_ratio": samples.ratio,
        "form_interactive_ms": samples.form_interactive,
        "instant_nav_ready_ms": samples.instant_nav,
        "evaluate_p50_ms": samples.evaluate_p50,
        "evaluate_p95_ms": samples.evaluate_p95,
        "reading_page_pyodide_bytes": samples.reading_pyodide_bytes,
        "first_visit_bytes": samples.first_visit_bytes,
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
        (site / "bench").mkdir()
        for name in BARE_FILES:
            shutil.copyfile(BENCH / name, site / "bench" / name)
        core = core_bytes(site)
        start_in_thread(server)
        samples = browser_figures(executable, url, transfers, args.reps, args.changes)
        beyond_core = bytes_beyond_core(site, samples.first_visit_paths)
    finally:
        server.shutdown()
        server.server_close()

    progress("engine in CPython")
    other = {**engine_figures(), "pyodide_core_bytes": core}
    notes = {}
    if args.quick:
        pdf, notes["pdf_s"] = [], "skipped in a --quick run."
    else:
        progress("make pdf's steps")
        pdf, notes["pdf_s"] = pdf_figure(args.reps, executable, work)
    return Run(
        figures=figures_of(samples, builds, pdf, other),
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
