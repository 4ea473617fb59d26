"""axe-core finds no serious or critical violation on any page, nor on a shown result."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.questionnaire_steps import OFFER_CHECK_BOTH_RATED, answer, result_of, wait_until_ready
from tests.site_pages import nav_pages, page_url

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = nav_pages()


def serious_violations(page: Page) -> list[str]:
    # Evaluated, not added as a <script>: the site's Content-Security-Policy
    # rightly refuses an inline script it does not know.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(("title", "source"), PAGES, ids=[s for _, s in PAGES])
def test_no_serious_violations(page: Page, title: str, source: str) -> None:
    page.goto(page_url(source))
    page.wait_for_load_state("networkidle")
    assert not serious_violations(page)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_triage_result_is_accessible_in_both_palettes(page: Page, scheme: str) -> None:
    page.goto("")
    page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    form = wait_until_ready(page, "should-i-decline")
    answer(
        form,
        "should-i-decline",
        {
            "offer_fit": 3,
            "homework": "partly",
            "first_choice_stage": "finalist",
            "runway_months": 2,
        },
    )
    result_of(page, "should-i-decline").locator("[data-flag]").first.wait_for()
    assert not serious_violations(page)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_offer_check_s_workings_are_accessible(page: Page, scheme: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 800})
    page.goto("look-hard-at-the-offer/")
    page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    form = wait_until_ready(page, "offer-check")
    answer(form, "offer-check", OFFER_CHECK_BOTH_RATED)
    result = result_of(page, "offer-check")
    result.get_by_role("table").wait_for()
    result.locator("[data-unchecked]").first.wait_for()
    assert not serious_violations(page)
