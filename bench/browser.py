"""Browser figures: cold visits in headless Chromium, timed on the page's own clock."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from bench.counting import Transfer, Transfers
from bench.figures import percentile
from bench.reader import answer, control, form_of, result_of
from build_tools import chromium

TRIAGE = "should-i-decline"
OFFER_CHECK = "offer-check"
OFFER_PAGE_TITLE = "Look hard at the offer"
READING_PAGE = "about/"
BARE_PAGE = "bench/bare-pyodide.html"
READY_TIMEOUT_MS = 120_000
SLOW_READY_TIMEOUT_MS = 600_000
# The slow link: 1.6 Mbit/s each way, 150 ms latency.
SLOW_LINK_BYTES_PER_S = 1_600_000 / 8
SLOW_LINK_LATENCY_MS = 150
EVALUATE_TIMEOUT_MS = 30_000
# Answers that make runway_months decide the outcome: 1 month -> accept, 12 -> decline.
EVALUATE_ANSWERS = {
    "offer_fit": 3,
    "current_job": "no",
    "homework": "done",
    "first_choice_stage": "applied",
    "restructuring": "no",
    "decision_weeks": 4,
    "runway_months": 12,
    "no_would_feel": "disappointed",
    "ready_to_search": "yes",
}
RUNWAY_VALUES = (1, 12)

# Times the page publishes itself, on its own clock (ms since navigation start):
# when each questionnaire's form is bound by the page script and when its engine
# is ready; the click that starts an instant navigation; answer-to-result times.
OBSERVER_SCRIPT = """
(() => {
  const bench = (window.__bench = {
    ready: {}, bound: {}, clickAt: null, evals: [], pending: null,
  });
  const note = (node) => {
    if (node.matches("form[data-questionnaire][data-engine='ready']")) {
      bench.ready[node.dataset.questionnaire] ??= performance.now();
    }
    if (node.matches("[data-questionnaire-root][data-bound]")) {
      bench.bound[node.dataset.questionnaireRoot] ??= performance.now();
    }
  };
  const scan = (node) => {
    note(node);
    const inside = node.querySelectorAll("form[data-questionnaire], [data-questionnaire-root]");
    for (const inner of inside) note(inner);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") note(record.target);
      else for (const added of record.addedNodes) if (added.nodeType === 1) scan(added);
    }
  }).observe(document, {
    subtree: true, childList: true,
    attributes: true, attributeFilter: ["data-engine", "data-bound"],
  });
  document.addEventListener("click", () => { bench.clickAt = performance.now(); }, true);
})();
"""

# Times each answer change (the `input` event, seen before the page's own
# listener) until the result region shows the outcome that answer leads to.
EVALUATE_PROBE = """
([questionnaire, question]) => {
  const bench = window.__bench;
  const root = document.querySelector(`[data-questionnaire-root="${questionnaire}"]`);
  const region = root.querySelector("[data-result]");
  bench.evals = [];
  bench.pending = null;
  document.addEventListener("input", (event) => {
    if (event.target.name === question) {
      bench.pending = { t0: performance.now(), from: region.dataset.outcome };
    }
  }, true);
  new MutationObserver(() => {
    const pending = bench.pending;
    if (pending && region.dataset.outcome && region.dataset.outcome !== pending.from) {
      bench.evals.push(performance.now() - pending.t0);
      bench.pending = null;
    }
  }).observe(region, { subtree: true, childList: true, attributes: true });
}
"""


class BenchError(Exception):
    """A visit did not go as a reader's would; the message says what happened."""


@dataclass
class Samples:
    """Every browser sample of a run, one entry per repetition unless noted."""

    engine_ready: list[float] = field(default_factory=list)
    bare_boot: list[float] = field(default_factory=list)
    repeat_ready: list[float] = field(default_factory=list)
    reader_repeat_ready: list[float] = field(default_factory=list)
    new_tab_ready: list[float] = field(default_factory=list)
    offline_ready: list[float] = field(default_factory=list)
    slow_link_ready: list[float] = field(default_factory=list)  # ms
    slow_link_sent: list[int] = field(default_factory=list)
    first_visit_path_lists: list[list[str]] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    form_interactive: list[float] = field(default_factory=list)
    instant_nav: list[float] = field(default_factory=list)
    evaluate_p50: list[float] = field(default_factory=list)
    evaluate_p95: list[float] = field(default_factory=list)
    reading_pyodide_bytes: list[int] = field(default_factory=list)
    first_visit_bytes: list[int] = field(default_factory=list)
    engine_worker_start: list[float] = field(default_factory=list)
    bare_worker_start: list[float] = field(default_factory=list)
    first_visit_paths: dict[str, int] = field(default_factory=dict)  # last repetition
    first_visit_sent: list[Transfer] = field(default_factory=list)  # last repetition
    reading_paths: list[str] = field(default_factory=list)  # every repetition
    problems: list[str] = field(default_factory=list)
    browser_version: str = ""


