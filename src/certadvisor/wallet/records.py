"""Reading and writing the wallet's rows: credentials, CE entries and their certificates.

Every function takes an open `WalletStore`; every write is one transaction. Values arrive
already checked (`wallet.model`'s checks, and the catalog's categories in `wallet.service`).
"""

import datetime as dt
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor.errors import DomainError, UsageError
from certadvisor.wallet.checks import check_person, person_key
from certadvisor.wallet.model import CEEntry, CETally, HeldCredential, PersonCE, PersonCredentials
from certadvisor.wallet.store import WalletStore, now_stamp

if TYPE_CHECKING:  # the export models are imported when a write needs them
    from certadvisor.wallet.documents import CERecord, CertificateRef

_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")
CE_COLUMNS = (
    "e.id, e.date, e.points, e.category, e.title, e.provider, e.approved_by, "
    "e.certificate_sha256, e.certificate_name, e.added_at"
)


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
                "To change its date or number, add it again with --replace (CE is kept).",
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
                "Export them first (wallet export), then pass --with-ce to remove them too.",
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


def held_credentials(store: WalletStore, person: str | None) -> list[PersonCredentials]:
    """Each person's credentials (one person, or everyone for None)."""
    out = []
    with store.snapshot() as conn:
        for pid, name in store.people(conn, person):
            creds = [
                HeldCredential.model_construct(
                    person=name, track=t, earned=dt.date.fromisoformat(e), number=n, added_at=a
                )
                for _, t, e, n, a in credential_rows(conn, pid)
            ]
            out.append(PersonCredentials.model_construct(name=name, credentials=creds))
    if person is not None and not out:
        out.append(PersonCredentials.model_construct(name=check_person(person), credentials=[]))
    return out


def status_rows(
    store: WalletStore,
    person: str | None,
    window: Callable[[HeldCredential], tuple[dt.date | None, dt.date | None]],
) -> list[tuple[str, list[tuple[HeldCredential, list[CETally]]]]]:
    """Each person's credentials with their CE summed inside ``window`` (one snapshot).

    SQLite sums the points by category and approving body, so the time taken follows the
    number of credentials, not the number of CE entries.
    """
    out = []
    with store.snapshot() as conn:
        for pid, name in store.people(conn, person):
            held = []
            for cid, t, e, n, a in credential_rows(conn, pid):
                cred = HeldCredential.model_construct(
                    person=name, track=t, earned=dt.date.fromisoformat(e), number=n, added_at=a
                )
                start, end = window(cred)
                rows = conn.execute(
                    "SELECT category, approved_by, sum(points), count(*) FROM ce_entry "
                    "WHERE credential_id = ? AND date >= ? AND date <= ? "
                    "GROUP BY category, approved_by ORDER BY category, approved_by",
                    (cid, (start or dt.date.min).isoformat(), (end or dt.date.max).isoformat()),
                ).fetchall()
                held.append((cred, [CETally(*row) for row in rows]))
            out.append((name, held))
    if person is not None and not out:
        out.append((check_person(person), []))
    return out


def _entry(person: str, track: str, row: Sequence[Any]) -> CEEntry:
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
    out = []
    with store.snapshot() as conn:
        for pid, name in store.people(conn, person):
            sql = (
                f"SELECT c.track, {CE_COLUMNS} FROM ce_entry e "
                "JOIN credential c ON c.id = e.credential_id WHERE c.person_id = ?"
            )
            args: list[object] = [pid]
            if track is not None:
                sql += " AND c.track = ?"
                args.append(track)
            if since is not None:
                sql += " AND e.date >= ?"
                args.append(since.isoformat())
            rows = conn.execute(sql + " ORDER BY e.date, e.id", args).fetchall()
            out.append(
                PersonCE.model_construct(
                    name=name, entries=[_entry(name, r[0], r[1:]) for r in rows]
                )
            )
    if person is not None and not out:
        out.append(PersonCE.model_construct(name=check_person(person), entries=[]))
    return out


