"""Nothing lost, nothing stale: saved answers, outdated results and errors in the page.

Each test replays a problem found by trying bad input, hostile links and
churn against the built site (issue 15), the way a reader would meet it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

import engine
from build_tools.questionnaires.slots import find_slots
from tests.questionnaire_steps import (
    ANSWERS_OF,
    ENGINE_START_TIMEOUT_MS,
    answer,
    control,
    form_of,
    question,
    result_of,
    wait_until_ready,
)
from tests.site_pages import page_url

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
STORAGE_PREFIX = "offer-guide:answers:"
TRIAGE = "should-i-decline"
FOLLOW_UP = "follow-up-plan"
DECLINE = "decline-plan"


def questionnaire_pages() -> dict[str, str]:
    """Each questionnaire's page (its Markdown source), from the slots in docs/."""
    pages = {}
    for source in sorted((ROOT / "docs").glob("*.md")):
        for slot in find_slots(source.read_text(encoding="utf-8")):
            pages[slot.questionnaire] = source.name
    return pages


PAGES = questionnaire_pages()


def saved_answers(page: Page) -> dict[str, object]:
    """Every questionnaire's answers saved in this browser, by storage key."""
    return page.evaluate(
        """(prefix) => Object.fromEntries(Object.keys(localStorage)
            .filter((key) => key.startsWith(prefix))
            .map((key) => [key, """
        + ANSWERS_OF
        + """(localStorage.getItem(key))]))""",
        STORAGE_PREFIX,
    )


def first_answer(questionnaire: str) -> dict[str, object]:
    """An answer to the questionnaire's first question, as a reader would give it."""
    first = engine.get_definition(questionnaire)["questions"][0]
    if first.get("options"):
        value = first["options"][0]["value"]
        return {first["id"]: [value] if first["type"] == "multichoice" else value}
    return {first["id"]: "Sam Lee" if first["type"] == "text" else 1}


def test_the_print_page_never_touches_saved_answers(page: Page) -> None:
    assert len(PAGES) == len(engine.list_questionnaires())
    for questionnaire, source in PAGES.items():
        page.goto(page_url(source))
        answer(wait_until_ready(page, questionnaire), questionnaire, first_answer(questionnaire))
    saved = saved_answers(page)
    assert len(saved) == len(PAGES)

    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto("print_page/")
    # The copies there are worksheets to print: they say so, and start no engine.
    worksheets = page.get_by_role("status").filter(has_text="worksheet to print")
    expect(worksheets).to_have_count(len(PAGES))
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if url.endswith(".wasm") or "engine-worker" in url]
    assert saved_answers(page) == saved


def test_an_invalid_answer_hides_the_result_it_outdated(page: Page) -> None:
    # The page calls window.print(); headless Chromium would only wait on a dialog.
    page.add_init_script("window.print = () => {};")
    page.goto(page_url(PAGES[FOLLOW_UP]))
    form = wait_until_ready(page, FOLLOW_UP)
    answer(
        form,
        FOLLOW_UP,
        {
            "situation": "still_deciding",
            "contact_name": "Alice Moreau",
            "company": "Northwind",
            "last_contact": "2026-11-02",
            "cadence_weeks": 3,
            "check_ins": 2,
        },
    )
    result = result_of(page, FOLLOW_UP)
    expect(result).to_have_attribute("data-outcome", re.compile(".+"))
    expect(result).to_contain_text("Alice")

    check_ins = control(form, FOLLOW_UP, "check_ins")
    check_ins.fill("x")
    control(form, FOLLOW_UP, "contact_name").fill("Bob Stone")
    expect(check_ins).to_have_attribute("aria-invalid", "true")
    expect(result).not_to_have_attribute("data-outcome", re.compile(".*"))
    expect(result).not_to_contain_text("Alice")
    expect(result.get_by_role("link", name=re.compile("^Download"))).to_have_count(0)
    expect(result.get_by_role("button", name=re.compile("^Copy"))).to_have_count(0)

    form.get_by_role("button", name="Print or save my plan").click()
    plan = page.locator(f'[data-questionnaire-root="{FOLLOW_UP}"] [data-plan]')
    expect(plan).to_contain_text("Bob Stone")
    expect(plan).not_to_contain_text("Alice")

    check_ins.fill("2")
    expect(result).to_have_attribute("data-outcome", re.compile(".+"))
    expect(result).to_contain_text("Bob")


@pytest.mark.allow_console_errors
def test_the_engine_recovers_once_the_answer_it_choked_on_is_fixed(page: Page) -> None:
    # A lone surrogate cannot be written out as UTF-8: it reached the engine
    # from saved answers (or a shared link) and made the calendar fail.
    page.goto("about/")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [
            STORAGE_PREFIX + FOLLOW_UP,
            '{"contact_name":"\\ud800","company":"Acme","last_contact":"2026-01-05",'
            '"cadence_weeks":"3","check_ins":"2"}',
        ],
    )
    page.goto(page_url(PAGES[FOLLOW_UP]))
    form = form_of(page, FOLLOW_UP)
    result = result_of(page, FOLLOW_UP)
    problem = page.locator(f'[data-questionnaire-root="{FOLLOW_UP}"]').get_by_text(
        re.compile("could not work out a result|Check your answer")
    )
    expect(problem.first).to_be_visible(timeout=ENGINE_START_TIMEOUT_MS)
    expect(result).not_to_have_attribute("data-outcome", re.compile(".*"))

    control(form, FOLLOW_UP, "contact_name").fill("Sam Lee")
    expect(result).to_have_attribute("data-outcome", re.compile(".+"))
    expect(form).to_have_attribute("data-engine", "ready")
    expect(problem).to_have_count(0)


