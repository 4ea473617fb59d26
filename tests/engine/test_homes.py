"""Each questionnaire lives in one place; its Python may read only the questions it defines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import engine
from engine.errors import InvalidDefinition
from engine.loader import check_reads, load_code
from engine.questionnaire_code import DeclaredAnswers
from engine.questionnaires import ORDER, module_name
from engine.schema import parse_definition

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "engine" / "questionnaires"


def _read_by_code() -> list[tuple[str, str]]:
    pairs = []
    for questionnaire in ORDER:
        for question in load_code(questionnaire).questions_read():
            pairs.append((questionnaire, question))
    return pairs


def _renamed(questionnaire: str, question: str) -> dict:
    data = json.loads((HOME / f"{questionnaire}.json").read_text(encoding="utf-8"))
    text = json.dumps(data)
    # Rename the question everywhere the definition mentions it, as an editor
    # renaming it in the JSON alone would, leaving the Python behind.
    text = text.replace(f'"{question}"', f'"{question}_renamed"')
    text = text.replace(f'"shares": "{question}_renamed"', f'"shares": "{question}"')
    return json.loads(text.replace(f"{{{question}}}", f"{{{question}_renamed}}"))


def test_every_home_has_its_definition_and_nothing_stray():
    names = {path.name for path in HOME.iterdir() if path.suffix in (".json", ".py")}
    expected = {f"{q}.json" for q in ORDER} | {"__init__.py"}
    optional = {f"{module_name(q)}.py" for q in ORDER}
    assert expected <= names and names <= expected | optional


@pytest.mark.parametrize(("questionnaire", "question"), _read_by_code())
def test_renaming_a_question_the_python_reads_fails_to_load(questionnaire, question):
    data = _renamed(questionnaire, question)
    with pytest.raises(InvalidDefinition) as info:
        check_reads(parse_definition(data, questionnaire, load_code(questionnaire)))
    message = str(info.value)
    assert f"{module_name(questionnaire)}.py" in message or "fact" in message
    assert repr(question) in message


def test_cli_names_the_definition_file_and_the_question(tmp_path):
    copy = tmp_path / "engine"
    shutil.copytree(ROOT / "engine", copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / "questionnaires" / "decline-plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for item in data["questions"]:
        if item["id"] == "your_name":
            item["id"] = "signature"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "engine", "list"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr == (
        "error: engine/questionnaires/decline-plan.json: questions: "
        "engine/questionnaires/decline_plan.py reads question 'your_name' (its documents and "
        "details), which engine/questionnaires/decline-plan.json does not define\n"
    )


def test_undeclared_reads_fail_loudly():
    answers = DeclaredAnswers({"company": "Acme"}, frozenset({"company"}), "decline_plan.py")
    assert answers.get("company") == "Acme"
    with pytest.raises(KeyError, match="decline_plan.py reads 'your_name'"):
        answers.get("your_name")
    with pytest.raises(KeyError):
        _ = "your_name" in answers


def test_every_questionnaire_loads_with_its_code():
    for item in engine.list_questionnaires():
        definition = engine.loader.load(item["id"])
        assert definition.code is load_code(item["id"])
