"""Realistic readers get a recommendation a careful career coach would sign."""

from __future__ import annotations

import pytest
from personas import load_personas, problems

from engine import evaluate

PERSONAS = load_personas()


def test_enough_personas():
    assert sum(p.questionnaire == "should-i-decline" for p in PERSONAS) >= 20


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_persona(persona):
    result = evaluate(persona.questionnaire, persona.answers, today=persona.today)
    assert problems(persona, result) == []
