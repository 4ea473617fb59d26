"""A reader's steps in a questionnaire page, found by role and label from the engine's definition.

Shared by the browser tests and the bench, so both drive a form the way a
person does; Playwright is only needed by whoever passes the locators in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import engine

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page


def starts_with(text: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(text))


def form_of(page: Page, questionnaire: str) -> Locator:
    return page.locator(f'form[data-questionnaire="{questionnaire}"]')


def result_of(page: Page, questionnaire: str) -> Locator:
    return page.locator(f'[data-questionnaire-root="{questionnaire}"] [data-result]')


def question(questionnaire: str, question_id: str) -> dict:
    for item in engine.get_definition(questionnaire)["questions"]:
        if item["id"] == question_id:
            return item
    raise KeyError(question_id)


def control(form: Locator, questionnaire: str, question_id: str, value=None) -> Locator:
    """The control a reader uses for one answer: a labelled box, or an option in a group."""
    item = question(questionnaire, question_id)
    if not item.get("options"):
        return form.get_by_label(starts_with(item["label"]))
    group = form.get_by_role("group", name=starts_with(item["label"]))
    label = next(option["label"] for option in item["options"] if option["value"] == value)
    return group.get_by_label(label, exact=True)


def answer(form: Locator, questionnaire: str, answers: dict) -> None:
    for question_id, value in answers.items():
        item = question(questionnaire, question_id)
        if item.get("options"):
            for one in value if isinstance(value, list) else [value]:
                control(form, questionnaire, question_id, one).check()
        else:
            control(form, questionnaire, question_id).fill(str(value))
