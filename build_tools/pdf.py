"""Write the guide as one PDF booklet from the built site's print page.

Chromium renders the page mkdocs-print-site-plugin builds, with the page's
own scripts off: the questionnaires stay the static forms the plugin wrote,
which print as worksheets, and no engine starts. `page.pdf()` has no
contents page with page numbers, so the booklet is rendered twice: the
first pass tells where each heading landed (Chromium writes a named
destination for every link target), the second prints those numbers.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from build_tools import chromium
from build_tools.serve import serve_in_thread

ROOT = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).parent / "pdf_assets"
PRINT_PAGE = "print_page/"
TOC_DEPTH = 2
PASSES = 3

# (width, height) as CSS lengths for @page; the keys are the --paper choices.
PAPERS = {"A4": ("210mm", "297mm"), "Letter": ("8.5in", "11in")}
OUTPUTS = {"A4": Path("dist/offer-guide.pdf"), "Letter": Path("dist/offer-guide-letter.pdf")}


class PdfError(Exception):
    """The booklet cannot be made; the message says why."""


@dataclass(frozen=True, slots=True)
class Cover:
    title: str
    subtitle: str
    version: str
    date: str


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    with pyproject.open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def edition_date() -> date:
    """Today, or SOURCE_DATE_EPOCH's day so that a rebuild can match byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Page number (from 1) of every named destination in ``pdf``."""
    reader = PdfReader(io.BytesIO(pdf))
    return {
        str(name).removeprefix("/"): reader.get_destination_page_number(destination) + 1
        for name, destination in reader.named_destinations.items()
    }


def finish(pdf: bytes, cover: Cover, out: Path) -> None:
    """Add document information and open the bookmarks pane; write ``out``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata(
        {
            "/Title": cover.title,
            "/Subject": cover.subtitle,
            "/Creator": "build_tools/pdf.py (Chromium, mkdocs-print-site-plugin)",
        }
    )
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as file:
        writer.write(file)


def page_rules(width: str, height: str, running_title: str) -> str:
    """The sheet: paper size, and the guide's title and page number in the footer."""
    return (
        f"@page {{ size: {width} {height}; "
        f"@bottom-left {{ content: {json.dumps(running_title)}; }} }}"
        f":root {{ --booklet-page-height: {height}; }}"
    )


def read_cover(page, version: str, day: date) -> Cover:
    """Title and subtitle from the built page itself, as the site shows them."""
    title, subtitle = page.evaluate(
        """() => [
          document.querySelector('meta[property="og:site_name"]')?.content
            ?? document.querySelector(".md-header__topic .md-ellipsis")?.textContent.trim(),
          document.querySelector('meta[name="description"]')?.content ?? "",
        ]"""
    )
    if not title:
        raise PdfError("the print page names no site (no header title)")
    return Cover(title, subtitle.strip(), version, f"{day.day} {day:%B %Y}")


def render_booklet(browser, url: str, paper: str, progress: Callable[[str], None]):
    """The booklet as PDF bytes, and its cover, from the site served at ``url``."""
    width, height = PAPERS[paper]
    # bypass_csp: the booklet's own styles go in as a <style> element, which the
    # site's Content-Security-Policy (build_tools/csp.py) would refuse.
    context = browser.new_context(java_script_enabled=False, bypass_csp=True)
    try:
        # Nothing leaves the machine: the print page needs only the site's own files.
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(url)
                else route.abort("blockedbyclient")
            ),
        )
        page = context.new_page()
        progress(f"pdf: opening {url}{PRINT_PAGE}")
        page.goto(url + PRINT_PAGE, wait_until="load")
        cover = read_cover(page, project_version(), edition_date())
        page.emulate_media(media="print")
        # Styles go in through the booklet script: add_style_tag waits for a
        # load event, which never fires with the page's scripts off.
        styles = (ASSETS / "booklet.css").read_text(encoding="utf-8") + page_rules(
            width, height, cover.title
        )
        targets = page.evaluate(
            (ASSETS / "booklet.js").read_text(encoding="utf-8"),
            {"cover": asdict(cover), "depth": TOC_DEPTH, "styles": styles},
        )
        progress(f"pdf: {len(targets)} headings in the contents; paper {paper}")

        numbers: dict[str, int] = {}
        for attempt in range(1, PASSES + 1):
            pdf = page.pdf(
                prefer_css_page_size=True,
                print_background=True,
                outline=True,
                tagged=True,
            )
            landed = destination_pages(pdf)
            missing = [target for target in targets if target not in landed]
            if missing:
                raise PdfError(f"headings with no place in the PDF: {missing}")
            found = {target: landed[target] for target in targets}
            progress(f"pdf: pass {attempt}: {len(PdfReader(io.BytesIO(pdf)).pages)} pages")
            if found == numbers:
                return pdf, cover
            numbers = found
            page.evaluate(
                """(numbers) => {
                  for (const slot of document.querySelectorAll("[data-toc-page]")) {
                    slot.textContent = String(numbers[slot.dataset.tocPage]);
                  }
                }""",
                numbers,
            )
        raise PdfError(f"the contents page numbers did not settle after {PASSES} passes")
    finally:
        context.close()


def build_pdf(
    site: Path,
    out: Path,
    paper: str = "A4",
    progress: Callable[[str], None] = print,
    browser=None,
) -> Path:
    """Render ``site``'s print page into the booklet ``out``; return ``out``.

    Pass a Playwright ``browser`` to reuse one (the tests do); otherwise a
    Chromium is found and launched for the occasion.
    """
    if paper not in PAPERS:
        raise PdfError(f"Expected one of: {sorted(PAPERS)} but received: {paper!r}")
    if not (site / PRINT_PAGE / "index.html").is_file():
        raise PdfError(
            f"{site} has no {PRINT_PAGE}: build the site with mkdocs-print-site-plugin first "
            "(`make build`)"
        )
    server, url = serve_in_thread(site)
    try:
        if browser is not None:
            pdf, cover = render_booklet(browser, url, paper, progress)
        else:
            executable = chromium.find()
            if executable is None:
                raise PdfError(chromium.INSTALL_HINT)
            # Imported here so that `--help` needs no browser stack.
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                progress(f"pdf: starting Chromium ({executable})")
                launched = playwright.chromium.launch(
                    executable_path=executable, args=chromium.LAUNCH_ARGS
                )
                try:
                    pdf, cover = render_booklet(launched, url, paper, progress)
                finally:
                    launched.close()
    finally:
        server.shutdown()
        server.server_close()
    finish(pdf, cover, out)
    progress(f"pdf: wrote {out} ({out.stat().st_size // 1024} KiB)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--paper", choices=sorted(PAPERS), default="A4")
    parser.add_argument(
        "--out", type=Path, help="default: dist/offer-guide.pdf (A4), dist/offer-guide-letter.pdf"
    )
    args = parser.parse_args(argv)
    out = args.out or OUTPUTS[args.paper]
    started = time.monotonic()
    try:
        build_pdf(args.site, out, args.paper)
    except PdfError as error:
        print(f"pdf: {error}", file=sys.stderr)
        return 1
    print(f"pdf: done in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
