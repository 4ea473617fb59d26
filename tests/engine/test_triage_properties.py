"""Properties a careful coach would insist on, over every complete set of triage answers."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine import evaluate, get_definition

TRIAGE = "should-i-decline"
DECLINING = {"wait_for_first_choice", "decline_and_keep_doors_open"}
SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
QUESTIONS = {q["id"]: q for q in get_definition(TRIAGE)["questions"]}


def _options(question_id: str) -> st.SearchStrategy:
    return st.sampled_from([option["value"] for option in QUESTIONS[question_id]["options"]])


answers = st.fixed_dictionaries(
    {
        "offer_fit": _options("offer_fit"),
        "homework": _options("homework"),
        "current_job": _options("current_job"),
        "first_choice_stage": _options("first_choice_stage"),
        "restructuring": _options("restructuring"),
        "runway_months": st.integers(0, 120) | st.floats(0, 120),
        "no_would_feel": _options("no_would_feel"),
        "ready_to_search": _options("ready_to_search"),
    },
    optional={
        "decision_weeks": st.integers(0, 104),
        "offer_deadline_days": st.integers(0, 365),
    },
)


def outcome(given_answers: dict) -> str | None:
    return evaluate(TRIAGE, given_answers)["outcome"]


@SETTINGS
@given(answers, st.integers(0, 120))
def test_more_runway_never_makes_letting_the_offer_go_less_likely(base, more):
    assume(more > base["runway_months"])
    if outcome(base) in DECLINING:
        assert outcome({**base, "runway_months": more}) in DECLINING


@SETTINGS
@given(answers, st.integers(1, 5))
def test_a_better_offer_never_makes_declining_it_more_likely(base, better):
    assume(better > base["offer_fit"])
    if outcome({**base, "offer_fit": better}) in DECLINING:
        assert outcome(base) in DECLINING


@SETTINGS
@given(answers, st.sampled_from(["none", "applied"]))
def test_no_one_far_from_their_first_choice_is_told_to_wait(base, stage):
    assert outcome({**base, "first_choice_stage": stage}) != "wait_for_first_choice"


@SETTINGS
@given(answers)
def test_every_change_line_is_feasible_and_true(base):
    result = evaluate(TRIAGE, base)
    assert len(result["change"]) <= 3
    for change in result["change"]:
        question = QUESTIONS[change["question"]]
        value = change["value"]
        if "min" in question:
            assert question["min"] <= value <= question["max"]
        if change["question"] in ("decision_weeks", "offer_deadline_days"):
            assert value >= 1, change["text"]  # never a wait or a deadline of 0
        applied = evaluate(TRIAGE, {**base, change["question"]: value})
        assert applied["outcome"] == change["outcome"], change["text"]


@SETTINGS
@given(answers)
def test_reasons_and_counterpoints_never_repeat_each_other(base):
    result = evaluate(TRIAGE, base)
    reasons = {item["text"] for item in result["reasons"]}
    assert not reasons & {item["text"] for item in result["against"]}
    # Being a finalist is never a reason to take the offer.
    if result["outcome"] == "accept_and_stay_in_touch":
        assert not any("finalist" in text for text in reasons)


def test_every_outcome_stays_reachable():
    base = {"offer_fit": 3, "homework": "done", "current_job": "no",
            "first_choice_stage": "finalist", "restructuring": "no", "decision_weeks": 4,
            "runway_months": 6, "no_would_feel": "disappointed",
            "ready_to_search": "yes"}  # fmt: skip
    seen = {
        outcome({**base, "homework": "not_yet"}),
        outcome(base),
        outcome({**base, "runway_months": 2}),
        outcome({**base, "offer_fit": 4, "offer_deadline_days": 21}),
        outcome({**base, "offer_fit": 4, "offer_deadline_days": 30}),
        outcome({**base, "first_choice_stage": "interviewing"}),
    }
    assert seen == {o["id"] for o in get_definition(TRIAGE)["outcomes"]}
