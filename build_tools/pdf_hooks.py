"""MkDocs hooks for the PDF: the About page's download link, and a print page fix.

The download link goes only into a build that publishes the PDF: `make pdf`
sets OFFER_GUIDE_PDF to the PDF's name inside the site and copies the file
there once it is rendered. In every other build the marker comment
renders as nothing, so no link can dangle. The link goes in after the page
is templated (on_post_page), so the print page, and with it the PDF, never
advertises itself.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ENVIRONMENT = "OFFER_GUIDE_PDF"
MARKER = "<!-- pdf-download -->"
PAGE = "about.md"
PRINT_PAGE = Path("print_page") / "index.html"
# mkdocs-print-site-plugin 2.9 turns a link to the home page ("../") into
# "#." (os.path.normpath of the page's folder), an anchor that does not
# exist; the home page's section on the print page is "#index".
HOME_ANCHOR = re.compile(r'href="#\.(-[^"]*)?"')


def download_paragraph(href: str) -> str:
    return (
        '<p class="pdf-download"><strong>Take it with you.</strong> The whole guide is also '
        f'a <a href="{href}" download>PDF to print or keep</a>, with every questionnaire '
        "as a worksheet to fill in by hand.</p>"
    )


def on_post_page(output: str, *, page: Page, config) -> str | None:
    if page.file.src_uri != PAGE:
        return None
    name = os.environ.get(ENVIRONMENT, "").strip()
    if not name:
        return output.replace(MARKER, "")
    if MARKER not in output:
        raise PluginError(f"{ENVIRONMENT} is set but {PAGE} has no {MARKER} to put the link in")
    href = get_relative_url(name, page.url)
    return output.replace(MARKER, download_paragraph(href))


def on_post_build(*, config) -> None:
    """Point the print page's links to the home page at its home section.

    Hooks run after every plugin, so the print page is written by now.
    """
    path = Path(config.site_dir) / PRINT_PAGE
    if not path.is_file():
        return
    page = path.read_text(encoding="utf-8")
    fixed = HOME_ANCHOR.sub(lambda match: f'href="#index{match.group(1) or ""}"', page)
    if fixed != page:
        path.write_text(fixed, encoding="utf-8")
