"""Load questionnaire definitions from package data and validate them whole, once."""

from __future__ import annotations

import re

from .advice import ADVICE_IDS
from .conditions import Scope, compile_condition
from .errors import InvalidDefinition, UnknownQuestionnaire
from .facts import FACTS
from .model import (
    Action,
    Change,
    Condition,
    Definition,
    Fact,
    Flag,
    Option,
    Outcome,
    Question,
    Reason,
    Rule,
)

# The order list_questionnaires() promises.
QUESTIONNAIRE_IDS: tuple[str, ...] = (
    "should-i-decline",
    "offer-check",
    "decline-plan",
    "follow-up-plan",
    "restructuring-risk",
)

# Closed key sets per node kind: (required, optional).
DEFINITION_KEYS = (
    frozenset({"id", "title", "intro", "questions", "outcomes", "rules", "how_to_read"}),
    frozenset({"facts", "reasons", "flags", "actions", "changes", "no_outcome"}),
)

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

QUESTION_KEYS = (frozenset({"id", "type", "label", "required"}), frozenset({"help", "group"}))
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
CHANGE_KEYS = (frozenset({"question", "value", "text"}), frozenset({"direction", "outcomes"}))
NO_OUTCOME_KEYS = (frozenset({"title", "summary"}), frozenset())

_ID = re.compile(r"[a-z][a-z0-9_]*")
_QUESTIONNAIRE_ID = re.compile(r"[a-z][a-z0-9-]*")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_cache: dict[str, Definition] = {}


def load(questionnaire_id: Any) -> Definition:
    """The parsed definition of one questionnaire, read from package data on first use."""
    if not isinstance(questionnaire_id, str) or questionnaire_id not in QUESTIONNAIRE_IDS:
        raise UnknownQuestionnaire(questionnaire_id, list(QUESTIONNAIRE_IDS))
    try:
        return _cache[questionnaire_id]
    except KeyError:
        pass
    # Imported here, not at module level: they are only needed on first load.
    import json
    from importlib import resources

    path = resources.files(__package__).joinpath("questionnaires", f"{questionnaire_id}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidDefinition(
            questionnaire_id, "", f"cannot read the definition: {error}"
        ) from None
    definition = parse_definition(data, expected_id=questionnaire_id)
    _cache[questionnaire_id] = definition
    return definition


class _Parser:
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


def _question(p: _Parser, node: Any, path: str, seen: set[str]) -> Question:
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
    return Question(
        id=question_id,
        type=kind,
        label=p.text(node, "label", path),
        help=p.text(node, "help", path, optional=True),
        required=node["required"],
        group=p.text(node, "group", path, optional=True),
        **fields,
    )


def _public_question(node: dict) -> dict:
    public = {
        "id": node["id"],
        "type": node["type"],
        "label": node["label"],
        "help": node.get("help"),
        "required": node["required"],
    }
    for key in ("min", "max", "step", "unit", "max_length", "multiline", "group"):
        if key in node:
            public[key] = node[key]
    if node["type"] == "text" and "multiline" not in node:
        public["multiline"] = False
    if "options" in node:
        public["options"] = [{"value": o["value"], "label": o["label"]} for o in node["options"]]
    return public


