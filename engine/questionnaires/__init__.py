"""Every questionnaire of the guide, each in one place: `<id>.json` and, beside it, its Python.

The definition (questions, outcomes, rules, wording) is data; the module named
after it (`should-i-decline` -> `should_i_decline.py`) holds only what that
questionnaire computes: its facts, documents and extra result fields.
"""

from __future__ import annotations

# The guide's order, declared once: the CLI, the plugin and the tests read it
# through engine.list_questionnaires().
ORDER: tuple[str, ...] = (
    "should-i-decline",
    "offer-check",
    "decline-plan",
    "follow-up-plan",
    "restructuring-risk",
)


def module_name(questionnaire_id: str) -> str:
    """The Python module beside a definition: hyphens become underscores."""
    return questionnaire_id.replace("-", "_")
