"""What a reader receives, in Chromium: counterpoints, what comes next, the offer check's
workings, answers given once and carried to other questionnaires."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

import engine
from tests.questionnaire_steps import (
    OFFER_CHECK_BOTH_RATED,
    answer,
    control,
    form_of,
    result_of,
    wait_until_ready,
)

pytestmark = pytest.mark.e2e

TRIAGE = "should-i-decline"
LAID_OFF = {"offer_fit": 2, "homework": "done", "current_job": "no",
            "first_choice_stage": "finalist", "restructuring": "no", "decision_weeks": 3,
            "runway_months": 3, "no_would_feel": "devastated", "ready_to_search": "not_sure",
            "offer_deadline_days": 10}  # fmt: skip
CONTENT_IN_A_JOB = {"offer_fit": 3, "homework": "done", "current_job": "yes",
                    "first_choice_stage": "finalist", "restructuring": "yes_no_guarantee",
                    "runway_months": 2, "no_would_feel": "disappointed",
                    "ready_to_search": "yes"}  # fmt: skip


def test_the_triage_shows_what_points_the_other_way_and_dated_drafts(page: Page) -> None:
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    answer(form, TRIAGE, {**LAID_OFF, "offer_fit": 4, "runway_months": 12})
    result = result_of(page, TRIAGE)
    expected = engine.evaluate(TRIAGE, {**LAID_OFF, "offer_fit": 4, "runway_months": 12})
    expect(result).to_have_attribute("data-outcome", expected["outcome"])
    against = result.locator(".result__against li")
    expect(against).to_have_count(len(expected["against"]))
    # The drafts carry real dates worked out from the reader's today.
    draft = result.locator('[data-document="ask_offer_for_time"] pre')
    expect(draft).to_contain_text(re.compile(r"by (Monday|Tuesday|Wednesday|Thursday|Friday) \d+"))


def test_no_outcome_before_the_deciding_answers_and_provisional_says_which(page: Page) -> None:
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    answer(form, TRIAGE, {"offer_fit": 3})
    result = result_of(page, TRIAGE)
    expect(result.locator(".result__missing")).to_contain_text("Do you have a job you can keep")
    expect(result).not_to_have_attribute("data-outcome", re.compile(".+"))
    answers = {key: value for key, value in {**LAID_OFF, "runway_months": 8, "offer_fit": 3,
               "no_would_feel": "fine", "ready_to_search": "yes"}.items()
               if key not in ("decision_weeks", "offer_deadline_days")}  # fmt: skip
    answer(form, TRIAGE, answers)
    expect(result).to_have_attribute("data-outcome", "wait_for_first_choice")
    expect(result.locator(".result__provisional")).to_contain_text(
        "“In how many weeks do you expect their answer?”"
    )


def test_a_result_links_to_what_comes_next(page: Page) -> None:
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    answer(form, TRIAGE, CONTENT_IN_A_JOB)
    result = result_of(page, TRIAGE)
    expect(result).to_have_attribute("data-outcome", "decline_and_keep_doors_open")
    links = result.locator("[data-next]")
    expect(links.first).to_have_attribute("data-next", "decline-plan")
    links.first.click()
    expect(page).to_have_url(re.compile(r"turning-the-offer-down/#q-decline-plan-title$"))
    wait_until_ready(page, "decline-plan")


def test_the_offer_check_shows_its_work_and_hands_its_score_to_the_triage(page: Page) -> None:
    page.goto("look-hard-at-the-offer/")
    form = wait_until_ready(page, "offer-check")
    answers = OFFER_CHECK_BOTH_RATED
    answer(form, "offer-check", answers)
    expected = engine.evaluate("offer-check", answers)
    result = result_of(page, "offer-check")
    table = result.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(7)
    expect(table.get_by_role("columnheader", name="First choice's points")).to_be_visible()
    expect(result.locator(".result__totals")).to_contain_text(
        f"On the 7 factors you rated for both, the offer scores "
        f"{expected['score']['offer_on_compared']} and your first choice "
        f"{expected['score']['first_choice']}."
    )
    unchecked = result.locator("[data-unchecked]")
    expect(unchecked).to_have_count(len(expected["unchecked"]))
    expect(unchecked.first).to_have_text(expected["unchecked"][0]["label"])
    fit = expected["triage"]["offer_fit"]
    result.get_by_role("link", name=f"Use {fit} of 5 as the offer's fit in the triage").click()
    triage = wait_until_ready(page, TRIAGE)
    expect(control(triage, TRIAGE, "offer_fit", fit)).to_be_checked()
    expect(triage.locator('[data-carried="offer_fit"]')).to_contain_text("offer check")


def test_a_fact_typed_once_is_carried_over_but_never_over_what_was_typed(page: Page) -> None:
    page.goto("turning-the-offer-down/")
    decline = wait_until_ready(page, "decline-plan")
    answer(decline, "decline-plan", {"your_name": "Dana Wells", "company": "Acme"})
    expect(control(decline, "decline-plan", "your_name")).to_have_value("Dana Wells")
    page.goto("keeping-the-job-you-want-warm/")
    follow = wait_until_ready(page, "follow-up-plan")
    expect(control(follow, "follow-up-plan", "your_name")).to_have_value("Dana Wells")
    expect(follow.locator('[data-carried="your_name"]')).to_contain_text("Plan how to decline")
    # The decline plan's company is the offer's, not the first choice's: not carried.
    expect(control(follow, "follow-up-plan", "company")).to_have_value("")
    control(follow, "follow-up-plan", "your_name").fill("Dana W.")
    expect(follow.locator('[data-carried="your_name"]')).to_have_count(0)
    page.goto("turning-the-offer-down/")
    decline = wait_until_ready(page, "decline-plan")
    expect(control(decline, "decline-plan", "your_name")).to_have_value("Dana Wells")
    expect(form_of(page, "decline-plan").locator("[data-carried]")).to_have_count(0)
