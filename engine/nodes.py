"""The definition's node-level checks: closed key sets, IDs, texts, advice and questions.

engine/schema.py runs these section by section; each failure names the path
(`questions[2].options[0].value`), what was expected and what was received.
"""

from __future__ import annotations

import re

from .advice import ADVICE_IDS
from .errors import InvalidDefinition
from .model import Option, Question

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Closed key sets per node kind: (required, optional).
DEFINITION_KEYS = (
    frozenset({"id", "title", "intro", "questions", "outcomes", "rules", "how_to_read"}),
    frozenset(
        {
            "facts",
            "reasons",
            "against",
            "flags",
            "actions",
            "next",
            "changes",
            "no_outcome",
            "version",
            "moves",
        }
    ),
)
# Editors may point a definition at its JSON Schema; the engine ignores the key.
EDITOR_KEYS = frozenset({"$schema"})
QUESTION_KEYS = (
    frozenset({"id", "type", "label", "required"}),
    frozenset({"help", "group", "shares"}),
)
TYPE_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "integer": (frozenset({"min", "max"}), frozenset({"step", "unit", "options"})),
    "number": (frozenset({"min", "max"}), frozenset({"step", "unit"})),
    "choice": (frozenset({"options"}), frozenset()),
    "multichoice": (frozenset({"options"}), frozenset()),
    "text": (frozenset({"max_length"}), frozenset({"multiline"})),
    "date": (frozenset({"min", "max"}), frozenset()),
}
OPTION_KEYS = (frozenset({"value", "label"}), frozenset())
FACT_KEYS = (frozenset({"id", "text"}), frozenset())
OUTCOME_KEYS = (frozenset({"id", "title", "summary", "advice", "as_change"}), frozenset())
RULE_KEYS = (frozenset({"outcome"}), frozenset({"when", "note"}))
REASON_KEYS = (frozenset({"text", "advice"}), frozenset({"when", "outcomes"}))
FLAG_KEYS = (frozenset({"id", "text", "advice", "when"}), frozenset())
ACTION_KEYS = (frozenset({"text", "advice"}), frozenset({"when", "outcomes"}))
# "What comes next": a link to the questionnaire that naturally follows a result.
NEXT_KEYS = (frozenset({"text", "questionnaire"}), frozenset({"when", "outcomes"}))
CHANGE_KEYS = (
    frozenset({"question", "value", "text"}),
    frozenset({"direction", "outcomes", "from", "at_least", "to"}),
)
# Placeholders an action may use beyond questions and facts: the outcome the
# answers would give if the chosen one were not open (no more time given).
ACTION_EXTRA_NAMES = frozenset({"fallback"})
# How saved answers move forward a version: questions renamed (old ID: new),
# option values renamed per question, questions removed (with the label the
# reader saw, so an answer set aside can still be named).
MOVE_KEYS = (frozenset({"to"}), frozenset({"questions", "values", "removed"}))
REMOVED_KEYS = (frozenset({"id", "label"}), frozenset())
NO_OUTCOME_KEYS = (frozenset({"title", "summary"}), frozenset())
NO_OUTCOME_DEFAULT = {"title": "Not enough answers yet",
                      "summary": "Answer the questions to see a result."}  # fmt: skip

# Facts a question may share with other questionnaires: a value typed once is
# offered in every questionnaire whose question shares the same name.
SHARED_FACTS = frozenset({
    "your_name", "runway_months", "current_job", "offer_company", "offer_contact",
    "first_choice_company", "first_choice_contact", "offer_deadline_days", "decision_weeks",
})  # fmt: skip

