"""The guide on a phone (390×844): a way to the questionnaire, the result one tap away,
targets a finger can hit, boxes that can be seen and ticked, and no sideways scrolling."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from build_tools.questionnaires.slots import find_slots
from tests.questionnaire_steps import (
    OFFER_CHECK_BOTH_RATED,
    answer,
    control,
    result_of,
    wait_until_ready,
)
from tests.site_pages import nav_pages, page_url

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44  # px, each way (WCAG 2.5.5, Apple's and Google's guidance)
MIN_CONTRAST = 3.0  # WCAG 1.4.11, non-text contrast
SCHEMES = {"light": "default", "dark": "slate"}
PAGES = nav_pages()
TRIAGE = "should-i-decline"
# Two items of the home page's checklist.
CHECKLIST_ITEM = "Have I looked into the offer properly, or am I judging it from the job ad?"
CHECKLIST_OTHER_ITEM = "If that happened, could I throw myself straight back into a job search?"

# Answers that give each questionnaire an outcome with reasons, advice links
# and, where it has them, drafts: every kind of control its result can show.
ANSWERS = {
    TRIAGE: {
        "offer_fit": 3,
        "homework": "done",
        "current_job": "no",
        "first_choice_stage": "finalist",
        "restructuring": "no",
        "runway_months": 12,
        "no_would_feel": "disappointed",
        # The last needed answer: the outcome comes with it, not before.
        "ready_to_search": "yes",
    },
    "offer-check": {
        **{f"{factor}_importance": 2 for factor in ("role", "pay", "manager", "growth")},
        **{f"{factor}_importance": 1 for factor in ("location", "stability", "culture")},
        **{f"{factor}_offer": 3 for factor in ("role", "pay", "manager", "growth")},
        **{f"{factor}_offer": 2 for factor in ("location", "stability", "culture")},
        "homework": ["researched_employer", "met_manager"],
    },
    "decline-plan": {
        "contact_role": "hiring_manager",
        "contact_name": "Sam Lee",
        "company": "Contoso",
        "honest_reason": "growth",
        "open_to_future": "yes",
    },
    "follow-up-plan": {
        "situation": "declined_offer",
        "contact_name": "Priya Shah",
        "company": "Northwind",
        "last_contact": "2026-11-02",
        "cadence_weeks": 3,
        "check_ins": 2,
    },
    "restructuring-risk": {
        "guarantee": "verbal",
        "timeline_given": "months",
        "what_could_change": ["scope", "manager"],
    },
}


def questionnaire_homes() -> dict[str, str]:
    """Each questionnaire's page (its source file), from the slots in the guide."""
    homes = {}
    for _, source in PAGES:
        for slot in find_slots((ROOT / "docs" / source).read_text(encoding="utf-8")):
            homes[slot.questionnaire] = source
    return homes


HOMES = questionnaire_homes()

# Every control a reader can tap in an element, as the box a finger must hit:
# a radio button's or checkbox's label, or the control itself.
TAP_TARGETS = """(root) => {
  const controls = root.querySelectorAll("a[href], button, input, textarea, select, summary");
  return [...controls].flatMap((control) => {
    const target = ["radio", "checkbox"].includes(control.type) ? control.labels[0] : control;
    const box = target.getBoundingClientRect();
    const style = getComputedStyle(target);
    if (!box.width || !box.height || style.visibility === "hidden") return [];
    const name = (target.textContent || control.getAttribute("aria-label") || control.name).trim();
    return [{ name: `${target.tagName.toLowerCase()} "${name.slice(0, 40)}"`,
              width: Math.round(box.width), height: Math.round(box.height) }];
  });
}"""

# The contrast of an element's colour (a computed style property, of the element
# or one of its pseudo-elements) against what is painted behind the element.
CONTRAST = """(element, [property, pseudo]) => {
  const parse = (text) => {
    const match = text.match(/^rgba?\\(([^)]*)\\)$/);
    if (!match) throw new Error(`not an rgb() colour: ${text}`);
    const [r, g, b, a = 1] = match[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom) =>
    [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const layers = [];
  for (let node = element.parentElement; node; node = node.parentElement) {
    layers.push(parse(getComputedStyle(node).backgroundColor));
  }
  const behind = layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  const colour = over(parse(getComputedStyle(element, pseudo)[property]), behind);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(colour), luminance(behind)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}"""


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    # Reduced motion: jumps land at once, so where they land can be measured.
    return {**browser_context_args, "viewport": PHONE, "reduced_motion": "reduce"}


