"""The questionnaires plugin: slots found with their lines, build errors that say where."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from playwright.sync_api import Page, expect

import engine
from build_tools.questionnaires.plan_page import render_plan
from build_tools.questionnaires.plugin import (
    QuestionnairesPlugin,
    page_title,
    resolve_advice_sections,
    with_plan_slot,
)
from build_tools.questionnaires.render import render_questionnaire
from build_tools.questionnaires.slots import (
    Slot,
    find_plan_slots,
    find_slots,
    heading_anchors,
    replace_slot_lines,
)
from build_tools.serve import base_url, make_server, start_in_thread
from tests.questionnaire_steps import wait_until_ready

ROOT = Path(__file__).resolve().parent.parent


def test_slots_are_found_with_their_lines_and_code_is_left_alone() -> None:
    markdown = (
        "# Title\n"
        "\n"
        "<!-- questionnaire: should-i-decline -->\n"
        "\n"
        "```html\n"
        "<!-- questionnaire: offer-check -->\n"
        "```\n"
        "\n"
        "    <!-- questionnaire: indented-code -->\n"
        "\n"
        "Text with `<!-- questionnaire: inline -->` in it.\n"
        "\n"
        "<!--questionnaire:decline-plan-->\n"
    )
    assert find_slots(markdown) == [Slot("should-i-decline", 3), Slot("decline-plan", 13)]


def test_heading_anchors_come_from_attr_list_ids_outside_code() -> None:
    markdown = (
        "# Guide {#top}\n\n"
        "## Can you afford to wait? {#can-you-afford-to-wait}\n\n"
        "## No anchor here\n\n"
        "```\n## In code {#not-a-heading}\n```\n"
    )
    assert heading_anchors(markdown) == {
        "top": "Guide",
        "can-you-afford-to-wait": "Can you afford to wait?",
    }


def test_slot_lines_become_placeholders_and_nothing_else_moves() -> None:
    markdown = "a\n\n<!-- questionnaire: offer-check -->\n\nb\n"
    replaced = replace_slot_lines(markdown, find_slots(markdown))
    assert replaced == 'a\n\n<div data-questionnaire-slot="offer-check"></div>\n\nb\n'


class FormCollector(HTMLParser):
    """Names of the form's controls, and the ids that labels point at."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: dict[str, set[str]] = {}
        self.label_targets: set[str] = set()
        self.legends = 0
        self.root_data: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("input", "textarea"):
            self.controls.setdefault(values["name"], set()).add(values["id"])
        if tag == "label" and values.get("for"):
            self.label_targets.add(values["for"])
        if tag == "legend":
            self.legends += 1
        if "data-questionnaire-data" in values:
            self.root_data = values["data-questionnaire-data"]


@pytest.mark.parametrize("questionnaire", [item["id"] for item in engine.list_questionnaires()])
def test_every_question_renders_as_a_labelled_control(questionnaire: str) -> None:
    definition = engine.get_definition(questionnaire)
    collector = FormCollector()
    links = {"A1": {"href": "page/#a1", "title": "Weigh it"}}
    collector.feed(render_questionnaire(definition, links))
    questions = {item["id"] for item in definition["questions"]}
    assert set(collector.controls) == questions
    for ids in collector.controls.values():
        assert ids <= collector.label_targets, "every control has a <label for=...>"
    grouped = [item for item in definition["questions"] if item.get("options")]
    assert collector.legends == len(grouped), "every option group is a fieldset with a legend"
    embedded = json.loads(collector.root_data)
    assert embedded == {"definition": definition, "advice": links, "engine": {}}


