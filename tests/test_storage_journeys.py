"""What this browser keeps, as a reader meets it: only what they answered, tabs that
agree, storage that refuses or is blocked, and links or saved answers too large to read
(issues 23 and 24)."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

import engine
from tests.questionnaire_steps import (
    ANSWERS_OF,
    ENGINE_START_TIMEOUT_MS,
    answer,
    control,
    form_of,
    result_of,
    wait_until_ready,
)
from tests.site_pages import page_url
from tests.test_reader_safety import PAGES

pytestmark = pytest.mark.e2e

STORAGE = "offer-guide:answers:"
TRIAGE = "should-i-decline"
DECLINE = "decline-plan"
# The triage as a reader fills it in, with the names the other questionnaires share.
TRIAGE_ANSWERS = {
    "offer_fit": 2,
    "homework": "done",
    "current_job": "no",
    "first_choice_stage": "finalist",
    "restructuring": "no",
    "runway_months": 3,
    "no_would_feel": "devastated",
    "ready_to_search": "not_sure",
    "your_name": "Kim Lee",
    "offer_contact": "Sam Ortiz",
}
# The decline plan's own answers: its names come from the triage.
DECLINE_ANSWERS = {
    "contact_role": "hiring_manager",
    "honest_reason": "pay",
    "open_to_future": "yes",
}
CANT_KEEP = "Your answers can't be kept in this browser"
# Every setItem refused, as a full quota or a browser setting refuses it.
REFUSE_WRITES = """Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""
# Site data blocked: even reading window.localStorage throws.
BLOCK_STORAGE = """Object.defineProperty(window, "localStorage", { configurable: true,
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""


def stored(page: Page) -> dict:
    return page.evaluate(
        """(prefix) => Object.fromEntries(Object.keys(localStorage)
            .filter((key) => key.startsWith(prefix))
            .map((key) => [key.slice(prefix.length), """
        + ANSWERS_OF
        + """(localStorage.getItem(key))]))""",
        STORAGE,
    )


def as_typed(answers: dict) -> dict:
    return {key: str(value) for key, value in answers.items()}


def open_questionnaire(page: Page, questionnaire: str):
    page.goto(page_url(PAGES[questionnaire]))
    return wait_until_ready(page, questionnaire)


def the_plan(page: Page, state: str = "ready"):
    region = page.get_by_role("region", name="Your plan")
    expect(region).to_have_attribute("data-engine", state, timeout=ENGINE_START_TIMEOUT_MS)
    return region


def answer_the_triage(page: Page) -> None:
    form = open_questionnaire(page, TRIAGE)
    answer(form, TRIAGE, TRIAGE_ANSWERS)
    outcome = engine.evaluate(TRIAGE, TRIAGE_ANSWERS)["outcome"]
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", outcome)


def save_in_this_browser(page: Page, answers_by_questionnaire: dict) -> None:
    page.goto("about/")
    page.evaluate(
        """([prefix, all]) => { for (const [id, answers] of Object.entries(all))
            localStorage.setItem(prefix + id, JSON.stringify(answers)); }""",
        [STORAGE, answers_by_questionnaire],
    )


# ------------------------------------------------------------ only what the reader answered


def test_opening_questionnaires_without_answering_adds_nothing_to_my_plan(page: Page) -> None:
    answer_the_triage(page)
    for questionnaire in PAGES:
        if questionnaire == TRIAGE:
            continue
        form = open_questionnaire(page, questionnaire)
        result = result_of(page, questionnaire)
        expect(result).not_to_have_attribute("data-outcome", re.compile(".*"))
        if questionnaire == DECLINE:
            # The names are offered, marked as carried over, and not saved.
            expect(control(form, DECLINE, "your_name")).to_have_value("Kim Lee")
            expect(form.locator('[data-carried="your_name"]')).to_contain_text("Carried over")
            expect(control(form, DECLINE, "contact_name")).to_have_value("Sam Ortiz")
    assert list(stored(page)) == [TRIAGE]
    page.goto("my-plan/")
    region = the_plan(page)
    expect(region.locator("[data-plan-item]")).to_have_count(1)
    expect(region.locator("[data-plan-item]")).to_have_attribute("data-plan-item", TRIAGE)


def test_a_name_corrected_at_its_source_follows_into_the_other_questionnaire(page: Page) -> None:
    answer_the_triage(page)
    decline = open_questionnaire(page, DECLINE)
    answer(decline, DECLINE, DECLINE_ANSWERS)
    expect(result_of(page, DECLINE)).to_have_attribute("data-outcome", re.compile("."))
    assert stored(page)[DECLINE] == as_typed(DECLINE_ANSWERS), "carried names are not saved"

    triage = open_questionnaire(page, TRIAGE)
    control(triage, TRIAGE, "your_name").fill("Kimberly Lee")
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", re.compile("."))

    decline = open_questionnaire(page, DECLINE)
    expect(control(decline, DECLINE, "your_name")).to_have_value("Kimberly Lee")
    expect(decline.locator('[data-carried="your_name"]')).to_contain_text(
        "Carried over from “Should I turn down this offer?”"
    )
    page.goto("my-plan/")
    drafts = the_plan(page).locator('[data-plan-document^="decline-plan:"]')
    expect(drafts.filter(has_text="Kimberly Lee")).not_to_have_count(0)
    expect(drafts.filter(has_text=re.compile(r"Kim Lee"))).to_have_count(0)

    # Typed here, the name is the reader's own, and stays when the source changes.
    decline = open_questionnaire(page, DECLINE)
    control(decline, DECLINE, "your_name").fill("K. Lee")
    expect(decline.locator('[data-carried="your_name"]')).to_have_count(0)
    triage = open_questionnaire(page, TRIAGE)
    control(triage, TRIAGE, "your_name").fill("Kim")
    decline = open_questionnaire(page, DECLINE)
    expect(control(decline, DECLINE, "your_name")).to_have_value("K. Lee")


# ------------------------------------------------------------ tabs that agree


def test_two_tabs_keep_each_others_answers_and_an_erase_clears_both(page: Page, page_guard) -> None:
    answer_the_triage(page)
    other = page.context.new_page()
    other.on("pageerror", page_guard.on_page_error)
    other.on("console", page_guard.on_console)
    other_form = open_questionnaire(other, TRIAGE)
    form = form_of(page, TRIAGE)
    expect(control(other_form, TRIAGE, "offer_fit", 2)).to_be_checked()

    control(form, TRIAGE, "offer_fit", 5).check()
    # The other tab hears of it and shows it, then changes another answer.
    expect(control(other_form, TRIAGE, "offer_fit", 5)).to_be_checked()
    control(other_form, TRIAGE, "runway_months").fill("6")
    expect(control(form, TRIAGE, "runway_months")).to_have_value("6")
    saved = stored(page)[TRIAGE]
    assert (saved["offer_fit"], saved["runway_months"]) == ("5", "6"), "both answers are kept"
    expected = engine.evaluate(TRIAGE, {**TRIAGE_ANSWERS, "offer_fit": 5, "runway_months": 6})
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", expected["outcome"])
    expect(result_of(other, TRIAGE)).to_have_attribute("data-outcome", expected["outcome"])

    form.get_by_role("button", name="Erase my answers").click()
    expect(control(other_form, TRIAGE, "offer_fit", 5)).not_to_be_checked()
    expect(control(other_form, TRIAGE, "runway_months")).to_have_value("")
    expect(control(other_form, TRIAGE, "your_name")).to_have_value("")
    expect(result_of(other, TRIAGE)).not_to_have_attribute("data-outcome", re.compile(".*"))
    erased = other_form.get_by_role("status").filter(has_text="erased in another tab")
    expect(erased).to_be_visible()
    # The other tab's next answer saves that answer alone: nothing erased comes back.
    control(other_form, TRIAGE, "decision_weeks").fill("4")
    expect(control(form, TRIAGE, "decision_weeks")).to_have_value("4")
    assert stored(page) == {TRIAGE: {"decision_weeks": "4"}}
    other.close()


def test_erasing_everything_on_my_plan_clears_an_open_questionnaire(page: Page, page_guard) -> None:
    answer_the_triage(page)
    plan = page.context.new_page()
    plan.on("pageerror", page_guard.on_page_error)
    plan.goto("my-plan/")
    region = the_plan(plan)
    region.get_by_role("button", name="Erase everything", exact=True).click()
    region.get_by_role("button", name="Yes, erase it all").click()
    form = form_of(page, TRIAGE)
    expect(control(form, TRIAGE, "homework", "done")).not_to_be_checked()
    expect(result_of(page, TRIAGE)).not_to_have_attribute("data-outcome", re.compile(".*"))
    control(form, TRIAGE, "offer_fit", 4).check()
    assert stored(page) == {TRIAGE: {"offer_fit": "4"}}
    plan.close()


# ------------------------------------------------------------ storage faults


def test_storage_that_refuses_writes_is_said_and_my_plan_still_answers(page: Page) -> None:
    save_in_this_browser(page, {TRIAGE: as_typed(TRIAGE_ANSWERS)})
    page.context.add_init_script(REFUSE_WRITES)
    form = open_questionnaire(page, TRIAGE)
    fault = page.locator("[data-storage-fault]")
    expect(fault).to_be_hidden()
    control(form, TRIAGE, "offer_fit", 4).check()
    expect(fault).to_be_visible()
    expect(fault).to_contain_text(CANT_KEEP)
    expect(fault).to_contain_text("Copy a link with my answers")
    expected = engine.evaluate(TRIAGE, {**TRIAGE_ANSWERS, "offer_fit": 4})
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", expected["outcome"])

    page.goto("my-plan/")
    region = the_plan(page)
    expect(region.locator("[data-plan-item]")).to_have_attribute("data-plan-item", TRIAGE)


def test_blocked_storage_breaks_no_page_and_my_plan_says_why(page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.context.add_init_script(BLOCK_STORAGE)
    page.goto("about/")
    form = open_questionnaire(page, TRIAGE)
    answer(form, TRIAGE, TRIAGE_ANSWERS)
    expect(page.locator("[data-storage-fault]")).to_contain_text(CANT_KEEP)
    outcome = engine.evaluate(TRIAGE, TRIAGE_ANSWERS)["outcome"]
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", outcome)

    page.goto("my-plan/")
    region = the_plan(page, "error")
    expect(region.get_by_role("status")).to_contain_text(
        "this browser does not let the guide keep anything on this device"
    )
    expect(region.get_by_role("button", name="Erase everything")).to_be_hidden()
    assert errors == []


def test_the_browser_is_asked_to_keep_storage_once_answers_are_saved(page: Page) -> None:
    page.context.add_init_script(
        """window.__persist = 0;
        navigator.storage.persisted = async () => false;
        navigator.storage.persist = async () => { window.__persist += 1; return false; };"""
    )
    form = open_questionnaire(page, TRIAGE)
    assert page.evaluate("window.__persist") == 0, "nothing saved, nothing asked"
    answer(form, TRIAGE, TRIAGE_ANSWERS)
    outcome = engine.evaluate(TRIAGE, TRIAGE_ANSWERS)["outcome"]
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", outcome)
    assert page.evaluate("window.__persist") == 1, "asked once a page, however many answers"


# ------------------------------------------------------------ answers too large to read


def test_a_link_answer_longer_than_its_question_is_left_out_beside_it(page: Page) -> None:
    answers = {**DECLINE_ANSWERS, "company": "Acme " * 42_000}
    link = "#answers=" + quote(json.dumps({"q": DECLINE, "a": answers}))
    page.goto(page_url(PAGES[DECLINE]) + link)
    form = wait_until_ready(page, DECLINE)
    expect(control(form, DECLINE, "company")).to_have_value("")
    expect(form.locator('[data-refused="company"]')).to_contain_text(
        "longer answer here than this question takes (at most 100 characters)"
    )
    expect(control(form, DECLINE, "honest_reason", "pay")).to_be_checked()
    expected = engine.evaluate(DECLINE, DECLINE_ANSWERS)
    expect(result_of(page, DECLINE)).to_have_attribute("data-outcome", expected["outcome"])
    assert stored(page) == {DECLINE: as_typed(DECLINE_ANSWERS)}
    assert "#answers=" not in page.url
    control(form, DECLINE, "company").fill("Acme")
    expect(form.locator("[data-refused]")).to_have_count(0)


def test_one_unreadable_questionnaire_leaves_the_rest_of_my_plan(page: Page) -> None:
    unreadable = {**as_typed(DECLINE_ANSWERS), "company": "x" * 210_000}
    save_in_this_browser(page, {TRIAGE: as_typed(TRIAGE_ANSWERS), DECLINE: unreadable})
    page.goto("my-plan/")
    region = the_plan(page)
    expect(region.locator("[data-plan-item]")).to_have_attribute("data-plan-item", TRIAGE)
    check = region.locator(f'[data-plan-invalid="{DECLINE}"]')
    expect(check).to_contain_text("can't be read as they are")
    expect(check.get_by_role("link", name=re.compile("Fix your answers"))).to_be_visible()
