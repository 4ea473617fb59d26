"""The floor: strict build, every page served, no errors or off-site requests, no dead links."""

from __future__ import annotations

import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.site_pages import nav_pages, page_url, site_path_prefix

PAGES = nav_pages()


def test_strict_build_has_no_warnings(site_build: tuple[Path, str]) -> None:
    _, log = site_build
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)


def test_nav_lists_the_guide() -> None:
    titles = [title for title, _ in PAGES]
    assert titles[0] == "Start here"
    assert titles[-2:] == ["My plan", "About this guide"]
    assert len(titles) == 9


@pytest.mark.parametrize(("title", "source"), PAGES, ids=[s for _, s in PAGES])
def test_every_nav_page_is_served(site_url: str, title: str, source: str) -> None:
    with urllib.request.urlopen(site_url + page_url(source)) as response:
        assert response.status == 200
        body = response.read().decode()
    assert f"<title>{title}" in body or title in body


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name])


def _parse(path: Path) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _target_file(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The built file and fragment a same-site link points at, or None if off-site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:")):
        return None
    base = "/" + page.relative_to(site).as_posix()
    if link.startswith("/"):
        # 404.html links from the root the site is published under.
        prefix = site_path_prefix()
        if not link.startswith(prefix):
            return Path("/nonexistent") / link.lstrip("/"), ""
        link = "/" + link.removeprefix(prefix)
    resolved = urlsplit(urljoin(base, link))
    target = site / unquote(resolved.path).lstrip("/")
    if resolved.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, resolved.fragment


def test_every_internal_link_resolves(built_site: Path) -> None:
    parsed = {path: _parse(path) for path in built_site.rglob("*.html")}
    broken: list[str] = []
    for page, collector in parsed.items():
        for link in collector.links:
            target = _target_file(built_site, page, link)
            if target is None:
                continue
            file, fragment = target
            where = f"{page.relative_to(built_site)} -> {link}"
            if not file.is_file():
                broken.append(f"{where}: no such file")
            elif fragment and file.suffix == ".html":
                ids = parsed[file].ids if file in parsed else _parse(file).ids
                if fragment not in ids:
                    broken.append(f"{where}: no element with id {fragment!r}")
    assert not broken, "\n".join(broken)


def test_no_page_links_off_site_assets(built_site: Path) -> None:
    """Fonts, icons, scripts and styles all come from the site itself."""
    offenders = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        pattern = r'<(?:script|link|img)\b(?![^>]*rel="canonical")[^>]*\b(?:src|href)="(https?:)?//'
        for match in re.finditer(pattern, html):
            offenders.append(f"{page.relative_to(built_site)}: {match.group(0)}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.e2e
@pytest.mark.parametrize(("title", "source"), PAGES, ids=[s for _, s in PAGES])
def test_page_loads_cleanly_in_chromium(page, title: str, source: str) -> None:
    """No console error, page error or off-site request (the guard fixture checks)."""
    page.goto(page_url(source))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Material titles the home page with the site's name alone.
    expected = "Holding an offer, hoping for another" if source == "index.md" else title
    expect(page).to_have_title(re.compile(re.escape(expected)))
    # Let late requests (search index, worker) happen while the guard listens.
    page.wait_for_load_state("networkidle")


@pytest.mark.e2e
def test_palette_toggle_switches_to_dark(page) -> None:
    page.goto("")
    page.get_by_title("Switch to dark mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.get_by_title("Switch to light mode").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