def test_hostile_definition_text_is_escaped() -> None:
    definition = json.loads(json.dumps(engine.get_definition("decline-plan")))
    definition["title"] = '<script>alert("x")</script>'
    definition["questions"][0]["label"] = "<b>bold</b>"
    html = render_questionnaire(definition, {})
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def build_with_page(tmp_path: Path, page: str) -> subprocess.CompletedProcess[str]:
    """A strict build of a one-page site that uses the plugin (without the runtime)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(page, encoding="utf-8")
    (docs / "advice-map.yml").write_text("A1: index.md#start\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\n"
        "strict: true\n"
        "plugins:\n"
        "  - offer-guide-questionnaires:\n"
        "      runtime: false\n"
        "markdown_extensions:\n"
        "  - attr_list\n",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


# The build's errors, raised by the plugin's handlers called as MkDocs calls
# them; the real builds below show that such an error fails `mkdocs build`.


def markdown_error(markdown: str, src_uri: str = "index.md") -> str:
    """The PluginError the plugin raises reading this page's Markdown."""
    plugin = QuestionnairesPlugin()
    errors, _ = plugin.load_config({"runtime": False})
    assert not errors
    plugin.slots, plugin.plan_pages = {}, set()
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))
    with pytest.raises(PluginError) as raised:
        plugin.on_page_markdown(markdown, page=page, config=None, files=None)
    return str(raised.value)


def test_unknown_questionnaire_fails_the_build_naming_page_and_line() -> None:
    message = markdown_error("# Start {#start}\n\nText.\n\n<!-- questionnaire: nope -->\n")
    known = sorted(item["id"] for item in engine.list_questionnaires())
    assert message == f"index.md:5: unknown questionnaire 'nope'; expected one of: {known}"


def test_same_questionnaire_twice_fails_the_build_naming_page_and_line() -> None:
    slot = "<!-- questionnaire: offer-check -->\n\n"
    message = markdown_error("# Start {#start}\n\n" + slot + slot, "guide/page.md")
    assert message == "guide/page.md:5: questionnaire 'offer-check' appears twice"


def docs_files(tmp_path: Path, pages: dict[str, str]) -> Files:
    """The Files MkDocs would collect from a docs folder holding these pages."""
    docs = tmp_path / "docs"
    docs.mkdir()
    files = []
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
        files.append(File(name, str(docs), str(tmp_path / "site"), use_directory_urls=True))
    return Files(files)


def test_advice_map_pointing_at_no_heading_fails_the_build(tmp_path: Path) -> None:
    files = docs_files(tmp_path, {"index.md": "# Start\n\n## Weigh it {#weigh}\n"})
    assert resolve_advice_sections({"A1": "index.md#weigh"}, files) == {
        "A1": ("./", "weigh", "Weigh it")
    }
    with pytest.raises(PluginError) as raised:
        resolve_advice_sections({"A1": "index.md#start"}, files)
    assert str(raised.value) == (
        "questionnaires: advice map: A1 points at index.md#start, but no heading in "
        "index.md sets {#start}"
    )
    with pytest.raises(PluginError, match=r"^questionnaires: advice map: A1 points at missing "):
        resolve_advice_sections({"A1": "gone.md#start"}, files)


def test_a_plugin_error_fails_the_real_build_with_its_message(tmp_path: Path) -> None:
    result = build_with_page(tmp_path, "# Start {#start}\n\n<!-- questionnaire: nope -->\n")
    assert result.returncode != 0
    assert "index.md:3: unknown questionnaire 'nope'; expected one of: [" in result.stderr


def test_a_valid_slot_builds_into_a_form(tmp_path: Path) -> None:
    result = build_with_page(tmp_path, "# Start {#start}\n\n<!-- questionnaire: offer-check -->\n")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<form class="questionnaire__form" data-questionnaire="offer-check"' in html
    assert 'data-engine="loading"' in html
    # The engine's starter is inline, first in <head>, with the worker's address.
    head = html[: html.index("</head>")]
    starter = re.search(
        r"<script data-engine-runtime=[^>]*data-engine-worker=[^>]*>(.*?)</script>", head, re.S
    )
    assert starter and "new Worker(" in starter.group(1)
    first_stylesheet = re.search(r"<link[^>]*stylesheet", head)
    assert first_stylesheet and head.index("data-engine-worker") < first_stylesheet.start()
    assert not (tmp_path / "site" / "assets" / "app" / "engine" / "engine-start.js").exists()
    assert not (tmp_path / "site" / "pyodide").exists(), "runtime: false copies no runtime"
    assert 'data-engine-manifest="null"' in head, "and names none"


