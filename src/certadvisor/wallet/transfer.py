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

from pydantic import ValidationError

from certadvisor.catalog.json_io import load_json
from certadvisor.catalog.yaml_io import locate, read_text, validation_lines
from certadvisor.errors import DomainError, InvalidInputError
from certadvisor.wallet import ce, records
from certadvisor.wallet.checks import person_key
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
from certadvisor.wallet.records import CE_COLUMNS
from certadvisor.wallet.results import TrackRules
from certadvisor.wallet.status import RulesLookup
from certadvisor.wallet.store import WalletStore, now_stamp

EXPORT_COMMAND = "wallet export"
_IMPORT_HINT = "`wallet import` reads the file `certadvisor wallet export --format json` writes."
_Problem = tuple[list[int | str], str]


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


def read_import(
    path: Path, rules_of: RulesLookup, *, envelope_version: int, today: dt.date
) -> list[PersonRecord]:
    """The people of a json export, every record checked; any problem refuses the whole file.

    ``envelope_version`` is the json envelope's schema version this program writes; no date
    may be after ``today``.
    """
    raw = read_text(path)
    label = str(path)
    doc = _envelope(raw, label, envelope_version)
    try:
        found = WalletRecords.model_validate(doc["data"], context={"today": today})
    except ValidationError as exc:
        lines = validation_lines(exc, doc, raw, label, prefix=("data",))
        raise InvalidInputError(lines[0], "Nothing was imported. " + _IMPORT_HINT, lines) from None
    problems = _catalog_problems(found, rules_of)
    if problems:
        lines = [_where(raw, label, loc) + f": {what}" for loc, what in problems]
        raise InvalidInputError(lines[0], "Nothing was imported. " + _IMPORT_HINT, lines)
    return found.people


def _envelope(raw: bytes, label: str, envelope_version: int) -> dict[str, Any]:
    """The json document, which must be a `wallet export` envelope of this version."""
    try:
        doc = load_json(raw, label)
    except InvalidInputError as exc:
        # its own words (bad UTF-8, not JSON, a key twice, too deep, a huge number): nothing
        # of the file was imported
        raise InvalidInputError(exc.message, _IMPORT_HINT, exc.details) from None
    if not isinstance(doc, dict) or doc.get("command") != EXPORT_COMMAND or "data" not in doc:
        raise InvalidInputError(
            f"{label}: not a wallet export (no 'command': {EXPORT_COMMAND!r} envelope)",
            _IMPORT_HINT,
        )
    if doc.get("schema_version") != envelope_version:
        raise InvalidInputError(
            f"{label}: schema_version {doc.get('schema_version')!r} is not {envelope_version}",
            "It was written by another version of certadvisor; export it again with this one.",
        )
    return doc


def _where(raw: bytes, label: str, loc: list[int | str]) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    pos = locate(raw, loc)
    return f"{label}:{pos[0]}:{pos[1]}: {path}" if pos else f"{label}: {path}"


def _catalog_problems(found: WalletRecords, rules_of: RulesLookup) -> list[_Problem]:
    """Twice-named people and tracks, tracks the catalog lacks and categories a track lacks."""
    problems: list[_Problem] = []
    seen_people: set[str] = set()
    rules: dict[str, TrackRules | None] = {}
    for pi, person in enumerate(found.people):
        at: list[int | str] = ["data", "people", pi]
        if person_key(person.name) in seen_people:
            problems.append(([*at, "name"], f"{person.name!r} appears twice"))
        seen_people.add(person_key(person.name))
        seen_tracks: set[str] = set()
        for ci, cred in enumerate(person.credentials):
            where = [*at, "credentials", ci]
            if cred.track in seen_tracks:
                problems.append(([*where, "track"], f"{cred.track} appears twice for this person"))
            seen_tracks.add(cred.track)
            if cred.track not in rules:
                rules[cred.track] = rules_of(cred.track)
            problems += _credential_problems(cred, rules[cred.track], where)
        for mi, mark in enumerate(person.checklist):
            if mark.track not in rules:
                rules[mark.track] = rules_of(mark.track)
            if rules[mark.track] is None:
                what = f"{mark.track!r} is not a track in the catalog"
                problems.append(([*at, "checklist", mi, "track"], what))
    return problems


def _credential_problems(
    cred: CredentialRecord, found: TrackRules | None, where: list[int | str]
) -> list[_Problem]:
    if found is None:
        what = f"{cred.track!r} is not a track in the catalog (pass its catalog file with --data)"
        return [([*where, "track"], what)]
    cats = found.categories()
    return [
        (
            [*where, "ce", ei, "category"],
            f"{rec.category!r} is not a CE category of {cred.track}; "
            f"choose one of: {', '.join(cats)}",
        )
        for ei, rec in enumerate(cred.ce)
        if rec.category not in cats
    ]


def _ce_key(rec: CERecord) -> tuple[object, ...]:
    """What makes two activities the same: everything stored but the file name and when added."""
    return ce.stored_values(rec)[:-1]


def import_records(store: WalletStore, people: Sequence[PersonRecord]) -> ImportSummary:
    """Write validated records in one transaction; anything already there is skipped.

    A credential held with another earned date is a conflict: the whole import is refused.
    """
    counts = Counter[str]()
    stamp = now_stamp()
    with store.transaction() as conn:
        for person in people:
            if store.person_id(conn, person.name, create=False) is None:
                counts["people"] += 1
            pid = store.person_id(conn, person.name, create=True)
            assert pid is not None
            for cred in person.credentials:
                _import_credential(conn, pid, person.name, cred, stamp, counts)
            for mark in person.checklist:
                for step in mark.steps:
                    cur = conn.execute(
                        "INSERT OR IGNORE INTO checklist_mark (person_id, track, step, marked_at) "
                        "VALUES (?, ?, ?, ?)",
                        (pid, mark.track, step, stamp),
                    )
                    counts["marks" if cur.rowcount else "present"] += 1
    return ImportSummary(
        people=counts["people"],
        credentials=counts["credentials"],
        ce=counts["ce"],
        checklist_marks=counts["marks"],
        already_present=counts["present"],
        missing_certificates=_missing_certificates(store, people),
    )


def _import_credential(
    conn: sqlite3.Connection,
    pid: int,
    person: str,
    cred: CredentialRecord,
    stamp: str,
    counts: Counter[str],
) -> None:
    """One credential and its CE; what is already held (same earned date) is skipped."""
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
    for rec in cred.ce:
        # as a multiset: re-importing a file adds nothing, twin activities stay twins
        if existing[_ce_key(rec)] > 0:
            existing[_ce_key(rec)] -= 1
            counts["present"] += 1
            continue
        ce.insert_ce(conn, cid, rec, rec.added_at or stamp)
        counts["ce"] += 1


def _missing_certificates(store: WalletStore, people: Sequence[PersonRecord]) -> list[str]:
    """The certificates the records name that the store's folder does not hold."""
    return sorted(
        {
            f"{rec.certificate.sha256[:12]} ({rec.certificate.name})"
            for p in people
            for c in p.credentials
            for rec in c.ce
            if rec.certificate and not _kept(store, rec.certificate)
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


def _kept(store: WalletStore, cert: CertificateRef) -> bool:
    return ce.certificate_file(store, cert.sha256, cert.name).exists()
