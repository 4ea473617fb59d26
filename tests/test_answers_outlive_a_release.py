"""Answers outlive a release (issue 24): a new release, built in a temporary copy,
renames the triage's homework value "done" to "thorough" and stops asking how long a
new search would take. Answers the old release saved, and an old share link, are
moved forward; the answer to the removed question is shown, never silently gone, and
My plan reads the triage as it is now."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

from build_tools.serve import base_url, make_server, start_in_thread
from tests.questionnaire_steps import (
    ANSWERS_OF,
    ENGINE_START_TIMEOUT_MS,
    form_of,
    wait_until_ready,
)

ROOT = Path(__file__).resolve().parent.parent
TRIAGE = "should-i-decline"
KEY = f"offer-guide:answers:{TRIAGE}"
pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REMOVED_LABEL = "If your first choice said no, how many months would a new search take you?"
# As the release before saved them: the answers alone, under the names it had.
OLD_ANSWERS = {
    "offer_fit": "2",
    "homework": "done",
    "current_job": "no",
    "first_choice_stage": "finalist",
    "restructuring": "no",
    "runway_months": "8",
    "search_months": "6",
    "no_would_feel": "devastated",
    "ready_to_search": "not_sure",
    # A value no release declared a move for: set aside beside its question.
    "offer_vs_job": "much_worse_than_ever",
}


def _next_release(copy: Path) -> None:
    """The definition's new version, and everything in the copy that named the old."""
    path = copy / f"engine/questionnaires/{TRIAGE}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["questions"] = [q for q in data["questions"] if q["id"] != "search_months"]
    text = json.dumps(data).replace('"value": "done"', '"value": "thorough"')
    data = json.loads(text)
    data["version"] = 2
    data["moves"] = [
        {
            "to": 2,
            "values": {"homework": {"done": "thorough"}},
            "removed": [{"id": "search_months", "label": REMOVED_LABEL}],
        }
    ]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    code = copy / "engine/questionnaires/should_i_decline.py"
    text = code.read_text(encoding="utf-8").replace(', "search_months")', ")")
    text = text.replace('answers.get("search_months", SEARCH_MONTHS)', "SEARCH_MONTHS")
    code.write_text(text, encoding="utf-8")
    for case in (copy / "engine/cases").rglob("*.md"):
        text = case.read_text(encoding="utf-8")
        moved = re.sub(r'"homework": "done"', '"homework": "thorough"', text)
        if case.stem == TRIAGE:
            moved = re.sub(r', "search_months": [0-9.]+', "", moved).replace(
                "'search_months', ", ""
            )
        if moved != text:
            case.write_text(moved, encoding="utf-8")


@pytest.fixture(scope="module")
def next_release(tmp_path_factory: pytest.TempPathFactory):
    copy = tmp_path_factory.mktemp("release") / "guide"
    for part in ("engine", "docs", "build_tools", "web"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    for part in ("mkdocs.yml", "package.json"):
        shutil.copy2(ROOT / part, copy / part)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    _next_release(copy)
    server = make_server(copy / "site", require_site=False)
    url = base_url(server)
    env = {**os.environ, "PYTHONPATH": str(copy), "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(copy / "site")],
        capture_output=True, text=True, cwd=copy, env=env, timeout=570,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    start_in_thread(server)
    yield url
    server.shutdown()
    server.server_close()


def option(form, question: str, value) -> Locator:
    """An option of the new release (the helpers' engine is this checkout's, the old one)."""
    return form.locator(f'input[name="{question}"][value="{value}"]')


def saved(page: Page):
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", KEY)


def test_answers_saved_by_the_last_release_move_forward_and_nothing_is_lost(
    page: Page, next_release: str
) -> None:
    page.goto(next_release + "about/")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(OLD_ANSWERS)]
    )
    page.goto(next_release)
    form = form_of(page, TRIAGE)
    expect(option(form, "homework", "thorough")).to_be_checked()
    expect(option(form, "offer_fit", 2)).to_be_checked()
    # The removed question's answer is said, in the reader's words, at the top.
    aside = form.locator("[data-aside-box]")
    expect(aside).to_contain_text(
        f"This answer no longer fits the questionnaire: you answered “6” to “{REMOVED_LABEL}”, "
        "which it no longer asks."
    )
    # A value the release no longer offers is shown beside its question, not dropped.
    beside = form.locator('[data-aside="offer_vs_job"]')
    expect(beside).to_contain_text("you had “much_worse_than_ever” here")
    record = saved(page)
    assert record["version"] == 2
    assert record["answers"]["homework"] == "thorough"
    assert "search_months" not in record["answers"]
    assert {entry["question"]: entry["value"] for entry in record["aside"]} == {
        "search_months": "6",
        "offer_vs_job": "much_worse_than_ever",
    }
    wait_until_ready(page, TRIAGE)
    expect(form).not_to_contain_text("not a question of")

    # Answering the question again puts its old answer's note away, and its entry with it.
    option(form, "offer_vs_job", "worse").check()
    expect(beside).to_have_count(0)
    page.wait_for_function(
        "(key) => !JSON.parse(localStorage.getItem(key))"
        ".aside.some((entry) => entry.question === 'offer_vs_job')",
        arg=KEY,
    )
    # Letting the removed answer go keeps the rest.
    aside.get_by_role("button", name="Let it go").click()
    expect(aside).to_have_count(0)
    assert "aside" not in saved(page)
    assert saved(page)["answers"]["homework"] == "thorough"

    # My plan reads the moved answers: a triage item, no developer's message.
    page.goto(next_release + "my-plan/")
    region = page.get_by_role("region", name="Your plan")
    expect(region).to_have_attribute("data-engine", "ready", timeout=ENGINE_START_TIMEOUT_MS)
    expect(region.locator(f'[data-plan-item="{TRIAGE}"]')).to_have_count(1)
    expect(region).not_to_contain_text("not a question of")
    expect(region.locator("[data-plan-invalid]")).to_have_count(0)


def test_a_share_link_from_the_last_release_moves_forward(page: Page, next_release: str) -> None:
    link = {"q": TRIAGE, "a": {k: v for k, v in OLD_ANSWERS.items() if k != "offer_vs_job"}}
    page.goto(next_release + "#answers=" + quote(json.dumps(link)))
    form = form_of(page, TRIAGE)
    expect(option(form, "homework", "thorough")).to_be_checked()
    expect(form.locator("[data-aside-box]")).to_contain_text(
        f"you answered “6” to “{REMOVED_LABEL}”"
    )
    assert page.evaluate(f"{ANSWERS_OF}(localStorage.getItem('{KEY}'))")["homework"] == "thorough"
    assert "#" not in page.url