def contrast(element: Locator, colour_property: str, pseudo: str | None = None) -> float:
    """The contrast ratio of the element's colour against the page behind it."""
    return element.evaluate(CONTRAST, [colour_property, pseudo])


def open_in_palette(page: Page, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])


def assert_no_sideways_scroll(page: Page, where: str) -> None:
    width, screen = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width <= screen, f"{where} scrolls sideways: {width} px wide on a {screen} px screen"


def header_bottom(page: Page) -> float:
    return page.get_by_role("banner").bounding_box()["height"]


# ---------------------------------------------------------------- the way in


def test_home_offers_the_questionnaire_within_the_first_screen(page: Page) -> None:
    page.goto("")
    jump = page.get_by_role("article").get_by_role("link", name="Get a recommendation", exact=True)
    expect(jump).to_be_in_viewport(ratio=1)
    expect(jump).to_have_attribute("href", re.compile("#get-a-recommendation$"))

    jump.click()
    heading = page.get_by_role("heading", name="Get a recommendation")
    expect(heading).to_be_in_viewport()
    expect(page).to_have_url(re.compile("#get-a-recommendation$"))
    assert heading.bounding_box()["y"] >= header_bottom(page), "the heading is under the header"


def test_the_result_is_one_tap_away_once_the_last_needed_answer_is_given(page: Page) -> None:
    page.goto(page_url(HOMES[TRIAGE]))
    form = wait_until_ready(page, TRIAGE)
    region = result_of(page, TRIAGE)
    see_result = page.get_by_role("button", name="See your recommendation")
    *first, last = ANSWERS[TRIAGE].items()

    answer(form, TRIAGE, dict(first))
    expect(region.get_by_text("Still to answer", exact=True)).to_be_visible()
    expect(see_result).to_be_hidden()

    answer(form, TRIAGE, dict([last]))
    expect(region).to_have_attribute("data-outcome", "wait_for_first_choice")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(see_result).to_be_in_viewport(ratio=1)
    expect(region).not_to_be_in_viewport()

    see_result.click()
    expect(region).to_be_focused()
    expect(region).to_be_in_viewport()
    expect(region.get_by_text("Waiting is a reasonable gamble")).to_be_in_viewport()
    assert region.bounding_box()["y"] >= header_bottom(page) - 1, "the result is under the header"

    # An outcome the answers no longer give takes the button with it.
    form.get_by_role("button", name="Erase my answers").click()
    expect(region).not_to_have_attribute("data-outcome", re.compile(".*"))
    expect(see_result).to_be_hidden()


def test_the_offer_checks_wide_table_keeps_its_title_whole(page: Page) -> None:
    # The table scrolls sideways on a phone; its title must not scroll off with it.
    page.goto(page_url(HOMES["offer-check"]))
    form = wait_until_ready(page, "offer-check")
    # Rated for the first choice too: six columns, wider than the phone.
    answer(form, "offer-check", OFFER_CHECK_BOTH_RATED)
    region = result_of(page, "offer-check")
    title = "How the score adds up: each factor's rating, weighted by how much it matters"
    table = region.get_by_role("table", name=title)
    expect(table).to_be_attached()
    wrap = region.locator(".result__table-wrap")
    assert wrap.evaluate("(el) => el.scrollWidth > el.clientWidth"), "the table fits: no test"
    shown = region.locator(".result__table-title")
    expect(shown).to_have_text(title)
    expect(shown).to_be_visible()
    box, room = shown.bounding_box(), region.bounding_box()
    assert box["x"] >= room["x"] and box["x"] + box["width"] <= room["x"] + room["width"]
    assert shown.evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the title is cut off"


# ---------------------------------------------------------------- tap targets


@pytest.mark.parametrize("questionnaire", sorted(HOMES))
def test_every_control_in_a_questionnaire_is_at_least_44px(page: Page, questionnaire: str) -> None:
    page.goto(page_url(HOMES[questionnaire]))
    form = wait_until_ready(page, questionnaire)
    answer(form, questionnaire, ANSWERS[questionnaire])
    expect(result_of(page, questionnaire)).to_have_attribute("data-outcome", re.compile("."))
    root = page.locator(f'[data-questionnaire-root="{questionnaire}"]')

    targets = root.evaluate(TAP_TARGETS)
    small = [t for t in targets if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]
    assert len(targets) > len(ANSWERS[questionnaire]), "the form and its result were measured"
    assert not small, "\n".join(f"{t['name']}: {t['width']}×{t['height']}" for t in small)
    assert_no_sideways_scroll(page, f"{questionnaire} with its result")


