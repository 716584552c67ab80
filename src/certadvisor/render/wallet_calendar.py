"""Writer for `wallet calendar`: every upcoming deadline as an all-day event with alarms."""

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from certadvisor.render.ics import CalendarEvent, calendar_bytes
from certadvisor.render.marks import marker
from certadvisor.render.output import Rendering
from certadvisor.render.wallet_status import next_text
from certadvisor.wallet.results import WalletStatus

ALARM_DAYS = (90, 60, 30, 7)


def event_uid(person: str, track: str, key: str) -> str:
    """The same deadline gets the same UID in every export, so a calendar updates it."""
    who = hashlib.sha256(person.casefold().encode()).hexdigest()[:12]
    return f"wallet-{who}-{track}-{key.replace('/', '-')}@certadvisor"


def calendar_rendering(
    status: WalletStatus, data_as_of: str | None, alarms_days: Sequence[int] = ALARM_DAYS
) -> Rendering:
    """Every upcoming deadline as an all-day event with alarms, or as json."""

    def payload() -> dict[str, Any]:
        return {
            "as_of": status.as_of,
            "alarms_days": list(alarms_days),
            "people": [
                {
                    "name": p.name,
                    "deadlines": [
                        {
                            "track": c.track,
                            **d.model_dump(mode="json"),
                            "uid": event_uid(p.name, c.track, d.key),
                        }
                        for c in p.credentials
                        for d in [*c.overdue, *c.deadlines]
                    ],
                }
                for p in status.people
            ],
        }

    def ics() -> bytes:
        several = len(status.people) > 1
        events = []
        for p in status.people:
            for c in p.credentials:
                for d in [*c.overdue, *c.deadlines]:
                    lines = [d.detail] if d.detail else []
                    if d.kind in ("window_opens", "window_closes", "cycle_end"):
                        lines.append(f"Next action: {next_text(c)}")
                    if d.source:
                        lines.append(
                            f"Source: {d.source} ({d.confidence or 'unknown'} "
                            f"{marker(d.confidence)})".rstrip()
                        )
                    if d.confidence == "unverified":
                        lines.append("? Unverified: check this date with the certifying body.")
                    events.append(
                        CalendarEvent(
                            uid=event_uid(p.name, c.track, d.key),
                            summary=(f"{p.name} — " if several else "") + d.title,
                            starts=d.date,
                            description="\n".join(lines) or None,
                            url=d.source,
                            alarms_days=_ahead(d.date, status.as_of, alarms_days),
                        )
                    )
        return calendar_bytes(
            events,
            name="certadvisor renewal deadlines",
            alarms_days=alarms_days,
            empty_hint=(
                "The wallet holds no credential with an upcoming deadline; add one with "
                "'certadvisor wallet add', or see them all with 'certadvisor wallet status'."
            ),
        )

    return Rendering(command="wallet calendar", data_as_of=data_as_of, payload=payload, ics=ics)


def _ahead(day: dt.date, as_of: dt.date, alarms_days: Sequence[int]) -> tuple[int, ...]:
    """The alarms still to come on ``as_of``: one already past would ring at once, every time
    the calendar is imported again (an overdue deadline gets none)."""
    return tuple(n for n in alarms_days if day - dt.timedelta(days=n) >= as_of)
