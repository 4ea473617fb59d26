"""Write RESULTS.md from one run's figures: every number in it was measured by that run.

The only fixed text says what each figure is and how the harness takes it;
verdicts, gaps and breakdowns are computed from the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bench.browser import OFFER_PAGE_TITLE, READING_PAGE, RUNWAY_VALUES, TRIAGE
from bench.figures import FIGURES, Figure, limit, statistic, verdict


@dataclass(frozen=True, slots=True)
class StartSplit:
    """Medians, in ms: when each page requested its worker, and from then until ready."""

    bare_start: float
    bare_boot: float
    engine_start: float
    engine_boot: float


@dataclass(frozen=True, slots=True)
class Run:
    """One run of the bench: its figures and what was seen along the way."""

    figures: dict
    machine: dict[str, str]
    date: str
    command: str
    reps: int
    changes: int
    notes: dict[str, str] = field(default_factory=dict)  # why a figure is missing
    start_split: StartSplit | None = None
    visit_groups: dict[str, int] = field(default_factory=dict)
    beyond_core: tuple[int, int] = (0, 0)  # as served, gzipped
    reading_paths: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def number(value: float, unit: str) -> str:
    if unit == "B":
        return f"{value:,.0f} B"
    return f"{value:g} {unit}"


def cells(value, unit: str) -> tuple[str, str]:
    """(median, 'min – max') of a figure; a single number has no spread."""
    if value is None:
        return "not measured", ""
    if isinstance(value, dict):
        spread = f"{number(value['min'], unit)} – {number(value['max'], unit)}"
        return number(value["median"], unit), spread
    return number(value, unit), ""


def target_text(figure: Figure, figures: dict) -> str:
    target = figure.target
    if target is None:
        return ""
    bound = limit(target, figures)
    text = f"{target.op} {number(target.limit if bound is None else bound, figure.unit)}"
    if target.plus is not None:
        text += f" (`{target.plus}` + {number(target.limit, figure.unit)})"
    if target.times is not None:
        text += f" ({target.limit:g} × `{target.times}`)"
    if target.statistic == "max":
        text += " in every repetition"
    return text


def gap(figure: Figure, figures: dict) -> str:
    """How far a missed target is, in the figure's own terms."""
    value = statistic(figures[figure.key], figure.target.statistic)
    bound = limit(figure.target, figures)
    shown = number(value, figure.unit)
    line = f"{figure.target.statistic} {shown} against {target_text(figure, figures)}"
    if bound:
        line += f": {(value - bound) / bound:+.1%}"
    return line


