"""Dates as people type them: YYYY-MM-DD, checked in plain words."""

import datetime as dt
import re

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(text: str) -> dt.date:
    """A date written YYYY-MM-DD; anything else is a ValueError in plain words."""
    if not _DAY.match(text.strip()):
        raise ValueError(f"{text!r} is not a date; write it YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
