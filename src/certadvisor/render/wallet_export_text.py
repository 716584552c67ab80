"""The csv and markdown of `wallet export`: a row per CE entry, or a section per credential
(apart from `wallet_export`, so that the json export loads none of this)."""

import datetime as dt
from typing import Any

from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.wallet import CE_MARKDOWN_COLUMNS, CREDENTIAL_COLUMNS, pts
from certadvisor.render.wallet_status import assumed_cell, ce_lines, cycle_basis
from certadvisor.wallet.documents import CredentialRecord, WalletRecords
from certadvisor.wallet.model import CE_FIELDS
from certadvisor.wallet.results import CredentialStatus, WalletStatus

_StatusByKey = dict[tuple[str, str], CredentialStatus]
# A row per CE entry: the credential's columns, then the entry's (its date named ce_date).
EXPORT_COLUMNS = (
    *CREDENTIAL_COLUMNS,
    "ce_date",
    *CE_FIELDS[1:-1],
    "in_current_cycle",
    "added_at",
    "cycle_confidence",
    "cycle_anchor_assumed",
)


def _in_cycle(c: CredentialStatus | None, day: dt.date, marked: bool = False) -> str:
    """true, false or unknown (CSV spells booleans one way); for people (`marked`) yes or no,
    with 'yes ?' when the cycle rests on an assumption or is unverified."""
    if c is None or c.cycle.start is None or c.cycle.end is None:
        return "unknown"
    inside = c.cycle.start <= day <= c.cycle.end
    if not marked:
        return "true" if inside else "false"
    answer = "yes" if inside else "no"
    doubt = marked and (c.cycle.anchor_assumed or c.cycle.confidence == "unverified")
    return f"{answer} ?" if doubt else answer


def by_key(status: WalletStatus) -> _StatusByKey:
    """Each credential's status by (person, track)."""
    return {(p.name, c.track): c for p in status.people for c in p.credentials}


def csv_rows(records: WalletRecords, status: WalletStatus) -> tuple[list[str], list[list[Any]]]:
    """The csv's columns and a row per CE entry (a credential without CE gets one row)."""
    return list(EXPORT_COLUMNS), _rows(records, by_key(status))


def markdown_text(records: WalletRecords, status: WalletStatus, data_as_of: str | None) -> str:
    """The markdown record: a section per person and credential, every CE entry."""
    return _markdown(records, status, by_key(status), data_as_of)


def _rows(records: WalletRecords, by_key: _StatusByKey) -> list[list[Any]]:
    out: list[list[Any]] = []
    for p in records.people:
        for cred in p.credentials:
            st = by_key.get((p.name, cred.track))
            head = [
                p.name,
                cred.track,
                st.abbreviation if st else cred.track,
                cred.number,
                cred.earned,
                st.cycle.start if st else None,
                st.cycle.end if st else None,
            ]
            basis = [st.cycle.confidence, assumed_cell(st)] if st else [None, None]
            if not cred.ce:
                out.append(head + [None] * 10 + basis)
            for e in cred.ce:
                cert = e.certificate
                out.append(
                    head
                    + [
                        e.date,
                        e.points,
                        e.category,
                        e.title,
                        e.provider,
                        e.approved_by,
                        cert.sha256 if cert else None,
                        cert.name if cert else None,
                        _in_cycle(st, e.date),
                        e.added_at,
                        *basis,
                    ]
                )
    return out


def _markdown(
    records: WalletRecords, status: WalletStatus, by_key: _StatusByKey, data_as_of: str | None
) -> str:
    doc = MarkdownDoc()
    doc.heading("Continuing-education record")
    doc.paragraph(
        f"Exported {records.exported_at} from the certadvisor wallet, as of "
        f"{status.as_of}. Certificates are kept in the wallet's certificates "
        "folder under their SHA-256."
    )
    for p in records.people:
        doc.heading(md_text(p.name), 2)
        if not p.credentials:
            doc.paragraph("No credentials in the wallet.")
        # with several people, the name keeps each credential's heading unique
        mine = f"{md_text(p.name)}: " if len(records.people) > 1 else ""
        for cred in p.credentials:
            _credential_section(doc, cred, by_key.get((p.name, cred.track)), mine)
    doc.sources_footer(data_as_of)
    return doc.render()


def _credential_section(
    doc: MarkdownDoc, cred: CredentialRecord, st: CredentialStatus | None, mine: str = ""
) -> None:
    """One credential: its heading, dates, CE progress, notes and every CE entry."""
    name = f"{st.abbreviation} — {st.credential}" if st else cred.track
    doc.heading(f"{mine}{name} ({cred.track})", 3)
    number = f", number {md_text(cred.number)}" if cred.number else ""
    facts = [f"Earned {cred.earned}{number}"]
    if st and st.cycle.start and st.cycle.end:
        facts.append(
            f"current cycle {st.cycle.start} to {st.cycle.end}, "
            f"{cycle_basis(st.cycle, doc.citations)}"
        )
    elif st and st.in_catalog:
        facts.append("current cycle unknown: the catalog does not know it")
    doc.paragraph("; ".join(facts) + ".")
    if st and st.in_catalog:
        overdue = [f"Overdue since {d.date}: {d.title}" for d in st.overdue]
        doc.bullets([*ce_lines(st.ce, doc.citations), *overdue, *st.assumed, *st.notes])
    doc.table(
        [*CE_MARKDOWN_COLUMNS, "In cycle"],
        [
            (
                e.date,
                pts(e.points),
                e.category,
                md_text(e.title),
                md_text(e.provider),
                md_text(e.approved_by),
                e.certificate.sha256 if e.certificate else "",
                _in_cycle(st, e.date, marked=True),
            )
            for e in cred.ce
        ],
    )