def figures_table(run: Run) -> list[str]:
    lines = [
        "| figure | median | min – max | target | | what it measures |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for figure in FIGURES:
        median, spread = cells(run.figures.get(figure.key), figure.unit)
        shown = verdict(figure, run.figures)
        shown = f"**{shown}**" if shown == "not met" else shown
        lines.append(
            f"| `{figure.key}` | {median} | {spread} | {target_text(figure, run.figures)} "
            f"| {shown} | {figure.description} |"
        )
    return lines


def method(run: Run) -> list[str]:
    return [
        "## How each figure is taken",
        "",
        "- Browser times are read from the page's own clock (`performance.now()`, ms since "
        "navigation start) by a `MutationObserver` added before any page script: it notes "
        'when each form gets `data-engine="ready"` and when the page script marks a '
        "questionnaire bound (`data-bound`).",
        "- The baseline page `bench/bare-pyodide.html` and the stock npm runtime files "
        "(`bench/stock-pyodide/`) exist only in the harness's temporary copy of the site; "
        "the page's one module worker calls `loadPyodide` with those files and nothing "
        "else. Stock and engine visits alternate which goes first.",
        "- Repeat and offline visits: after the cold visit of `/` (and its evaluations and "
        "instant navigation), the same browser context opens `/` again; then the network "
        "is switched off (Playwright's offline mode) and the page reloaded. The repeat "
        "happens in the same tab, where the browser can reuse the compiled WebAssembly the "
        "page still holds in memory.",
        "- A reader's returns: in a fresh context, a cold visit of `/` with the triage "
        "answered once, then `/` again in the same tab, then in a new tab opened before the "
        "first one closes: that tab starts from what the browser keeps on disk.",
        "- Slow link: one cold visit of `/` per run in a fresh context with "
        "`Network.emulateNetworkConditions` (1.6 Mbit/s down and up, 150 ms latency).",
        f"- Evaluation latency: `{TRIAGE}` is answered so that `runway_months` decides the "
        f"outcome, then filled with {RUNWAY_VALUES[0]} and {RUNWAY_VALUES[1]} by turns, "
        f"{run.changes} times; each change is timed from its `input` event to the result "
        "region's new `data-outcome`.",
        f"- Instant navigation: a click on *{OFFER_PAGE_TITLE}* after the evaluations, "
        "timed from the click to that page's form being ready; the run fails if the "
        "window was reloaded instead.",
        "- Bytes: headers and bodies the harness's server sent (gzip for text and "
        "WebAssembly when the browser asks, like `make serve` and GitHub Pages), until the "
        'engine is ready and the page says `data-offline="ready"` (the service worker has '
        "precached the site and holds the runtime); raw bytes are the same files' sizes on "
        f"disk. `/{READING_PAGE}` is the page without a questionnaire.",
        "- `pdf_s` runs `make pdf`'s two steps into a temporary directory.",
    ]


def start_split(split: StartSplit) -> list[str]:
    return [
        "## Where the engine's start-up time goes (medians)",
        "",
        "| page | worker requested at | worker requested to ready |",
        "| --- | --- | --- |",
        f"| stock Pyodide | {split.bare_start:.0f} ms | {split.bare_boot:.0f} ms |",
        f"| triage (`/`) | {split.engine_start:.0f} ms | {split.engine_boot:.0f} ms |",
        f"| difference | {split.engine_start - split.bare_start:+.0f} ms "
        f"| {split.engine_boot - split.bare_boot:+.0f} ms |",
        "",
        "'Worker requested at' is the resource-timing start of the worker's script.",
    ]


def bytes_section(run: Run) -> list[str]:
    runtime = run.figures.get("engine_runtime_bytes")
    served, gzipped = run.beyond_core
    lines = ["## Where the bytes of one cold visit of `/` went (last repetition, as sent)", ""]
    lines += [f"- {group}: {size:,} B" for group, size in run.visit_groups.items()]
    lines += ["", f"Beside the engine's runtime: {served:,} B as sent, {gzipped:,} B on disk."]
    if runtime is not None:
        lines[-1] += f" The runtime on disk: {runtime:,} B."
    return lines


def missed(run: Run) -> list[str]:
    lines = []
    for figure in FIGURES:
        shown = verdict(figure, run.figures)
        if shown == "not met":
            lines.append(f"- `{figure.key}`: {gap(figure, run.figures)}")
        elif shown == "not measured":
            lines.append(f"- `{figure.key}`: not measured; {run.notes.get(figure.key, '')}")
    return ["## Targets not met or not measured", "", *(lines or ["None."])]


def render(run: Run) -> str:
    about = run.machine
    lines = [
        "# Benchmark results",
        "",
        f"Measured {run.date} with `{run.command}` ({plural(run.reps, 'repetition')}, "
        f"{plural(run.changes, 'answer change')} per repetition); the figures are in "
        "`results.json` beside this file. Browser figures come from headless Chromium, a fresh "
        "context (cold HTTP cache) per repetition, each beside its baseline in the same "
        "run; the median decides the target.",
        "",
        "## Figures",
        "",
        *figures_table(run),
        "",
        *missed(run),
        "",
        "## Machine",
        "",
        f"- CPUs: {about['cpus']} ({about['cpu']}), memory {about['memory']}",
        f"- OS: {about['os']}",
        f"- Chromium {about['chromium']} (headless), Python {about['python']}, "
        f"Pyodide {about['pyodide']}",
        "",
        *method(run),
    ]
    if run.start_split is not None:
        lines += ["", *start_split(run.start_split)]
    if run.visit_groups:
        lines += ["", *bytes_section(run)]
    if run.reading_paths:
        lines += ["", f"Pyodide files `/{READING_PAGE}` fetched: " + ", ".join(run.reading_paths)]
    if run.problems:
        lines += ["", "## Errors the pages reported", ""]
        lines += [f"- {text}" for text in sorted(set(run.problems))[:20]]
    return "\n".join(lines) + "\n"


def write_report(path: Path, run: Run) -> None:
    path.write_text(render(run), encoding="utf-8")
