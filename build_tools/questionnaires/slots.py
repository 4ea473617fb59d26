"""Find the slots in a page's Markdown (questionnaires, the reader's plan), with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

SLOT = re.compile(r"^<!--\s*questionnaire:\s*(?P<id>[^\s>]*)\s*-->\s*$")
PLAN_SLOT = re.compile(r"^<!--\s*my-plan\s*-->\s*$")


@dataclass(frozen=True, slots=True)
class Slot:
    questionnaire: str
    line: int  # 1-based line of the slot in the page's Markdown


def _html_block_lines(markdown: str):
    """(1-based line, text) of every line of every HTML block.

    markdown-it-py tells a real block from the same text inside a code fence
    or an inline span, and keeps each block's source lines.
    """
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type != "html_block" or token.map is None:
            continue
        for offset, text in enumerate(token.content.splitlines()):
            yield token.map[0] + offset + 1, text.strip()


def find_slots(markdown: str) -> list[Slot]:
    """Every `<!-- questionnaire: ID -->` that stands as its own HTML block."""
    slots = []
    for line, text in _html_block_lines(markdown):
        match = SLOT.match(text)
        if match:
            slots.append(Slot(match["id"], line))
    return slots


def find_plan_slots(markdown: str) -> list[int]:
    """The lines of every `<!-- my-plan -->` that stands as its own HTML block."""
    return [line for line, text in _html_block_lines(markdown) if PLAN_SLOT.match(text)]


def placeholder(questionnaire: str) -> str:
    """What a slot becomes in the Markdown until the page's HTML exists."""
    return f'<div data-questionnaire-slot="{questionnaire}"></div>'


PLACEHOLDER = re.compile(r'<div data-questionnaire-slot="(?P<id>[^"]+)"></div>')


PLAN_PLACEHOLDER_HTML = "<div data-plan-slot></div>"
PLAN_PLACEHOLDER = re.compile(re.escape(PLAN_PLACEHOLDER_HTML))


def replace_lines(markdown: str, replacements: dict[int, str]) -> str:
    """Each given 1-based line replaced by its text, line endings kept."""
    lines = markdown.splitlines(keepends=True)
    for line, text in replacements.items():
        ending = "\n" if lines[line - 1].endswith("\n") else ""
        lines[line - 1] = text + ending
    return "".join(lines)


def replace_slot_lines(markdown: str, slots: list[Slot]) -> str:
    return replace_lines(markdown, {slot.line: placeholder(slot.questionnaire) for slot in slots})


EXPLICIT_ANCHOR = re.compile(r"^(?P<title>.*?)\s*\{[^}]*#(?P<anchor>[\w.-]+)[^}]*\}\s*$")


def heading_anchors(markdown: str) -> dict[str, str]:
    """Headings that set their anchor with attr_list (`## Title {#anchor}`): anchor -> title."""
    anchors = {}
    tokens = MarkdownIt("commonmark").parse(markdown)
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if opening.type == "heading_open" and inline.type == "inline":
            match = EXPLICIT_ANCHOR.match(inline.content)
            if match:
                anchors[match["anchor"]] = match["title"]
    return anchors
