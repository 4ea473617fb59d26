"""The definition's schema in one place: one small parser per section, run in order.

Each section parser validates its part of the JSON (closed key sets, IDs,
references) and returns frozen dataclasses; `public_definition` derives the
JSON-ready form pages and `show` use from the parsed model, never the raw
data. `questionnaire.schema.json` describes the same shape for editors and is
checked against every definition by the tests.
"""

from __future__ import annotations

from collections.abc import Callable

from .conditions import Scope, compile_condition
from .model import (
    Action,
    Change,
    Condition,
    Definition,
    Fact,
    Flag,
    Move,
    Next,
    Outcome,
    Question,
    Reason,
    Rule,
)
from .nodes import (
    ACTION_EXTRA_NAMES,
    ACTION_KEYS,
    CHANGE_KEYS,
    DEFINITION_KEYS,
    EDITOR_KEYS,
    FACT_KEYS,
    FLAG_KEYS,
    MOVE_KEYS,
    NEXT_KEYS,
    NO_OUTCOME_DEFAULT,
    NO_OUTCOME_KEYS,
    OUTCOME_KEYS,
    QUESTIONNAIRE_ID,
    REASON_KEYS,
    REMOVED_KEYS,
    RULE_KEYS,
    NodeParser,
    parse_question,
)
from .questionnaire_code import QuestionnaireCode

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# --- section parsers ------------------------------------------------------------
# Each takes the parser, the raw definition and what earlier sections built,
# and returns its own part. They run in SECTIONS' order: later sections refer
# to questions, facts and outcomes parsed before them.


class _Built(dict):
    """The parts parsed so far, plus the scope conditions compile against."""

    def condition(self, node: dict, path: str) -> Condition | None:
        return (
            compile_condition(node["when"], f"{path}.when", self["scope"])
            if "when" in node
            else None
        )


def _questions(p: NodeParser, data: dict, built: _Built) -> tuple[Question, ...]:
    seen: set[str] = set()
    questions = tuple(
        parse_question(p, node, f"questions[{i}]", seen)
        for i, node in enumerate(p.items(data, "questions", ""))
    )
    built["questions_by_id"] = {question.id: question for question in questions}
    return questions


def _facts(p: NodeParser, data: dict, built: _Built) -> tuple[Fact, ...]:
    registry = built["code"].facts
    by_id = built["questions_by_id"]
    seen: set[str] = set()
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
    built["facts_by_id"] = {fact.id: fact for fact in facts}
    built["scope"] = Scope(by_id, frozenset(built["facts_by_id"]), p.fail)
    built["names"] = (
        frozenset(by_id) | frozenset(built["facts_by_id"]) | frozenset(built["code"].phrases)
    )
    return tuple(facts)


def _outcomes(p: NodeParser, data: dict, built: _Built) -> tuple[Outcome, ...]:
    seen: set[str] = set()
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
    built["outcomes_by_id"] = {outcome.id: outcome for outcome in outcomes}
    return tuple(outcomes)


def _outcome_set(p: NodeParser, node: dict, path: str, built: _Built) -> frozenset[str] | None:
    if "outcomes" not in node:
        return None
    listed, known = node["outcomes"], built["outcomes_by_id"]
    if not isinstance(listed, list) or not listed:
        raise p.fail(f"{path}.outcomes", "expected a non-empty list of outcome IDs")
    for j, outcome_id in enumerate(listed):
        if outcome_id not in known:
            raise p.fail(f"{path}.outcomes[{j}]", f"unknown outcome {outcome_id!r}; "
                         f"expected one of {sorted(known)}")  # fmt: skip
    return frozenset(listed)


