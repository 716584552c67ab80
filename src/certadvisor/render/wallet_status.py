"""Writer for `wallet status`: cycles, CE, fees, deadlines and next steps (shared with export).

rich's widgets are imported inside the table writers: json, csv and markdown never load them.
"""

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.render.columns import Col, fit_widths, not_shown_note
from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.marks import LEGEND, Citations, catalog_reviewed
from certadvisor.render.output import Rendering
from certadvisor.render.wallet import CREDENTIAL_COLUMNS, pts
from certadvisor.wallet.deadlines import fee_amount
from certadvisor.wallet.results import (
    CEProgress,
    CredentialStatus,
    CycleInfo,
    FeeDue,
    WalletStatus,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

_LABEL = 14  # the longest label, "Due ≤ 90 days", and a space
_ANCHOR = {
    "end_of_month": "from the end of the month earned",
    "earned_date": "from the date earned",
}


def cycle_basis(cy: CycleInfo, cites: Citations) -> str:
    """'36 months counted from the date earned (assumed ?; the catalog does not say) ● [5]':
    what the cycle dates rest on, marked like every other figure (status and export share it)."""
    if cy.fixed_date is not None:
        return f"every licence ends on {cy.fixed_date} ({cy.months}-month cycles) {cites.ref(cy)}"
    anchor = _ANCHOR.get(cy.anchor or "", "")
    assumed = " (assumed ?; the catalog does not say)" if cy.anchor_assumed else ""
    return f"{cy.months} months counted {anchor}{assumed} {cites.ref(cy)}"


def assumed_cell(c: CredentialStatus) -> str | None:
    """CSV cell: whether the cycle's start is the catalog's or the earliest reading assumed."""
    if c.cycle.start is None:
        return None
    return "true" if c.cycle.anchor_assumed else "false"


def _cycle_text(c: CredentialStatus, cites: Citations) -> str:
    cy = c.cycle
    if cy.end is None or cy.start is None:
        return "unknown: the catalog does not know the renewal cycle"
    return f"{cy.start} → {cy.end}, {cycle_basis(cy, cites)}; {cy.days_left} days left"


def ce_lines(ce: CEProgress | None, cites: Citations) -> list[str]:
    """The CE requirement and the progress inside the cycle, line by line."""
    if ce is None:
        return ["CE: unknown (the catalog does not say what CE is owed)"]
    unit = ce.unit
    head = f"{pts(ce.counted)} of {pts(ce.required)} {unit} {cites.ref(ce)}"
    head += f" from {ce.entries} activit{'y' if ce.entries == 1 else 'ies'} in this cycle"
    if ce.met:
        head += " — met"
    elif ce.needed:
        head += f" — {pts(ce.needed)} more needed"
    lines = [head]
    cats = []
    for cat in ce.categories:
        # no minimum (or 0): the points alone, never "/0" or "0 short"
        floor = bool(cat.min_points)
        limit = f"/{pts(cat.min_points)}" if floor else ""
        cap = f" (at most {pts(cat.max_points)} count)" if cat.max_points is not None else ""
        state = f" {pts(cat.short)} short" if cat.short else (" ✓" if floor else "")
        cats.append(f"{cat.name} {pts(cat.earned)}{limit}{state}{cap}")
    if cats:
        lines.append("by category: " + " · ".join(cats))
    if ce.first_cycle:
        lines.append(f"if this is your first licence, first cycle: {ce.first_cycle}")
    if ce.approved_required is not None:
        if ce.approved is None:
            lines.append(
                f"at least {pts(ce.approved_required)} approved by the issuer "
                "(the catalog does not name the approving body: unknown)"
            )
        else:
            short = f" — {pts(ce.approved_short)} short" if ce.approved_short else " ✓"
            lines.append(
                f"approved by {ce.approved_by}: {pts(ce.approved)} of at least "
                f"{pts(ce.approved_required)}{short}"
            )
    if ce.rollover is False:
        lines.append("only CE dated inside this cycle counts (no rollover)")
    elif ce.rollover is None:
        lines.append("only CE dated inside this cycle is counted (rollover not stated)")
    return lines


def _fee_text(fees: Sequence[FeeDue], cites: Citations, due: bool) -> str:
    text = "; ".join(f"{f.label} {fee_amount(f)} {cites.ref(f)}" for f in fees)
    if due and fees and fees[0].due:
        text += f"; next due {fees[0].due} (yearly from the date earned)"
    return text


def detail_rows(c: CredentialStatus, cites: Citations) -> list[tuple[str, str]]:
    """Label and text for each thing known about one credential, every rule marked."""
    rows = [("Earned", f"{c.earned}" + (f", no. {c.number}" if c.number else ""))]
    if not c.in_catalog:
        rows.append(("Rules", f"unknown: {c.track} is not in the catalog"))
        return rows
    rows.append(("Cycle", _cycle_text(c, cites)))
    for i, line in enumerate(ce_lines(c.ce, cites)):
        rows.append(("CE" if i == 0 else "", line))
    if c.renewal_fees:
        rows.append(("Renewal fee", _fee_text(c.renewal_fees, cites, due=False)))
    if c.annual_fees:
        rows.append(("Annual fee", _fee_text(c.annual_fees, cites, due=True)))
    w = c.submit_window
    if w is not None:
        if w.opens and w.closes:
            text = f"between {w.opens} and {w.closes}"
        elif w.closes:
            text = f"by {w.closes} ({w.closes_days_before} days before expiry)"
        elif w.opens:
            text = f"from {w.opens} ({w.opens_days_before} days before expiry)"
        else:
            text = "unknown (the cycle is unknown)"
        rows.append(("File renewal", f"{text} {cites.ref(w)}"))
    for i, line in enumerate(c.lapse):
        rule = c.late_rules[i - 1] if 0 < i <= len(c.late_rules) else None
        ref = f" {cites.ref(rule)}" if rule is not None else ""
        rows.append(("If not filed" if i == 0 else "", line + ref))
    return rows + state_rows(c)


def state_rows(c: CredentialStatus) -> list[tuple[str, str]]:
    """What was done, what is overdue, what is due within 90 days, and what is assumed."""
    rows: list[tuple[str, str]] = []
    for r in c.renewals:
        fee = f", fee {r.fee:g} paid" if r.fee is not None else ""
        rows.append(("Filed", f"cycle {r.cycle} ({r.start} → {r.end}) renewed on {r.filed}{fee}"))
    for p in c.fees_paid:
        amount = f" ({p.amount:g})" if p.amount is not None else ""
        rows.append(("Paid", f"annual fee due {p.due}, paid {p.paid}{amount}"))
    for d in c.overdue:
        rows.append(("OVERDUE", f"since {d.date}: {d.title.split(': ', 1)[-1]}"))
    for d in c.due_soon:
        rows.append(("Due ≤ 90 days", f"{d.date}: {d.title.split(': ', 1)[-1]}"))
    for line in c.assumed:
        rows.append(("Assumed", line.removeprefix("Assumed: ")))
    return rows


def next_text(c: CredentialStatus, full: bool = True) -> str:
    """'2026-05-31 (91 days): File the renewal (first earn ...)'; the action alone when undated."""
    n = c.next_action
    text = n.text + (f" ({n.detail})" if full and n.detail else "")
    if n.date is None:
        return text
    return f"{n.date} ({n.days} day{'s' if n.days != 1 else ''}): {text}"


def _ce_cell(c: CredentialStatus) -> str:
    if c.ce is None:
        return "unknown"
    return f"{pts(c.ce.counted)}/{pts(c.ce.required)} {c.ce.unit}"


def _details(creds: Sequence[CredentialStatus], cites: Citations, width: int) -> "Text":
    """Each credential's facts as labels and hanging-indented text.

    Built as one string with style spans: for 20 credentials that is several times cheaper
    than Rich grids or appending to a Text piece by piece.
    """
    from rich.text import Span, Text

    parts: list[str] = []
    spans: list[Span] = []
    size = 0

    def add(text: str, style: str = "") -> None:
        nonlocal size
        parts.append(text)
        if style:
            spans.append(Span(size, size + len(text), style))
        size += len(text)

    wrap = max(20, width - _LABEL)
    for c in creds:
        rows = [(label, value, "") for label, value in detail_rows(c, cites)]
        rows.append(("Next", next_text(c), c.next_action.urgency))
        rows += [("", note_text, "muted") for note_text in c.notes]
        add("\n")
        add(f"{c.abbreviation} — {c.credential} ({c.track})", "heading")
        for label, value, style in rows:
            lines = textwrap.wrap(value, wrap) or [""]
            add("\n")
            add(label.ljust(_LABEL), "bold")
            add(lines[0], style)
            for line in lines[1:]:
                add("\n" + " " * _LABEL)
                add(line, style)
    return Text("".join(parts), spans=spans)


_SUMMARY_COLS = (
    Col("Credential", 10, ratio=1),
    Col("Expires", 10),
    Col("Days", 4, right=True),
    Col("CE", 10, ratio=2),
    Col("Next action", 12, ratio=3),
)
# at a narrow width Days goes first (Expires says it), then CE; a date is never cut
_SUMMARY_PRIORITY = (0, 1, 4, 3, 2)


def _summary_table(creds: Sequence[CredentialStatus], width: int) -> tuple["Table", list[str]]:
    """One row per credential, fitted to the width; and the headers of the columns left out."""
    from rich.table import Table
    from rich.text import Text

    rows = [
        (
            c.abbreviation,
            str(c.cycle.end or "unknown"),
            str(c.cycle.days_left if c.cycle.days_left is not None else "?"),
            _ce_cell(c),
            next_text(c, full=False),
        )
        for c in creds
    ]
    widths = fit_widths(width, _SUMMARY_COLS, _SUMMARY_PRIORITY, rows)
    shown = sorted(widths)
    table = Table()
    for i in shown:
        col = _SUMMARY_COLS[i]
        table.add_column(
            col.header,
            width=widths[i],
            overflow="fold",
            no_wrap=i in (1, 2),
            justify="right" if col.right else "left",
        )
    for c, row in zip(creds, rows, strict=True):
        styles = {4: c.next_action.urgency}
        table.add_row(*(Text(row[i], style=styles.get(i, "")) for i in shown))
    return table, [col.header.lower() for i, col in enumerate(_SUMMARY_COLS) if i not in widths]


def status_rendering(status: WalletStatus, data_as_of: str | None) -> Rendering:
    """`wallet status` in table, markdown, csv and json."""
    return Rendering(
        command="wallet status",
        data_as_of=data_as_of,
        payload=lambda: status,
        table=lambda console: _print_status(console, status, data_as_of),
        markdown=lambda: _status_markdown(status, data_as_of),
        csv=lambda: (list(STATUS_COLUMNS), _status_rows(status)),
    )


def _print_status(console: "Console", status: WalletStatus, data_as_of: str | None) -> None:
    from rich.text import Text

    cites = Citations()
    for person in status.people:
        console.print(Text(f"Wallet of {person.name} — as of {status.as_of}", style="heading"))
        if not person.credentials:
            console.print(
                Text(
                    "No credentials yet. Add one: certadvisor wallet add TRACK --earned YYYY-MM-DD",
                    style="muted",
                )
            )
            continue
        summary, dropped = _summary_table(person.credentials, console.width)
        console.print(summary)
        if dropped:
            console.print(Text(not_shown_note(console.width, dropped), style="muted"))
        console.print(_details(person.credentials, cites, console.width), soft_wrap=True)
    if cites.urls:
        console.print(Text(f"\nMarkers: {LEGEND}", style="muted"), soft_wrap=True)
        for line in cites.lines():
            # an address is never broken (it stays clickable); a source's name wraps
            console.print(Text(line), soft_wrap="://" in line)
        note = catalog_reviewed(
            data_as_of, "Rules change: check with the certifying body before a deadline."
        )
        console.print(Text(note, style="muted"))


def _status_markdown(status: WalletStatus, data_as_of: str | None) -> str:
    doc = MarkdownDoc()
    doc.heading(f"Credential status as of {status.as_of}")
    for person in status.people:
        doc.heading(md_text(person.name), 2)
        if not person.credentials:
            doc.paragraph("No credentials in the wallet.")
            continue
        doc.table(
            ["Credential", "Expires", "Days left", "CE", "Next action", "Urgency"],
            [
                (
                    c.abbreviation,
                    c.cycle.end or "unknown",
                    "unknown" if c.cycle.days_left is None else c.cycle.days_left,
                    _ce_cell(c),
                    next_text(c, full=False),
                    c.next_action.urgency,
                )
                for c in person.credentials
            ],
        )
        for c in person.credentials:
            # with several people, the name keeps each credential's heading unique
            mine = f"{md_text(person.name)}: " if len(status.people) > 1 else ""
            doc.heading(f"{mine}{c.abbreviation} — {c.credential} ({c.track})", 3)
            rows = [
                (label or "", md_text(value) if label == "Earned" else value)
                for label, value in detail_rows(c, doc.citations)
            ]
            rows.append(("Next", f"{next_text(c)} ({c.next_action.urgency})"))
            doc.table(["Item", "Detail"], rows)
            doc.bullets(c.notes)
    doc.sources_footer(data_as_of)
    return doc.render()


STATUS_COLUMNS = (
    *CREDENTIAL_COLUMNS,
    "days_left",
    "cycle_confidence",
    "ce_unit",
    "ce_required",
    "ce_counted",
    "ce_needed",
    "ce_confidence",
    "approved",
    "approved_required",
    "next_action",
    "next_action_detail",
    "next_action_date",
    "urgency",
    "cycle_anchor_assumed",
    "overdue",
    "assumed",
)


def _status_rows(status: WalletStatus) -> list[list[Any]]:
    rows = []
    for person in status.people:
        for c in person.credentials:
            ce = c.ce
            rows.append(
                [
                    person.name,
                    c.track,
                    c.abbreviation,
                    c.number,
                    c.earned,
                    c.cycle.start,
                    c.cycle.end,
                    c.cycle.days_left,
                    c.cycle.confidence,
                    ce.unit if ce else None,
                    ce.required if ce else None,
                    ce.counted if ce else None,
                    ce.needed if ce else None,
                    ce.confidence if ce else None,
                    ce.approved if ce else None,
                    ce.approved_required if ce else None,
                    c.next_action.text,
                    c.next_action.detail,
                    c.next_action.date,
                    c.next_action.urgency,
                    assumed_cell(c),
                    "; ".join(f"{d.date}: {d.title}" for d in c.overdue) or None,
                    " ".join(c.assumed) or None,
                ]
            )
    return rows
