"""Writers for `wallet list`, `wallet ce list` and `wallet export` (an audit-ready record)."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.output import Rendering
from certadvisor.wallet.model import PersonCE, PersonCredentials

if TYPE_CHECKING:  # list and ce list need neither the export nor the status models
    from rich.console import Console

    from certadvisor.wallet.documents import WalletRecords
    from certadvisor.wallet.results import CredentialStatus, WalletStatus


def pts(value: float | None) -> str:
    """Points as written: 12, 2.5, or 'unknown'."""
    return "unknown" if value is None else f"{value:g}"


# The first columns of every wallet CSV with a row per credential (status, export).
CREDENTIAL_COLUMNS = (
    "person",
    "track",
    "credential",
    "number",
    "earned",
    "cycle_start",
    "cycle_end",
)
_EMPTY = "No credentials yet. Add one: certadvisor wallet add TRACK --earned YYYY-MM-DD"


def list_rendering(
    people: Sequence[PersonCredentials], names: Mapping[str, str], data_as_of: str | None
) -> Rendering:
    """The credentials each person holds."""
    headers = ["person", "track", "credential", "earned", "number", "added_at"]

    def rows() -> list[list[Any]]:
        return [
            [p.name, c.track, names.get(c.track, c.track), c.earned, c.number, c.added_at]
            for p in people
            for c in p.credentials
        ]

    def table(console: "Console") -> None:
        from rich.table import Table
        from rich.text import Text

        for p in people:
            if not p.credentials:
                console.print(Text(f"{p.name}: {_EMPTY}", style="muted"))
                continue
            t = Table(title=f"Credentials of {p.name}", title_justify="left")
            t.add_column("Track", no_wrap=True)
            t.add_column("Credential", overflow="fold")
            t.add_column("Earned", no_wrap=True)
            t.add_column("Number", overflow="fold")
            for c in p.credentials:
                t.add_row(
                    Text(c.track),
                    Text(names.get(c.track, c.track)),
                    Text(str(c.earned)),
                    Text(c.number or ""),
                )
            console.print(t)

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading("Credentials held")
        doc.table(["Person", "Track", "Credential", "Earned", "Number"], [r[:5] for r in rows()])
        return doc.render()

    return Rendering(
        command="wallet list",
        data_as_of=data_as_of,
        payload=lambda: {"people": list(people)},
        table=table,
        markdown=markdown,
        csv=lambda: (headers, rows()),
    )


def ce_list_rendering(
    people: Sequence[PersonCE], names: Mapping[str, str], data_as_of: str | None
) -> Rendering:
    """CE entries by date, with their ids (for `wallet ce remove`)."""
    headers = [
        "person",
        "id",
        "track",
        "date",
        "points",
        "category",
        "title",
        "provider",
        "approved_by",
        "certificate_sha256",
        "certificate_name",
        "added_at",
    ]

    def rows() -> list[list[Any]]:
        return [
            [
                p.name,
                e.id,
                e.track,
                e.date,
                e.points,
                e.category,
                e.title,
                e.provider,
                e.approved_by,
                e.certificate_sha256,
                e.certificate_name,
                e.added_at,
            ]
            for p in people
            for e in p.entries
        ]

    def table(console: "Console") -> None:
        from rich.table import Table
        from rich.text import Text

        for p in people:
            if not p.entries:
                console.print(
                    Text(
                        f"{p.name}: no CE entries yet. Add one: certadvisor wallet "
                        "ce add --credential TRACK ...",
                        style="muted",
                    )
                )
                continue
            total = sum(e.points for e in p.entries)
            t = Table(
                title=f"CE of {p.name}: {len(p.entries)} entries, {pts(total)} points",
                title_justify="left",
            )
            t.add_column("ID", justify="right", no_wrap=True)
            t.add_column("Date", no_wrap=True)
            t.add_column("Credential", overflow="fold")
            t.add_column("Pts", justify="right", no_wrap=True)
            t.add_column("Category", overflow="fold")
            t.add_column("Title", overflow="fold", ratio=1, min_width=10)
            t.add_column("Approved", overflow="fold")
            t.add_column("Cert", no_wrap=True)
            for e in p.entries:
                t.add_row(
                    Text(str(e.id)),
                    Text(str(e.date)),
                    Text(names.get(e.track, e.track)),
                    Text(pts(e.points)),
                    Text(e.category),
                    Text(e.title),
                    Text(e.approved_by or ""),
                    Text("yes" if e.certificate_sha256 else ""),
                )
            console.print(t)

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading("CE entries")
        doc.table(
            [
                "Person",
                "ID",
                "Track",
                "Date",
                "Points",
                "Category",
                "Title",
                "Provider",
                "Approved by",
                "Certificate SHA-256",
            ],
            [[*r[:4], pts(r[4]), *r[5:10]] for r in rows()],
        )
        return doc.render()

    return Rendering(
        command="wallet ce list",
        data_as_of=data_as_of,
        payload=lambda: {"people": list(people)},
        table=table,
        markdown=markdown,
        csv=lambda: (headers, rows()),
    )


def _in_cycle(c: "CredentialStatus | None", day: Any) -> str:
    if c is None or c.cycle.start is None or c.cycle.end is None:
        return "unknown"
    return "yes" if c.cycle.start <= day <= c.cycle.end else "no"


def export_rendering(
    records: "WalletRecords", status: "WalletStatus", data_as_of: str | None
) -> Rendering:
    """Every record: json (the import format), csv (a row per CE entry) or markdown."""
    by_key = {(p.name, c.track): c for p in status.people for c in p.credentials}
    headers = [
        *CREDENTIAL_COLUMNS,
        "ce_date",
        "points",
        "category",
        "title",
        "provider",
        "approved_by",
        "certificate_sha256",
        "certificate_name",
        "in_current_cycle",
        "added_at",
    ]

    def rows() -> list[list[Any]]:
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
                if not cred.ce:
                    out.append(head + [None] * 10)
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
                        ]
                    )
        return out

    def markdown() -> str:
        from certadvisor.render.wallet_status import ce_lines

        doc = MarkdownDoc()
        doc.heading("Continuing-education record")
        doc.paragraph(
            f"Exported {records.exported_at} from the certadvisor wallet, as of "
            f"{status.as_of}. Certificates are kept in the wallet's certificates "
            "folder under their SHA-256."
        )
        for p in records.people:
            doc.heading(p.name, 2)
            if not p.credentials:
                doc.paragraph("No credentials in the wallet.")
            for cred in p.credentials:
                st = by_key.get((p.name, cred.track))
                name = f"{st.abbreviation} — {st.credential}" if st else cred.track
                doc.heading(f"{name} ({cred.track})", 3)
                facts = [
                    f"Earned {cred.earned}" + (f", number {cred.number}" if cred.number else "")
                ]
                if st and st.cycle.start and st.cycle.end:
                    facts.append(
                        f"current cycle {st.cycle.start} to {st.cycle.end} "
                        f"{doc.citations.ref(st.cycle)}"
                    )
                doc.paragraph("; ".join(facts) + ".")
                if st and st.in_catalog:
                    doc.bullets(ce_lines(st.ce, doc.citations))
                doc.table(
                    [
                        "Date",
                        "Points",
                        "Category",
                        "Title",
                        "Provider",
                        "Approved by",
                        "Certificate SHA-256",
                        "In cycle",
                    ],
                    [
                        (
                            e.date,
                            pts(e.points),
                            e.category,
                            e.title,
                            e.provider,
                            e.approved_by,
                            e.certificate.sha256 if e.certificate else "",
                            _in_cycle(st, e.date),
                        )
                        for e in cred.ce
                    ],
                )
        doc.sources_footer(data_as_of)
        return doc.render()

    return Rendering(
        command="wallet export",
        data_as_of=data_as_of,
        payload=lambda: records,
        markdown=markdown,
        csv=lambda: (headers, rows()),
    )