def _rules(p: NodeParser, data: dict, built: _Built) -> tuple[Rule, ...]:
    known = built["outcomes_by_id"]
    rules = []
    nodes = p.items(data, "rules", "")
    for i, node in enumerate(nodes):
        where = f"rules[{i}]"
        p.keys(node, where, RULE_KEYS)
        if node["outcome"] not in known:
            raise p.fail(f"{where}.outcome", f"unknown outcome {node['outcome']!r}; expected "
                         f"one of {sorted(known)}")  # fmt: skip
        last = i == len(nodes) - 1
        if "when" not in node and not last:
            raise p.fail(f"rules[{i + 1}]", "unreachable: the rule before it has no 'when', "
                         "so it always applies")  # fmt: skip
        if "when" in node and last:
            raise p.fail(where, "the last rule must have no 'when', so that every set of "
                         "answers reaches an outcome")  # fmt: skip
        rules.append(Rule(node["outcome"], built.condition(node, where),
                          p.text(node, "note", where, optional=True)))  # fmt: skip
    reached = {rule.outcome for rule in rules}
    for i, outcome in enumerate(built["outcomes"]):
        if outcome.id not in reached:
            raise p.fail(f"outcomes[{i}]", f"outcome {outcome.id!r} is unreachable: no rule "
                         "leads to it")  # fmt: skip
    return tuple(rules)


def _notes(key: str, keys: tuple, make: type, extra: frozenset[str] = frozenset()) -> Callable:
    """Reasons, counterpoints and actions share one shape: text, advice, optional when/outcomes."""

    def parse(p: NodeParser, data: dict, built: _Built) -> tuple:
        made = []
        names = built["names"] | extra
        for i, node in enumerate(p.items(data, key, "", required=False)):
            where = f"{key}[{i}]"
            p.keys(node, where, keys)
            made.append(
                make(
                    p.template(p.text(node, "text", where), f"{where}.text", names),
                    p.advice(node, where),
                    built.condition(node, where),
                    _outcome_set(p, node, where, built),
                )
            )
        return tuple(made)

    return parse


def _next(p: NodeParser, data: dict, built: _Built) -> tuple[Next, ...]:
    from .questionnaires import ORDER  # the guide's questionnaires, declared once

    made = []
    for i, node in enumerate(p.items(data, "next", "", required=False)):
        where = f"next[{i}]"
        p.keys(node, where, NEXT_KEYS)
        target = node["questionnaire"]
        if target not in ORDER:
            raise p.fail(f"{where}.questionnaire", f"unknown questionnaire {target!r}; "
                         f"expected one of {list(ORDER)}")  # fmt: skip
        made.append(Next(p.text(node, "text", where), target, built.condition(node, where),
                         _outcome_set(p, node, where, built)))  # fmt: skip
    return tuple(made)


def _flags(p: NodeParser, data: dict, built: _Built) -> tuple[Flag, ...]:
    seen: set[str] = set()
    flags = []
    for i, node in enumerate(p.items(data, "flags", "", required=False)):
        where = f"flags[{i}]"
        p.keys(node, where, FLAG_KEYS)
        flag_id = p.ident(node, "id", where, seen, "flag")
        flags.append(
            Flag(
                flag_id,
                p.template(p.text(node, "text", where), f"{where}.text", built["names"]),
                p.advice(node, where),
                compile_condition(node["when"], f"{where}.when", built["scope"]),
            )
        )
    return tuple(flags)


def _changes(p: NodeParser, data: dict, built: _Built) -> tuple[Change, ...]:
    by_id, facts_by_id = built["questions_by_id"], built["facts_by_id"]
    names = built["names"] | {"value", "new_outcome"}
    changes = []
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
        text = p.template(p.text(node, "text", where), f"{where}.text", names)
        only = _outcome_set(p, node, where, built)
        start = node.get("from")
        if start is not None:
            if not isinstance(start, list) or not start:
                raise p.fail(f"{where}.from", "expected a non-empty list of current answers")
            for j, current in enumerate(start):
                if question.options and current not in question.option_values:
                    raise p.fail(f"{where}.from[{j}]", f"unknown option {current!r} of "
                                 f"{question.id!r}; expected one of "
                                 f"{list(question.option_values)}")  # fmt: skip
            start = tuple(start)
        at_least = node.get("at_least")
        if at_least is not None and (not isinstance(at_least, int | float)
                                     or isinstance(at_least, bool)):  # fmt: skip
            raise p.fail(f"{where}.at_least", f"expected a number but received: {at_least!r}")
        leads_to = None
        if "to" in node:  # only the outcomes this change may lead to
            leads_to = _outcome_set(p, {"outcomes": node["to"]}, where, built)
        changes.append(Change(question.id, value, direction, text, only, start, at_least, leads_to))
    return tuple(changes)


