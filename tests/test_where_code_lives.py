"""The reader's app lives in web/; build_tools/ holds only what runs at build time."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Build-time scripts: Node builds the service worker; Playwright injects the
# booklet's script into the print page while it renders the PDF.
BUILD_TIME_SCRIPTS = {"build_tools/offline_sw.mjs", "build_tools/questionnaires/runtime.mjs",
                      "build_tools/pdf_assets/booklet.js"}  # fmt: skip


def test_no_script_or_template_the_browser_runs_is_under_build_tools():
    found = {
        path.relative_to(ROOT).as_posix()
        for pattern in ("*.js", "*.mjs", "*.html", "*.css")
        for path in (ROOT / "build_tools").rglob(pattern)
    }
    assert found - BUILD_TIME_SCRIPTS - {"build_tools/pdf_assets/booklet.css"} == set()


def test_the_theme_partial_is_part_of_the_readers_app():
    assert (ROOT / "web/theme/partials/javascripts/base.html").is_file()
