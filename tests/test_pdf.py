"""The PDF booklet: everything the guide says, worksheets from the engine, no site chrome."""

from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

import engine
from build_tools.pdf import build_pdf
from tests.site_pages import nav_pages, page_url

ROOT = Path(__file__).resolve().parent.parent
PAGES = nav_pages()
UI_TEXT = (
    "loading",
    "Starting the questionnaire engine",
    "The questionnaire engine stopped",
    "could not work out a result",
    "needs JavaScript",
    "Your recommendation appears here",
    "Copy a link",
    "Erase my answers",
    "Print or save my plan",
    "Switch to dark mode",
    "Switch to light mode",
    "Skip to content",
    "Back to top",
)


def normalise(text: str) -> str:
    """One space between words; a hyphen or dash at a line end joins what it split."""
    text = text.replace("\u00ad", "").replace("\u2011", "-")
    text = re.sub(r"([-\u2013\u2014])\s+", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def outline_entries(outline, depth: int = 0):
    for item in outline:
        if isinstance(item, list):
            yield from outline_entries(item, depth + 1)
        else:
            yield depth, item


@pytest.fixture(scope="module")
def booklet(built_site: Path, browser, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "offer-guide.pdf"
    return build_pdf(built_site, out, progress=lambda _line: None, browser=browser)


@pytest.fixture(scope="module")
def reader(booklet: Path) -> PdfReader:
    return PdfReader(booklet)


@pytest.fixture(scope="module")
def page_texts(reader: PdfReader) -> list[str]:
    return [normalise(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def text(page_texts: list[str]) -> str:
    return " ".join(page_texts)


def heading_text(built_site: Path, target: str) -> str:
    """The words of the heading a `page.md#anchor` target points at, from the built page."""
    source, _, anchor = target.partition("#")
    page_html = (built_site / page_url(source) / "index.html").read_text(encoding="utf-8")
    match = re.search(rf'<h([1-6])[^>]*\bid="{re.escape(anchor)}"[^>]*>(.*?)</h\1>', page_html)
    assert match, f"{target}: no heading with id {anchor!r} in the built site"
    words = re.sub(r"<a [^>]*class=\"headerlink\".*?</a>", "", match.group(2))
    return normalise(html.unescape(re.sub(r"<[^>]+>", "", words)))


def test_cover_names_the_guide_and_its_version(page_texts: list[str]) -> None:
    cover = page_texts[0]
    assert "Holding an offer, hoping for another" in cover
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"Version {pyproject['project']['version']}" in cover


@pytest.mark.parametrize(("title", "source"), PAGES, ids=[s for _, s in PAGES])
def test_every_page_is_in_the_pdf_in_nav_order(
    reader: PdfReader, page_texts: list[str], title: str, source: str
) -> None:
    chapters = [entry for depth, entry in outline_entries(reader.outline) if depth == 0]
    titles = [entry.title for entry in chapters]
    assert title in titles, f"no bookmark for {title!r}: {titles}"
    # The bookmarks follow the nav, and each chapter starts where its bookmark says.
    in_order = [t for t in titles if t in {page for page, _ in PAGES}]
    assert in_order == [page for page, _ in PAGES]
    number = reader.get_destination_page_number(chapters[titles.index(title)]) + 1
    assert title in page_texts[number - 1]
    # The footer's page number is the PDF's own page number.
    assert page_texts[number - 1].startswith(f"{number}Holding an offer")
    # The contents page prints that same page number.
    contents = " ".join(page_texts[1:number])
    assert re.search(rf"{re.escape(title)} ?{number}\b", contents), f"{title} … {number}"


def test_every_advice_heading_is_in_the_pdf(built_site: Path, text: str) -> None:
    advice_map = yaml.safe_load((ROOT / "docs" / "advice-map.yml").read_text(encoding="utf-8"))
    missing = {
        advice: heading
        for advice, target in advice_map.items()
        if (heading := heading_text(built_site, target)) not in text
    }
    assert not missing


@pytest.mark.parametrize("questionnaire", [q["id"] for q in engine.list_questionnaires()])
def test_every_worksheet_question_and_rule_is_in_the_pdf(questionnaire: str, text: str) -> None:
    definition = engine.get_definition(questionnaire)
    assert normalise(definition["title"]) in text
    missing = [
        question["label"]
        for question in definition["questions"]
        if normalise(question["label"]) not in text
    ]
    missing += [rule for rule in definition["how_to_read"] if normalise(rule) not in text]
    assert not missing


def test_size_and_page_count_are_sane(booklet: Path, reader: PdfReader) -> None:
    assert 20 <= len(reader.pages) <= 80
    assert 100_000 <= booklet.stat().st_size <= 8_000_000
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842), "A4 by default"


def test_no_site_chrome_or_engine_status(text: str) -> None:
    found = [ui for ui in UI_TEXT if ui.lower() in text.lower()]
    assert not found


def test_internal_links_jump_within_the_pdf(reader: PdfReader) -> None:
    destinations = reader.named_destinations
    internal, dangling = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link" or "/Dest" not in annotation:
                continue
            internal += 1
            if str(annotation["/Dest"]) not in destinations:
                dangling.append(str(annotation["/Dest"]))
    assert internal >= 60, "the contents and the guide's cross-references link within the PDF"
    assert not dangling
    for destination in destinations.values():
        assert 0 <= reader.get_destination_page_number(destination) < len(reader.pages)


# ------------------------------------------------------------ a reader's own plan

PLAN_PAGE = "waiting-on-a-reorganisation.md"
PLAN_ANSWERS = {
    "guarantee": "none",
    "timeline_given": "months",
    "what_could_change": ["role_may_go"],
    "heard_from": "hiring_manager",
    "runway_months": 6,
}


@pytest.mark.e2e
def test_a_filled_plan_prints_its_outcome_on_one_to_three_pages(
    page, tmp_path: Path, built_site: Path
) -> None:
    definition = engine.get_definition("restructuring-risk")
    expected = engine.evaluate("restructuring-risk", PLAN_ANSWERS)["title"]
    questions = {question["id"]: question for question in definition["questions"]}
    # The page calls window.print(); headless Chromium would only wait on a dialog.
    page.add_init_script("window.print = () => {};")
    page.goto(page_url(PLAN_PAGE))
    form = page.locator('form[data-questionnaire="restructuring-risk"]')
    expect(form).to_have_attribute("data-engine", "ready", timeout=90_000)

    for question_id, answer in PLAN_ANSWERS.items():
        question = questions[question_id]
        if question.get("options"):
            group = form.get_by_role("group", name=question["label"]).or_(
                form.get_by_role("radiogroup", name=question["label"])
            )
            for value in answer if isinstance(answer, list) else [answer]:
                label = next(o["label"] for o in question["options"] if o["value"] == value)
                group.get_by_label(label, exact=True).check()
        else:
            form.get_by_label(question["label"]).fill(str(answer))

    root = page.locator('[data-questionnaire-root="restructuring-risk"]')
    expect(root.locator("[data-result]")).to_contain_text(expected)
    form.get_by_role("button", name="Print or save my plan").click()
    expect(page.locator("body")).to_have_attribute("data-printing", "plan")

    page.emulate_media(media="print")
    out = tmp_path / "plan.pdf"
    page.pdf(path=out, format="A4", print_background=True)
    plan = PdfReader(out)
    plan_text = normalise(" ".join(p.extract_text() for p in plan.pages))
    assert 1 <= len(plan.pages) <= 3
    assert normalise(expected) in plan_text
    assert "My answers" in plan_text
    # Guide text around the form ("In short", "Next steps") stays off the plan.
    for chrome in ("Skip to content", "Switch to dark mode", "Next steps", "In short"):
        assert chrome not in plan_text
