"""What every draft shares: the document record, and blanks for inputs left empty.

Free text goes in as plain text only: no markup is ever produced from it, and
the answer checks have already bounded its length and removed control
characters.
"""

from __future__ import annotations

from datetime import date, timedelta

TEXT = "text/plain"


def document(doc_id: str, title: str, kind: str, filename: str | None, content: str,
             media_type: str = TEXT) -> dict:  # fmt: skip
    """One draft, list or calendar as the result carries it.

    A message's subject is its first line ("Subject: ..."); it is also given as
    a field, so a page can open the draft in an email app without parsing it.
    """
    first = content.split("\n", 1)[0]
    subject = first.removeprefix("Subject: ") if first.startswith("Subject: ") else None
    return {
        "id": doc_id,
        "title": title,
        "kind": kind,
        "filename": filename,
        "media_type": media_type,
        "content": content,
        "subject": subject,
    }


# Titles a reader may type before a name: the greeting keeps them with the
# surname ("Dr Okafor"), as a person would write.
TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame"})
# Days no one should be asked to act on: weekends, 1 January and 25 December.
# Days few people read work mail: New Year's Day and the days around Christmas.
HOLIDAYS = ((1, 1), (12, 24), (12, 25), (12, 26), (12, 31))
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


def first_name(name: str | None) -> str | None:
    """How to greet someone: "Sam Ortiz" -> "Sam"; "Dr Ama Okafor" -> "Dr Okafor"."""
    if not name:
        return None
    words = name.split()
    if len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
        return f"{words[0]} {words[-1]}"
    return words[0]


def long_date(day: date) -> str:
    """'Friday 14 November', as people write dates in a note (locale-free, so runtimes agree)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def long_date_near(day: date, reference: date) -> str:
    """long_date, with the year when it is not the reference's: 'Friday 8 January 2027'."""
    words = long_date(day)
    return words if day.year == reference.year else f"{words} {day.year}"


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def working_day(day: date, not_before: date | None = None) -> date:
    """The nearest working day: earlier if that stays on or after `not_before`, else later."""
    earlier = day
    while not is_working_day(earlier):
        earlier -= timedelta(days=1)
    if earlier == day or not_before is None or earlier >= not_before:
        return earlier
    later = day
    while not is_working_day(later):
        later += timedelta(days=1)
    return later


def display_weeks(weeks: float) -> str:
    whole = int(weeks) if float(weeks).is_integer() else weeks
    return f"{whole} week" if whole == 1 else f"{whole} weeks"


# Past-tense verbs a reader's news often starts with ("led the Q3 launch"):
# such a line becomes "I led the Q3 launch."; words ending in -ed count too.
PAST_VERBS = frozenset({
    "began", "became", "brought", "built", "bought", "did", "drew", "found", "gave", "got",
    "grew", "held", "kept", "led", "left", "made", "met", "ran", "sold", "spoke", "spent",
    "taught", "took", "won", "wrote", "learnt", "set", "shipped", "read", "went", "saw",
})  # fmt: skip
PRONOUNS = frozenset({"i", "i'm", "i've", "i'd", "my", "we", "we've", "our", "it", "this"})


def sentence_of(text: str) -> str:
    """A reader's line of news as a sentence that can stand in a note.

    "shipped the billing redesign" -> "I shipped the billing redesign."
    "My team won an award" -> "My team won an award."
    "A certificate in data analysis" -> "A certificate in data analysis." (left as written)
    """
    text = " ".join(text.split()).rstrip(" ;,")
    if not text:
        return text
    first = text.split(" ")[0].lower().strip(".,;:!?")
    if first not in PRONOUNS:
        verb = text[0].lower() + text[1:]  # a verb is no name: lower-case it
        if first in PAST_VERBS or (first.endswith("ed") and len(first) > 3):
            text = f"I {verb}"
        elif first.endswith("ing") and len(first) > 4:
            text = f"I have been {verb}"
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


# Words that make a line a sentence of its own rather than a fragment.
FINITE_VERBS = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "would", "will", "can", "could", "do",
    "does", "did", "need", "needs", "want", "wants", "feel", "feels", "makes", "matters",
})  # fmt: skip
# First words that are safe to lower-case mid-sentence (never a name).
COMMON_STARTS = frozenset({
    "a", "an", "the", "more", "less", "some", "better", "fewer", "no", "being", "working",
    "having", "remote", "flexible", "family", "personal", "higher", "lower", "closer",
})  # fmt: skip


def _mid_sentence(text: str) -> str:
    word = text.split(" ")[0]
    return word.lower() + text[len(word) :] if word.lower() in COMMON_STARTS else text


def woven(text: str, lead: str, fragment_lead: str) -> str:
    """The reader's own words woven into a sentence of ours.

    A sentence of theirs follows `lead` ("As I said, the commute is too long.");
    a fragment follows `fragment_lead` ("I am looking for a role with ...").
    """
    sentence = sentence_of(text)
    words = sentence.split(" ")
    first = words[0].lower().strip(".,;:!?")
    if first in PRONOUNS:
        opening = words[0] if words[0] in ("I", "I'm", "I've", "I'd") else words[0].lower()
        return f"{lead} {opening} {' '.join(words[1:])}".rstrip()
    if any(word.lower().strip(".,;:!?") in FINITE_VERBS for word in words[1:8]):
        return f"{lead} {_mid_sentence(sentence)}"
    return f"{fragment_lead} {_mid_sentence(sentence)}"
