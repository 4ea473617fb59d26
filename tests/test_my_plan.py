"""My plan: three questionnaires answered on their pages, brought together on one page."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import icalendar
import pytest
import yaml
from playwright.sync_api import Page, expect
from pypdf import PdfReader

import engine
from engine.ics import event_uid
from tests.questionnaire_steps import (
    ANSWERS_OF,
    ENGINE_START_TIMEOUT_MS,
    answer,
    result_of,
    wait_until_ready,
)
from tests.test_accessibility import serious_violations

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
ADVICE_MAP = yaml.safe_load((ROOT / "docs" / "advice-map.yml").read_text(encoding="utf-8"))
STORAGE = "offer-guide:answers:"
# The reader's clock on the day of the journey: a Thursday, so asking for time is today.
TODAY = date(2026, 11, 26)
TRIAGE = {
    "offer_fit": 2,
    "homework": "done",
    "current_job": "no",
    "first_choice_stage": "finalist",
    "restructuring": "no",
    "decision_weeks": 3,
    "runway_months": 3,
    "no_would_feel": "devastated",
    "ready_to_search": "not_sure",
    "offer_deadline_days": 10,
}
DECLINE = {
    "contact_role": "hiring_manager",
    "contact_name": "Sam Ortiz",
    "company": "Acme",
    "honest_reason": "pay",
    "open_to_future": "yes",
}
FOLLOW_UP = {
    "situation": "still_deciding",
    "contact_name": "Priya Raman",
    "company": "Northwind",
    "last_contact": "2026-11-20",
    "cadence_weeks": 3,
    "check_ins": 3,
}
JOURNEY = [
    ("", "should-i-decline", TRIAGE),
    ("Turning the offer down well", "decline-plan", DECLINE),
    ("Keeping the job you want warm", "follow-up-plan", FOLLOW_UP),
]
# Words of the page's controls, which have no place on paper.
UI_WORDS = ("Print or save", "Download", "Erase", "Copy", "Cancel", "keep my answers", "See:")


def as_typed(answers: dict) -> dict:
    """Answers as the page saves them: strings, as typed or ticked."""
    return {key: str(value) for key, value in answers.items()}


EVERYTHING = {questionnaire: as_typed(answers) for _, questionnaire, answers in JOURNEY}


def with_carried(saved: dict) -> dict:
    """The answers My plan gives the engine: each questionnaire's own, and beside them the
    facts it shares that it left blank, from the first questionnaire (in the guide's order)
    that answered them, as the page's carried.js does."""
    definitions = {q["id"]: engine.get_definition(q["id"]) for q in engine.list_questionnaires()}
    given = lambda value: value not in (None, "", [])  # noqa: E731
    made = {}
    for questionnaire, own in saved.items():
        answers = dict(own)
        for question in definitions[questionnaire]["questions"]:
            fact = question.get("shares")
            if not fact or given(own.get(question["id"])):
                continue
            for other, definition in definitions.items():
                source = next((q["id"] for q in definition["questions"]
                               if q.get("shares") == fact), None)  # fmt: skip
                value = (saved.get(other) or {}).get(source) if other != questionnaire else None
                if source and given(value):
                    answers[question["id"]] = value
                    break
        made[questionnaire] = answers
    return made


def on_the_reader_clock(page: Page) -> None:
    page.clock.set_fixed_time(datetime(2026, 11, 26, 10, 0))


def stored(page: Page) -> dict:
    return page.evaluate(
        """(prefix) => Object.fromEntries(Object.keys(localStorage)
            .filter((key) => key.startsWith(prefix))
            .map((key) => [key.slice(prefix.length), """
        + ANSWERS_OF
        + """(localStorage.getItem(key))]))""",
        STORAGE,
    )


def open_plan_with(page: Page, answers_by_questionnaire: dict) -> None:
    """Answers saved in this browser (as the questionnaire pages save them), then My plan."""
    page.goto("about/")
    page.evaluate(
        """([prefix, all]) => { for (const [id, answers] of Object.entries(all))
            localStorage.setItem(prefix + id, JSON.stringify(answers)); }""",
        [STORAGE, answers_by_questionnaire],
    )
    page.goto("my-plan/")


def the_plan(page: Page, state: str = "ready"):
    region = page.get_by_role("region", name="Your plan")
    expect(region).to_have_attribute("data-engine", state, timeout=ENGINE_START_TIMEOUT_MS)
    return region


def nav_link(page: Page, name: str):
    return page.get_by_role("navigation", name="Navigation").get_by_role("link", name=name).first


# ------------------------------------------------------------ the journey


def test_a_journey_through_three_questionnaires_ends_in_one_plan(page: Page) -> None:
    on_the_reader_clock(page)
    page.goto("")
    for link, questionnaire, answers in JOURNEY:
        if link:
            nav_link(page, link).click()
        form = wait_until_ready(page, questionnaire)
        answer(form, questionnaire, answers)
        outcome = engine.evaluate(questionnaire, answers)["outcome"]
        expect(result_of(page, questionnaire)).to_have_attribute("data-outcome", outcome)
    nav_link(page, "My plan").click()
    region = the_plan(page)
    saved = stored(page)
    assert saved == EVERYTHING, "each page saved its answers as typed"
    expected = engine.plan(with_carried(saved), today=TODAY)

    # One item per questionnaire answered, in the guide's order, with its result.
    items = region.locator("[data-plan-item]")
    expect(items).to_have_count(len(expected["items"]))
    for index, item in enumerate(expected["items"]):
        shown = items.nth(index)
        expect(shown).to_have_attribute("data-plan-item", item["questionnaire"])
        expect(shown).to_have_attribute("data-outcome", item["outcome"])
        expect(shown.get_by_role("heading", level=4)).to_have_text(item["outcome_title"])
        expect(shown).to_contain_text(item["summary"])
        expect(shown.get_by_role("link", name=item["title"], exact=True)).to_have_count(1)

    # The dated steps, in date order, each linked to the section behind it.
    steps = region.locator("[data-plan-step]")
    expect(steps).to_have_count(len(expected["steps"]))
    dates = [steps.nth(i).get_attribute("data-date") for i in range(steps.count())]
    assert dates == sorted(dates) == [step["date"] for step in expected["steps"]]
    for index, step in enumerate(expected["steps"]):
        shown = steps.nth(index)
        expect(shown).to_contain_text(step["title"])
        for advice in step["advice"]:
            link = shown.locator(f'a[data-advice="{advice}"]')
            target, anchor = ADVICE_MAP[advice].split("#")
            expect(link).to_have_attribute(
                "href", re.compile(re.escape(f"{target[:-3]}/#{anchor}") + "$")
            )
    expect(steps.first.locator("time")).to_have_text("Thursday 26 November 2026")

    # Every draft, readable, with its copy button.
    for doc in expected["documents"]:
        box = region.locator(f'[data-plan-document="{doc["questionnaire"]}:{doc["id"]}"]')
        expect(box.get_by_role("heading", name=doc["title"])).to_be_visible()
        expect(box.get_by_role("button", name=f"Copy “{doc['title']}”")).to_be_visible()
        for line in doc["content"].splitlines()[:3]:
            if line.strip():
                expect(box).to_contain_text(line.strip())

    # A link in the plan goes to the section it names.
    first = steps.first.locator("a[data-advice]").first
    heading = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()


def test_the_combined_calendar_holds_every_date_with_a_reminder(page: Page) -> None:
    on_the_reader_clock(page)
    page.add_init_script(
        """window.__revoked = [];
        const revoke = URL.revokeObjectURL.bind(URL);
        URL.revokeObjectURL = (url) => { window.__revoked.push(url); revoke(url); };"""
    )
    open_plan_with(page, EVERYTHING)
    region = the_plan(page)
    expected = engine.plan(with_carried(EVERYTHING), today=TODAY)
    with page.expect_download() as info:
        region.get_by_role("link", name=re.compile(r"^Download every date")).click()
    download = info.value
    assert download.suggested_filename == expected["calendar"]["filename"]
    text = Path(download.path()).read_bytes().decode("utf-8")  # CRLF kept, as iCalendar wants
    assert text == expected["calendar"]["content"], "the browser's calendar differs from CPython's"
    events = list(icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert [event.decoded("DTSTART").isoformat() for event in events] == [
        step["date"] for step in expected["steps"]
    ]
    uids = [str(event["UID"]) for event in events]
    # The same UID as each questionnaire's own calendar gives the event.
    assert uids == [event_uid(step["uid"]) for step in expected["steps"]]
    assert len(set(uids)) == len(uids)
    assert all(len(list(event.walk("VALARM"))) == 1 for event in events)
    # The link is a blob URL, replaced (and the old one released) when the plan is redrawn.
    link = region.locator("a[data-plan-calendar]")
    first_url = link.get_attribute("href")
    assert first_url.startswith("blob:")
    page.evaluate(
        """(key) => {
            const answers = """
        + ANSWERS_OF
        + """(localStorage.getItem(key));
            localStorage.setItem(key, JSON.stringify({...answers, cadence_weeks: "4"}));
            window.dispatchEvent(new StorageEvent("storage", {key}));
        }""",
        STORAGE + "follow-up-plan",
    )
    expect(link).not_to_have_attribute("href", first_url)
    expect(region.locator("a[data-plan-calendar]")).to_have_count(1)
    assert page.evaluate("window.__revoked") == [first_url], "the replaced blob URL is released"


# ------------------------------------------------------------ on paper


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_printout_is_the_plan_alone(page: Page, tmp_path: Path, paper: str) -> None:
    on_the_reader_clock(page)
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; }")
    open_plan_with(page, EVERYTHING)
    region = the_plan(page)
    region.get_by_role("button", name="Print or save my plan").click()
    assert page.evaluate("window.__printed") == 1
    expect(page.locator("body")).to_have_attribute("data-printing", "my-plan")

    page.emulate_media(media="print")
    out = tmp_path / "plan.pdf"
    page.pdf(path=out, format=paper)
    printed = PdfReader(out)
    pages = [" ".join(p.extract_text().split()) for p in printed.pages]
    text = " ".join(pages)
    # Seven dates, their drafts and three results: a few pages, never a stack.
    assert 1 <= len(pages) <= 8
    assert all(pages), "no blank page"
    width = float(printed.pages[0].mediabox.width)
    assert abs(width - {"A4": 595.3, "Letter": 612}[paper]) < 1.5, "printed on the paper asked for"

    expected = engine.plan(with_carried(EVERYTHING), today=TODAY)
    assert text.startswith("My plan")
    for item in expected["items"]:
        assert item["outcome_title"] in text
    for step in expected["steps"]:
        assert step["title"][:40] in text
    # Links read as the section's heading and its page.
    assert "When waiting makes sense (Waiting on your first choice)" in text
    assert expected["documents"][0]["content"].splitlines()[0] in text
    for word in UI_WORDS:
        assert word.lower() not in text.lower(), f"{word!r} is printed"
    assert "http" not in text and "../" not in text
    # The rest of the page stays on screen.
    for chrome in ("This page gathers", "Where to start", "Next steps", "Skip to content"):
        assert chrome not in text


# ------------------------------------------------------------ erasing, starting


def test_erase_everything_asks_first_then_empties_this_device(page: Page) -> None:
    open_plan_with(page, EVERYTHING)
    # What else the guide keeps here: a score handed to the triage, a ticked checklist item.
    page.evaluate(
        """() => { localStorage.setItem('offer-guide:handoff:should-i-decline', '3');
            localStorage.setItem('offer-guide:tasks:/about/', '["0"]'); }"""
    )
    region = the_plan(page)
    erase = region.get_by_role("button", name="Erase everything", exact=True)
    erase.click()
    confirm = region.get_by_role("group", name=re.compile("^Erase everything this guide saved"))
    expect(confirm).to_be_visible()
    expect(erase).to_have_attribute("aria-expanded", "true")
    keep = confirm.get_by_role("button", name="No, keep my answers")
    expect(keep).to_be_focused()

    keep.click()
    expect(confirm).to_be_hidden()
    expect(erase).to_be_focused()
    assert stored(page) == EVERYTHING

    erase.click()
    page.keyboard.press("Escape")
    expect(confirm).to_be_hidden()
    assert stored(page) == EVERYTHING

    erase.click()
    confirm.get_by_role("button", name="Yes, erase it all").click()
    expect(region.get_by_role("status")).to_have_text(
        "Everything this guide saved in this browser is erased."
    )
    expect(region.locator("[data-plan-item]")).to_have_count(0)
    expect(region.get_by_role("link", name="Should I turn down this offer?")).to_be_visible()
    assert (
        page.evaluate(
            "Object.keys(localStorage).concat(Object.keys(sessionStorage))"
            ".filter((key) => key.startsWith('offer-guide:'))"
        )
        == []
    )
    page.reload()
    expect(the_plan(page).locator("[data-plan-empty]")).to_be_visible()


def test_with_nothing_answered_the_page_says_where_to_start(page: Page) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto("my-plan/")
    region = the_plan(page)
    expect(region.locator("[data-plan-empty]")).to_be_visible()
    for item in engine.list_questionnaires():
        link = region.get_by_role("link", name=item["title"], exact=True)
        expect(link).to_have_attribute("href", re.compile(f"#q-{item['id']}-title$"))
    expect(region.get_by_role("button", name="Print or save my plan")).to_be_hidden()
    expect(region.get_by_role("button", name="Erase everything")).to_be_hidden()
    expect(region.locator("[data-plan-item]")).to_have_count(0)
    assert not [url for url in fetched if "/pyodide/" in url or "engine-worker" in url], (
        "nothing to work out: the engine is not started"
    )
    region.get_by_role("link", name="Plan how to decline").click()
    wait_until_ready(page, "decline-plan")


def test_answers_that_cannot_be_worked_out_say_so_and_link_to_their_form(page: Page) -> None:
    too_long = {**EVERYTHING["decline-plan"], "contact_name": "x" * 500}
    broken = {**EVERYTHING, "decline-plan": too_long}
    open_plan_with(page, broken)
    region = the_plan(page)
    expected = engine.plan(broken, today=TODAY)
    message = next(
        item["message"] for item in expected["invalid"] if item["questionnaire"] == "decline-plan"
    )
    problem = region.locator('[data-plan-invalid="decline-plan"]')
    expect(problem).to_contain_text(message)
    expect(region.locator('[data-plan-item="decline-plan"]')).to_have_count(0)
    expect(region.locator('[data-plan-item="should-i-decline"]')).to_have_count(1)
    problem.get_by_role("link", name="Fix your answers to “Plan how to decline”").click()
    expect(page).to_have_url(re.compile(r"turning-the-offer-down/#q-decline-plan-title$"))


@pytest.mark.allow_console_errors
def test_a_runtime_that_cannot_start_ends_in_error_not_loading(page: Page) -> None:
    page.route("**/*.wasm", lambda route: route.abort())
    open_plan_with(page, EVERYTHING)
    region = the_plan(page, state="error")
    expect(region.get_by_role("status")).to_contain_text("Your answers are kept")
    expect(region.get_by_role("link", name="Plan your follow-ups")).to_be_visible()
    assert stored(page) == EVERYTHING


# ------------------------------------------------------------ phone, palettes


def test_the_plan_fits_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    open_plan_with(page, EVERYTHING)
    region = the_plan(page)
    expect(region.locator("[data-plan-item]")).to_have_count(3)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"
    for name in ("Print or save my plan", "Erase everything"):
        box = region.get_by_role("button", name=name, exact=True).bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= 390


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_plan_is_accessible_in_both_palettes(page: Page, scheme: str) -> None:
    open_plan_with(page, EVERYTHING)
    page.evaluate("(scheme) => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    region = the_plan(page)
    expect(region.locator("[data-plan-item]")).to_have_count(3)
    region.get_by_role("button", name="Erase everything", exact=True).click()
    assert not serious_violations(page)
