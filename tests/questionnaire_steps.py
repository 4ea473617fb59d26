"""Steps a reader takes in a questionnaire (build_tools.reader), and waiting on the engine."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from build_tools.reader import answer, control, form_of, question, result_of, starts_with

__all__ = [
    "ENGINE_START_TIMEOUT_MS",
    "answer",
    "control",
    "form_of",
    "question",
    "result_of",
    "starts_with",
    "wait_until_ready",
]

ENGINE_START_TIMEOUT_MS = 90_000


def wait_until_ready(page: Page, questionnaire: str) -> Locator:
    form = form_of(page, questionnaire)
    expect(form).to_have_attribute("data-engine", "ready", timeout=ENGINE_START_TIMEOUT_MS)
    return form
