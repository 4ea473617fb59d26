"""The decline plan's drafts: talking points, a request for a conversation, a thank-you
note, and a complete decline by email for when no conversation can be had.

Each honest reason (C2) is written once per sentence it appears in, so every
option reads naturally everywhere; the reader's own words stand as their own
sentences, introduced, never pasted after a colon. The request asks to talk
before answering and gives no answer; the answer comes in the conversation,
or in the email when a conversation is not possible.
"""

from __future__ import annotations

from ..drafts import document, first_name, woven
from ..questionnaire_code import QuestionnaireCode

# Typing names only for annotations: importing typing costs start-up time in Pyodide.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any

    Answers = dict[str, Any]


# value -> (talking point, the reason as the reader says it in a note)
REASONS = {
    "role_scope": ("Say that the role, as it stands, is not the work you most want to do.",
                   "the role, as it stands, is not the work I most want to do"),
    "pay": ("Say that the pay and benefits do not meet what you need.",
            "the pay and benefits do not meet what I need"),
    "growth": ("Say that you do not see the room to grow that you are looking for.",
               "I do not see the room to grow that I am looking for"),
    "location": ("Say that the location or the working arrangements do not work for you.",
                 "the location and the working arrangements do not work for me"),
    "schedule": ("Say that the hours the role needs, such as its shifts or on-call duty, do not "
                 "work for you.", "the hours the role needs do not fit my life"),
    "culture": ("Say that you are not sure the way of working there would suit you.",
                "I am not sure the way of working would suit me"),
    "other_offer": ("Say that you have another opportunity that fits your goals better.",
                    "I have another opportunity that fits my goals better"),
    "timing": ("Say that the timing is not right for you.", "the timing is not right for me"),
    "other": ("Give your reason honestly, in a sentence or two you would be happy to say "
              "aloud.", None),
}  # fmt: skip
# Where the reader chose "something else" and gave no words: the email must
# still say why (C2), so it leaves a gap to fill.
YOUR_REASON = "[your honest reason]"


def _hello(answers: Answers) -> str:
    name = answers.get("contact_name")
    if not name:
        return "[their first name]"
    return name if answers.get("greeting") == "full_name" else first_name(name)


def _points(answers: Answers, role: str, keep_open: bool) -> list[str]:
    contact = answers.get("contact_name") or "them"
    point, _ = REASONS.get(answers.get("honest_reason", ""), REASONS["other"])
    points = [f"Thank {contact} for the offer of {role}, and for their time.",
              "Give your answer clearly: you have decided not to accept the offer as it stands.",
              point]  # fmt: skip
    if "reason_detail" in answers:
        points.append(f"In your own words: “{answers['reason_detail']}”")
    if "would_make_right" in answers:
        points.append(f"Say what would make a role right for you: “{answers['would_make_right']}”")
    else:
        points.append("Say what would make a role right for you: the work, the scope, the terms.")
    if keep_open:
        points.append("Ask whether the role could change, or whether another opening might fit.")
        points.append("Ask to stay in touch, so they think of you when a better fit comes up.")
    else:
        points.append("Close warmly: people move on, and you may cross paths again.")
    return points


def _request(answers: Answers, role: str, company: str, signature: str) -> str:
    """A short request to talk before answering: it gives no answer yet (C1)."""
    ask = ("Before I give you my answer, I would value a short conversation, 15 minutes by phone "
           "or video. I would like to explain my thinking honestly and hear your thoughts. "
           "Would you have time this week or next?")  # fmt: skip
    if answers.get("contact_role") == "recruiter":
        ask += " If possible, I would also like to speak with the hiring manager."
    return "\n".join([
        f"Subject: {role[0].upper() + role[1:]} at {company}",
        "",
        f"Hi {_hello(answers)},",
        "",
        f"Thank you for offering me {role} at {company}. I have thought it over carefully.",
        "",
        ask,
        "",
        "Kind regards,",
        signature,
    ])  # fmt: skip


