"""Load each questionnaire from its home: `questionnaires/<id>.json` and the Python beside it.

Definitions are read and validated whole on first use, then cached. The
loader also checks that every answer the questionnaire's Python declares is
a question of its definition, so a renamed question fails here, naming both
files, instead of drafting a note signed "[your name]".
"""

from __future__ import annotations

from .errors import InvalidDefinition, UnknownQuestionnaire
from .model import Definition
from .questionnaire_code import QuestionnaireCode
from .questionnaires import ORDER, module_name
from .schema import parse_definition

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_cache: dict[str, Definition] = {}


def definition_file(questionnaire_id: str) -> str:
    return f"engine/questionnaires/{questionnaire_id}.json"


def code_file(questionnaire_id: str) -> str:
    return f"engine/questionnaires/{module_name(questionnaire_id)}.py"


def load_code(questionnaire_id: str) -> QuestionnaireCode:
    """The questionnaire's own Python, or none if it needs none."""
    import importlib

    name = f"{__package__}.questionnaires.{module_name(questionnaire_id)}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return QuestionnaireCode()
    code = getattr(module, "CODE", None)
    if not isinstance(code, QuestionnaireCode):
        raise InvalidDefinition(
            questionnaire_id, "", f"{code_file(questionnaire_id)} must define CODE = "
            "QuestionnaireCode(...)"
        )  # fmt: skip
    return code


def check_reads(definition: Definition) -> None:
    """Every answer the Python reads must be a question of the definition."""
    for question_id, reader in definition.code.questions_read().items():
        if question_id not in definition.questions_by_id:
            raise InvalidDefinition(
                definition.id,
                "questions",
                f"{code_file(definition.id)} reads question {question_id!r} ({reader}), which "
                f"{definition_file(definition.id)} does not define",
            )


def load(questionnaire_id: Any) -> Definition:
    """The parsed definition of one questionnaire, read from package data on first use."""
    if not isinstance(questionnaire_id, str) or questionnaire_id not in ORDER:
        raise UnknownQuestionnaire(questionnaire_id, list(ORDER))
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
            questionnaire_id, "", f"cannot read {definition_file(questionnaire_id)}: {error}"
        ) from None
    try:
        definition = parse_definition(data, questionnaire_id, load_code(questionnaire_id))
        check_reads(definition)
    except InvalidDefinition as error:  # say which file to open
        raise InvalidDefinition(
            definition_file(questionnaire_id), error.path, error.problem
        ) from None
    _cache[questionnaire_id] = definition
    return definition


def load_all() -> list[Definition]:
    """Every definition, in the guide's order (checks them all)."""
    return [load(questionnaire_id) for questionnaire_id in ORDER]
