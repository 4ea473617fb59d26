"""The engine's start in Chromium: from the trimmed runtime, through a slow link, or failing
with a cause a reader can act on, their answers kept."""

from __future__ import annotations

import functools
import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from build_tools.serve import SiteHandler, base_url, make_server, start_in_thread
from tests.questionnaire_steps import answer, control, form_of, result_of, wait_until_ready
from tests.test_questionnaires import TRIAGE, TRIAGE_CASES, stored_answers

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent
# Longer than the client's old fixed limit (60 s), which failed slow links.
SLOW_DOWNLOAD_S = 66
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


class SlowRuntimeHandler(SiteHandler):
    """The site as served, but the engine's WebAssembly trickles in over SLOW_DOWNLOAD_S."""

    sent: list[float] = []  # seconds each WebAssembly download took

    def copyfile(self, source, outputfile) -> None:
        if not self.path.endswith("/pyodide.asm.wasm"):
            return super().copyfile(source, outputfile)
        started = time.monotonic()
        data = source.read()
        steps = 200
        for step in range(steps):
            outputfile.write(data[step * len(data) // steps : (step + 1) * len(data) // steps])
            outputfile.flush()
            time.sleep(SLOW_DOWNLOAD_S / steps)
        self.sent.append(time.monotonic() - started)


@pytest.fixture
def slow_site(built_site: Path):
    server = make_server(built_site)
    server.RequestHandlerClass = functools.partial(SlowRuntimeHandler, directory=str(built_site))
    start_in_thread(server)
    yield base_url(server)
    server.shutdown()
    server.server_close()


@pytest.mark.timeout(300)
def test_on_a_slow_link_the_engine_starts_after_a_minute_of_download(
    page: Page, slow_site: str
) -> None:
    page.goto(slow_site)
    form = form_of(page, TRIAGE)
    status = form.get_by_role("status").last
    expect(status).to_contain_text(re.compile(r"Getting the engine ready: \d+\.\d of \d+\.\d MB"))
    answer(form, TRIAGE, TRIAGE_CASES["wait_for_first_choice"])
    expect(form).to_have_attribute("data-engine", "ready", timeout=(SLOW_DOWNLOAD_S + 120) * 1000)
    assert SlowRuntimeHandler.sent and SlowRuntimeHandler.sent[-1] > 60, "not a slow download"
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "wait_for_first_choice")
