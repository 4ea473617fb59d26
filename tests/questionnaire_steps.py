"""Steps a reader takes in a questionnaire (bench/reader.py), and waiting on the engine."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from bench.reader import answer, control, form_of, question, result_of, starts_with

__all__ = [
    "ANSWERS_OF",
    "ENGINE_START_TIMEOUT_MS",
    "OFFER_CHECK_BOTH_RATED",
    "answer",
    "control",
    "form_of",
    "question",
    "result_of",
    "starts_with",
    "wait_until_ready",
]

ENGINE_START_TIMEOUT_MS = 90_000
# A JavaScript function: the answers a stored questionnaire record keeps. Pages save
# {version, answers, aside} (answers.js); a record from before versions is the answers.
ANSWERS_OF = (
    "((text) => { const v = JSON.parse(text);"
    " return v && Number.isInteger(v.version) && v.answers ? v.answers : v; })"
)
# The offer check answered in full, with the first choice rated on every factor
# too: its result shows the six-column score table and one homework item done.
OFFER_FACTORS = ("role", "pay", "manager", "growth", "location", "stability", "culture")
OFFER_CHECK_BOTH_RATED = {
    **{
        f"{factor}_{part}": value
        for factor in OFFER_FACTORS
        for part, value in (("importance", 2), ("offer", 3), ("first_choice", 4))
    },
    "homework": ["met_team"],
}


def wait_until_ready(page: Page, questionnaire: str) -> Locator:
    form = form_of(page, questionnaire)
    expect(form).to_have_attribute("data-engine", "ready", timeout=ENGINE_START_TIMEOUT_MS)
    return form
