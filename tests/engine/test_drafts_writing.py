"""Every draft reads as a person would write it, for every option of every choice question.

The checks a careful reader applies, as tests: no placeholder where the input
was given, no doubled words or punctuation, no line break inside a paragraph,
no sentence starting in lower case or running over 30 words, a reading grade
of 8 or below, every typed name and company exactly as typed, and no two
follow-up notes alike. The follow-up notes are read for every situation x
contact role x number of news items, each asking about keeping in touch in
its own words and holding nothing that does not apply to that reader.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest
import textstat

from engine import evaluate, get_definition

NAMES = {"contact_name": "Sam Ortiz", "company": "Northwind Traders", "your_name": "Dana Wells"}
# Each placeholder, and the answer whose absence alone may leave it in a draft.
# "[what's new]" stands where the reader's list of news has run out, and
# "[your honest reason]" where they chose "something else" without words; the
# tests of each questionnaire check those two.
PLACEHOLDERS = {"[your name]": "your_name", "[their first name]": "contact_name",
                "[their name]": "contact_name", "[company]": "company",
                "[what's new]": None, "[your honest reason]": None}  # fmt: skip
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
MAX_WORDS = 30
MAX_GRADE = 8.0


def options(questionnaire: str, question: str) -> list:
    for item in get_definition(questionnaire)["questions"]:
        if item["id"] == question:
            return [option["value"] for option in item["options"]]
    raise KeyError(question)


def problems(content: str, answers: dict, typed: dict) -> list[str]:
    """What a careful reader would object to in one draft."""
    found = []
    for placeholder, question in PLACEHOLDERS.items():
        if placeholder in content and question is not None and question in answers:
            found.append(f"placeholder {placeholder} although {question} was given")
    for stray in re.findall(r"\[[^\]]*\]", content):
        if stray not in PLACEHOLDERS:
            found.append(f"unknown placeholder {stray}")
    if re.search(r"\b(\w+)\s+\1\b", content, re.IGNORECASE):
        found.append(f"doubled word: {re.search(r'\b(\w+)\s+\1\b', content, re.I)[0]!r}")
    if re.search(r"[,;:]\s*[.,;:]|\.\.(?!\.)|\s[.,;:]", content):
        found.append("doubled or stray punctuation")
    body = "\n".join(line for line in content.splitlines() if not line.startswith("Subject:"))
    for sentence in SENTENCE_END.split(body):
        letters = sentence.lstrip("“\"'( -")
        if letters.startswith("["):  # a placeholder for an input left empty
            continue
        if letters and letters[0].isalpha() and letters[0].islower():
            found.append(f"sentence starts in lower case: {sentence[:40]!r}")
        if len(sentence.split()) > MAX_WORDS:
            found.append(f"sentence of {len(sentence.split())} words: {sentence[:50]!r}")
    grade = textstat.flesch_kincaid_grade(body)
    if grade > MAX_GRADE:
        found.append(f"reading grade {grade:.1f}")
    for question, value in typed.items():
        # A name may be left out of a short note, but never altered where it appears.
        altered = re.findall(re.escape(value), content, re.IGNORECASE)
        if question in answers and any(match != value for match in altered):
            found.append(f"{question} {value!r} not as typed")
    return found


def appears(value: str, documents: list[dict]) -> bool:
    return any(value in document["content"] for document in documents)


# --- decline plan ---------------------------------------------------------------

DECLINE_TEXT = {"role_title": "Product Designer", "reason_detail": "I want more time with clients",
                "would_make_right": "A role with more research work"}  # fmt: skip


def _decline_cases():
    choices = [options("decline-plan", q) for q in ("contact_role", "honest_reason",
                                                     "open_to_future")]  # fmt: skip
    greetings = [None, *options("decline-plan", "greeting")]
    for role, reason, future in itertools.product(*choices):
        for greeting, full in itertools.product(greetings, (True, False)):
            answers = {"contact_role": role, "honest_reason": reason, "open_to_future": future}
            if greeting:
                answers["greeting"] = greeting
            if full:
                answers |= NAMES | DECLINE_TEXT
            yield answers


def _decline_id(answers: dict) -> str:
    keys = ("contact_role", "honest_reason", "open_to_future", "greeting")
    filled = "-full" if "company" in answers else "-empty"
    return "-".join(str(answers.get(key, "none")) for key in keys) + filled


@pytest.mark.parametrize("answers", list(_decline_cases()), ids=_decline_id)
def test_decline_drafts_read_well(answers):
    result = evaluate("decline-plan", answers)
    typed = {"company": NAMES["company"], "your_name": NAMES["your_name"]}
    if "company" in answers:
        assert appears(NAMES["company"], result["documents"])
        assert appears(NAMES["your_name"], result["documents"])
    for document in result["documents"]:
        content = document["content"]
        if document["id"] == "talking_points":
            typed_here = {"contact_name": NAMES["contact_name"]}
        else:
            first = "Sam Ortiz" if answers.get("greeting") == "full_name" else "Sam"
            typed_here = {**typed, "contact_name": f"Hi {first},"}
        assert problems(content, answers, typed_here) == [], document["id"]
        if result["outcome"] == "decline_with_thanks":
            assert "another opening" not in content  # no draft contradicts the chosen path
        # Paragraphs only: no line break inside one (a letter's lines are its head,
        # greeting, paragraphs and sign-off, each followed by a blank line).
        if document["kind"] == "text":
            _no_stray_line_breaks(content)
        gap = answers["honest_reason"] == "other" and "reason_detail" not in answers
        assert ("[your honest reason]" in content) == (gap and document["id"] == "decline_by_email")
    drafts = {document["id"]: document["content"] for document in result["documents"]}
    # The request asks to talk before answering, and gives no answer (C1).
    assert "Before I give you my answer" in drafts["request_message"]
    assert "not to accept" not in drafts["request_message"]
    # The email is a complete decline: the answer, the reason, and the door left as chosen.
    email = drafts["decline_by_email"]
    assert "I have decided not to accept it." in email
    if "reason_detail" in answers:
        assert "I want more time with clients." in email
    assert ("stay in touch" in email) == (answers["open_to_future"] != "no")


def _no_stray_line_breaks(content: str) -> None:
    lines = content.split("\n")
    sign_off = max(i for i, line in enumerate(lines) if line.endswith(("regards,", "wishes,")))
    for i, line in enumerate(lines[: sign_off - 1]):
        if line and lines[i + 1]:
            raise AssertionError(f"a line break inside a paragraph after {line[-40:]!r}")


# --- follow-up plan ------------------------------------------------------------------

NEWS_ITEMS = ["shipped the billing redesign", "Finished the data course", "led the Q3 launch",
              "I mentored two new analysts", "Spoke at a local meetup", "won a team award",
              "Started a course in negotiation", "My team grew to six people",
              "passed the CFA level 2 exam", "wrote an article on pricing",
              "Volunteered as a treasurer", "built a forecasting model"]  # fmt: skip
NEWS_COUNTS = (0, 1, 3, 12)
TODAYS = (None, date(2026, 12, 18), date(2026, 12, 24), date(2027, 3, 1))
# Marks of a question about keeping in touch, in any of its wordings.
KEEP_IN_TOUCH = re.compile(r"keep in touch|check(ed|ing)? in|drop you a line|these notes|"
                           r"write again|a short note|hear from me|staying in touch")  # fmt: skip
# What fits no note after accepting another job: no offer of work or of
# "anything else", no hint of a restructuring (the plan knows of none).
NOT_AFTER_ACCEPTING = ("sample of my work", "example of my work", "examples of my work",
                       "anything else", "references", "anything you need")  # fmt: skip
NOT_TO_A_SENIOR_LEADER = ("sample of my work", "example of my work", "examples of my work")


def _follow_up_cases():
    situations = options("follow-up-plan", "situation")
    roles = [None, *options("follow-up-plan", "contact_role")]
    cadences = options("follow-up-plan", "cadence_weeks")
    signals = [None, *options("follow-up-plan", "their_signal")]
    grid = itertools.product(situations, roles, NEWS_COUNTS, (1, 5, 12), (True, False))
    for n, (situation, role, news, count, full) in enumerate(grid):
        answers = {"situation": situation, "cadence_weeks": cadences[n % len(cadences)],
                   "check_ins": count, "last_contact": "2026-11-02"}  # fmt: skip
        signal = signals[n % len(signals)]
        if signal and signal != "asked_to_wait":  # a pause has no notes to read
            answers["their_signal"] = signal
        if role:
            answers["contact_role"] = role
        if news:
            answers["accomplishments"] = "\n".join(NEWS_ITEMS[:news])
        if situation == "still_deciding" and n % 3:
            answers["offer_deadline_days"] = (3, 10, 40)[n % 3]
        if full:
            answers |= NAMES
        yield answers, TODAYS[n % len(TODAYS)]


def _follow_up_id(case) -> str:
    answers, today = case
    keys = ("situation", "contact_role", "check_ins", "offer_deadline_days")
    news = len(answers.get("accomplishments", "").splitlines())
    return "-".join(str(answers.get(key, "none")) for key in keys) + f"-news{news}" + (
        "-full" if "company" in answers else "-empty") + f"-{today}"  # fmt: skip


def _paragraphs(note: str) -> list[str]:
    """The body's paragraphs: after the greeting, before the sign-off."""
    parts = note.split("\n\n")
    return parts[2:-1]


