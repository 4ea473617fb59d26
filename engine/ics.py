"""A minimal RFC 5545 writer: all-day events, escaped text, folded lines, CRLF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PRODID = "-//offer-guide//plan//EN"
# Every calendar the guide writes names its events KEY@offer-guide: the same
# event keeps one UID in its questionnaire's file and in My plan's, so
# importing both updates the event instead of duplicating it.
UID_DOMAIN = "offer-guide"
# RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the CRLF.
MAX_OCTETS = 75


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str
    reminder: str | None = None  # a TRIGGER duration after the start, such as "PT9H"


def event_uid(key: str) -> str:
    """The UID of the event `key` ("check-in-1-…", "offer-deadline") in every calendar."""
    return f"{key}@{UID_DOMAIN}"


def escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = [], 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            # A continuation line starts with a space, which counts as an octet.
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def calendar(events: list[Event], stamp: date) -> str:
    """The calendar as text; DTSTAMP comes from `stamp` so output is reproducible."""
    dtstamp = stamp.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{event.day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(event.day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
            "TRANSP:TRANSPARENT",
        ]
        if event.reminder:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{escape(event.summary)}",
                f"TRIGGER;RELATED=START:{event.reminder}",
                "END:VALARM",
            ]
        lines += ["END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
