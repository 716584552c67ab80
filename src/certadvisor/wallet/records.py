"""Reading and writing the wallet's rows: credentials, CE entries and their certificates.

Every function takes an open `WalletStore`; every write is one transaction. Values arrive
already checked (`wallet.checks`, and the catalog's categories by the command). CE activities
are written by `wallet.ce`, which also keeps their certificates.
"""

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

from certadvisor.errors import DomainError
from certadvisor.wallet.checks import check_person, person_key
from certadvisor.wallet.model import (
    CE_FIELDS,
    CEEntry,
    CETally,
    FeePaid,
    FiledRenewal,
    HeldCredential,
    PersonCE,
    PersonCredentials,
)
from certadvisor.wallet.store import WalletStore, now_stamp

# A ce_entry row as `entry_from_row` and the export read it: its id, then CE_FIELDS.
CE_COLUMNS = ", ".join(f"e.{name}" for name in ("id", *CE_FIELDS))
T = TypeVar("T")


def add_credential(
    store: WalletStore,
    person: str,
    track: str,
    earned: dt.date,
    number: str | None,
    *,
    replace: bool = False,
) -> HeldCredential:
    """Record a held credential; holding it already is an error unless ``replace``."""
    with store.transaction() as conn:
        pid = store.person_id(conn, person, create=True)
        row = conn.execute(
            "SELECT id FROM credential WHERE person_id = ? AND track = ?", (pid, track)
        ).fetchone()
        if row is not None and not replace:
            raise DomainError(
                f"{check_person(person)!r} already holds {track} in the wallet",
                "To change its date or number, add it again with {option} (CE is kept).",
                option="replace",
            )
        stamp = now_stamp()
        if row is None:
            conn.execute(
                "INSERT INTO credential (person_id, track, earned, number, added_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (pid, track, earned.isoformat(), number, stamp),
            )
        else:
            conn.execute(
                "UPDATE credential SET earned = ?, number = ? WHERE id = ?",
                (earned.isoformat(), number, row[0]),
            )
            stamp = conn.execute(
                "SELECT added_at FROM credential WHERE id = ?", (row[0],)
            ).fetchone()[0]
        name = conn.execute("SELECT name FROM person WHERE id = ?", (pid,)).fetchone()[0]
    return HeldCredential(person=name, track=track, earned=earned, number=number, added_at=stamp)


def remove_credential(store: WalletStore, person: str, track: str, *, with_ce: bool) -> int:
    """Delete a held credential; with CE entries only when ``with_ce`` (returns how many)."""
    with store.transaction() as conn:
        cid = store.credential_id(conn, person, track)
        count = conn.execute(
            "SELECT count(*) FROM ce_entry WHERE credential_id = ?", (cid,)
        ).fetchone()[0]
        if count and not with_ce:
            raise DomainError(
                f"{track} has {count} CE entr{'y' if count == 1 else 'ies'} in the wallet; "
                "nothing was removed",
                "Export them first (wallet export), then pass {option} to remove them too.",
                option="with_ce",
            )
        conn.execute("DELETE FROM credential WHERE id = ?", (cid,))
    return int(count)


def credential_rows(conn: sqlite3.Connection, pid: int) -> list[Any]:
    """A person's credentials by track: (id, track, earned, number, added_at) rows."""
    return conn.execute(
        "SELECT id, track, earned, number, added_at FROM credential "
        "WHERE person_id = ? ORDER BY track",
        (pid,),
    ).fetchall()


def _per_person(
    store: WalletStore,
    person: str | None,
    read: Callable[[sqlite3.Connection, int, str], T],
    empty: Callable[[str], T],
) -> list[T]:
    """``read`` for one person (or everyone) in one snapshot; a name not yet in an empty
    wallet reads as ``empty``."""
    with store.snapshot() as conn:
        out = [read(conn, pid, name) for pid, name in store.people(conn, person)]
    if person is not None and not out:
        out.append(empty(check_person(person)))
    return out


def _held(person: str, row: Sequence[Any]) -> HeldCredential:
    """A held credential from a `credential_rows` row."""
    _, track, earned, number, added = row
    return HeldCredential.model_construct(
        person=person,
        track=track,
        earned=dt.date.fromisoformat(earned),
        number=number,
        added_at=added,
    )


def held_credentials(store: WalletStore, person: str | None) -> list[PersonCredentials]:
    """Each person's credentials (one person, or everyone for None)."""

    def read(conn: sqlite3.Connection, pid: int, name: str) -> PersonCredentials:
        creds = [_held(name, row) for row in credential_rows(conn, pid)]
        return PersonCredentials.model_construct(name=name, credentials=creds)

    return _per_person(
        store,
        person,
        read,
        lambda name: PersonCredentials.model_construct(name=name, credentials=[]),
    )


class History(NamedTuple):
    """What the wallet knows was done for one credential."""

    renewals: list[FiledRenewal]
    payments: list[FeePaid]


def read_history(conn: sqlite3.Connection, cid: int) -> History:
    """The renewals and payments of one credential's row id, oldest first."""
    day = dt.date.fromisoformat
    renewals = [
        FiledRenewal(int(r[0]), day(r[1]), day(r[2]), day(r[3]), r[4], day(r[5]), day(r[6]), r[7])
        for r in conn.execute(
            "SELECT cycle_index, cycle_start, cycle_end, filed, fee, next_start, next_end, "
            "recorded_at FROM renewal WHERE credential_id = ? ORDER BY cycle_index",
            (cid,),
        )
    ]
    payments = [
        FeePaid(r[0], dt.date.fromisoformat(r[1]), dt.date.fromisoformat(r[2]), r[3], r[4])
        for r in conn.execute(
            "SELECT kind, due, paid, amount, recorded_at FROM fee_payment "
            "WHERE credential_id = ? ORDER BY due",
            (cid,),
        )
    ]
    return History(renewals, payments)


