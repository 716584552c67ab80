"""Dated values: the amount of a fee in force on a date, from its history."""

import datetime as dt

from certadvisor.models.catalog import Fee, Track
from certadvisor.models.common import DatedAmount, partial_date_start


def _in_force(entry: DatedAmount, day: dt.date) -> bool:
    starts = entry.valid_from is None or partial_date_start(entry.valid_from) <= day
    ends = entry.valid_until is not None and partial_date_start(entry.valid_until) <= day
    return starts and not ends


def value_on(fee: Fee, day: dt.date) -> Fee:
    """The fee as it stands on `day`: the history entry in force, else the fee's own amount.

    An entry that starts after `day` is an announced change: it is named in the note.
    """
    if not fee.history:
        return fee
    current = next((h for h in fee.history if _in_force(h, day)), None)
    update: dict[str, object] = {}
    if current is not None:
        update = {
            "amount": current.amount,
            "amount_max": current.amount_max,
            "source": current.source,
            "as_of": current.as_of,
            "confidence": current.confidence,
            "note": current.note,
        }
    coming = sorted(
        (h for h in fee.history if h.valid_from and partial_date_start(h.valid_from) > day),
        key=lambda h: partial_date_start(h.valid_from or ""),
    )
    if coming:
        nxt = coming[0]
        amount = "unknown" if nxt.amount is None else f"${nxt.amount:,}"
        announced = f"announced: {amount} from {nxt.valid_from}"
        base = update.get("note", fee.note)
        update["note"] = (
            f"{base} {announced}." if base else f"{announced[0].upper()}{announced[1:]}."
        )
    return fee.model_copy(update=update) if update else fee


def fees_on(track: Track, day: dt.date) -> Track:
    """The track with every fee resolved to its value in force on `day`."""
    if not any(f.history for f in track.fees):
        return track
    return track.model_copy(update={"fees": [value_on(f, day) for f in track.fees]})
