"""Shared fixtures: a strict build of the site, a loopback server, a guarded browser page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools import chromium
from build_tools.serve import base_url as base_url_of
from build_tools.serve import make_server, start_in_thread
from build_tools.site import build_site

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory):
    """One strict build per session, served on 127.0.0.1 at a free port.

    The port is bound before the build so the site knows its own address:
    Material's instant navigation only takes over links inside site_url.
    Yields (site directory, base URL, build log).
    """
    destination = tmp_path_factory.mktemp("site")
    server = make_server(destination, require_site=False)
    url = base_url_of(server)
    build = build_site(destination, url)
    if not build.ok:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{build.log}", pytrace=False)
    start_in_thread(server)
    yield destination, url, build.log
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_build(site_server) -> tuple[Path, str]:
    """(site directory, build log)."""
    return site_server[0], site_server[2]


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    return site_server[0]


@pytest.fixture(scope="session")
def site_url(site_server) -> str:
    return site_server[1]


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """pytest-base-url's fixture, pointed at the served build."""
    return site_url


@pytest.fixture(scope="session", autouse=True)
def _verify_url() -> None:
    """pytest-base-url's autouse check, which asks for base_url in every session.

    Left as it is, it would build the whole site before the first test, even in
    a run of the engine's tests alone; the browser tests ask for the site
    themselves. (There is no --verify-base-url to honour: the URL is our own.)
    """


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need the strict build of the whole site are marked ``site``.

    `make check` leaves them out with ``-m "not site"``: the build takes seconds,
    and half a minute when the engine changed (its runtime is rebuilt).
    """
    for item in items:
        if "site_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    executable = chromium.find()
    if executable is None:
        pytest.fail(chromium.INSTALL_HINT, pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": chromium.LAUNCH_ARGS,
    }


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOOPBACK_HOSTS


class PageGuard:
    """Records what a page must never do: errors, and requests off loopback."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.external_requests: list[str] = []

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_page_error(self, error) -> None:
        self.page_errors.append(str(error))

    def route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.external_requests.append(url)
            route.abort("blockedbyclient")

    def problems(self) -> list[str]:
        return (
            [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
            + [f"request left 127.0.0.1: {url}" for url in self.external_requests]
        )


@pytest.fixture
def page_guard() -> PageGuard:
    return PageGuard()


@pytest.fixture
def page(page, page_guard: PageGuard, request: pytest.FixtureRequest):
    """pytest-playwright's page, failing the test on errors or off-site requests.

    Tests that provoke errors on purpose mark themselves ``allow_console_errors``;
    off-site requests are never allowed.
    """
    page.context.route("**/*", page_guard.route)
    page.on("console", page_guard.on_console)
    page.on("pageerror", page_guard.on_page_error)
    yield page
    problems = page_guard.problems()
    if request.node.get_closest_marker("allow_console_errors"):
        problems = [p for p in problems if p.startswith("request left")]
    assert not problems, "\n".join(problems)
