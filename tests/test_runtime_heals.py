"""A runtime that heals: no bad copy of a runtime file is kept, a page whose runtime a deploy
removed takes the new version, and a tab left on an old engine reloads when asked."""

from __future__ import annotations

import functools
import io
import json
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from build_tools.offline import write_service_worker
from build_tools.serve import SiteHandler, base_url, make_server, start_in_thread
from tests.questionnaire_steps import (
    ENGINE_START_TIMEOUT_MS,
    answer,
    form_of,
    result_of,
    wait_until_ready,
)
from tests.test_offline import OFFLINE_READY_TIMEOUT_MS, offline_ready
from tests.test_questionnaires import TRIAGE, TRIAGE_CASES

pytestmark = pytest.mark.e2e

# What a captive portal (a hotel's or a train's sign-in page) answers for any address.
PORTAL_PAGE = b"<!doctype html><title>Sign in</title><p>Sign in to use the Wi-Fi.</p>"
ENGINE_ZIP = re.compile(r"/pyodide/engine-[0-9a-f]+\.zip")

# The SRI hash of every copy of `url` in the page's Cache Storage, whichever cache holds it.
CACHED_COPIES = """async (url) => {
  const copies = [];
  for (const name of await caches.keys()) {
    const response = await (await caches.open(name)).match(url);
    if (!response) continue;
    const bytes = await response.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", bytes));
    copies.push("sha384-" + btoa(String.fromCharCode(...digest)));
  }
  return copies;
}"""

# One byte of the cached copy of `url` flipped, as a failing disk would; the cache's name.
FLIP_CACHED_BYTE = """async (url) => {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    const response = await cache.match(url);
    if (!response) continue;
    const bytes = new Uint8Array(await response.arrayBuffer());
    bytes[bytes.length >> 1] ^= 0xff;
    await cache.put(url, new Response(bytes, { headers: response.headers }));
    return name;
  }
  return null;
}"""


def runtime_manifest(site: Path) -> dict:
    return json.loads((site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))


def runtime_file(site: Path, url: str, part: str) -> tuple[str, str]:
    """(absolute URL, SRI hash) of one of the runtime's files, as the manifest names it."""
    file = runtime_manifest(site)["files"][part]
    return f"{url}pyodide/{file['url']}", file["integrity"]


def cached_copies(page: Page, url: str) -> list[str]:
    return page.evaluate(CACHED_COPIES, url)


def answers_the_triage(page: Page) -> None:
    form = wait_until_ready(page, TRIAGE)
    answer(form, TRIAGE, TRIAGE_CASES["wait_for_first_choice"])
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "wait_for_first_choice")


@dataclass
class Portal:
    """A network that answers the engine's zip with its sign-in page, when armed, once."""

    url: str = ""
    armed: bool = False
    served: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def takes(self, path: str) -> bool:
        with self.lock:
            if not (self.armed and ENGINE_ZIP.fullmatch(path)):
                return False
            self.armed = False
            self.served += 1
            return True


@pytest.fixture
def portal_once(built_site: Path):
    server = make_server(built_site)
    portal = Portal(url=base_url(server))

    class PortalHandler(SiteHandler):
        def send_head(self):
            if not portal.takes(self.path.split("?", 1)[0]):
                return super().send_head()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PORTAL_PAGE)))
            # As some portals do: kept for an hour by any cache on the way.
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            return io.BytesIO(PORTAL_PAGE)

    server.RequestHandlerClass = functools.partial(PortalHandler, directory=str(built_site))
    start_in_thread(server)
    yield portal
    server.shutdown()
    server.server_close()


def test_a_sign_in_page_served_for_the_engine_once_is_not_kept(
    page: Page, portal_once: Portal, built_site: Path
) -> None:
    url = portal_once.url
    engine_url, engine_integrity = runtime_file(built_site, url, "engine")
    page.goto(url + "about/")
    offline_ready(page)  # the service worker is in control; the runtime is not cached yet

    portal_once.armed = True
    page.goto(url)
    # The damaged file is asked for again, past every cache, in a new start.
    wait_until_ready(page, TRIAGE)
    assert portal_once.served == 1
    page.reload()
    answers_the_triage(page)
    offline_ready(page)
    assert cached_copies(page, engine_url) == [engine_integrity]


def test_a_flipped_byte_in_the_cached_wasm_heals_on_reload(
    page: Page, built_site: Path, site_url: str
) -> None:
    wasm_url, wasm_integrity = runtime_file(built_site, site_url, "wasm")
    page.goto("")
    wait_until_ready(page, TRIAGE)
    offline_ready(page)
    assert cached_copies(page, wasm_url) == [wasm_integrity]

    assert page.evaluate(FLIP_CACHED_BYTE, wasm_url)
    assert cached_copies(page, wasm_url) not in ([], [wasm_integrity])
    page.reload()
    answers_the_triage(page)
    offline_ready(page)
    assert cached_copies(page, wasm_url) == [wasm_integrity]


@pytest.fixture
def own_site(built_site: Path, tmp_path: Path):
    """A copy of the built site on its own server, free to be deployed over by a test."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = make_server(site)
    start_in_thread(server)
    yield site, base_url(server)
    server.shutdown()
    server.server_close()


def deploy_a_new_engine(site: Path) -> str:
    """A deploy whose engine changed: its zip has a new name, the old one is gone, and
    every page names the new one. Returns the new name."""
    old = runtime_manifest(site)["files"]["engine"]["url"]
    new = "engine-0123456789ab.zip"
    assert old != new
    (site / "pyodide" / old).rename(site / "pyodide" / new)
    for path in [site / "pyodide" / "runtime.json", *site.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")
    write_service_worker(site)  # the build's last step, over the new site
    return new


@pytest.mark.allow_console_errors  # the old page's runtime is answered with 404s
def test_a_page_whose_runtime_a_deploy_removed_takes_the_new_version(page: Page, own_site) -> None:
    site, url = own_site
    page.goto(url + "about/")
    offline_ready(page)  # every page is precached; the reader never opened a questionnaire

    new = deploy_a_new_engine(site)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/pyodide/" in r.url else None)
    page.goto(url)
    answers_the_triage(page)
    assert url + "pyodide/" + new in fetched


def test_a_tab_left_on_an_old_engine_reloads_when_asked(page: Page, own_site) -> None:
    site, url = own_site
    stale = page
    stale.goto(url)
    wait_until_ready(stale, TRIAGE)
    offline_ready(stale)

    triage = site / "index.html"
    triage.write_text(
        triage.read_text(encoding="utf-8").replace(
            "</article>", "<p>Changed in a new deploy.</p></article>"
        ),
        encoding="utf-8",
    )
    write_service_worker(site)

    def prompt(tab: Page):
        return tab.get_by_role("status").filter(has_text="A new version of the guide is available")

    other = page.context.new_page()
    other.goto(url + "about/")  # finds the new deploy, which then waits in every tab
    expect(prompt(other)).to_be_visible(timeout=OFFLINE_READY_TIMEOUT_MS)
    expect(prompt(stale)).to_be_visible(timeout=OFFLINE_READY_TIMEOUT_MS)
    prompt(other).get_by_role("button", name="reload").click()
    expect(prompt(other)).to_have_count(0, timeout=30_000)

    # The new version already controls the stale tab: its own reload button still works.
    prompt(stale).get_by_role("button", name="reload").click()
    expect(stale.get_by_text("Changed in a new deploy.")).to_be_visible(timeout=30_000)
    expect(form_of(stale, TRIAGE)).to_have_attribute(
        "data-engine", "ready", timeout=ENGINE_START_TIMEOUT_MS
    )
