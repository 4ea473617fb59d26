"""The engine's start in Chromium: from the trimmed runtime, through a slow link, or failing
with a cause a reader can act on, their answers kept."""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from build_tools.serve import SiteHandler, base_url, make_server, start_in_thread
from tests.questionnaire_steps import (
    ENGINE_START_TIMEOUT_MS,
    answer,
    control,
    form_of,
    result_of,
    wait_until_ready,
)
from tests.test_questionnaires import TRIAGE, TRIAGE_CASES, stored_answers

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent
FAILURE_TIMEOUT_MS = 30_000


def runtime_manifest(site: Path) -> dict:
    return json.loads((site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))


def test_the_engine_starts_from_the_trimmed_runtime(page: Page, built_site: Path) -> None:
    manifest = runtime_manifest(built_site)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/pyodide/" in r.url else None)
    page.goto("")
    wait_until_ready(page, TRIAGE)
    names = {url.rsplit("/pyodide/", 1)[1] for url in fetched}
    # The page names every file: no manifest is looked up first.
    assert names == {file["url"] for file in manifest["files"].values()}
    stock = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    assert manifest["files"]["stdlib"]["size"] < stock.stat().st_size
    assert not [name for name in names if name in ("python_stdlib.zip", "pyodide-lock.json")]


def corrupt(route: Route) -> None:
    body = bytearray(route.fetch().body())
    body[len(body) // 2] ^= 0xFF
    route.fulfill(status=200, body=bytes(body), content_type="application/zip")


def without_wasm_eval(route: Route) -> None:
    """The worker's script as a host would send it with a policy that forgets WebAssembly."""
    response = route.fetch()
    headers = {
        **response.headers,
        "content-security-policy": "default-src 'self'; script-src 'self'",
    }
    route.fulfill(response=response, headers=headers)


# (what goes wrong, which request, how, what the reader is told)
FAILURES = {
    "missing file": (
        "**/pyodide/stdlib-*.zip",
        lambda route: route.fulfill(status=404, body="Not Found"),
        re.compile(r"stdlib-\w+\.zip is missing from the site \(the server answered 404"),
    ),
    "integrity mismatch": (
        "**/pyodide/engine-*.zip",
        corrupt,
        re.compile(r"engine-\w+\.zip arrived damaged .* failed its integrity check"),
    ),
    "policy without wasm-unsafe-eval": (
        "**/engine-worker.js",
        without_wasm_eval,
        re.compile(r"Content-Security-Policy does not allow WebAssembly.*'wasm-unsafe-eval'"),
    ),
    "network down": (
        "**/pyodide/core-*/pyodide.asm.wasm",
        lambda route: route.abort("internetdisconnected"),
        re.compile(r"pyodide\.asm\.wasm could not be downloaded: this device may be offline"),
    ),
}


@pytest.mark.allow_console_errors
@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_start_failure_names_its_cause_and_keeps_answers(page: Page, failure: str) -> None:
    pattern, handler, cause = FAILURES[failure]
    page.route(pattern, handler)
    page.goto("")
    form = form_of(page, TRIAGE)
    answer(form, TRIAGE, {"homework": "partly", "runway_months": 7})
    expect(form).to_have_attribute("data-engine", "error", timeout=FAILURE_TIMEOUT_MS)
    status = form.get_by_role("status").last  # right above the result region
    expect(status).to_contain_text("could not start")
    expect(status).to_contain_text(cause)
    expect(status).to_contain_text("Your answers are kept")
    expect(control(form, TRIAGE, "homework", "partly")).to_be_checked()
    expect(control(form, TRIAGE, "runway_months")).to_have_value("7")
    assert stored_answers(page, TRIAGE)["runway_months"] == "7"


# The no-time-limit test: the engine's WebAssembly is held back and let through
# part by part, while the page's clock (Playwright's fake clock: its timers,
# Date and performance.now) is moved on between parts, past a minute in all.
WASM_PARTS = 6
PAGE_TIME_PER_PART_MS = 16_000  # under the stall limit (60 s of silence)...
# ...but the whole download takes longer than the client's old fixed limit of a
# minute, which failed slow links.
assert (WASM_PARTS - 1) * PAGE_TIME_PER_PART_MS > 75_000


@dataclass
class HeldRuntime:
    """What the server did with the first WebAssembly request."""

    url: str
    gate: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(0))
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: bool = False
    parts_sent: int = 0

    def first(self) -> bool:
        """True for the first caller only."""
        with self.lock:
            first, self.started = not self.started, True
        return first


@pytest.fixture
def held_site(built_site: Path):
    """The site as served, but the first WebAssembly download sends its first part
    only, then one more part each time the test releases ``gate``."""
    server = make_server(built_site)
    held = HeldRuntime(url=base_url(server))

    class HeldRuntimeHandler(SiteHandler):
        def copyfile(self, source, outputfile) -> None:
            if not (self.path.endswith("/pyodide.asm.wasm") and held.first()):
                return super().copyfile(source, outputfile)
            data = source.read()
            for part in range(WASM_PARTS):
                if part and not held.gate.acquire(timeout=120):
                    return  # the test gave up
                chunk = data[part * len(data) // WASM_PARTS : (part + 1) * len(data) // WASM_PARTS]
                outputfile.write(chunk)
                outputfile.flush()
                held.parts_sent = part + 1

    server.RequestHandlerClass = functools.partial(HeldRuntimeHandler, directory=str(built_site))
    start_in_thread(server)
    yield held
    held.gate.release(WASM_PARTS)
    server.shutdown()
    server.server_close()


def test_on_a_slow_link_the_engine_starts_after_a_minute_of_download(
    page: Page, held_site: HeldRuntime
) -> None:
    """No time limit on the start: only a minute of silence fails it.

    The limits live in the page (engine-client.js), whose clock is fake here; a
    fixed limit on the whole start, reintroduced, would fire within the
    minute and more of page time that passes while the download goes on.
    """
    page.clock.install()
    page.goto(held_site.url)
    form = form_of(page, TRIAGE)
    status = form.get_by_role("status").last
    answer(form, TRIAGE, TRIAGE_CASES["wait_for_first_choice"])
    progress = re.compile(r"Getting the engine ready: \d+\.\d of \d+\.\d MB")
    expect(status).to_contain_text(progress, timeout=ENGINE_START_TIMEOUT_MS)

    def loaded() -> int:  # bytes the page was last told of
        return page.evaluate("offerGuideEngine.progress.loaded")

    for part in range(2, WASM_PARTS + 1):
        page.clock.run_for(PAGE_TIME_PER_PART_MS)  # no byte arrives meanwhile
        expect(form).to_have_attribute("data-engine", "loading")
        told = loaded()
        # The worker reports progress at most every 100 ms (of its own, real, clock).
        time.sleep(0.2)
        held_site.gate.release()
        if part < WASM_PARTS:
            wait_until(lambda told=told: loaded() > told, f"part {part} of the wasm reported")
    expect(form).to_have_attribute("data-engine", "ready", timeout=ENGINE_START_TIMEOUT_MS)
    assert held_site.parts_sent == WASM_PARTS
    page_time_ms = page.evaluate("performance.now()")
    assert page_time_ms > (WASM_PARTS - 1) * PAGE_TIME_PER_PART_MS, "the page's clock is not fake"
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "wait_for_first_choice")


def wait_until(condition, what: str, timeout_s: float = 15) -> None:
    """Polled from the test, not the page: the page's timers are fake."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout_s} s: {what}"
        time.sleep(0.05)
