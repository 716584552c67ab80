"""Renewals filed and fees paid: written by `wallet renew` and `wallet pay`, read by status.

The cycle a renewal closes and the one it opens are worked out from the catalog's rules when
it is marked, and stored: a later change to the catalog does not rewrite what was filed.
"""

import datetime as dt
import math
import sqlite3
from collections.abc import Sequence

from certadvisor.errors import DomainError
from certadvisor.wallet.checks import check_person
from certadvisor.wallet.cycles import add_months, locate_cycle, next_cycle
from certadvisor.wallet.model import FeePaid, FiledRenewal, HeldCredential
from certadvisor.wallet.progress import ce_progress, shortfall_words
from certadvisor.wallet.records import ce_tallies, read_history
from certadvisor.wallet.results import TrackRules
from certadvisor.wallet.store import WalletStore, now_stamp

# A renewal filed this long after a cycle ended is taken for that cycle when the catalog
# gives no grace period: which record to update, not a rule of any body (the message says).
LATE_FILING_DAYS = 180
MAX_FEE = 100_000.0


def check_fee(value: float) -> float:
    """An amount paid: a finite number from 0 to MAX_FEE."""
    if isinstance(value, bool) or not math.isfinite(value) or value < 0 or value > MAX_FEE:
        raise ValueError(f"{value!r} is not an amount from 0 to {MAX_FEE:,.0f}")
    return float(value)


def _held(conn: sqlite3.Connection, cid: int, person: str, track: str) -> HeldCredential:
    earned, number, added = conn.execute(
        "SELECT earned, number, added_at FROM credential WHERE id = ?", (cid,)
    ).fetchone()
    return HeldCredential.model_construct(
        person=person,
        track=track,
        earned=dt.date.fromisoformat(earned),
        number=number,
        added_at=added,
    )


def _cycle_to_renew(
    held: HeldCredential, rules: TrackRules, renewals: Sequence[FiledRenewal], filed: dt.date
) -> tuple[int, dt.date, dt.date]:
    """The cycle a renewal filed on ``filed`` renews: the one holding that day, or the one
    that ended just before it when no renewal of that one is marked (a late filing)."""
    found = locate_cycle(held, rules, filed, renewals)
    if found is None:
        raise DomainError(
            f"the catalog does not know the renewal cycle of {held.track}",
            "The wallet cannot tell which cycle a renewal renews without it.",
        )
    index, start, end, unfiled = found
    if unfiled:
        grace = [r.grace_days for r in rules.renewal.late_rules if r.grace_days is not None]
        late = max(grace) if grace else LATE_FILING_DAYS
        prev_end = unfiled[-1]
        if (filed - prev_end).days <= late:
            prev = locate_cycle(held, rules, prev_end, renewals)
            assert prev is not None
            return prev[0], prev[1], prev[2]
    return index, start, end


def renew(
    store: WalletStore,
    person: str,
    rules: TrackRules,
    filed: dt.date,
    fee: float | None,
) -> FiledRenewal:
    """Mark the renewal filed on ``filed``; the next cycle starts from it."""
    with store.transaction() as conn:
        cid = store.credential_id(conn, person, rules.id)
        held = _held(conn, cid, check_person(person), rules.id)
        if filed < held.earned:
            raise DomainError(
                f"{filed} is before {rules.abbreviation} was earned ({held.earned})",
                "A renewal is filed after the credential was earned.",
            )
        renewals = read_history(conn, cid).renewals
        index, start, end = _cycle_to_renew(held, rules, renewals, filed)
        if filed < start:  # the cycle holding that day is renewed already: this is a repeat
            before = next((r for r in renewals if r.cycle_index == index - 1), None)
            said = f" (the one before it was marked filed on {before.filed})" if before else ""
            raise DomainError(
                f"{filed} is before the cycle {start} → {end} began{said}",
                "Nothing was changed; a renewal is filed within the cycle it renews.",
            )
        done = next((r for r in renewals if r.cycle_index == index), None)
        if done is not None:
            raise DomainError(
                f"the renewal of the cycle {done.start} → {done.end} is already marked filed "
                f"on {done.filed}",
                "Nothing was changed.",
            )
        nxt_start, nxt_end = next_cycle(rules, start, end, filed)
        row = FiledRenewal(index, start, end, filed, fee, nxt_start, nxt_end, now_stamp())
        conn.execute(
            "INSERT INTO renewal (credential_id, cycle_index, cycle_start, cycle_end, filed, "
            "fee, next_start, next_end, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (cid, index, start.isoformat(), end.isoformat(), filed.isoformat(), fee,
             nxt_start.isoformat(), nxt_end.isoformat(), row.recorded_at),
        )  # fmt: skip
    return row


