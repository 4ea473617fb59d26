"""Find questionnaire slots in a page's Markdown, with their line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

SLOT = re.compile(r"^<!--\s*questionnaire:\s*(?P<id>[^\s>]*)\s*-->\s*$")


@dataclass(frozen=True, slots=True)
class Slot:
    questionnaire: str
    line: int  # 1-based line of the slot in the page's Markdown


def find_slots(markdown: str) -> list[Slot]:
    """Every `<!-- questionnaire: ID -->` that stands as its own HTML block.

    markdown-it-py tells a real block from the same text inside a code fence
    or an inline span, and keeps each block's source lines.
    """
    slots = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type != "html_block" or token.map is None:
            continue
        for offset, text in enumerate(token.content.splitlines()):
            match = SLOT.match(text.strip())
            if match:
                slots.append(Slot(match["id"], token.map[0] + offset + 1))
    return slots


def placeholder(questionnaire: str) -> str:
    """What a slot becomes in the Markdown until the page's HTML exists."""
    return f'<div data-questionnaire-slot="{questionnaire}"></div>'


PLACEHOLDER = re.compile(r'<div data-questionnaire-slot="(?P<id>[^"]+)"></div>')


def replace_slot_lines(markdown: str, slots: list[Slot]) -> str:
    lines = markdown.splitlines(keepends=True)
    for slot in slots:
        index = slot.line - 1
        ending = "\n" if lines[index].endswith("\n") else ""
        lines[index] = placeholder(slot.questionnaire) + ending
    return "".join(lines)


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