def _how_to_read(p: NodeParser, data: dict, built: _Built) -> tuple[str, ...]:
    lines = p.items(data, "how_to_read", "")
    for i, line in enumerate(lines):
        if not isinstance(line, str) or not line.strip():
            raise p.fail(f"how_to_read[{i}]", f"expected non-empty text but received: {line!r}")
    return tuple(lines)


def _no_outcome(p: NodeParser, data: dict, built: _Built) -> tuple[str, str]:
    node = p.keys(data.get("no_outcome", NO_OUTCOME_DEFAULT), "no_outcome", NO_OUTCOME_KEYS)
    return p.text(node, "title", "no_outcome"), p.text(node, "summary", "no_outcome")


def _renames(p: NodeParser, node: dict, key: str, path: str) -> dict:
    value = node.get(key, {})
    if not isinstance(value, dict):
        raise p.fail(f"{path}.{key}", f"expected an object but received: {type(value).__name__}")
    return value


def _move(p: NodeParser, node: Any, path: str, to: int, built: _Built) -> Move:
    """One version's move; the newest must land on the questions as they are now."""
    p.keys(node, path, MOVE_KEYS)
    if node["to"] != to or isinstance(node["to"], bool):
        raise p.fail(f"{path}.to", f"expected {to} (moves go one version at a time, in order) "
                     f"but received: {node['to']!r}")  # fmt: skip
    newest = to == built["version"]
    questions = built["questions_by_id"]
    renamed = _renames(p, node, "questions", path)
    for old, new in renamed.items():
        if not isinstance(new, str) or (newest and new not in questions):
            raise p.fail(
                f"{path}.questions.{old}", f"expected the ID of a question but received: {new!r}"
            )
    values = []
    for question_id, pairs in _renames(p, node, "values", path).items():
        where = f"{path}.values.{question_id}"
        if not isinstance(pairs, dict) or not pairs:
            raise p.fail(
                where, f"expected an object of old value: new value but received: {pairs!r}"
            )
        if newest:
            question = questions.get(question_id)
            if question is None or not question.options:
                raise p.fail(where, "expected a question with options")
            known = {str(option.value) for option in question.options}
            for old, new in pairs.items():
                if str(new) not in known:
                    raise p.fail(
                        f"{where}.{old}", f"expected one of {sorted(known)} but received: {new!r}"
                    )
        values.append((question_id, tuple(pairs.items())))
    removed = []
    for i, item in enumerate(p.items(node, "removed", path + ".", required=False)):
        where = f"{path}.removed[{i}]"
        p.keys(item, where, REMOVED_KEYS)
        if newest and item["id"] in questions:
            raise p.fail(
                f"{where}.id", f"expected a question no longer asked but received: {item['id']!r}"
            )
        removed.append((p.text(item, "id", where), p.text(item, "label", where)))
    return Move(
        to=to, questions=tuple(renamed.items()), values=tuple(values), removed=tuple(removed)
    )


def _version(p: NodeParser, data: dict, built: _Built) -> int:
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise p.fail("version", f"expected a whole number from 1 but received: {version!r}")
    built["version"] = version
    return version


def _moves(p: NodeParser, data: dict, built: _Built) -> tuple[Move, ...]:
    moves = p.items(data, "moves", "", required=False)
    if len(moves) != built["version"] - 1:
        raise p.fail("moves", f"expected one move per version after the first "
                     f"({built['version'] - 1}) but received: {len(moves)}")  # fmt: skip
    return tuple(_move(p, node, f"moves[{i}]", i + 2, built) for i, node in enumerate(moves))


