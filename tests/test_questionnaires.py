"""Journeys through the questionnaires in Chromium, the way a reader takes them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

import engine
from tests.questionnaire_steps import (
    ANSWERS_OF,
    answer,
    control,
    form_of,
    question,
    result_of,
    wait_until_ready,
)

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
TRIAGE = "should-i-decline"
BASE = {
    "offer_fit": 3,
    "homework": "done",
    "current_job": "no",
    "first_choice_stage": "finalist",
    "restructuring": "no",
    "decision_weeks": 4,
    "runway_months": 12,
    "no_would_feel": "disappointed",
    "ready_to_search": "yes",
}
TRIAGE_CASES = {
    "do_homework_first": {**BASE, "homework": "not_yet"},
    "accept_and_stay_in_touch": {**BASE, "first_choice_stage": "applied", "runway_months": 1},
    "ask_for_time": {**BASE, "offer_fit": 4, "offer_deadline_days": 21},
    "wait_for_first_choice": BASE,
    "decline_and_keep_doors_open": {
        **BASE,
        "offer_fit": 2,
        "first_choice_stage": "none",
        "no_would_feel": "fine",
    },
}
ADVICE_MAP = yaml.safe_load((ROOT / "docs" / "advice-map.yml").read_text(encoding="utf-8"))
FOLLOW_UP = {
    "situation": "declined_offer",
    "contact_name": "Priya Shah",
    "company": "Northwind",
    "last_contact": "2026-11-02",
    "cadence_weeks": 3,
    "check_ins": 4,
    "accomplishments": "Finished the data course; led the Q3 launch",
}


def stored_answers(page: Page, questionnaire: str):
    return page.evaluate(
        f"(key) => {ANSWERS_OF}(localStorage.getItem(key) || 'null')",
        f"offer-guide:answers:{questionnaire}",
    )


def test_triage_reaches_each_outcome_as_the_cpython_engine_does(page: Page) -> None:
    """One start of the engine in Chromium: every outcome, as CPython gives it.

    Which answers lead to which outcome is pinned by the engine's fixtures in
    CPython; here the browser's result is shown to match the engine's, answer
    by answer, on one page.
    """
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    result = result_of(page, TRIAGE)
    erase = form.get_by_role("button", name="Erase my answers")
    for outcome, answers in TRIAGE_CASES.items():
        expected = engine.evaluate(TRIAGE, answers)
        assert expected["outcome"] == outcome, "the CPython engine disagrees with this case"
        erase.click()  # each case from blank answers, as a new reader would give them
        expect(result).not_to_have_attribute("data-outcome", re.compile(".*"))
        answer(form, TRIAGE, answers)
        expect(result).to_have_attribute("data-outcome", outcome)
        expect(result).to_contain_text(expected["title"])
        expect(result.locator("[data-flag]")).to_have_count(len(expected["flags"]))
        for flag in expected["flags"]:
            expect(result.locator(f'[data-flag="{flag["id"]}"]')).to_have_count(1)
    # Each reason links to the guide section that explains its advice, named by its heading.
    advice = expected["reasons"][0]["advice"][0]
    target_page, anchor = ADVICE_MAP[advice].split("#")
    link = result.locator(f'a[data-advice="{advice}"]').first
    heading_text = link.inner_text()
    assert heading_text
    link.click()
    expect(page).to_have_url(re.compile(re.escape(f"{target_page[:-3]}/#{anchor}") + "$"))
    expect(page.locator(f"h2#{anchor}, h3#{anchor}")).to_contain_text(heading_text)


def test_answers_given_before_the_engine_is_ready_are_evaluated(page: Page) -> None:
    page.goto("")
    form = form_of(page, TRIAGE)
    answer(form, TRIAGE, TRIAGE_CASES["do_homework_first"])
    expect(result_of(page, TRIAGE)).to_have_attribute(
        "data-outcome", "do_homework_first", timeout=90_000
    )
    expect(form).to_have_attribute("data-engine", "ready")


def test_answers_survive_a_reload_and_erase_removes_them(page: Page) -> None:
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    answer(form, TRIAGE, TRIAGE_CASES["wait_for_first_choice"])
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "wait_for_first_choice")

    page.reload()
    form = wait_until_ready(page, TRIAGE)
    expect(control(form, TRIAGE, "homework", "done")).to_be_checked()
    expect(control(form, TRIAGE, "runway_months")).to_have_value("12")
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "wait_for_first_choice")

    form.get_by_role("button", name="Erase my answers").click()
    expect(control(form, TRIAGE, "homework", "done")).not_to_be_checked()
    expect(control(form, TRIAGE, "runway_months")).to_have_value("")
    expect(result_of(page, TRIAGE)).not_to_have_attribute("data-outcome", re.compile(".*"))
    assert stored_answers(page, TRIAGE) is None
    page.reload()
    form = wait_until_ready(page, TRIAGE)
    expect(control(form, TRIAGE, "homework", "done")).not_to_be_checked()


def test_a_shared_link_fills_the_form(page: Page, new_context, page_guard) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    answers = TRIAGE_CASES["decline_and_keep_doors_open"]
    answer(form, TRIAGE, answers)
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "decline_and_keep_doors_open")
    form.get_by_role("button", name="Copy a link with my answers").click()
    expect(form.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    assert "#answers=" in link
    assert "?" not in link, "answers must travel in the fragment, never the query string"

    # A different browser profile: nothing in its storage.
    other = new_context().new_page()
    other.context.route("**/*", page_guard.route)
    other.goto(link)
    other_form = wait_until_ready(other, TRIAGE)
    expect(control(other_form, TRIAGE, "offer_fit", 2)).to_be_checked()
    expect(control(other_form, TRIAGE, "runway_months")).to_have_value("12")
    expect(result_of(other, TRIAGE)).to_have_attribute(
        "data-outcome", "decline_and_keep_doors_open"
    )
    assert "#answers=" not in other.url, "the answers are taken out of the address bar"


def test_instant_navigation_starts_the_engine_once(page: Page) -> None:
    wasm_requests: list[str] = []
    # Downloads, not the page passing the runtime through its service worker
    # once the engine is ready (web/offline/offline.js).
    page.on(
        "response",
        lambda r: (
            wasm_requests.append(r.url)
            if r.url.endswith(".wasm") and not r.from_service_worker
            else None
        ),
    )
    page.goto("")
    wait_until_ready(page, TRIAGE)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("navigation", name="Navigation").get_by_role(
        "link", name="Look hard at the offer"
    ).first.click()
    expect(page).to_have_url(re.compile("look-hard-at-the-offer/$"))
    wait_until_ready(page, "offer-check")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation reloaded the page"
    assert len(wasm_requests) == 1, wasm_requests


def test_follow_up_calendar_downloads(page: Page) -> None:
    # Saturday 5 December 2026: having just declined, the first note goes on Monday.
    page.clock.set_fixed_time("2026-12-05T10:00:00")
    page.goto("keeping-the-job-you-want-warm/")
    form = wait_until_ready(page, "follow-up-plan")
    answer(form, "follow-up-plan", FOLLOW_UP)
    result = result_of(page, "follow-up-plan")
    expect(result).to_have_attribute("data-outcome", "follow_up_plan")
    with page.expect_download() as info:
        result.get_by_role("link", name=re.compile(r"^Download .*\.ics")).click()
    download = info.value
    assert download.suggested_filename.endswith(".ics")
    data = Path(download.path()).read_bytes()
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == FOLLOW_UP["check_ins"]
    assert "DTSTART;VALUE=DATE:20261207" in text  # the next working day after today
    made = engine.evaluate("follow-up-plan", FOLLOW_UP, today=date(2026, 12, 5))
    expected = next(d for d in made["documents"] if d["kind"] == "ics")
    assert text == expected["content"], "the browser's calendar differs from CPython's"


@pytest.mark.allow_console_errors
def test_blocked_runtime_ends_in_error_and_keeps_answers(page: Page) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto("")
    form = form_of(page, TRIAGE)
    answer(form, TRIAGE, {"homework": "partly", "runway_months": 7})
    expect(form).to_have_attribute("data-engine", "error", timeout=90_000)
    # The engine's status is the form's last line, right above the result region.
    expect(form.get_by_role("status").last).to_contain_text("could not start")
    expect(form.get_by_role("status").last).to_contain_text("worksheet")
    expect(control(form, TRIAGE, "homework", "partly")).to_be_checked()
    expect(control(form, TRIAGE, "runway_months")).to_have_value("7")
    # Still usable as a worksheet: more answers can be given and are kept.
    control(form, TRIAGE, "offer_fit", 4).check()
    assert stored_answers(page, TRIAGE)["offer_fit"] == "4"


def test_bad_value_is_explained_next_to_the_field_and_kept(page: Page) -> None:
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    runway = control(form, TRIAGE, "runway_months")
    runway.fill("lots")
    expect(runway).to_have_attribute("aria-invalid", "true")
    error = page.locator(f"#q-{TRIAGE}-runway_months-error")
    expect(error).to_be_visible()
    reply = json.loads(engine.evaluate_json(TRIAGE, json.dumps({"runway_months": "lots"})))
    expect(error).to_have_text(reply["reader_message"])
    expect(runway).to_have_value("lots")
    runway.fill("200")
    expect(error).to_contain_text("120")
    runway.fill("6")
    expect(runway).not_to_have_attribute("aria-invalid", "true")
    expect(error).to_be_hidden()


def test_hostile_text_in_the_decline_plan_stays_inert(page: Page) -> None:
    hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
    page.goto("turning-the-offer-down/")
    form = wait_until_ready(page, "decline-plan")
    answers = {
        "contact_role": "hiring_manager",
        "contact_name": "Sam <b>Lee</b>",
        "company": "Acme",
        "honest_reason": "growth",
        "reason_detail": hostile,
        "open_to_future": "yes",
    }
    answer(form, "decline-plan", answers)
    result = result_of(page, "decline-plan")
    expect(result).to_have_attribute("data-outcome", re.compile(".+"))
    expect(result).to_contain_text("Sam <b>Lee</b>")
    expect(result.locator("img, script, b")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None
    # The drafts copy as the plain text the engine wrote.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    expected = engine.evaluate("decline-plan", answers)["documents"]
    request = next(d for d in expected if d["id"] == "request_message")
    result.get_by_role("button", name=f"Copy “{request['title']}”").click()
    expect(result.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == request["content"]


def test_triage_can_be_completed_with_the_keyboard_alone(page: Page) -> None:
    answers = TRIAGE_CASES["wait_for_first_choice"]
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    first = control(form, TRIAGE, "offer_fit", 1)
    first.focus()
    for index, item in enumerate(engine.get_definition(TRIAGE)["questions"]):
        if index:
            page.keyboard.press("Tab")
        value = answers.get(item["id"])
        if item.get("options"):
            if value is None:
                continue
            page.keyboard.press("Space")
            position = [option["value"] for option in item["options"]].index(value)
            for _ in range(position):
                page.keyboard.press("ArrowRight")
        elif value is not None:
            page.keyboard.type(str(value))
    expect(result_of(page, TRIAGE)).to_have_attribute("data-outcome", "wait_for_first_choice")
    expect(control(form, TRIAGE, "no_would_feel", "disappointed")).to_be_checked()


def test_reading_pages_download_no_runtime(page: Page) -> None:
    fetched: list[str] = []
    everything: list[str] = []  # the service worker's precache included
    page.on("request", lambda r: fetched.append(r.url))
    page.context.on("request", lambda r: everything.append(r.url))
    page.goto("about/")
    expect(page.locator("html")).to_have_attribute("data-offline", "ready", timeout=60_000)
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if "/pyodide/" in url or "engine-worker" in url]
    assert any(url.endswith("/sw.js") for url in everything), "no service worker was fetched"
    assert not [url for url in everything if "/pyodide/" in url]


def test_static_form_follows_the_page_contract(page: Page) -> None:
    """Without the engine the form is a labelled worksheet (JavaScript aside)."""
    page.goto("")
    form = form_of(page, TRIAGE)
    for item in engine.get_definition(TRIAGE)["questions"]:
        if item.get("options"):
            group = form.get_by_role("group", name=re.compile("^" + re.escape(item["label"])))
            expect(group).to_have_count(1)
            role = "checkbox" if item["type"] == "multichoice" else "radio"
            expect(group.get_by_role(role)).to_have_count(len(item["options"]))
        else:
            expect(control(form, TRIAGE, item["id"])).to_have_attribute("name", item["id"])
    result = result_of(page, TRIAGE)
    expect(result).to_have_attribute("aria-live", "polite")
    embedded = json.loads(
        page.locator('[data-questionnaire-root="should-i-decline"]').get_attribute(
            "data-questionnaire-data"
        )
    )
    assert embedded["definition"] == engine.get_definition(TRIAGE)
    assert question(TRIAGE, "runway_months")["max"] == 120


def test_our_scripts_never_build_code_from_strings() -> None:
    scripts = [
        *(ROOT / "web").rglob("*.js"),
        *(ROOT / "build_tools").rglob("*.js"),
        *(ROOT / "build_tools").rglob("*.mjs"),
        *(ROOT / "docs").rglob("*.js"),
    ]
    assert scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"\beval\s*\(|new\s+Function\b|setTimeout\(\s*['\"`]", text), script
        # Text goes in with textContent/append only; nothing is parsed as HTML.
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML", text), script
