"""The guide's text: advice IDs at real headings, readable prose, clean spelling, page shape."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import textstat
import yaml

import engine

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ADVICE_MAP = DOCS / "advice-map.yml"
CODESPELL_WORDS = ROOT / "tests" / "codespell-words.txt"

# The brief sits in shared/ beside the repository, both in a session and in CI's clone.
BRIEF_CANDIDATES = (ROOT.parent / "shared" / "content-brief.md",)
# Used only where the brief is absent; kept in step with it.
FALLBACK_ADVICE_IDS = "A1 A2 A3 B1 B2 B3 B4 C1 C2 C3 C4 D1 D2 D3 D4 E1 F1 F2 F3".split()
BRIEF_ID_LINE = re.compile(r"^- ([A-Z][0-9]+)\.", re.MULTILINE)

PAGES = sorted(path.name for path in DOCS.glob("*.md"))
MAX_GRADE = 9.0


def advice_ids() -> list[str]:
    for brief in BRIEF_CANDIDATES:
        if brief.is_file():
            ids = BRIEF_ID_LINE.findall(brief.read_text(encoding="utf-8"))
            if ids:
                return ids
    return list(FALLBACK_ADVICE_IDS)


def load_advice_map() -> dict[str, str]:
    mapping = yaml.safe_load(ADVICE_MAP.read_text(encoding="utf-8"))
    assert isinstance(mapping, dict), f"{ADVICE_MAP.name} must be a mapping of ID to page.md#anchor"
    return {str(key): str(value) for key, value in mapping.items()}


def built_html(site: Path, page: str) -> str:
    """The built HTML of a docs page, with MkDocs' directory URLs."""
    relative = "index.html" if page == "index.md" else f"{page.removesuffix('.md')}/index.html"
    path = site / relative
    assert path.is_file(), f"{page} was not built (expected {relative})"
    return path.read_text(encoding="utf-8")


@cache
def heading_ids(site: Path, page: str) -> frozenset[str]:
    return frozenset(re.findall(r'<h[1-6][^>]*\bid="([^"]+)"', built_html(site, page)))


@cache
def all_ids(site: Path, page: str) -> frozenset[str]:
    return frozenset(re.findall(r'\bid="([^"]+)"', built_html(site, page)))


# --- (1) advice map ---------------------------------------------------------


def test_advice_map_covers_every_brief_id_and_nothing_else():
    known = advice_ids()
    mapping = load_advice_map()
    missing = [advice for advice in known if advice not in mapping]
    unknown = sorted(set(mapping) - set(known))
    assert not missing, f"advice IDs missing from {ADVICE_MAP.name}: {missing}"
    assert not unknown, f"{ADVICE_MAP.name} names IDs the brief does not have: {unknown}"


def test_fallback_ids_match_the_brief():
    brief = next((path for path in BRIEF_CANDIDATES if path.is_file()), None)
    if brief is None:
        pytest.skip("content brief not present beside the repository")
    assert BRIEF_ID_LINE.findall(brief.read_text(encoding="utf-8")) == FALLBACK_ADVICE_IDS


