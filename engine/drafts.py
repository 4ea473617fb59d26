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
    """One draft, list or calendar as the result carries it."""
    return {
        "id": doc_id,
        "title": title,
        "kind": kind,
        "filename": filename,
        "media_type": media_type,
        "content": content,
    }


# Titles a reader may type before a name: the greeting keeps them with the
# surname ("Dr Okafor"), as a person would write.
TITLES = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame"})
# Days no one should be asked to act on: weekends, 1 January and 25 December.
HOLIDAYS = ((1, 1), (12, 25))
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
