"""MkDocs handlers: guard, then call the pure functions in slots/render/runtime."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import yaml
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import engine

from .config import QuestionnairesConfig
from .plan_page import render_plan
from .render import field_id, render_questionnaire
from .runtime import RuntimeSetupError, engine_runtime, install_runtime, runtime_manifest
from .slots import (
    PLACEHOLDER,
    PLAN_PLACEHOLDER,
    PLAN_PLACEHOLDER_HTML,
    Slot,
    find_plan_slots,
    find_slots,
    heading_anchors,
    replace_lines,
    replace_slot_lines,
)

log = get_plugin_logger(__name__)
PROJECT = Path(__file__).resolve().parents[2]
# The reader's app: the parts of web/ this plugin puts into the site, each
# folder kept whole under assets_dir (the modules import each other by
# relative paths, as they do in web/).
WEB = PROJECT / "web"
APP_FOLDERS = ("engine", "questionnaires", "plan")
# Inlined in each questionnaire page (see on_post_page), not copied into the site.
STARTER = "engine/engine-start.js"
# The messages and Pyodide's options, shared by the page, the worker and the build.
CONTRACT = "engine/contract.js"
# Module scripts on every page, and styles; classic scripts (run on every page).
PAGE_MODULES = ("questionnaires/questionnaire.js", "plan/plan-page.js")
PAGE_STYLES = ("questionnaires/questionnaire.css", "plan/plan-page.css")
PAGE_SCRIPTS = ("questionnaires/result-jump.js",)


def load_advice_map(path: Path) -> dict[str, str]:
    """`ID: page.md#anchor` lines, checked against the engine's advice IDs."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"questionnaires: cannot read the advice map {path}: {error}") from None
    if not isinstance(data, dict):
        raise PluginError(f"questionnaires: {path} must map advice IDs to page.md#anchor")
    unknown = sorted(set(data) - set(engine.ADVICE_IDS))
    if unknown:
        raise PluginError(f"questionnaires: {path} names unknown advice IDs: {unknown}")
    return {str(key): str(value) for key, value in data.items()}


def _module_body(path: Path) -> str:
    """A module's code without its opening comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and lines[0].startswith("//"):
        lines.pop(0)
    return "\n".join(lines).strip()


def engine_starter() -> str:
    """engine-start.js and the contract it imports, as one classic script to inline.

    The starter must run as the parser reads it, so it cannot be a module
    that fetches its import: the contract (only `export const` and `export
    function`, no imports of its own) is put in its place, its names kept in
    the scope of a function of its own, so the message types are still defined once.
    """
    exported = re.compile(r"^export (?=const |function )", re.MULTILINE)
    contract = exported.sub("", _module_body(WEB / CONTRACT))
    starter, imported = re.subn(
        r'^import \{[^}]*\} from "\./contract\.js";\n', "", _module_body(WEB / STARTER),
        flags=re.MULTILINE,
    )  # fmt: skip
    leftover = re.search(r"^\s*(import|export)\b", f"{contract}\n{starter}", re.MULTILINE)
    if imported != 1 or leftover:
        raise PluginError(
            f"questionnaires: {STARTER} cannot be inlined: it must import only from "
            f"./contract.js, once, and {CONTRACT} must only export const and function"
        )
    code = f"(() => {{\n{contract}\n{starter.strip()}\n}})();"
    if "</script" in code.lower():
        raise PluginError(f"questionnaires: {STARTER} cannot be inlined: it contains </script")
    return code


def app_files() -> list[Path]:
    """The files of web/'s app folders the site serves: not the inlined starter, nor tests."""
    return [
        path
        for folder in APP_FOLDERS
        for path in sorted((WEB / folder).rglob("*"))
        if path.is_file()
        and path.relative_to(WEB).as_posix() != STARTER
        and not path.name.endswith(".test.mjs")
    ]


def insert_in_head(html: str, tag: str) -> str:
    """Put ``tag`` first in <head>, right after the charset, so it is fetched first."""
    match = re.search(r"<meta charset=[^>]*>", html) or re.search(r"<head[^>]*>", html)
    if match is None:
        raise PluginError("questionnaires: the theme's page has no <head>")
    return html[: match.end()] + tag + html[match.end() :]


def resolve_advice_sections(
    advice_map: dict[str, str], files: Files
) -> dict[str, tuple[str, str, str]]:
    """Each advice ID's (page URL, anchor, heading text), reading each page's source once."""
    anchors_by_path: dict[str, dict[str, str]] = {}
    sections = {}
    for advice, target in advice_map.items():
        path, _, anchor = target.partition("#")
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"questionnaires: advice map: {advice} points at missing {path}")
        if path not in anchors_by_path:
            anchors_by_path[path] = heading_anchors(file.content_string)
        title = anchors_by_path[path].get(anchor)
        if title is None:
            raise PluginError(
                f"questionnaires: advice map: {advice} points at {target}, but no heading "
                f"in {path} sets {{#{anchor}}}"
            )
        sections[advice] = (file.url, anchor, title)
    return sections


