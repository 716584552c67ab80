"""Writers for the audit packet's summary (markdown, HTML, CSV), `wallet verify` and
`wallet ce show`."""

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.marks import Citations
from certadvisor.render.output import Rendering
from certadvisor.render.wallet import pts
from certadvisor.render.wallet_status import ce_lines
from certadvisor.wallet.audit import SUMS, AuditSummary, PacketVerification
from certadvisor.wallet.model import CEEntry

if TYPE_CHECKING:
    from rich.console import Console

    from certadvisor.wallet.ce_edit import CEChange

AUDIT_COLUMNS = (
    "date",
    "points",
    "category",
    "title",
    "provider",
    "approved_by",
    "certificate_file",
    "certificate_sha256",
    "ce_id",
)


def _facts(s: AuditSummary) -> list[tuple[str, str]]:
    filed = f"renewal filed {s.renewal_filed}" if s.renewal_filed else "renewal not marked filed"
    assumed = (
        " (dates follow from an assumption: see the wallet's status)" if s.cycle_assumed else ""
    )
    if s.end_unsure_until is not None:
        assumed += (
            f" (the sources do not say whether a licence issued this close to {s.end} "
            f"ends then or on {s.end_unsure_until})"
        )
    return [
        ("Holder", s.person),
        ("Credential", f"{s.credential} ({s.abbreviation}, {s.issuer}; track {s.track})"),
        ("Number", s.number or "not recorded"),
        ("Earned", str(s.earned)),
        ("Cycle", f"{s.cycle}: {s.start} to {s.end}; {filed}{assumed}"),
        ("Generated", s.generated_at),
        ("Tool", f"certadvisor {s.tool_version}"),
        ("Catalog", f"reviewed {s.catalog_as_of or 'unknown'}; " + ", ".join(s.catalog_files)),
    ]


def _rows(s: AuditSummary) -> list[list[Any]]:
    return [
        [
            e.date,
            pts(e.points),
            e.category_name,
            e.title,
            e.provider or "",
            e.approved_by or "",
            e.file or ("missing from the wallet" if e.missing else ""),
            e.certificate_sha256 or "",
            e.id,
        ]
        for e in s.entries
    ]


def _totals(s: AuditSummary) -> list[str]:
    return ce_lines(s.progress, Citations())


def audit_markdown(s: AuditSummary) -> str:
    """The packet's summary.md."""
    doc = MarkdownDoc()
    doc.heading(f"CE audit packet: {s.abbreviation}, cycle {s.cycle}")
    doc.table(["Item", "Detail"], _facts(s))
    doc.heading("Totals against the requirement", 2)
    doc.bullets(_totals(s))
    doc.heading(f"Activities ({len(s.entries)})", 2)
    doc.table(
        ["Date", "Points", "Category", "Title", "Provider", "Approved by", "File", "SHA-256", "ID"],
        [[md_text(c) for c in row] for row in _rows(s)],
    )
    doc.paragraph("Each file's SHA-256 is in manifest.json and SHA256SUMS (`sha256sum -c`).")
    return doc.render()


def audit_html(s: AuditSummary) -> str:
    """The packet's summary.html: one self-contained page, every value escaped."""
    e = html.escape
    facts = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _facts(s))
    totals = "".join(f"<li>{e(line)}</li>" for line in _totals(s))
    heads = "".join(
        f"<th>{h}</th>"
        for h in ("Date", "Points", "Category", "Title", "Provider", "Approved by", "File", "ID")
    )
    body = "".join(
        "<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in (*r[:7], r[8])) + "</tr>"
        for r in _rows(s)
    )
    title = e(f"CE audit packet: {s.abbreviation}, cycle {s.cycle}")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif}td,th{border:1px solid #999;padding:2px 6px;"
        "text-align:left}table{border-collapse:collapse}</style></head><body>"
        f"<h1>{title}</h1><table>{facts}</table><h2>Totals against the requirement</h2>"
        f"<ul>{totals}</ul><h2>Activities ({len(s.entries)})</h2>"
        f"<table><tr>{heads}</tr>{body}</table></body></html>\n"
    )


def audit_csv(s: AuditSummary) -> str:
    """The packet's summary.csv: one row per activity (cells safe to open in a spreadsheet)."""
    from certadvisor.render.csv_cells import csv_text

    rows = [
        [
            e.date,
            pts(e.points),
            e.category,
            e.title,
            e.provider or "",
            e.approved_by or "",
            e.file or "",
            e.certificate_sha256 or "",
            e.id,
        ]
        for e in s.entries
    ]
    return csv_text(AUDIT_COLUMNS, rows)


def audit_texts(s: AuditSummary) -> dict[str, bytes]:
    """The summary files of a packet, by their names in it."""
    return {
        "summary.md": audit_markdown(s).encode(),
        "summary.html": audit_html(s).encode(),
        "summary.csv": audit_csv(s).encode(),
    }


def verify_rendering(result: PacketVerification) -> Rendering:
    """`wallet verify`: each file of the packet, ok or what is wrong."""

    def table(console: "Console") -> None:
        from rich.text import Text

        for c in result.files:
            mark = "ok" if c.ok else f"FAILED: {c.problem}"
            console.print(Text(f"{mark:<8} {c.path}" if c.ok else f"{c.path}: {mark}"))
        verdict = "verified" if result.ok else "does NOT verify"
        # SHA256SUMS is checked against the manifest, not counted among the files
        files = sum(1 for c in result.files if c.path != SUMS)
        console.print(Text(f"{result.packet}: {verdict} ({files} files)"))

    return Rendering(
        command="wallet verify",
        data_as_of=None,
        payload=lambda: result,
        table=table,
        csv=lambda: (["path", "ok", "problem"], [[c.path, c.ok, c.problem] for c in result.files]),
    )


def ce_show_rendering(
    entry: CEEntry,
    changes: Sequence["CEChange"],
    kept: tuple[str, bool] | None,
    data_as_of: str | None,
) -> Rendering:
    """`wallet ce show`: every field, the certificate and the recorded changes."""
    cert = "none"
    if entry.certificate_sha256:
        where = "" if kept is None else f" at {kept[0]}" + ("" if kept[1] else " (MISSING)")
        cert = f"{entry.certificate_name} (SHA-256 {entry.certificate_sha256}){where}"
    rows = [
        ("ID", str(entry.id)),
        ("Person", entry.person),
        ("Credential", entry.track),
        ("Date", str(entry.date)),
        ("Points", pts(entry.points)),
        ("Category", entry.category),
        ("Title", entry.title),
        ("Provider", entry.provider or ""),
        ("Approved by", entry.approved_by or ""),
        ("Certificate", cert),
        ("Added", entry.added_at),
    ]
    rows += [(f"Changed {c.changed_at}", c.what) for c in changes]

    def table(console: "Console") -> None:
        from rich.text import Text

        for label, value in rows:
            console.print(Text(f"{label:<12} {value}"), soft_wrap=True)

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading(f"CE entry {entry.id}")
        doc.table(["Item", "Detail"], rows)
        return doc.render()

    return Rendering(
        command="wallet ce show",
        data_as_of=data_as_of,
        payload=lambda: {
            "entry": entry,
            "changes": [{"changed_at": c.changed_at, "what": c.what} for c in changes],
        },
        table=table,
        markdown=markdown,
    )
