"""Export and import: every record of the wallet out as plain data, and back in one transaction.

An import file is read and checked whole (its envelope, every record, the catalog's tracks and
categories) before anything is written; any problem refuses the whole file.
"""

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from certadvisor.errors import DomainError
from certadvisor.wallet import bundle, ce, records
from certadvisor.wallet.bundle import StagedCertificates
from certadvisor.wallet.documents import (
    CERecord,
    CertificateRef,
    ChecklistRecord,
    CredentialRecord,
    FeePaymentRecord,
    ImportSummary,
    PersonRecord,
    RenewalRecord,
    WalletRecords,
)
from certadvisor.wallet.export_plain import certificates_named, export_data
from certadvisor.wallet.import_check import EXPORT_COMMAND, parse_import, read_import
from certadvisor.wallet.plain_records import CheckedPeople
from certadvisor.wallet.records import CE_COLUMNS
from certadvisor.wallet.status import RulesLookup
from certadvisor.wallet.store import WalletStore, now_stamp

_Row = tuple[Any, ...]

__all__ = [
    "EXPORT_COMMAND",
    "certificates_named",
    "export_data",
    "export_document",
    "export_records",
    "import_bundle",
    "import_records",
    "read_bundle",
    "parse_import",
    "read_import",
]


def export_document(store: WalletStore, person: str | None) -> WalletRecords:
    """Every record of one person (or everyone), ready for the json envelope."""
    return WalletRecords.model_construct(
        format="certadvisor-wallet",
        version=1,
        exported_at=now_stamp(),
        people=export_records(store, person),
    )


def export_records(store: WalletStore, person: str | None) -> list[PersonRecord]:
    """Every record of one person or of everyone, in a stable order, nothing computed."""
    people = []
    with store.snapshot() as conn:
        for pid, name in store.people(conn, person):
            creds = [
                CredentialRecord.model_construct(
                    track=track,
                    earned=dt.date.fromisoformat(earned),
                    number=number,
                    added_at=added,
                    ce=_stored_ce(conn, cid, ordered=True),
                    **_history_records(conn, cid),
                )
                for cid, track, earned, number, added in records.credential_rows(conn, pid)
            ]
            people.append(
                PersonRecord.model_construct(
                    name=name, credentials=creds, checklist=_checklist(conn, pid)
                )
            )
    return people


def _history_records(conn: sqlite3.Connection, cid: int) -> dict[str, Any]:
    h = records.read_history(conn, cid)
    return {
        "renewals": [
            RenewalRecord.model_construct(
                cycle_index=r.cycle_index,
                start=r.start,
                end=r.end,
                filed=r.filed,
                fee=r.fee,
                next_start=r.next_start,
                next_end=r.next_end,
                recorded_at=r.recorded_at,
            )  # fmt: skip
            for r in h.renewals
        ],
        "fees_paid": [
            FeePaymentRecord.model_construct(
                due=p.due, paid=p.paid, amount=p.amount, recorded_at=p.recorded_at
            )
            for p in h.payments
        ],
    }


def _import_history(
    conn: sqlite3.Connection, cid: int, cred: CredentialRecord, stamp: str, counts: Counter[str]
) -> None:
    """Renewals and payments; one already there (same cycle, same due date) is skipped."""
    for r in cred.renewals:
        cur = conn.execute(
            "INSERT OR IGNORE INTO renewal (credential_id, cycle_index, cycle_start, cycle_end, "
            "filed, fee, next_start, next_end, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (cid, r.cycle_index, r.start.isoformat(), r.end.isoformat(), r.filed.isoformat(),
             r.fee, r.next_start.isoformat(), r.next_end.isoformat(), r.recorded_at or stamp),
        )  # fmt: skip
        counts["history" if cur.rowcount else "present"] += 1
    for p in cred.fees_paid:
        cur = conn.execute(
            "INSERT OR IGNORE INTO fee_payment (credential_id, kind, due, paid, amount, "
            "recorded_at) VALUES (?, 'annual', ?, ?, ?, ?)",
            (cid, p.due.isoformat(), p.paid.isoformat(), p.amount, p.recorded_at or stamp),
        )
        counts["history" if cur.rowcount else "present"] += 1


def _checklist(conn: sqlite3.Connection, pid: int) -> list[ChecklistRecord]:
    marks: dict[str, list[int]] = {}
    for track, step in conn.execute(
        "SELECT track, step FROM checklist_mark WHERE person_id = ? ORDER BY track, step",
        (pid,),
    ):
        marks.setdefault(track, []).append(step)
    return [ChecklistRecord.model_construct(track=t, steps=s) for t, s in marks.items()]


def _ce_key(rec: CERecord) -> tuple[object, ...]:
    """What makes two activities the same: everything stored but the file name and when added
    (`_import_credential` takes the same slice of `ce.stored_values`)."""
    return ce.stored_values(rec)[:-1]


def read_bundle(
    path: Path, rules_of: RulesLookup, *, envelope_version: int, today: dt.date
) -> list[PersonRecord]:
    """The people of a zip `wallet export --with-files` wrote, checked as `read_import` does."""
    with bundle.open_bundle(path) as z:
        raw = bundle.bundle_json(path, z)
    label = f"{path}/{bundle.BUNDLE_JSON}"
    return parse_import(raw, label, rules_of, envelope_version=envelope_version, today=today)


def import_bundle(store: WalletStore, path: Path, people: Sequence[PersonRecord]) -> ImportSummary:
    """Import the people `read_bundle` read with the zip's certificates: each one staged and
    checked by its SHA-256 first, then the records and the files written together, or none."""
    with bundle.open_bundle(path) as z:
        staged = bundle.stage_certificates(store, path, z, named_certificates(people))
    return import_records(store, people, staged)