# The dispatch table: each section's parser, in the order they must run.
SECTIONS: tuple[tuple[str, Callable[[NodeParser, dict, _Built], Any]], ...] = (
    ("questions", _questions),
    ("facts", _facts),
    ("outcomes", _outcomes),
    ("rules", _rules),
    ("reasons", _notes("reasons", REASON_KEYS, Reason)),
    ("against", _notes("against", REASON_KEYS, Reason)),
    ("flags", _flags),
    ("actions", _notes("actions", ACTION_KEYS, Action, ACTION_EXTRA_NAMES)),
    ("next", _next),
    ("changes", _changes),
    ("how_to_read", _how_to_read),
    ("no_outcome", _no_outcome),
    ("version", _version),
    ("moves", _moves),
)


def parse_definition(
    data: Any, expected_id: str | None = None, code: QuestionnaireCode | None = None
) -> Definition:
    """Validate a whole definition (as loaded from JSON) and parse it into dataclasses.

    ``code`` is the questionnaire's own Python (its facts come from there).
    """
    name = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    p = NodeParser(name or expected_id or "definition")
    if isinstance(data, dict):
        data = {key: value for key, value in data.items() if key not in EDITOR_KEYS}
    p.keys(data, "", DEFINITION_KEYS)
    if not QUESTIONNAIRE_ID.fullmatch(name or ""):
        raise p.fail("id", f"expected an ID like 'should-i-decline' but received: "
                     f"{data['id']!r}")  # fmt: skip
    if expected_id is not None and name != expected_id:
        raise p.fail("id", f"expected {expected_id!r} but received: {name!r}")
    built = _Built(code=code or QuestionnaireCode())
    for section, parse in SECTIONS:
        built[section] = parse(p, data, built)
    no_outcome_title, no_outcome_summary = built["no_outcome"]
    return Definition(
        id=name,
        title=p.text(data, "title", ""),
        intro=p.text(data, "intro", ""),
        questions=built["questions"],
        facts=built["facts"],
        outcomes=built["outcomes"],
        rules=built["rules"],
        reasons=built["reasons"],
        against=built["against"],
        flags=built["flags"],
        actions=built["actions"],
        next=built["next"],
        changes=built["changes"],
        how_to_read=built["how_to_read"],
        no_outcome_title=no_outcome_title,
        no_outcome_summary=no_outcome_summary,
        questions_by_id=built["questions_by_id"],
        facts_by_id=built["facts_by_id"],
        outcomes_by_id=built["outcomes_by_id"],
        code=built["code"],
        version=built["version"],
        moves=built["moves"],
    )


# --- the public form -------------------------------------------------------------


def _public_question(question: Question) -> dict[str, Any]:
    public: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "label": question.label,
        "help": question.help,
        "required": question.required,
    }
    if question.type in ("integer", "number", "date"):
        public["min"], public["max"] = question.minimum, question.maximum
    optional = {"step": question.step, "unit": question.unit, "group": question.group,
                "shares": question.shares}  # fmt: skip
    public.update({key: value for key, value in optional.items() if value is not None})
    if question.type == "text":
        public["max_length"], public["multiline"] = question.max_length, question.multiline
    if question.options:
        public["options"] = [{"value": o.value, "label": o.label} for o in question.options]
    return public


def public_definition(definition: Definition) -> dict[str, Any]:
    """The definition as JSON-ready data, for pages, worksheets and `show`."""
    return {
        "id": definition.id,
        "title": definition.title,
        "intro": definition.intro,
        "questions": [_public_question(question) for question in definition.questions],
        "outcomes": [
            {"id": o.id, "title": o.title, "summary": o.summary, "advice": list(o.advice)}
            for o in definition.outcomes
        ],
        "flags": [{"id": f.id, "text": f.text, "advice": list(f.advice)} for f in definition.flags],
        "how_to_read": list(definition.how_to_read),
        "facts": [{"id": fact.id, "text": fact.text} for fact in definition.facts],
        "version": definition.version,
        "moves": public_moves(definition),
    }


def public_moves(definition: Definition) -> list[dict[str, Any]]:
    """How the page moves answers saved under older versions forward (answers.js)."""
    return [
        {
            "to": move.to,
            "questions": dict(move.questions),
            "values": {question: dict(pairs) for question, pairs in move.values},
            "removed": [{"id": id_, "label": label} for id_, label in move.removed],
        }
        for move in definition.moves
    ]