def with_plan_slot(markdown: str, where: str) -> str | None:
    """The page's `<!-- my-plan -->` replaced by its placeholder; None if it has none."""
    lines = find_plan_slots(markdown)
    if not lines:
        return None
    if len(lines) > 1:
        raise PluginError(f"{where}:{lines[1]}: the reader's plan appears twice on this page")
    return replace_lines(markdown, {lines[0]: PLAN_PLACEHOLDER_HTML})


def page_title(files: Files, url: str) -> str:
    """A page's title as the nav shows it (the build has read every page's title by now)."""
    for file in files.documentation_pages():
        if file.url == url and file.page is not None and file.page.title:
            return str(file.page.title)
    raise PluginError(f"questionnaires: no page with a title at {url!r}")


def find_questionnaire_homes(files: Files) -> dict[str, str]:
    """Each questionnaire's page URL, from the slots in the guide's Markdown."""
    homes = {}
    for file in files.documentation_pages():
        for slot in find_slots(file.content_string):
            homes[slot.questionnaire] = file.url
    return homes


def shared_facts() -> dict[str, list[dict[str, str]]]:
    """For each shared fact, the questions that share it: a value typed once is
    offered in the others (the page never overwrites what the reader typed)."""
    shares: dict[str, list[dict[str, str]]] = {}
    for item in engine.list_questionnaires():
        definition = engine.get_definition(item["id"])
        for question in definition["questions"]:
            if question.get("shares"):
                shares.setdefault(question["shares"], []).append(
                    {
                        "questionnaire": item["id"],
                        "question": question["id"],
                        "title": item["title"],
                    }  # fmt: skip
                )
    return shares


def answer_versions() -> dict[str, dict]:
    """Each questionnaire's version and how older answers move forward: every
    page that reads saved answers moves them to this release (versions.js)."""
    versions = {}
    for item in engine.list_questionnaires():
        definition = engine.get_definition(item["id"])
        versions[item["id"]] = {"version": definition["version"], "moves": definition["moves"]}
    return versions


