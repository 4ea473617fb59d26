"""The public API and definition shapes, and exact messages for broken definitions."""

from __future__ import annotations

import copy
import json
import re

import pytest

from engine import (
    ADVICE_IDS,
    InvalidAnswers,
    InvalidDefinition,
    QuestionnaireError,
    UnknownQuestionnaire,
    evaluate,
    get_definition,
    list_questionnaires,
)
from engine.questionnaires import ORDER
from engine.schema import parse_definition, public_definition

QUESTIONNAIRE_IDS = [item["id"] for item in list_questionnaires()]

QUESTION_TYPES = {"integer", "number", "choice", "multichoice", "text", "date"}


def test_list_questionnaires_follows_the_declared_order():
    assert [item["id"] for item in list_questionnaires()] == list(ORDER)
    # The contract's five IDs, the triage first (it opens the guide).
    assert ORDER[0] == "should-i-decline"
    assert {"offer-check", "decline-plan", "follow-up-plan", "restructuring-risk"} <= set(ORDER)
    assert all(item["title"] for item in list_questionnaires())


@pytest.mark.parametrize("qid", QUESTIONNAIRE_IDS)
def test_definition_shape(qid):
    definition = get_definition(qid)
    assert json.loads(json.dumps(definition)) == definition
    assert {"id", "title", "intro", "questions", "outcomes", "flags", "how_to_read"} <= set(
        definition
    )
    assert definition["id"] == qid
    assert definition["how_to_read"] and all(definition["how_to_read"])
    for question in definition["questions"]:
        assert {"id", "type", "label", "help", "required"} <= set(question)
        assert question["type"] in QUESTION_TYPES
        if question["type"] in ("integer", "number", "date"):
            assert "min" in question and "max" in question
        if question["type"] in ("choice", "multichoice"):
            assert question["options"]
        if question["type"] == "text":
            assert question["max_length"] > 0 and isinstance(question["multiline"], bool)
    for item in definition["outcomes"] + definition["flags"]:
        assert set(item["advice"]) <= set(ADVICE_IDS)
    # A copy each time: callers cannot corrupt the cache.
    definition["questions"].clear()
    assert get_definition(qid)["questions"]


def test_should_i_decline_contract_ids():
    definition = get_definition("should-i-decline")
    questions = {q["id"]: q for q in definition["questions"]}
    contract = ["offer_fit", "homework", "current_job", "first_choice_stage", "restructuring",
                "decision_weeks", "runway_months", "no_would_feel", "ready_to_search",
                "offer_deadline_days"]  # fmt: skip
    assert [question for question in questions if question in contract] == contract
    assert questions["current_job"]["required"]
    assert [o["value"] for o in questions["current_job"]["options"]] == ["yes", "ending", "no"]
    # Extra questions only feed the drafts: optional, so they never block a result.
    assert not any(questions[q]["required"] for q in questions if q not in contract)
    assert [o["value"] for o in questions["offer_fit"]["options"]] == [1, 2, 3, 4, 5]
    assert questions["offer_fit"]["options"][0]["label"] == "1 – poor"
    assert [o["value"] for o in questions["first_choice_stage"]["options"]] == [
        "none",
        "applied",
        "interviewing",
        "finalist",
        "strong_maybe",
    ]
    assert (questions["decision_weeks"]["min"], questions["decision_weeks"]["max"]) == (0, 104)
    assert (questions["runway_months"]["unit"], questions["runway_months"]["max"]) == (
        "months",
        120,
    )
    assert not questions["offer_deadline_days"]["required"]
    assert {o["id"] for o in definition["outcomes"]} == {
        "do_homework_first",
        "hear_them_first",
        "accept_and_stay_in_touch",
        "ask_for_time",
        "wait_for_first_choice",
        "decline_and_keep_doors_open",
    }
    assert {"restructuring_risk", "runway_shorter_than_wait", "regret_risk",
            "not_ready_to_search"} <= {f["id"] for f in definition["flags"]}  # fmt: skip


