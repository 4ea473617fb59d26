"""My plan shared whole: one link carries every questionnaire's answers after the `#`,
reproduces the same plan on another device, and never replaces saved answers unasked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.test_my_plan import (
    EVERYTHING,
    on_the_reader_clock,
    open_plan_with,
    stored,
    the_plan,
)

pytestmark = pytest.mark.e2e

SHARE = "Copy a link with my whole plan"


def shown(region) -> dict:
    """What a plan shows, by its parts' data: items, dated steps, drafts."""

    def values(selector: str, attribute: str) -> list:
        items = region.locator(selector)
        return [items.nth(i).get_attribute(attribute) for i in range(items.count())]

    return {
        "items": values("[data-plan-item]", "data-outcome"),
        "steps": values("[data-plan-step]", "data-date"),
        "drafts": values("[data-plan-document]", "data-plan-document"),
    }


def copied_link(page: Page) -> str:
    region = the_plan(page)
    region.get_by_role("button", name=SHARE).click()
    expect(region.get_by_role("status")).to_contain_text("Copied")
    return page.evaluate("navigator.clipboard.readText()")


def fresh_page(browser: Browser, base_url: str) -> Page:
    context = browser.new_context(base_url=base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    other = context.new_page()
    on_the_reader_clock(other)
    return other


def test_the_whole_plan_link_makes_the_same_plan_on_another_device(
    page: Page, browser: Browser, base_url: str
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    on_the_reader_clock(page)
    open_plan_with(page, EVERYTHING)
    before = shown(the_plan(page))
    assert len(before["items"]) == 3 and before["steps"] and before["drafts"]
    link = copied_link(page)
    assert "#plan=" in link and link.split("#", 1)[0].endswith("/my-plan/")

    other = fresh_page(browser, base_url)
    other.goto(link)
    region = the_plan(other)
    assert shown(region) == before
    assert stored(other) == EVERYTHING  # nothing was saved there before: taken at once
    assert "#" not in other.url, "the answers leave the address bar once read"
    other.context.close()


def test_over_different_saved_answers_the_link_asks_first_at_the_top(
    page: Page, browser: Browser, base_url: str
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    on_the_reader_clock(page)
    open_plan_with(page, EVERYTHING)
    link = copied_link(page)

    other = fresh_page(browser, base_url)
    mine = {"should-i-decline": EVERYTHING["should-i-decline"]}
    open_plan_with(other, mine)
    the_plan(other)
    other.goto(link)
    choice = other.get_by_role("group", name="A plan from a link")
    expect(choice).to_be_focused()
    # First in the plan's region: above the plan, not 2,865 px down.
    assert choice.evaluate("(node) => node.parentElement.firstElementChild === node")
    region = other.get_by_role("region", name="Your plan")
    expect(region.get_by_role("status").first).to_contain_text("choose which to keep")
    assert stored(other) == mine, "nothing replaced before the reader chooses"
    choice.get_by_role("button", name="Use the plan from the link").click()
    expect(choice).to_have_count(0)
    the_plan(other)
    assert stored(other) == EVERYTHING
    other.context.close()


@pytest.mark.parametrize("hash_", ["#plan=%7B%22should-i-decline%22%3A", "#plan=" + "x" * 100_001])
def test_a_damaged_or_huge_link_is_refused_and_touches_nothing(page: Page, hash_: str) -> None:
    on_the_reader_clock(page)
    mine = {"should-i-decline": EVERYTHING["should-i-decline"]}
    open_plan_with(page, mine)
    the_plan(page)
    page.goto("my-plan/" + hash_)
    status = page.get_by_role("region", name="Your plan").get_by_role("status").first
    expect(status).to_contain_text(re.compile("damaged|longer than the guide takes"))
    assert stored(page) == mine
    assert "#" not in page.url
