"""Writers for `wallet list` and `wallet ce list`, and the fitted tables the wallet shares.

rich's widgets are imported inside the table writers: json, csv and markdown never load them.
"""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.render.columns import Col, fit_widths
from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.output import Rendering
from certadvisor.text import plural
from certadvisor.wallet.model import CE_FIELDS, CEEntry, PersonCE, PersonCredentials

if TYPE_CHECKING:
    from rich.console import Console


def pts(value: float | None) -> str:
    """Points as written: 12, 2.5, or 'unknown'."""
    return "unknown" if value is None else f"{value:g}"


def print_fitted(
    console: "Console",
    cols: Sequence[Col],
    priority: Sequence[int],
    tables: Sequence[tuple[str, Sequence[Sequence[str]]]],
) -> None:
    """Each (title, rows) as a table that fits the console (a title without rows as a muted
    line); the columns left out for lack of width are named once at the end."""
    from rich.table import Table
    from rich.text import Text

    dropped: list[str] = []
    for title, rows in tables:
        if not rows:
            console.print(Text(title, style="muted"))
            continue
        widths = fit_widths(console.width, cols, priority, rows)
        table = Table(title=title, title_justify="left")
        for i in sorted(widths):
            table.add_column(
                cols[i].header,
                width=widths[i],
                overflow="fold",
                justify="right" if cols[i].right else "left",
            )
        for row in rows:
            table.add_row(*(Text(row[i]) for i in sorted(widths)))
        console.print(table)
        gone = [c.header.lower() for i, c in enumerate(cols) if i not in widths]
        dropped += [h for h in gone if h not in dropped]
    if dropped:
        console.print(
            Text(
                f"Not shown at {console.width} columns: {', '.join(dropped)}. Widen the "
                "terminal or use --format markdown.",
                style="muted",
            )
        )


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
# The markdown columns of a CE activity (`wallet ce list`, `wallet export`).
CE_MARKDOWN_COLUMNS = (
    "Date",
    "Points",
    "Category",
    "Title",
    "Provider",
    "Approved by",
    "Certificate SHA-256",
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
        tables = [
            (
                f"Credentials of {p.name}" if p.credentials else f"{p.name}: {_EMPTY}",
                [
                    [c.track, names.get(c.track, c.track), str(c.earned), c.number or ""]
                    for c in p.credentials
                ],
            )
            for p in people
        ]
        print_fitted(console, _LIST_COLS, (0, 2, 1, 3), tables)

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading("Credentials held")
        doc.table(
            ["Person", "Track", "Credential", "Earned", "Number"],
            [[md_text(c) for c in r[:5]] for r in rows()],
        )
        return doc.render()

    return Rendering(
        command="wallet list",
        data_as_of=data_as_of,
        payload=lambda: {"people": list(people)},
        table=table,
        markdown=markdown,
        csv=lambda: (headers, rows()),
    )


_LIST_COLS = (
    Col("Track", 20, ratio=1),
    Col("Credential", 10, ratio=1),
    Col("Earned", 10),
    Col("Number", 8, ratio=1),
)
# ID, Date, Credential, Pts, Category, Title, Approved, Cert; kept in _CE_PRIORITY's order
_CE_COLS = (
    Col("ID", 6, right=True),
    Col("Date", 10),
    Col("Credential", 10, ratio=1),
    Col("Pts", 6, right=True),
    Col("Category", 14, ratio=1),
    Col("Title", 20, ratio=4),
    Col("Approved", 8, ratio=1),
    Col("Cert", 4),
)
_CE_PRIORITY = (0, 1, 3, 5, 4, 2, 7, 6)
_NO_CE = "no CE entries yet. Add one: certadvisor wallet ce add --credential TRACK ..."


def ce_list_rendering(
    people: Sequence[PersonCE], names: Mapping[str, str], data_as_of: str | None
) -> Rendering:
    """CE entries by date, with their ids (for `wallet ce remove`)."""

    def rows() -> list[list[Any]]:
        return [
            [p.name, e.id, e.track, *(getattr(e, name) for name in CE_FIELDS)]
            for p in people
            for e in p.entries
        ]

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading("CE entries")
        doc.table(
            ["Person", "ID", "Track", *CE_MARKDOWN_COLUMNS],
            [[md_text(c) for c in (*r[:4], pts(r[4]), *r[5:10])] for r in rows()],
        )
        return doc.render()

    return Rendering(
        command="wallet ce list",
        data_as_of=data_as_of,
        payload=lambda: {"people": list(people)},
        table=lambda console: _ce_tables(console, people, names),
        markdown=markdown,
        csv=lambda: (["person", "id", "track", *CE_FIELDS], rows()),
    )


def _ce_tables(console: "Console", people: Sequence[PersonCE], names: Mapping[str, str]) -> None:
    """One table of CE entries per person, fitted to the console."""

    def cells(e: CEEntry) -> list[str]:
        return [
            str(e.id),
            str(e.date),
            names.get(e.track, e.track),
            pts(e.points),
            e.category,
            e.title,
            e.approved_by or "",
            "yes" if e.certificate_sha256 else "",
        ]

    tables = [
        (
            f"CE of {p.name}: {_ce_sums(p.entries, names)}" if p.entries else f"{p.name}: {_NO_CE}",
            [cells(e) for e in p.entries],
        )
        for p in people
    ]
    print_fitted(console, _CE_COLS, _CE_PRIORITY, tables)


def _ce_sums(entries: Sequence[CEEntry], names: Mapping[str, str]) -> str:
    """'3 entries, 12 points', or per credential when there are several: bodies count in
    units of their own (CEUs, CCP points, contact hours), which are never added together."""
    by_track: dict[str, float] = {}
    for e in entries:
        by_track[e.track] = by_track.get(e.track, 0.0) + e.points
    count = plural(len(entries), "entry", "entries")
    if len(by_track) == 1:
        return f"{count}, {pts(next(iter(by_track.values())))} points"
    sums = ", ".join(f"{pts(v)} for {names.get(t, t)}" for t, v in by_track.items())
    return f"{count}: points {sums}"
