"""The JSON Schema shipped with the engine describes every definition, and rejects broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import engine

HOME = Path(engine.__file__).parent
SCHEMA = json.loads((HOME / "questionnaire.schema.json").read_text(encoding="utf-8"))
IDS = [item["id"] for item in engine.list_questionnaires()]


def _definition(questionnaire: str) -> dict:
    return json.loads((HOME / "questionnaires" / f"{questionnaire}.json").read_text("utf-8"))


def test_the_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("questionnaire", IDS)
def test_every_definition_meets_the_schema(questionnaire):
    jsonschema.Draft202012Validator(SCHEMA).validate(_definition(questionnaire))


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d.update(colour="blue"),
        lambda d: d["questions"][0].update(type="essay"),
        lambda d: d["questions"][0].update(shares="salary"),
        lambda d: d["outcomes"][0].update(advice=["Z9"]),
        lambda d: d["rules"][0].update(when={"maybe": []}),
        lambda d: d.update(how_to_read=[]),
    ],
)
def test_the_schema_rejects_what_the_engine_rejects(break_it):
    data = _definition("should-i-decline")
    break_it(data)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(data))
    with pytest.raises(engine.InvalidDefinition):
        engine.schema.parse_definition(data)