def test_advice_map_lines_are_one_id_each():
    pattern = re.compile(r"^[A-Z][0-9]+: [a-z0-9-]+\.md#[a-z0-9-]+$")
    for number, line in enumerate(ADVICE_MAP.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            assert pattern.match(line), (
                f"{ADVICE_MAP.name}:{number}: expected 'ID: page.md#anchor', got {line!r}"
            )


@pytest.mark.parametrize("advice", advice_ids())
def test_advice_anchor_is_a_heading_in_the_built_site(built_site: Path, advice: str):
    target = load_advice_map().get(advice)
    assert target, f"{advice} is not in {ADVICE_MAP.name}"
    page, _, anchor = target.partition("#")
    assert page in PAGES, f"{advice}: {page} is not a page in docs/ (pages: {PAGES})"
    assert anchor, f"{advice}: {target} has no #anchor"
    ids = heading_ids(built_site, page)
    assert anchor in ids, (
        f"{advice}: no heading id={anchor!r} in {page}; headings there: {sorted(ids)}"
    )


LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", PAGES)
def test_links_between_pages_land_on_real_anchors(built_site: Path, page: str):
    broken = []
    for target in LINK.findall((DOCS / page).read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        path, _, anchor = target.partition("#")
        path = path or page
        if path not in PAGES:
            broken.append(f"{target} (no page {path})")
        elif anchor and anchor not in all_ids(built_site, path):
            broken.append(f"{target} (no id {anchor!r} in {path})")
    assert not broken, f"{page}: broken links: {broken}"


# --- (2) readability --------------------------------------------------------

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.MULTILINE | re.DOTALL)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
INLINE_CODE = re.compile(r"`[^`]*`")
LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ATTR_LIST = re.compile(r"\{[#.:][^}]*\}")
BLOCK_MARKER = re.compile(r"^(!!!|\?\?\?\+?|===)\s")
LIST_MARKER = re.compile(r"^(?:[-*+]|\d+\.)\s+(?:\[[ xX]\]\s+)?")


def prose(markdown: str) -> str:
    """The running text of a page: no code, comments, markers, link targets, tables or headings.

    Each paragraph and each list item becomes its own sentence, so a bullet without a full
    stop is not glued onto the next one.
    """
    text = COMMENT.sub("", FENCE.sub("", markdown))
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        while line.startswith(">"):
            line = line[1:].strip()
        if not line or BLOCK_MARKER.match(line) or line.startswith(("#", "|")):
            blocks.append([])
            continue
        if LIST_MARKER.match(line):
            blocks.append([])
            line = LIST_MARKER.sub("", line)
        line = ATTR_LIST.sub("", LINK_TEXT.sub(r"\1", INLINE_CODE.sub("", line)))
        blocks[-1].append(line.replace("**", "").replace("*", ""))
    sentences = []
    for block in blocks:
        sentence = " ".join(block).strip()
        if sentence:
            sentences.append(sentence if sentence[-1] in ".!?:\"'”’" else sentence + ".")
    return "\n".join(sentences)


def flesch_kincaid_grade(text: str) -> float:
    """textstat's Flesch-Kincaid grade.

    textstat is pinned at 0.7.4, which counts syllables with Pyphen's bundled
    dictionary; later releases fetch NLTK's CMU dictionary at run time, which a
    hermetic test cannot do.
    """
    assert textstat.lexicon_count(text), "no prose to measure"
    return textstat.flesch_kincaid_grade(text)


def test_prose_strips_markup():
    markdown = (
        "## A heading {#anchor}\n\n"
        '!!! tip "Title"\n\n'
        "    Read [the page](other.md#part) now\n\n"
        "| a | b |\n|---|---|\n\n"
        "- [ ] Tick this\n- Then **that**\n\n"
        "<!-- questionnaire: x -->\n\n"
        "```\ncode here\n```\n\n"
        "> Quoted `code` text.\n"
    )
    assert prose(markdown) == "Read the page now.\nTick this.\nThen that.\nQuoted  text."


@pytest.mark.parametrize("page", PAGES)
def test_page_reads_at_grade_nine_or_below(page: str):
    grade = flesch_kincaid_grade(prose((DOCS / page).read_text(encoding="utf-8")))
    assert grade <= MAX_GRADE, f"{page}: Flesch-Kincaid grade {grade:.1f} is above {MAX_GRADE}"


# --- (3) spelling -----------------------------------------------------------


def test_docs_pass_codespell():
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", "-I", str(CODESPELL_WORDS), "docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"codespell found problems:\n{result.stdout}{result.stderr}"


# --- (4) page shape ---------------------------------------------------------

IN_SHORT = re.compile(r'^(?:!!!|\?\?\?\+?) abstract "In short"\s*$')


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_with_an_in_short_box(page: str):
    lines = [
        line for line in (DOCS / page).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    assert lines[0].startswith("# "), f"{page}: first line should be the page title"
    assert IN_SHORT.match(lines[1]), (
        f'{page}: expected `!!! abstract "In short"` right after the title'
    )
    points = []
    for line in lines[2:]:
        if not line.startswith("    "):
            break
        if line.lstrip().startswith("- "):
            points.append(line)
    assert 2 <= len(points) <= 4, f"{page}: the In short box has {len(points)} points, expected 2-4"


@pytest.mark.parametrize("page", PAGES)
def test_page_ends_with_next_steps_linking_onward(page: str):
    text = (DOCS / page).read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)
    last = sections[-1]
    assert last.startswith("Next steps"), f"{page}: the last section should be '## Next steps'"
    onward = [
        target.partition("#")[0]
        for target in LINK.findall(last)
        if target.partition("#")[0].endswith(".md") and target.partition("#")[0] != page
    ]
    assert onward, f"{page}: Next steps should link to another page with a relative .md link"


SLOT = re.compile(r"<!-- questionnaire: ([a-z][a-z0-9-]*) -->")


@pytest.mark.parametrize("page", PAGES)
def test_questionnaire_slots_are_well_formed(page: str):
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    slots = [(i, line) for i, line in enumerate(lines) if "questionnaire:" in line]
    assert len(slots) <= 1, f"{page}: one questionnaire per page at most, got {slots}"
    for index, line in slots:
        assert SLOT.fullmatch(line), f"{page}:{index + 1}: expected '<!-- questionnaire: ID -->'"
        assert lines[index - 1] == "" and lines[index + 1] == "", (
            f"{page}:{index + 1}: the questionnaire slot needs a blank line before and after"
        )


def test_every_questionnaire_has_one_page():
    placed = [SLOT.search(line)[1] for page in PAGES
              for line in (DOCS / page).read_text(encoding="utf-8").splitlines()
              if SLOT.search(line)]  # fmt: skip
    assert sorted(placed) == sorted(item["id"] for item in engine.list_questionnaires())


def test_about_page_credits_the_source_and_explains_privacy():
    about = (DOCS / "about.md").read_text(encoding="utf-8")
    assert "Job Offers: Are You Thinking of Turning Down a Job Offer?" in about
    for phrase in ("Pyodide", "local storage", "never leave your device"):
        assert phrase in about, f"about.md should mention {phrase!r}"


def test_about_page_advice_index_matches_the_map():
    rows = re.findall(
        r"^\| ([A-Z][0-9]+) \|[^|]*\| \[[^\]]*\]\(([^)]+)\) \|$",
        (DOCS / "about.md").read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    assert dict(rows) == load_advice_map(), (
        "the advice index on about.md disagrees with advice-map.yml"
    )
