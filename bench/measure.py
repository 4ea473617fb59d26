"""Figures taken outside the browser: builds, the PDF, the engine in CPython, bytes on disk."""

from __future__ import annotations

import gzip
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.counting import Transfer
from build_tools.questionnaires.runtime import STOCK_FILES
from build_tools.serve import GZIP_LEVEL, GZIP_TYPES, SiteHandler
from build_tools.site import build_site

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PDF_TIMEOUT_S = 300
PDF_BUDGET_S = 120  # stop repeating the PDF once this much time went into it
PDF_SITE_URL = "http://127.0.0.1:8000/"


class MeasureError(Exception):
    """A step the bench measures failed; the message says which and why."""


def timed_build(site: Path, url: str, env: dict[str, str] | None = None) -> float:
    """The strict build's wall time, in seconds."""
    build = build_site(site, url, env=env)
    if not build.ok:
        raise MeasureError(f"the strict build failed:\n{build.log}")
    return build.seconds


def engine_figures() -> dict[str, float]:
    """cpython_evaluate_us and engine_import_ms, from bench_engine.py in a fresh CPython."""
    done = subprocess.run(
        [sys.executable, str(BENCH / "bench_engine.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def pdf_figure(reps: int, executable: str, work: Path) -> tuple[list[float], str]:
    """`make pdf`'s two steps (its build, then build_tools.pdf) into a temporary place.

    Returns the times, and why they stopped short (empty when they did not).
    """
    times: list[float] = []
    site = work / "pdf-site"
    for _ in range(reps):
        started = time.perf_counter()
        timed_build(site, PDF_SITE_URL, {"OFFER_GUIDE_PDF": "offer-guide.pdf"})
        command = [sys.executable, "-m", "build_tools.pdf", "--site", str(site)]
        command += ["--out", str(work / "offer-guide.pdf")]
        try:
            done = subprocess.run(
                command,
                cwd=ROOT,
                env={**os.environ, "CHROMIUM": executable},
                capture_output=True,
                text=True,
                timeout=PDF_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            return times, f"`python -m build_tools.pdf` did not finish within {PDF_TIMEOUT_S} s."
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return times, "`python -m build_tools.pdf` failed: " + " / ".join(tail)
        times.append(time.perf_counter() - started)
        if sum(times) > PDF_BUDGET_S:
            break
    return times, ""


def stock_core(pyodide_dir: Path) -> tuple[int, int]:
    """Pyodide's stock runtime files: bytes on disk, and as a gzip-serving host sends them."""
    raw = gzipped = 0
    for name in STOCK_FILES:
        body = (pyodide_dir / name).read_bytes()
        raw += len(body)
        gzipped += len(gzip.compress(body, GZIP_LEVEL)) if is_gzipped(name) else len(body)
    return raw, gzipped


def is_gzipped(name: str) -> bool:
    """Whether the site's server gzips this file for a browser that asks."""
    media_type = SiteHandler.extensions_map.get(Path(name).suffix, "")
    return media_type.startswith(GZIP_TYPES)


def runtime_bytes(site: Path) -> int:
    """Size on disk of the engine's runtime in the built site (manifest and files)."""
    return sum(path.stat().st_size for path in (site / "pyodide").rglob("*") if path.is_file())


def is_core(path: str) -> bool:
    return path.split("?", 1)[0].startswith("/pyodide/")


def on_disk(site: Path, path: str) -> int:
    """The size on disk of the file a request path names (0 if none)."""
    file = site / path.split("?", 1)[0].lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file.stat().st_size if file.is_file() else 0


def bytes_beyond_core(site: Path, sent: list[Transfer]) -> tuple[int, int]:
    """Bytes a visit was sent beside the engine's runtime: as sent, and on disk
    (a 304's file did not cross the wire: it counts as sent, its headers, only)."""
    served = raw = 0
    for one in sent:
        if is_core(one.path):
            continue
        served += one.size
        raw += on_disk(site, one.path) if one.body else 0
    return served, raw


GROUPS = (
    # (path prefix, group); the first match wins.
    ("/pyodide/", "the engine's runtime (Pyodide core, trimmed library, engine)"),
    ("/assets/javascripts/workers/", "Material search worker"),
    ("/assets/javascripts/", "Material JavaScript"),
    ("/assets/stylesheets/", "Material CSS"),
    ("/search/", "search index"),
    ("/assets/app/", "questionnaire JS/CSS and worker"),
    ("/assets/offline/", "service worker (Workbox) and its page script"),
    ("/sw.js", "service worker (Workbox) and its page script"),
    ("/workbox-", "service worker (Workbox) and its page script"),
)


def visit_groups(paths: dict[str, int]) -> dict[str, int]:
    """Bytes of one visit by kind of file, largest first."""
    groups: dict[str, int] = {}
    for path, size in paths.items():
        bare = path.split("?", 1)[0]
        if bare in ("/", "/index.html"):
            group = "the page's HTML"
        elif bare.endswith(("/", ".html")):
            group = "other pages' HTML (the service worker's precache)"
        else:
            group = next((name for prefix, name in GROUPS if bare.startswith(prefix)), "other")
        groups[group] = groups.get(group, 0) + size
    return dict(sorted(groups.items(), key=lambda item: -item[1]))


def machine(browser_version: str) -> dict[str, str]:
    cpu = memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    pyodide = "unknown"
    package = ROOT / "node_modules" / "pyodide" / "package.json"
    if package.is_file():
        pyodide = json.loads(package.read_text())["version"]
    return {
        "cpus": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu or platform.processor(),
        "os": platform.platform(),
        "chromium": browser_version,
        "python": platform.python_version(),
        "pyodide": pyodide,
    }
