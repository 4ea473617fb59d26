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
    """Answers that do not fit the questionnaire; `.question` names the culprit.

    `.reader_message` says the same in the page's words: the question's own
    label, then what to do ("How many weeks until they decide? Enter a number
    from 0 to 104.").
    """

    def __init__(self, question: str | None, problem: str, reader_message: str | None = None):
        self.question = question
        self.reader_message = reader_message or problem
        super().__init__(f"{question}: {problem}" if question else problem)