def share_link(site_url: str, questionnaire: str, answers: dict) -> str:
    payload = json.dumps({"q": questionnaire, "a": answers})
    return f"{site_url}{page_url(PAGES[questionnaire])}#answers={quote(payload)}"


def test_a_shared_link_asks_before_replacing_saved_answers(page: Page, site_url: str) -> None:
    page.goto(page_url(PAGES[DECLINE]))
    form = wait_until_ready(page, DECLINE)
    answer(form, DECLINE, {"contact_name": "Sam Lee", "honest_reason": "pay"})
    saved = saved_answers(page)
    link = share_link(site_url, DECLINE, {"contact_name": "Ana Ruiz"})

    page.goto("about/")
    page.goto(link)
    form = wait_until_ready(page, DECLINE)
    choice = form.get_by_role("group", name="Answers from a link")
    expect(choice).to_contain_text("different answers")
    expect(control(form, DECLINE, "contact_name")).to_have_value("Sam Lee")
    assert saved_answers(page) == saved
    # Both are kept until the reader chooses, even across a reload.
    page.reload()
    form = wait_until_ready(page, DECLINE)
    choice.get_by_role("button", name="Keep my saved answers").click()
    expect(choice).to_have_count(0)
    expect(control(form, DECLINE, "contact_name")).to_have_value("Sam Lee")
    assert "#answers=" not in page.url
    assert saved_answers(page) == saved

    page.goto("about/")
    page.goto(link)
    form = wait_until_ready(page, DECLINE)
    choice.get_by_role("button", name="Use the answers from the link").click()
    expect(choice).to_have_count(0)
    expect(control(form, DECLINE, "contact_name")).to_have_value("Ana Ruiz")
    expect(control(form, DECLINE, "honest_reason", "pay")).not_to_be_checked()
    assert saved_answers(page) == {STORAGE_PREFIX + DECLINE: {"contact_name": "Ana Ruiz"}}


def test_leaving_a_questionnaire_page_stops_its_listening(page: Page) -> None:
    page.goto(page_url(PAGES[FOLLOW_UP]))
    wait_until_ready(page, FOLLOW_UP)
    nav = page.get_by_role("navigation", name="Navigation")
    for _ in range(10):
        nav.get_by_role("link", name="Turning the offer down well").first.click()
        wait_until_ready(page, DECLINE)
        nav.get_by_role("link", name="Keeping the job you want warm").first.click()
        wait_until_ready(page, FOLLOW_UP)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    # The tab's engine is window.offerGuideEngine, kept for tests and the
    # developer tools (engine-client.js): only the form on screen listens.
    # (Counting forms left in memory would not tell: Material's own
    # subscriptions keep each visited page's article alive.)
    assert page.evaluate("window.offerGuideEngine.listeners.size") == 1


def test_error_messages_use_the_question_words_and_appear_once(page: Page) -> None:
    page.goto("")
    form = wait_until_ready(page, TRIAGE)
    runway = control(form, TRIAGE, "runway_months")
    runway.fill("lots")
    reply = json.loads(engine.evaluate_json(TRIAGE, json.dumps({"runway_months": "lots"})))
    message = reply["reader_message"]
    expect(runway).to_have_attribute("aria-invalid", "true")
    expect(runway).to_have_accessible_description(re.compile(re.escape(message)))
    root = page.locator(f'[data-questionnaire-root="{TRIAGE}"]')
    expect(root.get_by_text(message)).to_have_count(1)
    # The summary beside the result names the question by its own words.
    label = question(TRIAGE, "runway_months")["label"]
    expect(result_of(page, TRIAGE)).to_contain_text(f"Check your answer to “{label}”")


def test_the_date_question_speaks_the_date_picker_format(new_context, page_guard) -> None:
    page = new_context(locale="en-GB").new_page()
    page.context.route("**/*", page_guard.route)
    page.on("pageerror", page_guard.on_page_error)
    page.goto(page_url(PAGES[FOLLOW_UP]))
    form = wait_until_ready(page, FOLLOW_UP)
    label = question(FOLLOW_UP, "last_contact")["label"]
    expect(form.get_by_text(label)).to_contain_text("(DD/MM/YYYY)")
    date = control(form, FOLLOW_UP, "last_contact")
    # Half a date: the picker holds no value yet, and the page says what is missing.
    date.focus()
    page.keyboard.type("02")
    control(form, FOLLOW_UP, "check_ins").focus()
    expect(date).to_have_attribute("aria-invalid", "true")
    expect(date).to_have_accessible_description(re.compile("Enter the whole date"))
    expect(result_of(page, FOLLOW_UP)).to_contain_text(f"Check your answer to “{label}”")
    date.fill("2026-11-02")
    expect(date).not_to_have_attribute("aria-invalid", "true")
    assert not page_guard.problems()


def test_the_result_says_the_engine_is_starting(page: Page) -> None:
    # Hold the runtime back: the engine stays on its way for as long as this test looks.
    page.route("**/*.wasm", lambda route: None)
    page.goto("")
    form = form_of(page, TRIAGE)
    expect(form).to_have_attribute("data-engine", "loading")
    expect(result_of(page, TRIAGE)).to_contain_text("Starting the questionnaire engine")
