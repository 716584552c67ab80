"""Export and import: every record of the wallet out as plain data, and back in one transaction."""

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Sequence
from typing import Any

from certadvisor.errors import DomainError
from certadvisor.wallet import records
from certadvisor.wallet.documents import (
    CERecord,
    CertificateRef,
    ChecklistRecord,
    CredentialRecord,
    ImportSummary,
    PersonRecord,
)
from certadvisor.wallet.records import CE_COLUMNS
from certadvisor.wallet.store import WalletStore, now_stamp


def export_records(store: WalletStore, person: str | None) -> list[PersonRecord]:
    """Every record of one person or of everyone, in a stable order, nothing computed."""
    people = []
    with store.snapshot() as conn:
        for pid, name in store.people(conn, person):
            creds = []
            for cid, track, earned, number, added in records.credential_rows(conn, pid):
                ce = [
                    _ce_record(row)
                    for row in conn.execute(
                        f"SELECT {CE_COLUMNS} FROM ce_entry e WHERE "
                        "credential_id = ? ORDER BY e.date, e.id",
                        (cid,),
                    )
                ]
                creds.append(
                    CredentialRecord.model_construct(
                        track=track,
                        earned=dt.date.fromisoformat(earned),
                        number=number,
                        added_at=added,
                        ce=ce,
                    )
                )
            marks: dict[str, list[int]] = {}
            for track, step in conn.execute(
                "SELECT track, step FROM checklist_mark WHERE person_id = ? ORDER BY track, step",
                (pid,),
            ):
                marks.setdefault(track, []).append(step)
            checklist = [
                ChecklistRecord.model_construct(track=t, steps=s) for t, s in marks.items()
            ]
            people.append(
                PersonRecord.model_construct(name=name, credentials=creds, checklist=checklist)
            )
    return people


def _ce_key(rec: CERecord) -> tuple[object, ...]:
    cert = rec.certificate
    return (
        rec.date.isoformat(),
        rec.points,
        rec.category,
        rec.title,
        rec.provider,
        rec.approved_by,
        cert.sha256 if cert else None,
    )


def import_records(store: WalletStore, people: Sequence[PersonRecord]) -> ImportSummary:
    """Write validated records in one transaction; anything already there is skipped.

    A credential held with another earned date is a conflict: the whole import is refused.
    """
    counts = {"people": 0, "credentials": 0, "ce": 0, "marks": 0, "present": 0}
    stamp = now_stamp()
    with store.transaction() as conn:
        for person in people:
            if store.person_id(conn, person.name, create=False) is None:
                counts["people"] += 1
            pid = store.person_id(conn, person.name, create=True)
            for cred in person.credentials:
                row = conn.execute(
                    "SELECT id, earned FROM credential WHERE person_id = ? AND track = ?",
                    (pid, cred.track),
                ).fetchone()
                if row is None:
                    cur = conn.execute(
                        "INSERT INTO credential (person_id, track, earned, number, added_at) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (
                            pid,
                            cred.track,
                            cred.earned.isoformat(),
                            cred.number,
                            cred.added_at or stamp,
                        ),
                    )
                    cid, existing = int(cur.lastrowid or 0), Counter[tuple[object, ...]]()
                    counts["credentials"] += 1
                else:
                    if row[1] != cred.earned.isoformat():
                        raise DomainError(
                            f"{person.name!r} holds {cred.track} earned {row[1]} in the wallet, "
                            f"but the file says {cred.earned}; nothing was imported",
                            "Fix the file, or change the wallet with `wallet add --replace`.",
                        )
                    cid = int(row[0])
                    counts["present"] += 1
                    existing = Counter(_ce_key(r) for r in _stored_ce(conn, cid))
                for rec in cred.ce:
                    # as a multiset: re-importing a file adds nothing, twin activities stay twins
                    if existing[_ce_key(rec)] > 0:
                        existing[_ce_key(rec)] -= 1
                        counts["present"] += 1
                        continue
                    records.insert_ce(conn, cid, rec, rec.added_at or stamp)
                    counts["ce"] += 1
            for mark in person.checklist:
                for step in mark.steps:
                    cur = conn.execute(
                        "INSERT OR IGNORE INTO checklist_mark (person_id, track, step, marked_at) "
                        "VALUES (?, ?, ?, ?)",
                        (pid, mark.track, step, stamp),
                    )
                    counts["marks" if cur.rowcount else "present"] += 1
    missing = sorted(
        {
            f"{rec.certificate.sha256[:12]} ({rec.certificate.name})"
            for p in people
            for c in p.credentials
            for rec in c.ce
            if rec.certificate and not _kept(store, rec.certificate)
        }
    )
    return ImportSummary(
        people=counts["people"],
        credentials=counts["credentials"],
        ce=counts["ce"],
        checklist_marks=counts["marks"],
        already_present=counts["present"],
        missing_certificates=missing,
    )


def _stored_ce(conn: sqlite3.Connection, cid: int) -> list[CERecord]:
    rows = conn.execute(f"SELECT {CE_COLUMNS} FROM ce_entry e WHERE credential_id = ?", (cid,))
    return [_ce_record(row) for row in rows]


def _ce_record(row: Sequence[Any]) -> CERecord:
    """A ce_entry row read with CE_COLUMNS, as the export writes it (its id left out)."""
    _, d, p, c, t, pr, ap, sha, cname, a = row
    cert = CertificateRef.model_construct(sha256=sha, name=cname) if sha else None
    return CERecord.model_construct(
        date=dt.date.fromisoformat(d),
        points=p,
        category=c,
        title=t,
        provider=pr,
        approved_by=ap,
        certificate=cert,
        added_at=a,
    )


def _kept(store: WalletStore, cert: CertificateRef) -> bool:
    return records.certificate_file(store, cert.sha256, cert.name).exists()