def _thanks(answers: Answers, role: str, company: str, signature: str, keep_open: bool) -> str:
    _, reason = REASONS.get(answers.get("honest_reason", ""), REASONS["other"])
    paragraph = (f"Thank you for taking the time to talk with me about {role}. I appreciated "
                 "your openness, and I hope I was as open with you.")  # fmt: skip
    if "reason_detail" in answers:
        paragraph += " " + woven(
            answers["reason_detail"], "As I said,", "As I said, it comes down to"
        )
    elif reason:
        paragraph += f" In short, {reason}."
    lines = [f"Hi {_hello(answers)},", "", paragraph]
    wish = answers.get("would_make_right")
    if keep_open:
        if wish:
            said = woven(wish, "As we discussed,", "As we discussed, I am looking for")
            lines += ["", f"{said} If something like that comes up at {company}, I would be "
                      "glad to hear from you."]  # fmt: skip
        else:
            lines += ["", f"If something closer to what I am looking for comes up at {company}, "
                      "I would be glad to hear from you."]  # fmt: skip
        lines += ["", "I hope we stay in touch."]
    else:
        lines += ["", f"I wish you and everyone at {company} well."]
    return "\n".join(lines + ["", "Best wishes,", signature])


def _by_email(answers: Answers, role: str, company: str, signature: str, keep_open: bool) -> str:
    """The whole decline in writing: thanks, the answer, the honest reason, what would make a
    role right, and an open door or warm wishes (C2-C4), as the conversation would have."""
    _, reason = REASONS.get(answers.get("honest_reason", ""), REASONS["other"])
    answer = [f"Thank you for offering me {role} at {company}, and for the time you and the "
              "team gave me. I have thought it over carefully, and I have decided not to "
              "accept it."]  # fmt: skip
    if "reason_detail" in answers:
        why = woven(answers["reason_detail"], "To be honest with you,",
                    "To be honest with you, it comes down to")  # fmt: skip
    elif reason:
        why = f"To be honest with you, {reason}."
    else:
        why = f"To be honest with you, {YOUR_REASON}."
    lines = [f"Subject: {role[0].upper() + role[1:]} at {company}", "",
             f"Hi {_hello(answers)},", "", answer[0], "", why]  # fmt: skip
    wish = answers.get("would_make_right")
    if keep_open:
        if wish:
            said = woven(wish, "In future,", "What I am really looking for is")
            lines += ["", f"{said} If something like that comes up at {company}, I would be "
                      "very glad to hear from you."]  # fmt: skip
        else:
            lines += ["", f"If a role closer to what I am looking for comes up at {company}, I "
                      "would be very glad to hear from you."]  # fmt: skip
        lines += ["", "I hope we can stay in touch."]
    else:
        lines += ["", f"I wish you and everyone at {company} well, and I hope you find the "
                  "right person soon."]  # fmt: skip
    if answers.get("contact_role") == "recruiter":
        lines += ["", "Please pass on my thanks to the hiring manager."]
    return "\n".join(lines + ["", "Kind regards,", signature])


def documents(outcome: str, answers: Answers, today: date | None = None) -> list[dict]:
    company = answers.get("company") or "[company]"
    signature = answers.get("your_name") or "[your name]"
    role = f"the {answers['role_title']} role" if "role_title" in answers else "the role"
    keep_open = outcome == "request_conversation"
    return [
        document("talking_points", "Talking points for the conversation", "list",
                 "talking-points.txt", "\n".join(_points(answers, role, keep_open))),
        document("request_message", "Message asking for a conversation", "text",
                 "request-message.txt", _request(answers, role, company, signature)),
        document("thank_you_note", "Thank-you note after the conversation", "text",
                 "thank-you-note.txt", _thanks(answers, role, company, signature, keep_open)),
        # Always drafted: a reader who cannot get a conversation (no reply, no time,
        # or an employer who asks for an answer in writing) sends this instead.
        document("decline_by_email", "If a conversation is not possible: your decline by email",
                 "text", "decline-by-email.txt",
                 _by_email(answers, role, company, signature, keep_open)),
    ]  # fmt: skip


CODE = QuestionnaireCode(
    reads=("contact_name", "company", "your_name", "role_title", "honest_reason",
           "reason_detail", "would_make_right", "contact_role", "greeting"),
    documents=documents,
)  # fmt: skip