@dataclass(frozen=True, slots=True)
class TriageVisit:
    ready: float
    bound: float
    worker_start: float
    sent: list[Transfer]
    evaluations: list[float]
    navigation: float
    repeat: float
    offline: float


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def new_page(browser, samples: Samples):
    context = browser.new_context()
    context.add_init_script(OBSERVER_SCRIPT)
    return context, watched(context.new_page(), samples)


def watched(page, samples: Samples):
    """The page, its errors noted as the run's problems."""
    page.on("pageerror", lambda error: samples.problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: (
            samples.problems.append(
                f"console error: {message.text} ({message.location.get('url', '')})"
            )
            if message.type == "error"
            else None
        ),
    )
    return page


def published(page, expression: str, arg=None):
    """Wait until the page's own record holds a value; return it."""
    page.wait_for_function(
        f"(arg) => ({expression}) !== undefined && ({expression}) !== null",
        arg=arg,
        timeout=READY_TIMEOUT_MS,
    )
    return page.evaluate(f"(arg) => {expression}", arg)


def worker_started(page, script: str) -> float:
    """When the page asked for its worker's script (ms since navigation start)."""
    return page.evaluate(
        """(script) => performance.getEntriesByType("resource")
             .find((entry) => entry.name.endsWith(script)).startTime""",
        script,
    )


def visit_bare(browser, url: str, transfers: Transfers, samples: Samples) -> tuple[float, float]:
    """Cold visit of the bare Pyodide page: (ready, worker requested), in ms."""
    context, page = new_page(browser, samples)
    try:
        transfers.take()
        page.goto(url + BARE_PAGE)
        ready = published(page, "window.__bench.ready['bare-pyodide']")
        if page.get_attribute("form", "data-engine") != "ready":
            raise BenchError("the bare Pyodide page did not boot")
        return ready, worker_started(page, "/bare-pyodide-worker.js")
    finally:
        context.close()


def answer_the_triage(page):
    """Answer the triage as a reader would (EVALUATE_ANSWERS), wait for its outcome; the form."""
    form = form_of(page, TRIAGE)
    answer(form, TRIAGE, EVALUATE_ANSWERS)
    result_of(page, TRIAGE).and_(page.locator("[data-outcome]")).wait_for()
    return form


def visit_triage(browser, url: str, transfers: Transfers, samples: Samples, changes: int):
    """Cold visit of the triage page; then answer changes; then instant navigation."""
    context, page = new_page(browser, samples)
    try:
        transfers.take()
        page.goto(url)
        ready = published(page, "window.__bench.ready[arg]", TRIAGE)
        bound = published(page, "window.__bench.bound[arg]", TRIAGE)
        worker_start = worker_started(page, "/engine-worker.js")
        offline_ready(page)
        page.wait_for_load_state("networkidle")
        sent = transfers.take()

        form = answer_the_triage(page)
        page.evaluate(EVALUATE_PROBE, [TRIAGE, "runway_months"])
        runway = control(form, TRIAGE, "runway_months")
        for change in range(changes):
            runway.fill(str(RUNWAY_VALUES[change % 2]))
            page.wait_for_function(
                "(n) => window.__bench.evals.length >= n",
                arg=change + 1,
                timeout=EVALUATE_TIMEOUT_MS,
            )
        evaluations = page.evaluate("() => window.__bench.evals")

        # Instant navigation: the window (and the engine in it) must survive.
        page.evaluate("() => { window.__bench.sameWindow = true; }")
        links = page.get_by_role("link", name=OFFER_PAGE_TITLE, exact=True)
        links.filter(visible=True).first.click()
        nav_ready = published(page, "window.__bench.ready[arg]", OFFER_CHECK)
        click_at = page.evaluate("() => window.__bench.clickAt")
        if not page.evaluate("() => window.__bench.sameWindow === true"):
            raise BenchError("the navigation reloaded the page; is SITE_URL the served URL?")

        # The same reader comes back: warm HTTP cache, service worker in control.
        page.goto(url)
        repeat = published(page, "window.__bench.ready[arg]", TRIAGE)
        # And again with no network at all.
        context.set_offline(True)
        page.reload()
        offline = published(page, "window.__bench.ready[arg]", TRIAGE)
        transfers.take()
        return TriageVisit(
            ready, bound, worker_start, sent, evaluations, nav_ready - click_at, repeat, offline
        )
    finally:
        context.close()


def visit_as_a_reader(browser, url: str, transfers: Transfers, samples: Samples):
    """A first visit with the triage answered once (no 200 changes), then the reader comes
    back in the same tab, then in a new tab (the first one closed): ms to ready, each.

    In the same tab the browser may reuse the engine's compiled code still in
    memory; a new tab has only what the browser keeps on disk, as a reader
    coming back later would.
    """
    context, page = new_page(browser, samples)
    try:
        page.goto(url)
        published(page, "window.__bench.ready[arg]", TRIAGE)
        offline_ready(page)
        answer_the_triage(page)
        page.goto(url)
        same_tab = published(page, "window.__bench.ready[arg]", TRIAGE)
        offline_ready(page)
        tab = watched(context.new_page(), samples)
        page.close()
        tab.goto(url)
        return same_tab, published(tab, "window.__bench.ready[arg]", TRIAGE)
    finally:
        context.close()
        transfers.take()


