"""A small generic iCalendar writer: all-day events that update in place when re-imported.

A calendar app matches a re-imported event to the one it holds by UID and keeps the copy with
the higher SEQUENCE (then the later DTSTAMP). So UIDs name what an event is (whose, which
track, which milestone), never its date; DTSTAMP is the time of writing; and SEQUENCE is the
seconds from 2020 to that time, so a later export always supersedes an earlier one whatever
changed. ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes the time of writing,
and with it the bytes, for tests and reproducible exports.

Alarms are optional: ``alarms_days`` on `calendar_bytes` gives every event display alarms so
many days before it; an event's own ``alarms_days`` replaces that list (``()`` for none).
"""

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass

from certadvisor import __version__
from certadvisor.errors import DomainError
from certadvisor.text import safe, safe_line

PRODID = f"-//certadvisor//certadvisor {__version__}//EN"
_SEQUENCE_ORIGIN = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def writing_time() -> dt.datetime:
    """Now in UTC to the second, or the moment SOURCE_DATE_EPOCH names."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return dt.datetime.fromtimestamp(int(fixed), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def sequence_at(written: dt.datetime) -> int:
    """SEQUENCE of an export written then: grows with every later export (fits 31 bits to 2088)."""
    return max(0, int((written - _SEQUENCE_ORIGIN).total_seconds()))


def _line(text: str) -> str:
    """One line of text: a name from a catalog may hold a newline or an escape character."""
    return safe_line(" ".join(text.split()))


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event; ``ends`` is exclusive, as iCalendar wants."""

    uid: str
    summary: str
    starts: dt.date
    ends: dt.date | None = None
    description: str | None = None
    url: str | None = None
    alarms_days: tuple[int, ...] | None = None


def calendar_bytes(
    events: Sequence[CalendarEvent],
    name: str,
    stamp: dt.datetime | None = None,
    alarms_days: Sequence[int] = (),
    empty_hint: str | None = None,
) -> bytes:
    """A VCALENDAR of the events, stamped ``stamp`` (default: `writing_time`).

    No events is a domain error: a calendar with no component imports as nothing at all.
    """
    from icalendar import Alarm, Calendar, Event

    if not events:
        raise DomainError(f"nothing to put in the calendar ({_line(name)})", empty_hint)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _line(name))
    dtstamp = stamp or writing_time()
    sequence = sequence_at(dtstamp)
    for e in events:
        ev = Event()
        ev.add("uid", _line(e.uid))
        ev.add("dtstamp", dtstamp)
        ev.add("sequence", sequence)
        ev.add("summary", _line(e.summary))
        ev.add("dtstart", e.starts)
        ev.add("dtend", e.ends or e.starts + dt.timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
        if e.description:
            ev.add("description", safe(e.description))
        if e.url:
            ev.add("url", _line(e.url))
        for days in sorted(set(alarms_days if e.alarms_days is None else e.alarms_days)):
            alarm = Alarm()
            alarm.add("uid", _line(f"{e.uid}-alarm-{days}d"))
            alarm.add("action", "DISPLAY")
            alarm.add("description", _line(e.summary))
            alarm.add("trigger", -dt.timedelta(days=days))
            ev.add_component(alarm)
        cal.add_component(ev)
    return bytes(cal.to_ical())