def parse_definition(data: Any, expected_id: str | None = None) -> Definition:
    """Validate a whole definition (as loaded from JSON) and parse it into dataclasses."""
    name = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    p = _Parser(name or expected_id or "definition")
    p.keys(data, "", DEFINITION_KEYS)
    if not _QUESTIONNAIRE_ID.fullmatch(name or ""):
        raise p.fail("id", f"expected an ID like 'should-i-decline' but received: "
                     f"{data['id']!r}")  # fmt: skip
    if expected_id is not None and name != expected_id:
        raise p.fail("id", f"expected {expected_id!r} but received: {name!r}")

    seen: set[str] = set()
    questions = tuple(
        _question(p, node, f"questions[{i}]", seen)
        for i, node in enumerate(p.items(data, "questions", ""))
    )
    by_id = {question.id: question for question in questions}

    registry = FACTS.get(name, {})
    seen = set()
    facts = []
    for i, node in enumerate(p.items(data, "facts", "", required=False)):
        where = f"facts[{i}]"
        p.keys(node, where, FACT_KEYS)
        fact_id = p.ident(node, "id", where, seen, "fact")
        if fact_id not in registry:
            raise p.fail(f"{where}.id", f"unknown fact {fact_id!r}; expected one of "
                         f"{sorted(registry)}")  # fmt: skip
        rule = registry[fact_id]
        for input_id in rule.inputs:
            if input_id not in by_id:
                raise p.fail(f"{where}.id", f"fact {fact_id!r} reads unknown question "
                             f"{input_id!r}")  # fmt: skip
        facts.append(Fact(fact_id, p.text(node, "text", where), rule.inputs, rule.assumes,
                          rule.compute))  # fmt: skip
    facts_by_id = {fact.id: fact for fact in facts}
    scope = Scope(by_id, frozenset(facts_by_id), p.fail)
    names = frozenset(by_id) | frozenset(facts_by_id)

    def condition(node: dict, path: str) -> Condition | None:
        return compile_condition(node["when"], f"{path}.when", scope) if "when" in node else None

    seen = set()
    outcomes = []
    for i, node in enumerate(p.items(data, "outcomes", "")):
        where = f"outcomes[{i}]"
        p.keys(node, where, OUTCOME_KEYS)
        outcomes.append(
            Outcome(
                p.ident(node, "id", where, seen, "outcome"),
                p.text(node, "title", where),
                p.text(node, "summary", where),
                p.advice(node, where),
                p.text(node, "as_change", where),
            )
        )
    outcomes_by_id = {outcome.id: outcome for outcome in outcomes}

    def outcome_set(node: dict, path: str) -> frozenset[str] | None:
        if "outcomes" not in node:
            return None
        listed = node["outcomes"]
        if not isinstance(listed, list) or not listed:
            raise p.fail(f"{path}.outcomes", "expected a non-empty list of outcome IDs")
        for j, outcome_id in enumerate(listed):
            if outcome_id not in outcomes_by_id:
                raise p.fail(f"{path}.outcomes[{j}]", f"unknown outcome {outcome_id!r}; "
                             f"expected one of {sorted(outcomes_by_id)}")  # fmt: skip
        return frozenset(listed)

    rules = []
    rule_nodes = p.items(data, "rules", "")
    for i, node in enumerate(rule_nodes):
        where = f"rules[{i}]"
        p.keys(node, where, RULE_KEYS)
        if node["outcome"] not in outcomes_by_id:
            raise p.fail(f"{where}.outcome", f"unknown outcome {node['outcome']!r}; expected "
                         f"one of {sorted(outcomes_by_id)}")  # fmt: skip
        last = i == len(rule_nodes) - 1
        if "when" not in node and not last:
            raise p.fail(f"rules[{i + 1}]", "unreachable: the rule before it has no 'when', "
                         "so it always applies")  # fmt: skip
        if "when" in node and last:
            raise p.fail(where, "the last rule must have no 'when', so that every set of "
                         "answers reaches an outcome")  # fmt: skip
        rules.append(Rule(node["outcome"], condition(node, where),
                          p.text(node, "note", where, optional=True)))  # fmt: skip
    reached = {rule.outcome for rule in rules}
    for i, outcome in enumerate(outcomes):
        if outcome.id not in reached:
            raise p.fail(f"outcomes[{i}]", f"outcome {outcome.id!r} is unreachable: no rule "
                         "leads to it")  # fmt: skip

    def notes(key: str, allowed_keys: tuple, make: type) -> list:
        """Reasons and actions share one shape: text, advice, optional when/outcomes."""
        made = []
        for i, node in enumerate(p.items(data, key, "", required=False)):
            where = f"{key}[{i}]"
            p.keys(node, where, allowed_keys)
            made.append(
                make(
                    p.template(p.text(node, "text", where), f"{where}.text", names),
                    p.advice(node, where),
                    condition(node, where),
                    outcome_set(node, where),
                )
            )
        return made

    reasons = notes("reasons", REASON_KEYS, Reason)

    seen = set()
    flags = []
    for i, node in enumerate(p.items(data, "flags", "", required=False)):
        where = f"flags[{i}]"
        p.keys(node, where, FLAG_KEYS)
        flag_id = p.ident(node, "id", where, seen, "flag")
        flags.append(
            Flag(
                flag_id,
                p.template(p.text(node, "text", where), f"{where}.text", frozenset()),
                p.advice(node, where),
                compile_condition(node["when"], f"{where}.when", scope),
            )
        )

    actions = notes("actions", ACTION_KEYS, Action)

    changes = []
    change_names = names | {"value", "new_outcome"}
    for i, node in enumerate(p.items(data, "changes", "", required=False)):
        where = f"changes[{i}]"
        p.keys(node, where, CHANGE_KEYS)
        question = by_id.get(node["question"])
        if question is None:
            raise p.fail(f"{where}.question", f"unknown question {node['question']!r}; "
                         f"expected one of {sorted(by_id)}")  # fmt: skip
        value = node["value"]
        if isinstance(value, dict):
            if set(value) != {"fact"} or value["fact"] not in facts_by_id:
                raise p.fail(f"{where}.value", f"expected an answer or {{'fact': ID}} with a "
                             f"known fact but received: {value!r}")  # fmt: skip
            value = ("fact", value["fact"])
        elif question.options and value not in question.option_values:
            raise p.fail(f"{where}.value", f"unknown option {value!r} of {question.id!r}; "
                         f"expected one of {list(question.option_values)}")  # fmt: skip
        direction = node.get("direction")
        if direction not in (None, "up", "down"):
            raise p.fail(f"{where}.direction", f"expected one of ['up', 'down'] but "
                         f"received: {direction!r}")  # fmt: skip
        changes.append(
            Change(
                question.id,
                value,
                direction,
                p.template(p.text(node, "text", where), f"{where}.text", change_names),
                outcome_set(node, where),
            )
        )

    how_to_read = p.items(data, "how_to_read", "")
    for i, line in enumerate(how_to_read):
        if not isinstance(line, str) or not line.strip():
            raise p.fail(f"how_to_read[{i}]", f"expected non-empty text but received: {line!r}")

    no_outcome = p.keys(
        data.get("no_outcome", {"title": "Not enough answers yet",
                                "summary": "Answer the questions to see a result."}),
        "no_outcome",
        NO_OUTCOME_KEYS,
    )  # fmt: skip

    public = {
        "id": name,
        "title": p.text(data, "title", ""),
        "intro": p.text(data, "intro", ""),
        "questions": [_public_question(node) for node in data["questions"]],
        "outcomes": [
            {"id": o.id, "title": o.title, "summary": o.summary, "advice": list(o.advice)}
            for o in outcomes
        ],
        "flags": [{"id": f.id, "text": f.text, "advice": list(f.advice)} for f in flags],
        "how_to_read": list(how_to_read),
        "facts": [{"id": fact.id, "text": fact.text} for fact in facts],
    }
    return Definition(
        id=name,
        title=public["title"],
        intro=public["intro"],
        questions=questions,
        facts=tuple(facts),
        outcomes=tuple(outcomes),
        rules=tuple(rules),
        reasons=tuple(reasons),
        flags=tuple(flags),
        actions=tuple(actions),
        changes=tuple(changes),
        how_to_read=tuple(how_to_read),
        no_outcome_title=p.text(no_outcome, "title", "no_outcome"),
        no_outcome_summary=p.text(no_outcome, "summary", "no_outcome"),
        public=public,
        questions_by_id=by_id,
        facts_by_id=facts_by_id,
        outcomes_by_id=outcomes_by_id,
    )