def test_follow_up_plan_contract_ids():
    questions = {q["id"]: q for q in get_definition("follow-up-plan")["questions"]}
    assert {"contact_name", "company", "last_contact", "cadence_weeks", "check_ins",
            "accomplishments"} <= set(questions)  # fmt: skip
    assert [o["value"] for o in questions["cadence_weeks"]["options"]] == [3, 4, 8, 12]
    assert [o["value"] for o in questions["situation"]["options"]] == [
        "declined_offer",
        "still_deciding",
        "accepted_offer",
    ]
    assert questions["situation"]["required"]
    assert questions["last_contact"]["type"] == "date"


def test_every_result_key_present():
    result = evaluate("should-i-decline", {})
    assert {"questionnaire", "outcome", "title", "summary", "provisional", "reasons", "flags",
            "change", "missing", "actions", "documents"} <= set(result)  # fmt: skip


def test_every_reason_cites_advice_and_answers():
    answers = {"offer_fit": 3, "homework": "partly", "current_job": "no",
               "first_choice_stage": "finalist", "restructuring": "unsure",
               "decision_weeks": 4, "runway_months": 6, "no_would_feel": "fine",
               "ready_to_search": "not_sure"}  # fmt: skip
    result = evaluate("should-i-decline", answers)
    assert result["reasons"] and result["against"]
    for reason in result["reasons"] + result["against"]:
        assert reason["advice"] and set(reason["advice"]) <= set(ADVICE_IDS)
        assert reason["answers"] and set(reason["answers"]) <= set(answers)


def test_unknown_questionnaire():
    with pytest.raises(UnknownQuestionnaire) as info:
        evaluate("should-i", {})
    assert str(info.value) == (
        "unknown questionnaire 'should-i': expected one of ['should-i-decline', 'offer-check', "
        "'decline-plan', 'follow-up-plan', 'restructuring-risk']"
    )
    assert isinstance(info.value, QuestionnaireError)


def test_answer_keys_must_be_strings():
    with pytest.raises(InvalidAnswers) as info:
        evaluate("should-i-decline", {1: 3})
    assert info.value.question is None
    assert str(info.value) == "answers: expected question IDs as keys but received: 1"


def test_invalid_answers_names_the_question():
    with pytest.raises(InvalidAnswers) as info:
        evaluate("should-i-decline", {"runway_months": 200})
    assert info.value.question == "runway_months"


def test_free_text_stays_plain_text():
    answers = {"contact_role": "hiring_manager", "contact_name": "<b>Dana</b> & co",
               "company": "Acme", "honest_reason": "pay", "open_to_future": "yes"}  # fmt: skip
    documents = evaluate("decline-plan", answers)["documents"]
    assert all(doc["media_type"] == "text/plain" for doc in documents)
    assert "Hi <b>Dana</b>," in documents[1]["content"]  # greeted by first name, as typed
    assert "Thank <b>Dana</b> & co for the offer" in documents[0]["content"]


# --- broken definitions ----------------------------------------------------------


def _base() -> dict:
    with open("engine/questionnaires/decline-plan.json", encoding="utf-8") as handle:
        return json.load(handle)


def _broken(change) -> str:
    data = copy.deepcopy(_base())
    change(data)
    with pytest.raises(InvalidDefinition) as info:
        parse_definition(data)
    return str(info.value)


def _set(path, value):
    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _versions(version, *moves):
    def change(data):
        data["version"] = version
        data["moves"] = list(moves)

    return change


