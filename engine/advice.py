"""The advice IDs of the content brief, which every reason, flag and action cites."""

from __future__ import annotations

# In the brief's order; the page links each ID to the guide section covering it.
ADVICE_IDS: tuple[str, ...] = (
    "A1", "A2", "A3",
    "B1", "B2", "B3", "B4",
    "C1", "C2", "C3", "C4",
    "D1", "D2", "D3", "D4",
    "E1",
    "F1", "F2", "F3",
)  # fmt: skip
