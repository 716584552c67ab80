"""Checks on what people type and files hold: dates, points, text, names.

Free of pydantic, so that opening the store and reading --person cost no model imports.
"""

import datetime as dt
import math

from certadvisor.text import UNSAFE_LINE, control_char

EXPORT_FORMAT = "certadvisor-wallet"
DEFAULT_PERSON = "me"  # whose wallet a command means when no --person is given
MAX_POINTS = 1000.0
# What an import refuses in text (control characters, line separators, bidi overrides and
# isolates, surrogates), refused at input too: what is stored can always be exported and
# imported again. One regex (an import checks every title, provider and approver).
CONTROL = UNSAFE_LINE


def check_not_future(day: dt.date, today: dt.date) -> dt.date:
    """Refuse a date after today: credentials and CE are recorded once they happened."""
    if day > today:
        raise ValueError(f"{day.isoformat()} is in the future (today is {today.isoformat()})")
    return day


def check_points(value: float) -> float:
    """CE points: a finite number above zero and at most MAX_POINTS."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a number of points")
    if value <= 0:
        raise ValueError(f"{value:g} is not more than 0; points are positive")
    if value > MAX_POINTS:
        raise ValueError(f"{value:g} is over {MAX_POINTS:g} points for one activity")
    return float(value)


def clean_text(value: str | None, *, required: bool = False, max_len: int = 300) -> str | None:
    """Trimmed text without control characters; empty is None (or an error when required)."""
    if value is None or not value.strip():
        if required:
            raise ValueError("must not be empty")
        return None
    text = value.strip()
    bad = control_char(text, one_line=True)
    if bad:
        raise ValueError(f"must be one line without control characters (found {bad})")
    if len(text) > max_len:
        raise ValueError(f"is {len(text)} characters long, over the limit of {max_len}")
    return text


def required_text(value: str | None, max_len: int = 300) -> str:
    """Trimmed one-line text that must not be empty."""
    text = clean_text(value, required=True, max_len=max_len)
    assert text is not None
    return text


def check_person(name: str) -> str:
    """A person's name as shown: one line, 1 to 100 characters."""
    return required_text(name, max_len=100)


def person_key(name: str) -> str:
    """The key that makes 'Maria' and 'maria' the same person."""
    return check_person(name).casefold()