def offline_ready(page) -> None:
    """Wait until the page says it would work offline (its service worker holds what it needs)."""
    page.locator("html[data-offline='ready']").wait_for(state="attached", timeout=READY_TIMEOUT_MS)


def visit_slow_link(browser, url: str, transfers: Transfers, samples: Samples) -> float:
    """Cold visit of the triage over an emulated slow link: ms to ready."""
    context, page = new_page(browser, samples)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": SLOW_LINK_LATENCY_MS,
                "downloadThroughput": SLOW_LINK_BYTES_PER_S,
                "uploadThroughput": SLOW_LINK_BYTES_PER_S,
            },
        )
        transfers.take()
        page.goto(url, timeout=SLOW_READY_TIMEOUT_MS)
        page.wait_for_function(
            "(arg) => window.__bench.ready[arg] !== undefined",
            arg=TRIAGE,
            timeout=SLOW_READY_TIMEOUT_MS,
        )
        ready = page.evaluate("(arg) => window.__bench.ready[arg]", TRIAGE)
        samples.slow_link_sent.append(sum(sent.size for sent in transfers.take()))
        return ready
    finally:
        context.close()


def visit_reading_page(browser, url: str, transfers: Transfers, samples: Samples):
    """Cold visit of a page without a questionnaire: the runtime files it (or its service
    worker, precaching the site) fetched."""
    context, page = new_page(browser, samples)
    try:
        transfers.take()
        page.goto(url + READING_PAGE)
        offline_ready(page)
        page.wait_for_load_state("networkidle")
        sent = transfers.take()
        return [(one.path, one.size) for one in sent if one.path.startswith("/pyodide/")]
    finally:
        context.close()


def one_repetition(browser, url: str, transfers: Transfers, samples: Samples, rep: int, changes):
    # Alternate which page goes first, so drift on a noisy machine does not
    # always favour one side of the ratio.
    if rep % 2 == 0:
        bare = visit_bare(browser, url, transfers, samples)
        triage = visit_triage(browser, url, transfers, samples, changes)
    else:
        triage = visit_triage(browser, url, transfers, samples, changes)
        bare = visit_bare(browser, url, transfers, samples)
    samples.bare_boot.append(bare[0])
    samples.bare_worker_start.append(bare[1])
    samples.engine_ready.append(triage.ready)
    samples.engine_worker_start.append(triage.worker_start)
    samples.ratio.append(triage.ready / bare[0])
    samples.form_interactive.append(triage.bound)
    samples.first_visit_bytes.append(sum(sent.size for sent in triage.sent))
    samples.first_visit_paths = {sent.path: sent.size for sent in triage.sent}
    samples.first_visit_sent = triage.sent
    # Files that crossed the wire (not a 304's headers), for their size on disk.
    samples.first_visit_path_lists.append([sent.path for sent in triage.sent if sent.body])
    samples.repeat_ready.append(triage.repeat)
    samples.offline_ready.append(triage.offline)
    same_tab, new_tab = visit_as_a_reader(browser, url, transfers, samples)
    samples.reader_repeat_ready.append(same_tab)
    samples.new_tab_ready.append(new_tab)
    samples.evaluate_p50.append(percentile(triage.evaluations, 0.50))
    samples.evaluate_p95.append(percentile(triage.evaluations, 0.95))
    samples.instant_nav.append(triage.navigation)
    reading = visit_reading_page(browser, url, transfers, samples)
    samples.reading_pyodide_bytes.append(sum(size for _, size in reading))
    samples.reading_paths = sorted(set(samples.reading_paths) | {path for path, _ in reading})
    progress(
        f"rep {rep + 1}: ready {triage.ready:.0f} ms, stock {bare[0]:.0f} ms, "
        f"repeat {triage.repeat:.0f} ms (as a reader {same_tab:.0f}, new tab {new_tab:.0f}), "
        f"offline {triage.offline:.0f} ms, "
        f"nav {triage.navigation:.0f} ms, evaluate p95 {samples.evaluate_p95[-1]:.1f} ms"
    )


def browser_figures(
    executable: str, url: str, transfers: Transfers, reps: int, changes: int, slow_reps: int = 1
) -> Samples:
    """Run ``reps`` repetitions of every visit, each in a fresh browser context, then
    ``slow_reps`` visits over the slow link."""
    from playwright.sync_api import sync_playwright

    samples = Samples()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=chromium.LAUNCH_ARGS)
        try:
            samples.browser_version = browser.version
            for rep in range(reps):
                one_repetition(browser, url, transfers, samples, rep, changes)
            for _ in range(slow_reps):
                samples.slow_link_ready.append(visit_slow_link(browser, url, transfers, samples))
                progress(f"slow link: ready {samples.slow_link_ready[-1] / 1000:.1f} s")
        finally:
            browser.close()
    return samples
