"""Render a questionnaire definition as a static, accessible form.

Without JavaScript the form is a worksheet a reader can print and fill in
by hand; the page script brings it to life with the engine. Everything here
comes from the engine's definition, so form, worksheet and engine agree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any

PRIVACY_NOTE = (
    "Your answers stay on this device: they are worked out in your browser "
    "and saved only in this browser's storage."
)
NO_SCRIPT_STATUS = (
    "This questionnaire needs JavaScript to give a recommendation. "
    "You can still print it and use it as a worksheet."
)


def _attrs(**values: Any) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{escape(str(value))}"')
    return (" " + " ".join(parts)) if parts else ""


def field_id(questionnaire: str, question: str, suffix: str = "") -> str:
    return f"q-{questionnaire}-{question}{suffix}"


def _help_and_error(questionnaire: str, question: Mapping[str, Any]) -> tuple[str, str]:
    """HTML of the help text and the (empty) error slot, and the describedby ids."""
    qid = question["id"]
    help_id = field_id(questionnaire, qid, "-help")
    error_id = field_id(questionnaire, qid, "-error")
    parts = []
    described = []
    if question.get("help"):
        parts.append(f'<p class="question__help" id="{help_id}">{escape(question["help"])}</p>')
        described.append(help_id)
    # The page script finds this slot through aria-describedby, so an error
    # it shows is always one a screen reader announces with the field.
    parts.append(f'<p class="question__error" id="{error_id}" data-field-error hidden></p>')
    described.append(error_id)
    return "".join(parts), " ".join(described)


def _optional(question: Mapping[str, Any]) -> str:
    if question.get("required") or "(optional)" in question["label"]:
        return ""
    return ' <span class="question__optional">(optional)</span>'


def _range_hint(question: Mapping[str, Any]) -> str:
    low, high = question.get("min"), question.get("max")
    unit = question.get("unit")
    if low is None or high is None:
        return ""
    text = f"{low} to {high}" + (f" {unit}" if unit else "")
    return f' <span class="question__range">({escape(text)})</span>'


def render_choices(questionnaire: str, question: Mapping[str, Any], multiple: bool) -> str:
    qid = question["id"]
    extra, described = _help_and_error(questionnaire, question)
    kind = "checkbox" if multiple else "radio"
    options = []
    for index, option in enumerate(question["options"]):
        input_id = field_id(questionnaire, qid, f"-{index}")
        options.append(
            f'<label class="question__option" for="{input_id}">'
            f"<input{_attrs(type=kind, id=input_id, name=qid, value=option['value'])}>"
            f" <span>{escape(str(option['label']))}</span></label>"
        )
    return (
        f'<fieldset class="question question--{kind}" data-question="{escape(qid)}"'
        f' aria-describedby="{described}">'
        f"<legend>{escape(question['label'])}{_optional(question)}</legend>"
        f"{extra}"
        f'<div class="question__options">{"".join(options)}</div>'
        f"</fieldset>"
    )


def render_input(questionnaire: str, question: Mapping[str, Any]) -> str:
    qid = question["id"]
    kind = question["type"]
    input_id = field_id(questionnaire, qid)
    extra, described = _help_and_error(questionnaire, question)
    common = {"id": input_id, "name": qid, "aria_describedby": described}
    if kind in ("integer", "number"):
        # Text with a numeric keyboard, not type=number: the browser would
        # silently blank what it cannot parse, and the reader deserves the
        # engine's explanation instead of a lost answer.
        keyboard = "decimal" if kind == "number" else "numeric"
        attributes = _attrs(type="text", inputmode=keyboard, autocomplete="off", **common)
        control = f"<input{attributes}>"
        if question.get("unit"):
            control += f' <span class="question__unit">{escape(question["unit"])}</span>'
        label_extra = _range_hint(question)
    elif kind == "date":
        control = f"<input{_attrs(type='date', **common)}>"
        # What a browser without a date picker needs; the page script says
        # the format the picker shows instead, where there is one.
        label_extra = ' <span class="question__range" data-date-format>(YYYY-MM-DD)</span>'
    elif kind == "text":
        length = question.get("max_length")
        if question.get("multiline"):
            control = f"<textarea{_attrs(rows=4, maxlength=length, **common)}></textarea>"
        else:
            control = f"<input{_attrs(type='text', maxlength=length, **common)}>"
        label_extra = ""
    else:
        raise ValueError(f"{questionnaire}: question {qid!r} has an unknown type {kind!r}")
    return (
        f'<div class="question question--{kind}" data-question="{escape(qid)}">'
        f'<label class="question__label" for="{input_id}">{escape(question["label"])}'
        f"{label_extra}{_optional(question)}</label>"
        f"{extra}"
        f'<div class="question__control">{control}</div>'
        f'<div class="question__write-in" aria-hidden="true"></div>'
        f"</div>"
    )


def render_question(questionnaire: str, question: Mapping[str, Any]) -> str:
    kind = question["type"]
    if kind == "choice" or (kind in ("integer", "number") and question.get("options")):
        return render_choices(questionnaire, question, multiple=False)
    if kind == "multichoice":
        return render_choices(questionnaire, question, multiple=True)
    return render_input(questionnaire, question)


def _grouped(questionnaire: str, questions: list[Mapping[str, Any]]) -> str:
    """Questions in order, consecutive ones sharing a `group` under one heading."""
    html = []
    current = None
    for question in questions:
        group = question.get("group")
        if group != current:
            if current is not None:
                html.append("</div>")
            if group is not None:
                html.append(
                    f'<div class="questionnaire__group"><p class="questionnaire__group-title">'
                    f"{escape(group)}</p>"
                )
            current = group
        html.append(render_question(questionnaire, question))
    if current is not None:
        html.append("</div>")
    return "".join(html)


def json_attribute(value: Any) -> str:
    """JSON for a data attribute (escaped for HTML, decoded by getAttribute)."""
    return escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")), quote=True)


def render_questionnaire(
    definition: Mapping[str, Any],
    advice_links: Mapping[str, Mapping[str, str]],
    engine_addresses: Mapping[str, Any] | None = None,
    guide: Mapping[str, Any] | None = None,
) -> str:
    """The whole block: form, result region, reading rules, and the embedded data.

    ``engine_addresses`` are the runtime folder's and the worker's URLs,
    relative to the page, as the build knows them, and the runtime's
    manifest. ``guide`` is what the page
    needs to know of the rest of the guide: where each questionnaire lives
    (``pages``) and which questions share a fact (``shares``).
    """
    qid = definition["id"]
    title_id = field_id(qid, "title")
    rules = "".join(f"<li>{escape(rule)}</li>" for rule in definition.get("how_to_read", []))
    data = {
        "definition": definition,
        "advice": dict(advice_links),
        "engine": dict(engine_addresses or {}),
        **dict(guide or {}),
    }
    return (
        # The definition travels as a data attribute, not a JSON <script>:
        # Material's instant navigation re-runs every inline script in the
        # page body as JavaScript, whatever its type.
        f'<div class="questionnaire" data-questionnaire-root="{escape(qid)}" '
        f'data-questionnaire-data="{json_attribute(data)}">'
        f'<form class="questionnaire__form" data-questionnaire="{escape(qid)}" '
        f'data-engine="loading" aria-labelledby="{title_id}" novalidate>'
        f'<p class="questionnaire__title" id="{title_id}">{escape(definition["title"])}</p>'
        f'<p class="questionnaire__intro">{escape(definition.get("intro", ""))}</p>'
        f'<p class="questionnaire__privacy">{escape(PRIVACY_NOTE)}</p>'
        f"{_grouped(qid, definition['questions'])}"
        f'<div class="questionnaire__actions" hidden>'
        f'<button type="button" class="md-button" data-action="share">'
        f"Copy a link with my answers</button>"
        f'<button type="button" class="md-button" data-action="print">'
        f"Print or save my plan</button>"
        f'<button type="button" class="md-button" data-action="erase">Erase my answers</button>'
        f'<p class="questionnaire__notice" data-notice role="status"></p>'
        f"</div>"
        # Last in the form, right above the result region, where the reader
        # looks for their result: the engine's progress, or why it failed.
        f'<p class="questionnaire__status" data-engine-status role="status">'
        f"{escape(NO_SCRIPT_STATUS)}</p>"
        f"</form>"
        f'<section class="questionnaire__result" data-result aria-live="polite" '
        f'aria-label="Your result: {escape(definition["title"])}">'
        f'<p class="questionnaire__placeholder">Your recommendation appears here as you answer.</p>'
        f"</section>"
        f'<div class="questionnaire__rules"><p class="questionnaire__rules-title">'
        f"How to read your answers</p><ul>{rules}</ul></div>"
        f"</div>"
    )