def named_certificates(people: Sequence[PersonRecord]) -> list[tuple[str, str]]:
    """The certificates the records name: (SHA-256, file name)."""
    return [
        (row[6], row[7])
        for person in _ce_rows(people)
        for rows in person
        for row in rows
        if row[6] is not None
    ]


def _ce_rows(people: Sequence[PersonRecord]) -> list[list[list[_Row]]]:
    """Each person's credentials' CE as the store keeps them: `ce.stored_values`, added_at."""
    if isinstance(people, CheckedPeople):
        return people.ce_rows
    return [
        [[(*ce.stored_values(rec), rec.added_at) for rec in c.ce] for c in p.credentials]
        for p in people
    ]


def import_records(
    store: WalletStore,
    people: Sequence[PersonRecord],
    certificates: StagedCertificates | None = None,
) -> ImportSummary:
    """Write validated records in one transaction; anything already there is skipped.

    A credential held with another earned date is a conflict: the whole import is refused.
    ``certificates`` (checked files of a bundle) are put in place just before the commit, and
    removed again when it does not happen.
    """
    counts = Counter[str]()
    stamp = now_stamp()
    try:
        with store.transaction() as conn:
            for person, rows in zip(people, _ce_rows(people), strict=True):
                _import_person(conn, store, person, rows, stamp, counts)
            if certificates is not None:
                certificates.place()
    except BaseException:
        if certificates is not None:
            certificates.discard()
        raise
    return ImportSummary(
        people=counts["people"],
        credentials=counts["credentials"],
        ce=counts["ce"],
        checklist_marks=counts["marks"],
        already_present=counts["present"],
        certificates=len(certificates.created) if certificates else 0,
        missing_certificates=_missing_certificates(store, people),
    )


def _import_person(
    conn: sqlite3.Connection,
    store: WalletStore,
    person: PersonRecord,
    ce_rows: list[list[_Row]],
    stamp: str,
    counts: Counter[str],
) -> None:
    if store.person_id(conn, person.name, create=False) is None:
        counts["people"] += 1
    pid = store.person_id(conn, person.name, create=True)
    assert pid is not None
    for cred, rows in zip(person.credentials, ce_rows, strict=True):
        _import_credential(conn, pid, person.name, cred, rows, stamp, counts)
    for mark in person.checklist:
        for step in mark.steps:
            cur = conn.execute(
                "INSERT OR IGNORE INTO checklist_mark (person_id, track, step, marked_at) "
                "VALUES (?, ?, ?, ?)",
                (pid, mark.track, step, stamp),
            )
            counts["marks" if cur.rowcount else "present"] += 1


def _import_credential(
    conn: sqlite3.Connection,
    pid: int,
    person: str,
    cred: CredentialRecord,
    ce_rows: list[_Row],
    stamp: str,
    counts: Counter[str],
) -> None:
    """One credential and its CE (``ce_rows``: `ce.stored_values` and added_at each); what is
    already held (same earned date) is skipped."""
    row = conn.execute(
        "SELECT id, earned FROM credential WHERE person_id = ? AND track = ?",
        (pid, cred.track),
    ).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO credential (person_id, track, earned, number, added_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (pid, cred.track, cred.earned.isoformat(), cred.number, cred.added_at or stamp),
        )
        cid, existing = int(cur.lastrowid or 0), Counter[tuple[object, ...]]()
        counts["credentials"] += 1
    else:
        if row[1] != cred.earned.isoformat():
            raise DomainError(
                f"{person!r} holds {cred.track} earned {row[1]} in the wallet, "
                f"but the file says {cred.earned}; nothing was imported",
                "Fix the file, or change the wallet with `wallet add --replace`.",
            )
        cid = int(row[0])
        counts["present"] += 1
        existing = Counter(_ce_key(r) for r in _stored_ce(conn, cid))
    _import_history(conn, cid, cred, stamp, counts)
    if existing:
        new_rows = []
        for r in ce_rows:
            # as a multiset: re-importing a file adds nothing, twin activities stay twins
            if existing[r[:7]] > 0:
                existing[r[:7]] -= 1
                counts["present"] += 1
                continue
            new_rows.append(r)
        ce_rows = new_rows
    # one pass, no call per row; None as NO_TEXT, which binds without an adapter lookup
    none = ce.NO_TEXT
    rows: list[_Row] = [
        (cid, d, p, c, t,
         none if pr is None else pr, none if ap is None else ap,
         none if sha is None else sha, none if name is None else name, added or stamp)
        for d, p, c, t, pr, ap, sha, name, added in ce_rows
    ]  # fmt: skip
    ce.insert_ce_rows(conn, rows)
    counts["ce"] += len(rows)


def _missing_certificates(store: WalletStore, people: Sequence[PersonRecord]) -> list[str]:
    """The certificates the records name that the store's folder does not hold."""
    return sorted(
        {
            f"{sha[:12]} ({name})"
            for sha, name in named_certificates(people)
            if not ce.certificate_file(store, sha, name).exists()
        }
    )


def _stored_ce(conn: sqlite3.Connection, cid: int, *, ordered: bool = False) -> list[CERecord]:
    sql = f"SELECT {CE_COLUMNS} FROM ce_entry e WHERE credential_id = ?"
    rows = conn.execute(sql + (" ORDER BY e.date, e.id" if ordered else ""), (cid,))
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