@pytest.mark.parametrize("case", list(_follow_up_cases()), ids=_follow_up_id)
def test_follow_up_notes_read_well_fit_the_reader_and_never_repeat(case):
    answers, today = case
    result = evaluate("follow-up-plan", answers, today=today)
    notes = [doc for doc in result["documents"] if doc["id"].startswith("note_")]
    assert len(notes) == answers["check_ins"]
    assert len({note["content"] for note in notes}) == len(notes), "two notes alike"
    subjects = [note["content"].splitlines()[0] for note in notes]
    assert len(set(subjects)) == len(subjects), subjects
    assert not any(re.search(r"\d+ of \d+", subject) for subject in subjects)
    typed = {"company": NAMES["company"], "your_name": NAMES["your_name"],
             "contact_name": "Hi Sam,"}  # fmt: skip
    situation, role = answers["situation"], answers.get("contact_role")
    news = answers.get("accomplishments", "").splitlines()
    asks = []
    for k, note in enumerate(notes, start=1):
        content = note["content"]
        assert problems(content, answers, typed) == [], note["id"]
        _no_stray_line_breaks(content)
        if "company" in answers:  # every note is signed and greets them by first name
            assert "Hi Sam," in content and content.endswith("Dana Wells")
        # Every note asks, in its own words, whether keeping in touch is still welcome.
        ask = [s for s in _paragraphs(content)[-1].split("? ") if KEEP_IN_TOUCH.search(s)]
        assert ask and _paragraphs(content)[-1].endswith("?"), content
        asks.append(ask[-1])
        # Nothing that does not apply to this reader.
        assert "settle" not in content  # no restructuring is known
        if situation == "accepted_offer":
            assert not any(words in content for words in NOT_AFTER_ACCEPTING), content
        if role == "senior_leader":
            assert not any(words in content for words in NOT_TO_A_SENIOR_LEADER), content
        # One piece of news each, in order, then a gap to fill.
        if k == 1:
            assert "[what's new]" not in content
        elif k <= len(news):
            assert news[k - 1].lower() in content.lower() and "[what's new]" not in content
        else:
            assert "[what's new]" in content
    assert len(set(asks)) == len(asks), asks
    if "company" in answers:
        assert NAMES["company"] in notes[0]["content"]
    first = notes[0]["content"]
    if situation == "declined_offer":
        assert "I have just turned down another job offer" in first
    elif situation == "accepted_offer":
        assert "I have accepted a role elsewhere" in first
    else:
        assert "where things stand" in first
        if today is not None and "offer_deadline_days" in answers:
            assert "my answer by" in first and str(today.year) not in first
    if news and news[0]:
        assert news[0].lower() in first.lower()
    flags = {flag["id"] for flag in result["flags"]}
    gaps = any("[what's new]" in note["content"] for note in notes)
    assert ("news_runs_out" in flags or "no_accomplishments" in flags) == gaps


