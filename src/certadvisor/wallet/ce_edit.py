"""Changing a CE activity after the fact: edit its fields, attach a certificate, show it with
the history of its changes (each change recorded with the time it was made)."""

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from certadvisor.wallet.ce import MAX_CERTIFICATE_BYTES, drop_unreferenced, keep_certificate
from certadvisor.wallet.model import CEEntry
from certadvisor.wallet.records import ce_entry
from certadvisor.wallet.store import WalletStore, now_stamp

# The fields `wallet ce edit` may change, as stored.
EDITABLE = ("date", "points", "category", "title", "provider", "approved_by")


class CEChange(NamedTuple):
    """One recorded change to a CE entry."""

    changed_at: str
    what: str


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)


def _record(conn: sqlite3.Connection, entry_id: int, what: str) -> str:
    stamp = now_stamp()
    conn.execute(
        "INSERT INTO ce_change (ce_id, changed_at, what) VALUES (?, ?, ?)",
        (entry_id, stamp, what[:2000]),
    )
    return stamp


def entry_track(store: WalletStore, person: str, entry_id: int) -> str:
    """The track a CE entry counts toward (to look up its categories before an edit)."""
    with store.snapshot() as conn:
        return ce_entry(conn, person, entry_id).track


def edit_ce(store: WalletStore, person: str, entry_id: int, changes: dict[str, Any]) -> CEEntry:
    """Change checked values of one entry; the change is recorded with its time."""
    unknown = set(changes) - set(EDITABLE)
    assert not unknown, unknown
    with store.transaction() as conn:
        before = ce_entry(conn, person, entry_id)
        stored = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in changes.items()}
        diffs = [
            f"{k}: {_shown(getattr(before, k))} → {_shown(changes[k])}"
            for k in EDITABLE
            if k in changes and getattr(before, k) != changes[k]
        ]
        if not diffs:
            return before
        sets = ", ".join(f"{k} = ?" for k in stored)
        conn.execute(f"UPDATE ce_entry SET {sets} WHERE id = ?", (*stored.values(), entry_id))
        _record(conn, entry_id, "; ".join(diffs))
        return ce_entry(conn, person, entry_id)


def attach_certificate(
    store: WalletStore,
    person: str,
    entry_id: int,
    file: Path,
    limit: int = MAX_CERTIFICATE_BYTES,
) -> CEEntry:
    """Keep a certificate for an entry (replacing any earlier one, whose file stays)."""
    with store.snapshot() as conn:
        ce_entry(conn, person, entry_id)  # fail before copying anything
    ref, target, made = keep_certificate(store, file, limit)
    try:
        with store.transaction() as conn:
            before = ce_entry(conn, person, entry_id)
            conn.execute(
                "UPDATE ce_entry SET certificate_sha256 = ?, certificate_name = ? WHERE id = ?",
                (ref.sha256, ref.name, entry_id),
            )
            old = (
                f"{before.certificate_name} ({before.certificate_sha256[:12]})"
                if before.certificate_sha256
                else "(none)"
            )
            _record(conn, entry_id, f"certificate: {old} → {ref.name} ({ref.sha256[:12]})")
            return ce_entry(conn, person, entry_id)
    except BaseException:
        if made:
            drop_unreferenced(store, target, ref.sha256)
        raise


def show_ce(store: WalletStore, person: str, entry_id: int) -> tuple[CEEntry, list[CEChange]]:
    """One entry and its recorded changes, oldest first."""
    with store.snapshot() as conn:
        entry = ce_entry(conn, person, entry_id)
        changes = [
            CEChange(r[0], r[1])
            for r in conn.execute(
                "SELECT changed_at, what FROM ce_change WHERE ce_id = ? ORDER BY id", (entry_id,)
            )
        ]
    return entry, changes
