"""The engine's one exception family: where it went wrong, and what was expected."""

from __future__ import annotations


class QuestionnaireError(Exception):
    """Base of every error the engine raises on purpose."""


class UnknownQuestionnaire(QuestionnaireError):
    """A questionnaire ID that the engine does not know."""

    def __init__(self, questionnaire: object, known: list[str]) -> None:
        self.questionnaire = questionnaire
        super().__init__(f"unknown questionnaire {questionnaire!r}: expected one of {known!r}")


class InvalidDefinition(QuestionnaireError):
    """A questionnaire definition that breaks the model; the message carries its path."""

    def __init__(self, questionnaire: str, path: str, problem: str) -> None:
        self.questionnaire = questionnaire
        self.path = path
        self.problem = problem
        where = f"{questionnaire}: {path}" if path else questionnaire
        super().__init__(f"{where}: {problem}")


class InvalidAnswers(QuestionnaireError):
    """Answers that do not fit the questionnaire; `.question` names the culprit."""

    def __init__(self, question: str | None, problem: str) -> None:
        self.question = question
        super().__init__(f"{question}: {problem}" if question else problem)