_ID = re.compile(r"[a-z][a-z0-9_]*")
QUESTIONNAIRE_ID = re.compile(r"[a-z][a-z0-9-]*")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class NodeParser:
    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, path: str, problem: str) -> InvalidDefinition:
        return InvalidDefinition(self.name, path, problem)

    def keys(self, node: Any, path: str, keys: tuple[frozenset[str], frozenset[str]]) -> dict:
        required, optional = keys
        if not isinstance(node, dict):
            raise self.fail(path, f"expected an object but received: {type(node).__name__}")
        allowed = required | optional
        for key in node:
            if key not in allowed:
                raise self.fail(path, f"unknown key {key!r}; expected only {sorted(allowed)}")
        for key in sorted(required):
            if key not in node:
                raise self.fail(path, f"missing required key {key!r}")
        return node

    def text(self, node: dict, key: str, path: str, optional: bool = False) -> str | None:
        value = node.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{path}.{key}", f"expected non-empty text but received: {value!r}")
        return value

    def ident(self, node: dict, key: str, path: str, seen: set[str], what: str) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise self.fail(
                f"{path}.{key}", f"expected an ID like 'runway_months' but received: {value!r}"
            )
        if value in seen:
            raise self.fail(f"{path}.{key}", f"duplicate {what} ID {value!r}")
        seen.add(value)
        return value

    def items(self, data: dict, key: str, path: str, required: bool = True) -> list:
        value = data.get(key, None if required else [])
        if not isinstance(value, list) or (required and not value):
            raise self.fail(f"{path}{key}", f"expected a non-empty list but received: {value!r}")
        return value

    def advice(self, node: dict, path: str) -> tuple[str, ...]:
        value = node.get("advice")
        if not isinstance(value, list):
            raise self.fail(f"{path}.advice", f"expected a list of advice IDs but received: "
                            f"{value!r}")  # fmt: skip
        for i, advice_id in enumerate(value):
            if advice_id not in ADVICE_IDS:
                raise self.fail(
                    f"{path}.advice[{i}]",
                    f"unknown advice ID {advice_id!r}; expected one of {list(ADVICE_IDS)}",
                )
        return tuple(value)

    def template(self, text: str, path: str, names: frozenset[str]) -> str:
        for name in _PLACEHOLDER.findall(text):
            if name not in names:
                raise self.fail(
                    path, f"unknown placeholder {{{name}}}; expected one of {sorted(names)}"
                )
        return text


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def parse_question(p: NodeParser, node: Any, path: str, seen: set[str]) -> Question:
    if isinstance(node, dict) and node.get("type") not in TYPE_KEYS:
        raise p.fail(
            f"{path}.type",
            f"expected one of {sorted(TYPE_KEYS)} but received: {node.get('type')!r}",
        )
    kind = node["type"] if isinstance(node, dict) else None
    required, optional = TYPE_KEYS.get(kind, (frozenset(), frozenset()))
    p.keys(node, path, (QUESTION_KEYS[0] | required, QUESTION_KEYS[1] | optional))
    question_id = p.ident(node, "id", path, seen, "question")
    if not isinstance(node["required"], bool):
        raise p.fail(f"{path}.required", f"expected true or false but received: "
                     f"{node['required']!r}")  # fmt: skip
    fields: dict[str, Any] = {}
    if kind in ("integer", "number"):
        low, high = node["min"], node["max"]
        integral = kind == "integer"
        for key, value in (("min", low), ("max", high)):
            if not _number(value) or (integral and not isinstance(value, int)):
                raise p.fail(f"{path}.{key}", f"expected a number but received: {value!r}")
        if low > high:
            raise p.fail(f"{path}.max", f"expected a number of at least {low} but received: "
                         f"{high!r}")  # fmt: skip
        step = node.get("step")
        if step is not None and (not _number(step) or step <= 0):
            raise p.fail(f"{path}.step", f"expected a positive number but received: {step!r}")
        unit = p.text(node, "unit", path, optional=True)
        fields.update(minimum=low, maximum=high, step=step, unit=unit)
    if kind == "date":
        for key in ("min", "max"):
            if not isinstance(node[key], str) or not _DATE.fullmatch(node[key]):
                raise p.fail(f"{path}.{key}", f"expected a date as YYYY-MM-DD but received: "
                             f"{node[key]!r}")  # fmt: skip
        fields.update(minimum=node["min"], maximum=node["max"])
    if "options" in node:
        options = p.items(node, "options", f"{path}.")
        values: set[Any] = set()
        parsed = []
        for i, option_node in enumerate(options):
            where = f"{path}.options[{i}]"
            p.keys(option_node, where, OPTION_KEYS)
            value = option_node["value"]
            if kind == "integer":
                ok = isinstance(value, int) and not isinstance(value, bool)
                ok = ok and node["min"] <= value <= node["max"]
                expected = f"a whole number from {node['min']} to {node['max']}"
            else:
                ok = isinstance(value, str) and bool(_ID.fullmatch(value))
                expected = "an option value like 'not_yet'"
            if not ok:
                raise p.fail(f"{where}.value", f"expected {expected} but received: {value!r}")
            if value in values:
                raise p.fail(f"{where}.value", f"duplicate option value {value!r}")
            values.add(value)
            parsed.append(Option(value, p.text(option_node, "label", where)))
        fields["options"] = tuple(parsed)
    if kind == "text":
        length = node["max_length"]
        if not isinstance(length, int) or isinstance(length, bool) or length < 1:
            raise p.fail(f"{path}.max_length", f"expected a positive whole number but "
                         f"received: {length!r}")  # fmt: skip
        multiline = node.get("multiline", False)
        if not isinstance(multiline, bool):
            raise p.fail(f"{path}.multiline", f"expected true or false but received: "
                         f"{multiline!r}")  # fmt: skip
        fields.update(max_length=length, multiline=multiline)
    shares = node.get("shares")
    if shares is not None and shares not in SHARED_FACTS:
        raise p.fail(f"{path}.shares", f"expected one of {sorted(SHARED_FACTS)} but received: "
                     f"{shares!r}")  # fmt: skip
    return Question(
        id=question_id,
        shares=shares,
        type=kind,
        label=p.text(node, "label", path),
        help=p.text(node, "help", path, optional=True),
        required=node["required"],
        group=p.text(node, "group", path, optional=True),
        **fields,
    )