# --- the triage's request for more time ----------------------------------------------


@pytest.mark.parametrize("today", [None, date(2026, 12, 18), date(2026, 11, 26)])
@pytest.mark.parametrize("stage", ["finalist", "strong_maybe"])
@pytest.mark.parametrize("full", [True, False])
# (days to the deadline, weeks to their answer): each within two weeks' extension.
@pytest.mark.parametrize(("deadline", "weeks"), [(0, 1), (1, 2), (4, 2), (20, 3)])
def test_ask_for_time_drafts_read_well(today, stage, full, deadline, weeks):
    answers = {"offer_fit": 2, "homework": "done", "current_job": "no",
               "first_choice_stage": stage, "restructuring": "no", "decision_weeks": weeks,
               "runway_months": 2, "no_would_feel": "devastated", "ready_to_search": "no",
               "offer_deadline_days": deadline}  # fmt: skip
    if full:
        answers |= {"your_name": "Dana Wells", "offer_contact": "Sam Ortiz",
                    "first_choice_contact": "Priya Raman"}  # fmt: skip
    result = evaluate("should-i-decline", answers, today=today)
    assert result["outcome"] == "ask_for_time"
    assert [d["id"] for d in result["documents"]] == ["ask_offer_for_time", "ask_first_choice"]
    for document in result["documents"]:
        content = document["content"]
        present = {k for k in answers} | ({"contact_name"} if full else set())
        assert problems(content, {k: 1 for k in present}, {"your_name": "Dana"} if full
                        else {}) == [], document["id"]  # fmt: skip
        if today is not None:
            assert str(today.year) not in content  # dates as people write them
            asked = re.search(r"my answer by (\w+) \d+", content)
            assert asked is None or asked[1] not in ("Saturday", "Sunday"), asked[0]