def certificate_file(store: WalletStore, sha256: str, name: str) -> Path:
    """Where the store keeps a certificate: its SHA-256 and the original file's suffix."""
    suffix = Path(name).suffix.lower()
    return store.certificate_dir / f"{sha256}{suffix if _SUFFIX.match(suffix) else ''}"


def _keep_certificate(store: WalletStore, source: Path) -> tuple["CertificateRef", Path, bool]:
    """Copy a certificate into the store (fsynced, then renamed into place by its hash)."""
    import tempfile

    folder = store.certificate_dir
    try:
        src = source.open("rb")
    except FileNotFoundError:
        raise UsageError(f"--certificate: {source}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"--certificate: {source}: is a folder, not a file") from None
    except PermissionError:
        raise UsageError(f"--certificate: {source}: permission denied") from None
    with src:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=folder)
        digest = hashlib.sha256()
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := src.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            from certadvisor.wallet.documents import CertificateRef

            ref = CertificateRef(sha256=digest.hexdigest(), name=source.name)
            target = certificate_file(store, ref.sha256, ref.name)
            if target.exists():
                Path(tmp).unlink()
                return ref, target, False
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return ref, target, True


def insert_ce(conn: sqlite3.Connection, cid: int, rec: "CERecord", added_at: str) -> int:
    cert = rec.certificate
    cur = conn.execute(
        "INSERT INTO ce_entry (credential_id, date, points, category, title, provider, "
        "approved_by, certificate_sha256, certificate_name, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            cid,
            rec.date.isoformat(),
            rec.points,
            rec.category,
            rec.title,
            rec.provider,
            rec.approved_by,
            cert.sha256 if cert else None,
            cert.name if cert else None,
            added_at,
        ),
    )
    return int(cur.lastrowid or 0)


def add_ce(
    store: WalletStore, person: str, track: str, rec: "CERecord", certificate: Path | None = None
) -> CEEntry:
    """Record one CE activity; a certificate is copied in first and removed if the row fails.

    A process killed between the copy and the insert leaves only an unreferenced file named
    by its hash, never a row pointing at a missing file.
    """
    with store.snapshot() as conn:
        store.credential_id(conn, person, track)  # fail before copying anything
    created: Path | None = None
    if certificate is not None:
        ref, target, made = _keep_certificate(store, certificate)
        created = target if made else None
        rec = rec.model_copy(update={"certificate": ref})
    try:
        with store.transaction() as conn:
            cid = store.credential_id(conn, person, track)
            added = now_stamp()
            new_id = insert_ce(conn, cid, rec, added)
            name = conn.execute(
                "SELECT p.name FROM person p JOIN credential c "
                "ON c.person_id = p.id WHERE c.id = ?",
                (cid,),
            ).fetchone()[0]
    except BaseException:
        if created is not None and rec.certificate is not None:
            _drop_unreferenced(store, created, rec.certificate.sha256)
        raise
    cert = rec.certificate
    return CEEntry(
        id=new_id,
        person=name,
        track=track,
        date=rec.date,
        points=rec.points,
        category=rec.category,
        title=rec.title,
        provider=rec.provider,
        approved_by=rec.approved_by,
        certificate_sha256=cert.sha256 if cert else None,
        certificate_name=cert.name if cert else None,
        added_at=added,
    )


def _drop_unreferenced(store: WalletStore, file: Path, sha256: str) -> None:
    try:
        used = store.conn.execute(
            "SELECT 1 FROM ce_entry WHERE certificate_sha256 = ? LIMIT 1", (sha256,)
        ).fetchone()
    except sqlite3.Error:
        return  # cannot tell: an unreferenced file is harmless, a missing one is not
    if used is None:
        file.unlink(missing_ok=True)


def remove_ce(store: WalletStore, person: str, entry_id: int) -> CEEntry:
    """Delete one CE entry of a person by its id (its certificate file stays)."""
    with store.transaction() as conn:
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
        conn.execute("DELETE FROM ce_entry WHERE id = ?", (entry_id,))
    return _entry(row[0], row[1], row[2:])
