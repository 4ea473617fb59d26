"""The guide offline: every page reads and every questionnaire answers with no network,
and a new deploy is offered with a reload instead of the old one served forever."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from build_tools.offline import write_service_worker
from build_tools.serve import base_url, make_server, start_in_thread
from tests.questionnaire_steps import answer, result_of, wait_until_ready
from tests.test_questionnaires import TRIAGE, TRIAGE_CASES

pytestmark = pytest.mark.e2e
OFFLINE_READY_TIMEOUT_MS = 90_000


def offline_ready(page: Page) -> None:
    """The page says it would work offline (service worker in control, runtime kept)."""
    expect(page.locator("html")).to_have_attribute(
        "data-offline", "ready", timeout=OFFLINE_READY_TIMEOUT_MS
    )


def held_compiled_code(page: Page, wasm: str) -> bool:
    """Whether the page's keeper worker (not its engine's worker) asked for the
    WebAssembly: the compile whose module it holds, so that this tab's next start
    reuses the code, done off the page's main thread."""
    keepers = [w for w in page.workers if w.url.endswith("/keep-runtime-worker.js")]
    held = "(wasm) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(wasm))"
    if page.evaluate(held, wasm):
        return False
    # The worker asks for it once it has said the runtime is kept: give it a moment.
    for _ in range(50):
        if any(keeper.evaluate(held, wasm) for keeper in keepers):
            return True
        page.wait_for_timeout(100)
    return False


def test_the_guide_works_offline_after_one_visit(page: Page, built_site: Path) -> None:
    runtime = json.loads((built_site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))
    wasm = "/pyodide/" + runtime["files"]["wasm"]["url"]
    page.goto("")
    wait_until_ready(page, TRIAGE)
    offline_ready(page)
    assert held_compiled_code(page, wasm)

    page.context.set_offline(True)
    page.reload()
    form = wait_until_ready(page, TRIAGE)  # the engine, from the worker's cache
    # A visit that finds the runtime cached holds the compiled code too.
    offline_ready(page)
    assert held_compiled_code(page, wasm)
    page.get_by_role("navigation", name="Navigation").get_by_role(
        "link", name="About this guide"
    ).first.click()
    expect(page).to_have_url(re.compile("about/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.go_back()
    form = wait_until_ready(page, TRIAGE)
    answer(form, TRIAGE, TRIAGE_CASES["wait_for_first_choice"])
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "wait_for_first_choice")

    # A page opened afresh, not through instant navigation, reads too.
    page.goto("waiting-on-your-first-choice/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_leaving_for_another_page_at_once_still_keeps_the_runtime(page: Page) -> None:
    # The service worker registers only once the engine is ready, so a reader
    # who moves on at once is on another page (by instant navigation) while it
    # installs and the runtime is kept; that page must work offline too.
    page.goto("")
    wait_until_ready(page, TRIAGE)
    page.get_by_role("navigation", name="Navigation").get_by_role(
        "link", name="Look hard at the offer"
    ).first.click()
    expect(page).to_have_url(re.compile("look-hard-at-the-offer/$"))
    offline_ready(page)
    page.context.set_offline(True)
    page.reload()
    wait_until_ready(page, "offer-check")


@pytest.fixture
def own_site(built_site: Path, tmp_path: Path):
    """A copy of the built site on its own server, free to be rebuilt by a test."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = make_server(site)
    start_in_thread(server)
    yield site, base_url(server)
    server.shutdown()
    server.server_close()


def test_a_new_deploy_is_offered_with_a_reload(page: Page, own_site) -> None:
    site, url = own_site
    page.goto(url + "about/")
    offline_ready(page)

    about = site / "about" / "index.html"
    about.write_text(
        about.read_text(encoding="utf-8").replace(
            "</article>", "<p>Changed in a new deploy.</p></article>"
        ),
        encoding="utf-8",
    )
    write_service_worker(site)  # the build's last step, over the changed site

    page.reload()
    prompt = page.get_by_role("status").filter(has_text="A new version of the guide is available")
    expect(prompt).to_be_visible(timeout=OFFLINE_READY_TIMEOUT_MS)
    prompt.get_by_role("button", name="reload").click()
    expect(page.get_by_text("Changed in a new deploy.")).to_be_visible(timeout=30_000)
    expect(prompt).to_have_count(0)