def _as_of(history: History, as_of: dt.date) -> History:
    """The renewals filed and the fees paid by ``as_of`` (a status on an earlier date)."""
    return History(
        [r for r in history.renewals if r.filed <= as_of],
        [p for p in history.payments if p.paid <= as_of],
    )


def ce_tallies(conn: sqlite3.Connection, cid: int, lo: dt.date, hi: dt.date) -> list[CETally]:
    """A credential's CE dated from ``lo`` to ``hi``, summed by category and approving body
    (by SQLite: the time taken follows the categories, not the number of entries)."""
    rows = conn.execute(
        "SELECT category, approved_by, sum(points), count(*) FROM ce_entry "
        "WHERE credential_id = ? AND date >= ? AND date <= ? "
        "GROUP BY category, approved_by ORDER BY category, approved_by",
        (cid, lo.isoformat(), hi.isoformat()),
    ).fetchall()
    return [CETally(*r) for r in rows]


class HeldWithCE(NamedTuple):
    """A credential, its CE summed inside its cycle, its history, and CE dated before."""

    held: HeldCredential
    tallies: list[CETally]
    history: History
    earlier: CETally | None


def status_rows(
    store: WalletStore,
    person: str | None,
    window: Callable[[HeldCredential, History], tuple[dt.date | None, dt.date | None]],
    as_of: dt.date,
) -> list[tuple[str, list[HeldWithCE]]]:
    """Each person's credentials with their CE summed inside ``window`` (one snapshot), as
    the wallet stood on ``as_of``: CE dated, renewals filed and fees paid after it not yet.

    SQLite sums the points by category and approving body, so the time taken follows the
    number of credentials, not the number of CE entries.
    """

    def read(conn: sqlite3.Connection, pid: int, name: str) -> tuple[str, list[HeldWithCE]]:
        held = []
        for row in credential_rows(conn, pid):
            cred = _held(name, row)
            history = _as_of(read_history(conn, row[0]), as_of)
            start, end = window(cred, history)
            lo = start or dt.date.min
            tallies = ce_tallies(conn, row[0], lo, min(end or dt.date.max, as_of))
            before = conn.execute(
                "SELECT sum(points), count(*) FROM ce_entry WHERE credential_id = ? AND date < ?",
                (row[0], lo.isoformat()),
            ).fetchone()
            earlier = CETally("", None, before[0], before[1]) if before[1] else None
            held.append(HeldWithCE(cred, tallies, history, earlier))
        return name, held

    return _per_person(store, person, read, lambda name: (name, []))


def entry_from_row(person: str, track: str, row: Sequence[Any]) -> CEEntry:
    """A CE entry from a row read with CE_COLUMNS."""
    i, d, p, c, t, pr, ap, sha, cname, added = row
    return CEEntry.model_construct(
        id=i,
        person=person,
        track=track,
        date=dt.date.fromisoformat(str(d)),
        points=p,
        category=c,
        title=t,
        provider=pr,
        approved_by=ap,
        certificate_sha256=sha,
        certificate_name=cname,
        added_at=added,
    )


def ce_entries(
    store: WalletStore, person: str | None, track: str | None = None, since: dt.date | None = None
) -> list[PersonCE]:
    """Each person's CE entries, by date (one credential's with ``track``; from ``since``)."""
    sql = (
        f"SELECT c.track, {CE_COLUMNS} FROM ce_entry e "
        "JOIN credential c ON c.id = e.credential_id WHERE c.person_id = ?"
    )
    filters: list[object] = []
    if track is not None:
        sql += " AND c.track = ?"
        filters.append(track)
    if since is not None:
        sql += " AND e.date >= ?"
        filters.append(since.isoformat())
    sql += " ORDER BY e.date, e.id"

    def read(conn: sqlite3.Connection, pid: int, name: str) -> PersonCE:
        rows = conn.execute(sql, [pid, *filters]).fetchall()
        entries = [entry_from_row(name, r[0], r[1:]) for r in rows]
        return PersonCE.model_construct(name=name, entries=entries)

    return _per_person(
        store, person, read, lambda name: PersonCE.model_construct(name=name, entries=[])
    )


def remove_ce(store: WalletStore, person: str, entry_id: int) -> CEEntry:
    """Delete one CE entry of a person by its id (its certificate file stays)."""
    with store.transaction() as conn:
        entry = ce_entry(conn, person, entry_id)
        conn.execute("DELETE FROM ce_entry WHERE id = ?", (entry_id,))
    return entry


def ce_entry(conn: sqlite3.Connection, person: str, entry_id: int) -> CEEntry:
    """One CE entry of a person by its id; an unknown id is the contract's "not found"."""
    row = conn.execute(
        f"SELECT p.name, c.track, {CE_COLUMNS} FROM ce_entry e "
        "JOIN credential c ON c.id = e.credential_id JOIN person p ON p.id = c.person_id "
        "WHERE e.id = ? AND p.key = ?",
        (entry_id, person_key(person)),
    ).fetchone()
    if row is None:
        raise DomainError(
            f"no CE entry {entry_id} for {check_person(person)!r}",
            "`certadvisor wallet ce list` shows the ids.",
        )
    return entry_from_row(row[0], row[1], row[2:])
