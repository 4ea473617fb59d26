"""The Content-Security-Policy: every page runs under it untouched, and it refuses what it should.

The session's server sends site/_headers as a host would, so every browser
test runs under both the header and each page's <meta> policy; these tests
check the policy itself and that it can fail.
"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page

from build_tools import csp
from tests.questionnaire_steps import wait_until_ready

TRIAGE = "should-i-decline"
# Noted before any page script runs; CSP reports each refusal as this event.
VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} refused ${event.blockedURI}`);
});
"""
INJECTED = "<script>window.__injected = true;</script>"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def site_pages(built_site: Path) -> list[str]:
    """Every HTML page of the build, as a URL path relative to the site."""
    pages = []
    for path in sorted(built_site.rglob("*.html")):
        relative = path.relative_to(built_site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


def header_policy(built_site: Path) -> str:
    rules = (built_site / csp.HEADERS_FILE).read_text(encoding="utf-8").splitlines()
    assert rules[0] == "/*", rules
    name, value = rules[1].strip().split(": ", 1)
    assert name == csp.HEADER
    return value


def test_every_page_carries_the_one_policy(built_site: Path) -> None:
    header = header_policy(built_site)
    meta = "; ".join(part for part in header.split("; ") if not part.startswith("frame-ancestors"))
    assert "frame-ancestors 'none'" in header
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert META.findall(html) == [meta], path
        # The policy comes before anything it governs.
        assert html.index("http-equiv") < min(html.index(tag) for tag in ("<script", "<link")), path
        scripts, styles = csp.inline_hashes(html)
        assert scripts and all(source in header for source in scripts | styles), path


def test_the_server_sends_the_policy_with_pages_and_workers(built_site: Path, site_url: str):
    header = header_policy(built_site)
    for path in ("", "assets/app/engine/engine-worker.js", "pyodide/runtime.json", "sw.js"):
        with urllib.request.urlopen(site_url + path) as response:
            assert response.headers[csp.HEADER] == header, path
            assert response.headers["X-Content-Type-Options"] == "nosniff", path
            assert response.headers["Referrer-Policy"] == "no-referrer", path


def test_hash_sources_match_what_browsers_hash() -> None:
    # The example from the CSP specification's hash-source section.
    assert csp.source_hash("alert('Hello, world.');") == (
        "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    )
    assert csp.source_hash("a\r\nb") == csp.source_hash("a\nb")


@pytest.mark.e2e
def test_every_page_loads_with_no_violation(page: Page, built_site: Path) -> None:
    """The page guard fails the test on the console error any refusal also logs."""
    page.add_init_script(VIOLATIONS)
    header = header_policy(built_site)
    for path in site_pages(built_site):
        response = page.goto(path)
        assert response is not None and response.headers["content-security-policy"] == header
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], path
        # Material's inline script in <head> ran under the policy.
        assert page.evaluate("typeof window.__md_get") == "function", path


@pytest.mark.e2e
def test_the_engine_starts_under_the_policy(page: Page, built_site: Path) -> None:
    workers = []
    page.on(
        "response",
        lambda response: (
            workers.append(response) if response.url.endswith("/engine-worker.js") else None
        ),
    )
    page.add_init_script(VIOLATIONS)
    page.goto("")
    wait_until_ready(page, TRIAGE)
    # A worker runs under the policy its script's response brings.
    assert [w.headers.get("content-security-policy") for w in workers] == [
        header_policy(built_site)
    ]
    assert page.evaluate("window.__violations") == []


@pytest.mark.e2e
@pytest.mark.allow_console_errors
@pytest.mark.parametrize("delivery", ["meta", "header", "both"])
def test_an_unknown_inline_script_is_refused(page: Page, delivery: str) -> None:
    def inject(route) -> None:
        response = route.fetch()
        html = response.text()
        headers = dict(response.headers)
        if delivery == "meta":
            headers = {k: v for k, v in headers.items() if k.lower() != "content-security-policy"}
        if delivery == "header":
            html = META.sub("", html)
        route.fulfill(
            response=response, headers=headers, body=html.replace("</head>", INJECTED + "</head>")
        )

    page.route(re.compile(r"/about/$"), inject)
    page.add_init_script(VIOLATIONS)
    page.goto("about/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__injected") is None
    # Each policy in force refuses it and says so.
    refusals = 2 if delivery == "both" else 1
    assert page.evaluate("window.__violations") == ["script-src-elem refused inline"] * refusals
    assert page.evaluate("typeof window.__md_get") == "function"
