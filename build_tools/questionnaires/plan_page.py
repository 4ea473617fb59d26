"""Render the reader's plan ("My plan") as a static frame that the page script fills.

The plan itself is made in the browser, from the answers saved on that device,
so the build writes only the frame: a status line, the buttons (hidden until
the script runs), the erase confirmation, and the guide's addresses the script
needs as data. Without JavaScript, and in the PDF booklet, the frame says why
it is empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from .render import json_attribute

NO_SCRIPT_STATUS = (
    "Your plan is put together in your browser from the answers saved on this device, "
    "so it needs JavaScript."
)
ERASE_QUESTION = (
    "Erase everything this guide saved in this browser: every answer, and with them your "
    "plan, its dates and drafts, and the ticks in its checklists? This can't be undone."
)
CONFIRM_ID = "plan-erase-confirm"


def _button(action: str, label: str, **extra: str) -> str:
    attributes = "".join(
        f' {name.replace("_", "-")}="{escape(value)}"' for name, value in extra.items()
    )
    return (
        f'<button type="button" class="md-button" data-plan-action="{action}"{attributes}>'
        f"{escape(label)}</button>"
    )


def render_plan(data: Mapping[str, Any]) -> str:
    """The plan's region. ``data`` is what the page script needs of the guide:
    the engine's addresses (``engine``), every questionnaire in the guide's
    order with its page (``questionnaires``), and each advice ID's section
    (``advice``: href, heading and page title), all relative to this page,
    and which questions share a fact (``shares``, as on questionnaire pages).
    """
    return (
        f'<section class="plan" data-plan data-engine="loading" aria-label="Your plan" '
        f'data-plan-data="{json_attribute(dict(data))}">'
        f'<p class="plan__status" data-plan-status role="status">{escape(NO_SCRIPT_STATUS)}</p>'
        f'<div class="plan__actions" data-plan-actions hidden>'
        f"{_button('print', 'Print or save my plan')} "
        f"{_button('share', 'Copy a link with my whole plan')}"
        f"</div>"
        f'<div class="plan__content" data-plan-content></div>'
        f'<div class="plan__erase" data-plan-erase hidden>'
        f"{_button('erase', 'Erase everything', aria_expanded='false', aria_controls=CONFIRM_ID)}"
        f'<div class="plan__confirm" id="{CONFIRM_ID}" role="group" '
        f'aria-labelledby="{CONFIRM_ID}-question" hidden>'
        f'<p id="{CONFIRM_ID}-question">{escape(ERASE_QUESTION)}</p>'
        f"{_button('erase-confirm', 'Yes, erase it all')} "
        f"{_button('erase-cancel', 'No, keep my answers')}"
        f"</div>"
        f"</div>"
        f"</section>"
    )
