"""No page of the guide works inside another site's frame, even on a host that sends no headers."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from build_tools.serve import SiteHandler, base_url, make_server, start_in_thread

pytestmark = pytest.mark.e2e


@pytest.fixture
def headerless_site(built_site: Path):
    """The site as GitHub Pages serves it: no _headers, so no frame-ancestors."""

    class HeaderlessHandler(SiteHandler):
        def end_headers(self) -> None:
            SimpleHTTPRequestHandler.end_headers(self)

    server = make_server(built_site)
    server.RequestHandlerClass = functools.partial(HeaderlessHandler, directory=str(built_site))
    start_in_thread(server)
    yield base_url(server)
    server.shutdown()
    server.server_close()


@pytest.fixture
def other_site(tmp_path: Path):
    """Another site (another origin: its own port) whose page frames whatever it is given:
    a real server, since Chromium refuses a loopback frame inside a page with no address."""
    server = make_server(tmp_path, require_site=False)
    start_in_thread(server)

    def framing(url: str) -> str:
        (tmp_path / "framing.html").write_text(
            f'<!doctype html><title>Framing</title><iframe src="{url}"></iframe>', encoding="utf-8"
        )
        return base_url(server) + "framing.html"

    yield framing
    server.shutdown()
    server.server_close()


def test_a_framed_page_shows_only_a_link_to_itself(
    page: Page, headerless_site: str, other_site
) -> None:
    guide = headerless_site + "my-plan/"
    page.goto(other_site(guide))
    framed = page.frame_locator("iframe")
    link = framed.get_by_role("link", name="Open the guide on its own")
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", guide)
    expect(link).to_have_attribute("target", "_top")
    expect(framed.get_by_role("heading", level=1)).to_be_hidden()
    expect(framed.get_by_role("region", name="Your plan")).to_be_hidden()

    page.goto(guide)  # on its own, the page is whole
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Open the guide on its own")).to_have_count(0)
