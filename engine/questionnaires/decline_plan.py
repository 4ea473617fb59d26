"""The decline plan's drafts: talking points, a request for a conversation, a thank-you note."""

from __future__ import annotations

from ..drafts import document
from ..hooks import QuestionnaireCode

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Answers = dict[str, Any]


def _name(answers: Answers, key: str, blank: str) -> str:
    return answers.get(key) or blank


# The honest reason (C2) in the reader's voice, completing "I am declining because ...".
DECLINE_REASONS = {
    "role_scope": "the role as it stands is not the work I most want to do",
    "pay": "the pay and benefits do not meet what I need",
    "growth": "I do not see the room to grow that I am looking for",
    "location": "the location or working arrangements do not work for me",
    "culture": "I am not sure the way of working there suits me",
    "other_offer": "I am pursuing another opportunity that fits my goals more closely",
    "timing": "the timing is not right for me",
    "other": "of personal reasons I would like to explain in person",
}


def documents(outcome: str, answers: Answers, today=None) -> list[dict]:
    contact = _name(answers, "contact_name", "[their name]")
    company = _name(answers, "company", "[company]")
    signature = _name(answers, "your_name", "[your name]")
    role = f"the {answers['role_title']} role" if "role_title" in answers else "the role"
    reason = DECLINE_REASONS.get(answers.get("honest_reason", ""), "[your honest reason]")
    keep_open = outcome == "request_conversation"

    points = [
        f"Thank {contact} for the offer of {role} and for their time.",
        f"Say honestly why you are declining: {reason}.",
    ]
    if "reason_detail" in answers:
        points.append(f"In your own words: {answers['reason_detail']}")
    if "would_make_right" in answers:
        points.append(f"Say what would make a role right for you: {answers['would_make_right']}")
    else:
        points.append("Say what would make a role right for you: the work, the scope, the terms.")
    points.append("Ask whether the role could change, or whether another opening might fit.")
    if keep_open:
        points.append("Ask to stay in touch, so they think of you when a better fit comes up.")
    else:
        points.append("Close warmly: people move on, and you may cross paths again.")

    recruiter = answers.get("contact_role") == "recruiter"
    ask = (
        "Before I reply formally, I would value a short conversation (15 minutes by phone "
        "or video) to explain my reasons honestly and to hear your thoughts."
    )
    if recruiter:
        ask += " If possible, I would also like to speak with the hiring manager."
    request = "\n".join(
        [
            f"Subject: {role[0].upper() + role[1:]} at {company}",
            "",
            f"Dear {contact},",
            "",
            f"Thank you for offering me {role} at {company}. I have thought it over "
            "carefully, and I have decided not to accept it as it stands.",
            "",
            ask,
            "Would you have time this week or next?",
            "",
            "Kind regards,",
            signature,
        ]
    )

    thanks = [
        f"Dear {contact},",
        "",
        f"Thank you for taking the time to talk with me about {role}. I appreciated "
        f"your openness, and I hope I was as open about my reasons: {reason}.",
    ]
    if "would_make_right" in answers:
        thanks += ["", f"As I said, what would make a role right for me: "
                   f"{answers['would_make_right']}"]  # fmt: skip
    if keep_open:
        thanks += ["", f"I would be glad to hear from you if something closer to that comes up "
                   f"at {company}, and I hope we stay in touch."]  # fmt: skip
    else:
        thanks += ["", f"I wish you and everyone at {company} well."]
    thanks += ["", "Best wishes,", signature]

    return [
        document(
            "talking_points",
            "Talking points for the conversation",
            "list",
            "talking-points.txt",
            "\n".join(points),
        ),  # fmt: skip
        document(
            "request_message",
            "Message asking for a conversation",
            "text",
            "request-message.txt",
            request,
        ),  # fmt: skip
        document(
            "thank_you_note",
            "Thank-you note after the conversation",
            "text",
            "thank-you-note.txt",
            "\n".join(thanks),
        ),  # fmt: skip
    ]


CODE = QuestionnaireCode(
    reads=("contact_name", "company", "your_name", "role_title", "honest_reason",
           "reason_detail", "would_make_right", "contact_role"),
    documents=documents,
)  # fmt: skip