# --- the triage's note to the first choice, in every situation that drafts it -------


@pytest.mark.parametrize("today", [None, date(2026, 12, 4), date(2026, 12, 18)])
@pytest.mark.parametrize("stage", ["interviewing", "finalist", "strong_maybe"])
@pytest.mark.parametrize("full", [True, False])
# (deadline days, answer weeks): their answer in time; a little late; weeks late; unknown.
@pytest.mark.parametrize(("deadline", "weeks"), [(10, 1), (7, 2), (3, 6), (5, None)])
def test_the_note_to_the_first_choice_reads_well(today, stage, full, deadline, weeks):
    answers = {"offer_fit": 4, "homework": "done", "current_job": "no",
               "first_choice_stage": stage, "restructuring": "no", "runway_months": 3,
               "no_would_feel": "disappointed", "ready_to_search": "yes",
               "offer_deadline_days": deadline}  # fmt: skip
    if weeks is not None:
        answers["decision_weeks"] = weeks
    if full:
        answers |= {"your_name": "Dana Wells", "first_choice_contact": "Priya Raman"}
    result = evaluate("should-i-decline", answers, today=today)
    notes = [d for d in result["documents"] if d["id"] == "ask_first_choice"]
    assert len(notes) == 1, result["outcome"]
    content = notes[0]["content"]
    present = set(answers) | ({"contact_name"} if full else set())
    assert problems(content, {k: 1 for k in present},
                    {"your_name": "Dana Wells"} if full else {}) == []  # fmt: skip
    assert content.startswith(f"Subject: {notes[0]['subject']}\n")
    if today is not None:
        assert str(today.year) not in content  # dates as people write them
