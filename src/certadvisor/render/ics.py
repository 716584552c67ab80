"""A small generic iCalendar writer: all-day events, stable UIDs, the same bytes for one input.

Alarms are optional: ``alarms_days`` on `calendar_bytes` gives every event display alarms so
many days before it; an event's own ``alarms_days`` replaces that list (``()`` for none).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from certadvisor import __version__
from certadvisor.text import safe, safe_line

PRODID = f"-//certadvisor//certadvisor {__version__}//EN"


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
    stamp: dt.date,
    alarms_days: Sequence[int] = (),
) -> bytes:
    """A VCALENDAR of the events; ``stamp`` fixes DTSTAMP so the same input gives the same bytes."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _line(name))
    dtstamp = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC)
    for e in events:
        ev = Event()
        ev.add("uid", _line(e.uid))
        ev.add("dtstamp", dtstamp)
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