BROKEN = [
    (
        _set(["colour"], "blue"),
        "decline-plan: unknown key 'colour'; expected only ['actions', 'against', 'changes', "
        "'facts', 'flags', 'how_to_read', 'id', 'intro', 'moves', 'next', 'no_outcome', "
        "'outcomes', 'questions', 'reasons', 'rules', 'title', 'version']",
    ),
    (
        _set(["questions", 1, "id"], "contact_role"),
        "decline-plan: questions[1].id: duplicate question ID 'contact_role'",
    ),
    (
        _set(["questions", 0, "options", 1, "value"], "hiring_manager"),
        "decline-plan: questions[0].options[1].value: duplicate option value 'hiring_manager'",
    ),
    (
        _set(["questions", 0, "options", 0, "value"], "Hiring Manager"),
        "decline-plan: questions[0].options[0].value: expected an option value like 'not_yet' "
        "but received: 'Hiring Manager'",
    ),
    (
        _set(["questions", 1, "type"], "essay"),
        "decline-plan: questions[1].type: expected one of ['choice', 'date', 'integer', "
        "'multichoice', 'number', 'text'] but received: 'essay'",
    ),
    (
        _set(["questions", 1, "options"], []),
        "decline-plan: questions[1]: unknown key 'options'; expected only ['group', 'help', "
        "'id', 'label', 'max_length', 'multiline', 'required', 'shares', 'type']",
    ),
    (
        _set(["questions", 1, "max_length"], 0),
        "decline-plan: questions[1].max_length: expected a positive whole number but received: 0",
    ),
    (
        _set(["rules", 0, "when"], {"answer": "open_to_future", "in": ["never"]}),
        "decline-plan: rules[0].when.in: unknown option 'never' of 'open_to_future'; expected "
        "one of ['yes', 'maybe', 'no']",
    ),
    (
        _set(["rules", 0, "when"], {"answer": "salary", "in": ["no"]}),
        "decline-plan: rules[0].when.answer: unknown question 'salary'; expected one of "
        "['company', 'contact_name', 'contact_role', 'greeting', 'honest_reason', "
        "'open_to_future', 'reason_detail', 'role_title', 'would_make_right', 'your_name']",
    ),
    (
        _set(["rules", 0, "when"], {"answer": "open_to_future", "in": ["no"], "often": 1}),
        "decline-plan: rules[0].when: unknown key 'often' in this 'answer' condition; expected "
        "only ['answer', 'eq', 'gt', 'gte', 'has', 'in', 'lt', 'lte']",
    ),
    (
        _set(["rules", 0, "when"], {"answer": "company", "gte": 3}),
        "decline-plan: rules[0].when.gte: 'gte' needs a number question but 'company' is a "
        "'text' question",
    ),
    (
        _set(["rules", 0, "when"], {"maybe": []}),
        "decline-plan: rules[0].when: expected exactly one of ['all', 'answer', 'answered', "
        "'any', 'fact', 'not'] but received keys: ['maybe']",
    ),
    (
        _set(["rules", 0, "when"], {"all": []}),
        "decline-plan: rules[0].when.all: expected a non-empty list of conditions",
    ),
    (
        _set(["rules", 0, "when"], {"fact": "luck", "is": True}),
        "decline-plan: rules[0].when.fact: unknown fact 'luck'; expected one of []",
    ),
    (
        _set(["rules", 0, "outcome"], "ghost"),
        "decline-plan: rules[0].outcome: unknown outcome 'ghost'; expected one of "
        "['decline_with_thanks', 'request_conversation']",
    ),
    (
        _set(["rules"], [{"outcome": "request_conversation"}]),
        "decline-plan: outcomes[1]: outcome 'decline_with_thanks' is unreachable: no rule "
        "leads to it",
    ),
    (
        _set(["rules"], [{"outcome": "request_conversation"}, {"outcome": "decline_with_thanks"}]),
        "decline-plan: rules[1]: unreachable: the rule before it has no 'when', so it always "
        "applies",
    ),
    (
        _set(["rules", 1, "when"], {"answered": "company"}),
        "decline-plan: rules[1]: the last rule must have no 'when', so that every set of "
        "answers reaches an outcome",
    ),
    (
        _set(["outcomes", 0, "advice"], ["C9"]),
        "decline-plan: outcomes[0].advice[0]: unknown advice ID 'C9'; expected one of ['A1', "
        "'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'C4', 'D1', 'D2', 'D3', 'D4', "
        "'E1', 'F1', 'F2', 'F3']",
    ),
    (
        _set(["outcomes", 1, "id"], "request_conversation"),
        "decline-plan: outcomes[1].id: duplicate outcome ID 'request_conversation'",
    ),
    (
        _set(["flags", 1, "id"], "recruiter_only"),
        "decline-plan: flags[1].id: duplicate flag ID 'recruiter_only'",
    ),
    (
        _set(["reasons", 0, "text"], "You will ask {salary}."),
        "decline-plan: reasons[0].text: unknown placeholder {salary}; expected one of "
        "['company', 'contact_name', 'contact_role', 'greeting', 'honest_reason', "
        "'open_to_future', 'reason_detail', 'role_title', 'would_make_right', 'your_name']",
    ),
    (
        _set(["changes", 0, "value"], "perhaps"),
        "decline-plan: changes[0].value: unknown option 'perhaps' of 'open_to_future'; "
        "expected one of ['yes', 'maybe', 'no']",
    ),
    (
        _set(["actions", 0, "outcomes"], ["ghost"]),
        "decline-plan: actions[0].outcomes[0]: unknown outcome 'ghost'; expected one of "
        "['decline_with_thanks', 'request_conversation']",
    ),
    (
        _set(["how_to_read"], []),
        "decline-plan: how_to_read: expected a non-empty list but received: []",
    ),
    (
        _set(["version"], 2),
        "decline-plan: moves: expected one move per version after the first (1) but received: 0",
    ),
    (
        _versions(2, {"to": 3}),
        "decline-plan: moves[0].to: expected 2 (moves go one version at a time, in order) "
        "but received: 3",
    ),
    (
        _versions(2, {"to": 2, "values": {"open_to_future": {"perhaps": "someday"}}}),
        "decline-plan: moves[0].values.open_to_future.perhaps: expected one of "
        "['maybe', 'no', 'yes'] but received: 'someday'",
    ),
    (
        _versions(2, {"to": 2, "questions": {"name": "full_name"}}),
        "decline-plan: moves[0].questions.name: expected the ID of a question but received: "
        "'full_name'",
    ),
    (
        _versions(2, {"to": 2, "removed": [{"id": "company", "label": "Company"}]}),
        "decline-plan: moves[0].removed[0].id: expected a question no longer asked but "
        "received: 'company'",
    ),
    (
        _set(["version"], 0),
        "decline-plan: version: expected a whole number from 1 but received: 0",
    ),
    (
        _set(["id"], "Decline Plan"),
        "Decline Plan: id: expected an ID like 'should-i-decline' but received: 'Decline Plan'",
    ),
]


@pytest.mark.parametrize(("change", "message"), BROKEN, ids=[m for _, m in BROKEN])
def test_broken_definition_message(change, message):
    assert _broken(change) == message


def test_definition_files_match_their_ids():
    with pytest.raises(InvalidDefinition, match=re.escape("expected 'offer-check'")):
        parse_definition(_base(), expected_id="offer-check")


def test_moves_reach_the_page_as_declared():
    data = _base()
    data["version"] = 3
    data["moves"] = [
        {"to": 2, "questions": {"name": "your_full_name"}},
        {"to": 3, "questions": {"your_full_name": "your_name"},
         "values": {"open_to_future": {"perhaps": "maybe"}},
         "removed": [{"id": "salary", "label": "What did they offer?"}]},
    ]  # fmt: skip
    public = public_definition(parse_definition(data))
    assert public["version"] == 3
    assert public["moves"] == [
        {"to": 2, "questions": {"name": "your_full_name"}, "values": {}, "removed": []},
        {"to": 3, "questions": {"your_full_name": "your_name"},
         "values": {"open_to_future": {"perhaps": "maybe"}},
         "removed": [{"id": "salary", "label": "What did they offer?"}]},
    ]  # fmt: skip