def renewed_short(
    store: WalletStore, person: str, rules: TrackRules, done: FiledRenewal
) -> str | None:
    """What the CE the wallet holds for a renewed cycle (dated from its start to the filing)
    falls short of the catalog's requirement, in words; None when nothing is known short."""
    with store.snapshot() as conn:
        cid = store.credential_id(conn, person, rules.id)
        tallies = ce_tallies(conn, cid, done.start, done.filed)
    return shortfall_words(ce_progress(rules.renewal.ce, tallies))


def annual_dues(earned: dt.date, upto: dt.date) -> list[dt.date]:
    """Every anniversary of the date earned up to ``upto``."""
    out, year = [], 1
    while (due := add_months(earned, 12 * year)) <= upto:
        out.append(due)
        year += 1
    return out


def pay_annual(
    store: WalletStore,
    person: str,
    track: str,
    paid: dt.date,
    *,
    due: dt.date | None = None,
    amount: float | None = None,
) -> FeePaid:
    """Mark an annual fee paid on ``paid``: for ``due``, else the unpaid due date nearest it."""
    with store.transaction() as conn:
        cid = store.credential_id(conn, person, track)
        held = _held(conn, cid, check_person(person), track)
        dues = annual_dues(held.earned, max(paid, due or paid) + dt.timedelta(days=400))
        annual = [p for p in read_history(conn, cid).payments if p.kind == "annual"]
        taken = {p.due for p in annual}
        same_day = next((p for p in annual if p.paid == paid), None)
        if due is None and same_day is not None:
            # most likely the same payment given twice, not next year's fee paid early
            raise DomainError(
                f"a payment of {track}'s annual fee on {paid} is already marked (the fee due "
                f"{same_day.due})",
                "Nothing changed; to mark another due date paid that day, give --due DATE.",
            )
        if due is not None and due not in dues:
            shown = ", ".join(str(d) for d in dues[-3:]) or "none yet"
            raise DomainError(
                f"{due} is not an annual due date of {track} (anniversaries of {held.earned})",
                f"Recent due dates: {shown}.",
            )
        free = [d for d in dues if d not in taken]
        if due is None:
            if not free:
                raise DomainError(f"no unpaid annual fee of {track} is due near {paid}")
            due = min(free, key=lambda d: (abs((d - paid).days), d))
        if due in taken:
            raise DomainError(
                f"the annual fee of {track} due {due} is already marked paid", "Nothing changed."
            )
        row = FeePaid("annual", due, paid, amount, now_stamp())
        conn.execute(
            "INSERT INTO fee_payment (credential_id, kind, due, paid, amount, recorded_at) "
            "VALUES (?, 'annual', ?, ?, ?, ?)",
            (cid, due.isoformat(), paid.isoformat(), amount, row.recorded_at),
        )
    return row


def ce_date_warning(
    store: WalletStore, person: str, rules: TrackRules, day: dt.date, today: dt.date
) -> str | None:
    """Why a CE date may not count: refused (ValueError) before the credential was earned;
    a warning when it falls outside the cycle current on ``today``."""
    with store.snapshot() as conn:
        cid = store.credential_id(conn, person, rules.id)
        held = _held(conn, cid, check_person(person), rules.id)
        renewals = read_history(conn, cid).renewals
    if day < held.earned:
        raise ValueError(
            f"{day} is before {rules.abbreviation} was earned ({held.earned}): CE counts only "
            "toward a cycle of the credential it is earned for"
        )
    found = locate_cycle(held, rules, today, renewals)
    if found is None:
        return None
    _, start, end, _ = found
    if day >= start:
        return None
    renewed = next((r for r in renewals if r.start <= day <= r.end), None)
    carry = rules.renewal.ce is not None and rules.renewal.ce.rollover is False
    why = (
        f"the cycle {renewed.start} → {renewed.end}, renewed on {renewed.filed}"
        if renewed
        else "an earlier cycle"
    )
    rule = " The catalog says there is no carry-over." if carry else ""
    return (
        f"{day} is in {why}, before the current cycle ({start} → {end}): it does not count "
        f"toward the current cycle.{rule}"
    )