def test_navigation_drawer_items_are_at_least_44px(page: Page) -> None:
    page.goto("")
    # Material's menu button is an unnamed <label> for its drawer toggle.
    page.get_by_role("banner").locator("label[for='__drawer']").click()
    drawer = page.get_by_role("navigation", name="Navigation")
    for title, _ in PAGES[1:]:
        expect(drawer.get_by_role("link", name=title, exact=True)).to_be_in_viewport()

    targets = drawer.evaluate(TAP_TARGETS)
    small = [t for t in targets if t["width"] < MIN_TARGET or t["height"] < MIN_TARGET]
    assert len(targets) >= len(PAGES) - 1
    assert not small, "\n".join(f"{t['name']}: {t['width']}×{t['height']}" for t in small)


# ---------------------------------------------------------------- contrast


@pytest.mark.parametrize("scheme", SCHEMES)
def test_radio_buttons_and_checkboxes_keep_3_to_1_in_both_palettes(page: Page, scheme: str) -> None:
    questionnaire = "restructuring-risk"  # both kinds of box
    open_in_palette(page, page_url(HOMES[questionnaire]), scheme)
    form = wait_until_ready(page, questionnaire)
    boxes = form.get_by_role("radio").all() + form.get_by_role("checkbox").all()
    assert len(form.get_by_role("checkbox").all()) > 1 and len(form.get_by_role("radio").all()) > 1

    faint = [(box, contrast(box, "borderTopColor")) for box in boxes]
    assert not [f"{box}: {ratio:.2f}" for box, ratio in faint if ratio < MIN_CONTRAST]

    radio = control(form, questionnaire, "guarantee", "verbal")
    checkbox = control(form, questionnaire, "what_could_change", "scope")
    radio.check()
    checkbox.check()
    assert contrast(radio, "borderTopColor") >= MIN_CONTRAST
    assert contrast(checkbox, "backgroundColor") >= MIN_CONTRAST


@pytest.mark.parametrize("scheme", SCHEMES)
def test_checklist_boxes_keep_3_to_1_in_both_palettes(page: Page, scheme: str) -> None:
    open_in_palette(page, "", scheme)
    box = page.get_by_role("main").get_by_role("checkbox", name=CHECKLIST_ITEM)
    # Material hides the box itself and paints a circle (a mask) in its place.
    circle = box.locator("xpath=following-sibling::span[1]")
    assert contrast(circle, "backgroundColor", "::before") >= MIN_CONTRAST
    page.get_by_role("main").get_by_text(CHECKLIST_ITEM).click()
    expect(box).to_be_checked()
    assert contrast(circle, "backgroundColor", "::before") >= MIN_CONTRAST


# ---------------------------------------------------------------- checklists


def test_a_ticked_checklist_item_is_kept_on_this_device(page: Page) -> None:
    page.goto("")
    main = page.get_by_role("main")
    item, other = CHECKLIST_ITEM, CHECKLIST_OTHER_ITEM
    # The item's words are the box's label: tapping them ticks it.
    main.get_by_text(item).click()
    expect(main.get_by_role("checkbox", name=item)).to_be_checked()
    expect(main.get_by_role("checkbox", name=other)).not_to_be_checked()

    page.reload()
    expect(main.get_by_role("checkbox", name=item)).to_be_checked()
    expect(main.get_by_role("checkbox", name=other)).not_to_be_checked()
    line = main.get_by_role("checkbox", name=item).evaluate(
        "(box) => box.labels[0].getBoundingClientRect().height"
    )
    assert line >= MIN_TARGET, f"a checklist line is {line} px tall"

    main.get_by_text(item).click()
    expect(main.get_by_role("checkbox", name=item)).not_to_be_checked()
    page.reload()
    expect(main.get_by_role("checkbox", name=item)).not_to_be_checked()


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize(("title", "source"), PAGES, ids=[s for _, s in PAGES])
def test_page_fits_a_phone_and_has_no_dead_checkboxes(page: Page, title: str, source: str) -> None:
    page.goto(page_url(source))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Checklists are made tickable once Material has the page ready.
    for box in page.get_by_role("main").get_by_role("checkbox").all():
        expect(box).to_be_enabled()
    assert_no_sideways_scroll(page, source)
