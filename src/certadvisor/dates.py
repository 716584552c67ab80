"""Dates as people type them: YYYY-MM-DD, checked in plain words."""

import datetime as dt
import re

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Every date a person or a catalog gives is within these: birth dates and credentials of
# people working today start after 1900, and plans, renewals and alarms computed from a date
# (decades at most) then stay far inside Python's calendar (years 1 to 9999).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def check_day(day: dt.date) -> dt.date:
    """The date itself when it is within FIRST_DAY..LAST_DAY; else a ValueError in plain words."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day.isoformat()} is outside {FIRST_DAY.year}-{LAST_DAY.year}")
    return day


def parse_day(text: str) -> dt.date:
    """A date written YYYY-MM-DD; anything else is a ValueError in plain words."""
    if not _DAY.match(text.strip()):
        raise ValueError(f"{text!r} is not a date; write it YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


def parse_bounded_day(text: str) -> dt.date:
    """A date written YYYY-MM-DD within FIRST_DAY..LAST_DAY (the command line's dates)."""
    return check_day(parse_day(text))
