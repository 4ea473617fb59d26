"""Can you afford to wait? One rule for every questionnaire, each number with its reason.

The guide's "Can you afford to wait?" section teaches it: the runway must
cover the wait for the first choice, plus a full search if the answer is no,
plus the gap before the first pay arrives, with room to spare.
"""

from __future__ import annotations

import math

# B4: after a "no", a determined search often takes a few months; a reader
# who knows their field may say how long theirs would take.
SEARCH_MONTHS = 3
# A new job's first pay usually arrives about a month after the first day.
FIRST_PAY_MONTHS = 1
# Room to spare: a date that slips, a bill nobody planned for. Zero margin is
# not "affordable".
SPARE_MONTHS = 1


def beyond_the_wait(search_months: float = SEARCH_MONTHS) -> int:
    """A search (whole months, rounded up), the gap to a first pay, and a month to spare."""
    return math.ceil(search_months) + FIRST_PAY_MONTHS + SPARE_MONTHS


def weeks_to_months(weeks: float) -> int:
    """Whole months, rounded up; multiply before dividing so 13 weeks is exactly 3 months."""
    return math.ceil(weeks * 12 / 52)


def months_needed(wait_months: int, search_months: float = SEARCH_MONTHS) -> int:
    """The runway to wait, search again and reach a first pay, with a month to spare."""
    return wait_months + beyond_the_wait(search_months)


def longest_wait_weeks(
    runway_months: float, stretch: int = 1, search_months: float = SEARCH_MONTHS
) -> int | None:
    """The longest wait, in whole weeks (at least 1), that a runway covers; None if none."""
    spare = math.floor(runway_months) - beyond_the_wait(search_months)
    if spare < 1:
        return None
    weeks = math.floor(spare * 52 / 12 / stretch)
    # Guard the rounding: keep the largest whole number of weeks that still fits.
    while weeks > 0 and months_needed(weeks_to_months(weeks * stretch), search_months) > (
        runway_months
    ):
        weeks -= 1
    return weeks if weeks >= 1 else None