def test_invalid_definition_fails_naming_page_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(questionnaire: str) -> dict:
        raise engine.InvalidDefinition(questionnaire, "questions[1].options", "must not be empty")

    monkeypatch.setattr(engine, "get_definition", broken)
    message = markdown_error("# T\n\n<!-- questionnaire: offer-check -->\n", "guide/page.md")
    assert message == (
        "guide/page.md:3: invalid questionnaire definition: "
        "offer-check: questions[1].options: must not be empty"
    )


def build_with_folders(tmp_path: Path, runtime_dir: str, assets_dir: str, site_url: str):
    """The real guide, built with the plugin's runtime and assets somewhere else."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "  - offer-guide-questionnaires\n"
    assert plugin in config, "mkdocs.yml changed: update this test"
    config = config.replace(
        plugin,
        "  - offer-guide-questionnaires:\n"
        f"      runtime_dir: {runtime_dir}\n"
        f"      assets_dir: {assets_dir}\n",
    )
    # Hooks are paths relative to the config file: point each at the project's.
    config = re.sub(r"^  - (build_tools/\S+\.py)$", lambda m: f"  - {ROOT / m[1]}", config,
                    flags=re.MULTILINE)  # fmt: skip
    assert str(ROOT / "build_tools" / "csp.py") in config
    (tmp_path / "mkdocs.yml").write_text(f"docs_dir: {ROOT / 'docs'}\n{config}", encoding="utf-8")
    site = tmp_path / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    command += ["--config-file", str(tmp_path / "mkdocs.yml"), "--site-dir", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True), site


@pytest.mark.e2e
def test_questionnaires_start_wherever_the_build_puts_the_engine(
    page: Page, tmp_path: Path
) -> None:
    server = make_server(tmp_path / "site", require_site=False)
    url = base_url(server)
    result, site = build_with_folders(tmp_path, "runtime/python", "static/forms/js", url)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((site / "runtime" / "python" / "runtime.json").read_text())
    assert (site / "runtime" / "python" / manifest["files"]["wasm"]["url"]).is_file()
    assert not (site / "pyodide").exists() and not (site / "assets" / "app").exists()
    start_in_thread(server)
    try:
        # Started from <head> on the home page...
        page.goto(url)
        wait_until_ready(page, "should-i-decline")
        # ...and by the page script after instant navigation from a reading page.
        page.goto(url + "about/")
        page.get_by_role("navigation", name="Navigation").get_by_role(
            "link", name="Look hard at the offer"
        ).first.click()
        wait_until_ready(page, "offer-check")
        # The service worker keeps the runtime from where the build put it.
        expect(page.locator("html")).to_have_attribute("data-offline", "ready", timeout=60_000)
    finally:
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------ the reader's plan


def test_the_plan_slot_is_found_outside_code_and_replaced_in_place() -> None:
    markdown = "# Plan\n\n<!-- my-plan -->\n\n```html\n<!-- my-plan -->\n```\n\nText.\n"
    assert find_plan_slots(markdown) == [3]
    replaced = with_plan_slot(markdown, "plan.md")
    assert (
        replaced
        == "# Plan\n\n<div data-plan-slot></div>\n"
        + markdown[len("# Plan\n\n<!-- my-plan -->\n") :]
    )
    assert with_plan_slot("# No plan here\n", "plan.md") is None


def test_the_plan_twice_on_a_page_fails_naming_page_and_line() -> None:
    with pytest.raises(PluginError, match=r"^plan\.md:5: the reader's plan appears twice"):
        with_plan_slot("# Plan\n\n<!-- my-plan -->\n\n<!-- my-plan -->\n", "plan.md")


class PlanCollector(HTMLParser):
    """The plan region's attributes, its buttons (and whether hidden), and its texts."""

    def __init__(self) -> None:
        super().__init__()
        self.region: dict[str, str | None] = {}
        self.buttons: list[str] = []
        self.hidden: list[dict[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "data-plan" in values:
            self.region = values
        if "hidden" in values:
            self.hidden.append(values)
        if tag == "button":
            self.buttons.append(values["data-plan-action"])

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_plan_region_is_a_static_frame_with_its_data() -> None:
    data = {
        "engine": {"runtime": "../pyodide/", "worker": "../w.js"},
        "questionnaires": [],
        "advice": {"A1": {"href": "../a/#x", "title": '<b>"Weigh"</b>', "page": "A"}},
    }
    collector = PlanCollector()
    collector.feed(render_plan(data))
    region = collector.region
    assert region["data-engine"] == "loading" and region["aria-label"] == "Your plan"
    assert json.loads(region["data-plan-data"]) == data
    assert collector.buttons == ["print", "share", "erase", "erase-confirm", "erase-cancel"]
    # Until the page script runs (and in the PDF booklet) no button shows.
    hidden = [item["class"] for item in collector.hidden]
    assert hidden == ["plan__actions", "plan__erase", "plan__confirm"]
    assert "<b>" not in render_plan(data)
    assert "needs JavaScript" in "".join(collector.text)


def test_page_titles_come_from_the_nav(tmp_path: Path) -> None:
    page = SimpleNamespace(title="Waiting on your first choice")
    file = SimpleNamespace(url="waiting/", page=page)
    files = SimpleNamespace(documentation_pages=lambda: [file])
    assert page_title(files, "waiting/") == "Waiting on your first choice"
    with pytest.raises(PluginError, match="no page with a title at 'gone/'"):
        page_title(files, "gone/")


def test_the_guide_builds_its_plan_page_with_addresses_from_the_build(built_site: Path) -> None:
    html = (built_site / "my-plan" / "index.html").read_text(encoding="utf-8")
    assert "<!-- my-plan -->" not in html and html.count("data-plan-data=") == 1
    start = html.index('data-plan-data="') + len('data-plan-data="')
    data = json.loads(unescape(html[start : html.index('"', start)]))
    worker = "../assets/app/engine/engine-worker.js"
    manifest = json.loads((built_site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))
    assert data["engine"] == {"runtime": "../pyodide/", "worker": worker, "manifest": manifest}
    assert [item["id"] for item in data["questionnaires"]] == [
        item["id"] for item in engine.list_questionnaires()
    ]
    assert data["questionnaires"][0]["href"] == "../#q-should-i-decline-title"
    assert data["advice"]["B3"] == {
        "href": "../waiting-on-your-first-choice/#can-you-afford-to-wait",
        "title": "Can you afford to wait?",
        "page": "Waiting on your first choice",
    }
    assert set(data["advice"]) == set(engine.ADVICE_IDS)


def test_every_page_that_starts_the_engine_names_the_runtime_of_its_build(
    built_site: Path,
) -> None:
    """The manifest is in the page (starter and questionnaire data), the same as runtime.json.

    The worker asks for the runtime's files at once; a page kept by the service
    worker names the files of its own build, whatever the network says.
    """
    manifest = json.loads((built_site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))
    for key, file in manifest["files"].items():
        assert (built_site / "pyodide" / file["url"]).stat().st_size == file["size"], key
    pages = 0
    for path in built_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if "data-questionnaire-data=" not in html:
            continue
        pages += 1
        if path.parent.name != "print_page":  # the PDF's source starts no engine
            starter = re.search(r'<script data-engine-runtime="[^"]*"[^>]*>', html)
            assert starter, path
            named = re.search(r'data-engine-manifest="([^"]*)"', starter.group(0))
            assert named and json.loads(unescape(named.group(1))) == manifest, path
        for data in re.findall(r'data-questionnaire-data="([^"]*)"', html):
            assert json.loads(unescape(data))["engine"]["manifest"] == manifest, path
    assert pages >= 5