class QuestionnairesPlugin(BasePlugin[QuestionnairesConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.slots: dict[str, list[Slot]] = {}
        # Pages (src_uri) that hold the reader's plan.
        self.plan_pages: set[str] = set()
        self.advice_map: dict[str, str] = {}
        # (page URL, anchor, heading text) per advice ID, found once per build.
        self.advice_sections: dict[str, tuple[str, str, str]] | None = None
        # The page URL of each questionnaire's slot, found once per build.
        self.questionnaire_homes: dict[str, str] | None = None
        # (built runtime folder, its manifest), made once per build on first use.
        self.runtime: tuple[Path, dict] | None = None
        if not self.config.enabled:
            return None
        self.advice_map = load_advice_map(Path(config.docs_dir) / self.config.advice_map)
        base = self.config.assets_dir
        config.extra_css.extend(f"{base}/{name}" for name in PAGE_STYLES)
        config.extra_javascript.extend(f"{base}/{name}" for name in PAGE_SCRIPTS)
        for name in PAGE_MODULES:
            script = ExtraScriptValue(f"{base}/{name}")
            script.type = "module"
            config.extra_javascript.append(script)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for asset in app_files():
            name = asset.relative_to(WEB).as_posix()
            files.append(
                File.generated(config, f"{self.config.assets_dir}/{name}", abs_src_path=str(asset))
            )
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        with_plan = with_plan_slot(markdown, page.file.src_uri)
        if with_plan is not None:
            self.plan_pages.add(page.file.src_uri)
            markdown = with_plan
        slots = find_slots(markdown)
        if not slots:
            return markdown
        known = {item["id"] for item in engine.list_questionnaires()}
        seen: set[str] = set()
        for slot in slots:
            where = f"{page.file.src_uri}:{slot.line}"
            if slot.questionnaire not in known:
                raise PluginError(
                    f"{where}: unknown questionnaire {slot.questionnaire!r}; "
                    f"expected one of: {sorted(known)}"
                )
            if slot.questionnaire in seen:
                raise PluginError(f"{where}: questionnaire {slot.questionnaire!r} appears twice")
            seen.add(slot.questionnaire)
            try:
                engine.get_definition(slot.questionnaire)
            except engine.QuestionnaireError as error:
                raise PluginError(f"{where}: invalid questionnaire definition: {error}") from None
        self.slots[page.file.src_uri] = slots
        return replace_slot_lines(markdown, slots)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if page.file.src_uri in self.plan_pages:
            html = PLAN_PLACEHOLDER.sub(lambda _: render_plan(self._plan_data(page, files)), html)
        if page.file.src_uri not in self.slots:
            return html
        links = self._advice_links(page, files)

        addresses = self._engine_addresses(page)
        guide = {
            "pages": self._questionnaire_pages(page, files),
            "shares": shared_facts(),
            "versions": answer_versions(),
        }

        def render(match) -> str:
            definition = engine.get_definition(match["id"])
            return render_questionnaire(definition, links, addresses, guide)

        return PLACEHOLDER.sub(render, html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Start the engine's worker from <head> on pages that have a questionnaire.

        The starter is inline, first in <head>: it runs as the parser reads it,
        before any stylesheet or script is even fetched. As a file, even an
        async one, it waited for the main thread, 250-600 ms into a first visit
        here. The Content-Security-Policy allows it by its hash (csp.py).
        """
        if page.file.src_uri not in self.slots:
            return None
        client = get_relative_url(f"{self.config.assets_dir}/engine/engine-client.js", page.url)
        addresses = self._engine_addresses(page)
        manifest = json.dumps(addresses.get("manifest"), separators=(",", ":"))
        tags = (
            f'<script data-engine-runtime="{escape(addresses["runtime"])}" '
            f'data-engine-worker="{escape(addresses["worker"])}" '
            f'data-engine-manifest="{escape(manifest)}">{engine_starter()}</script>'
            f'<link rel="modulepreload" href="{escape(client)}">'
        )
        return insert_in_head(output, tags)

    def _engine_addresses(self, page: Page) -> dict[str, object]:
        """Where the engine's runtime folder and worker script are, from this page; the runtime.

        The page scripts read these instead of guessing, so `runtime_dir` and
        `assets_dir` can be anything (Material hands its search worker's URL
        to the page the same way). The runtime's manifest comes with them: the
        worker asks for its files at once, with no round trip for a manifest,
        and a page kept by the service worker names the files of its own build.
        """
        worker = f"{self.config.assets_dir}/engine/engine-worker.js"
        addresses: dict[str, object] = {
            "runtime": get_relative_url(f"{self.config.runtime_dir.strip('/')}/", page.url),
            "worker": get_relative_url(worker, page.url),
        }
        if self.config.runtime:
            addresses["manifest"] = self._runtime()[1]
        return addresses

    def _runtime(self) -> tuple[Path, dict]:
        """The engine's runtime for this build (built or taken from .cache/), and its manifest."""
        if self.runtime is None:
            try:
                pyodide_dir = PROJECT / self.config.pyodide_dir
                cache = PROJECT / ".cache" / "engine-runtime"
                built = engine_runtime(PROJECT, pyodide_dir, cache)
                self.runtime = (built, runtime_manifest(pyodide_dir, built))
            except RuntimeSetupError as error:
                raise PluginError(f"questionnaires: {error}") from None
        return self.runtime

    def _questionnaire_pages(self, page: Page, files: Files) -> dict[str, dict[str, str]]:
        """Where each questionnaire lives, from this page: for "what comes next" links."""
        if self.questionnaire_homes is None:
            self.questionnaire_homes = find_questionnaire_homes(files)
        titles = {item["id"]: item["title"] for item in engine.list_questionnaires()}
        return {
            qid: {
                "href": f"{get_relative_url(url, page.url)}#{field_id(qid, 'title')}",
                "title": titles[qid],
            }
            for qid, url in self.questionnaire_homes.items()
        }

    def _advice_links(self, page: Page, files: Files) -> dict[str, dict[str, str]]:
        """Each advice ID's section: its URL from this page, and its heading's text."""
        if self.advice_sections is None:
            self.advice_sections = resolve_advice_sections(self.advice_map, files)
        links = {}
        for advice, (page_url, anchor, title) in self.advice_sections.items():
            url = get_relative_url(page_url, page.url)
            links[advice] = {"href": f"{url}#{anchor}", "title": title}
        return links

    def _plan_data(self, page: Page, files: Files) -> dict:
        """What the plan's page script needs of the guide, from this page."""
        pages = self._questionnaire_pages(page, files)
        advice = self._advice_links(page, files)
        for advice_id, (page_url, _, _) in self.advice_sections.items():
            advice[advice_id]["page"] = page_title(files, page_url)
        return {
            "engine": self._engine_addresses(page),
            "questionnaires": [
                {**item, "href": pages.get(item["id"], {}).get("href")}
                for item in engine.list_questionnaires()
            ],
            "advice": advice,
            # The plan lays each fact carried over (never saved) beside the answers.
            "shares": shared_facts(),
            "versions": answer_versions(),
        }

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not (self.config.enabled and self.config.runtime and self.slots):
            return
        built, manifest = self._runtime()
        destination = Path(config.site_dir) / self.config.runtime_dir
        install_runtime(PROJECT / self.config.pyodide_dir, built, destination, manifest)
        size = sum(entry["size"] for entry in manifest["files"].values())
        log.info(
            "Engine runtime written: Python %s, %d library modules, %.1f MB",
            manifest["python"],
            manifest["modules"],
            size / 1e6,
        )
