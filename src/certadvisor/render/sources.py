"""Writers for `data sources`."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certadvisor.catalog.provenance import SourcedFact
from certadvisor.render.columns import WHOLE, Col, fitted_table, print_fitted_table
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import LEGEND, catalog_reviewed, marker
from certadvisor.render.output import Rendering

if TYPE_CHECKING:
    from rich.console import Console

_HEADERS = (
    "status",
    "owner",
    "fact",
    "value",
    "confidence",
    "as_of",
    "source",
    "cite",
    "publisher_kind",
    "read_on",
    "url",
)


def _row(f: SourcedFact) -> list[str]:
    return [
        f.status,
        f.owner,
        f.path,
        f.value,
        f.confidence,
        f.as_of or "undated",
        f.source,
        f.cite,
        f.publisher_kind or "unregistered",
        f.read_on or "",
        f.read_at or f.url or (f.source if "://" in f.source else ""),
    ]


def _md_row(f: SourcedFact) -> list[str]:
    return [
        f.status,
        f.owner,
        f.path,
        f.value,
        f.confidence,
        f.as_of or "undated",
        f.cite_markdown or f.source,
    ]


def sources_rendering(
    facts: Sequence[SourcedFact], data_as_of: str | None, stale_after: int
) -> Rendering:
    """The provenance list in every format."""
    counts = {
        s: sum(1 for f in facts if f.status == s)
        for s in ("unverified", "stale", "undated", "current")
    }
    summary = (
        f"{len(facts)} sourced facts: {counts['unverified']} unverified, {counts['stale']} "
        f"with a source last checked or published over {stale_after} days ago, "
        f"{counts['undated']} undated, {counts['current']} current."
    )

    def table(console: "Console") -> None:
        from rich.text import Text

        style = {"unverified": "unverified", "stale": "soon", "undated": "muted", "current": "ok"}
        rows: list[list[Text | str]] = []
        for f in facts:
            status = Text(f"{marker(f.confidence)} {f.status}", style=style[f.status])
            fact = Text(f"{f.path}: {f.value}\n")
            fact.append(f.cite or f.source, style="muted")
            when = f.as_of or f.published or "undated"
            if f.read_on:
                when += f"\nread {f.read_on}"
            rows.append([status, Text(f.owner), fact, when])
        cols = [
            Col("Status", WHOLE, no_wrap=True),
            Col("Track / state", 12, ratio=1),
            Col("Fact and source", 20, ratio=4),
            Col("As of", WHOLE, no_wrap=True),
        ]
        # dates are never cut: at a narrow width the "as of" column goes whole
        t, dropped = fitted_table(
            console.width, cols, (0, 2, 1, 3), rows, title=summary, title_justify="left"
        )
        print_fitted_table(console, t, dropped)
        console.print(f"Markers: {LEGEND}", style="muted")

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading("Sources of the catalog")
        doc.paragraph(summary)
        doc.table(
            ["Status", "Track / state", "Fact", "Value", "Confidence", "As of", "Source"],
            [_md_row(f) for f in facts],
        )
        doc.paragraph(catalog_reviewed(data_as_of))
        return doc.render()

    return Rendering(
        command="data sources",
        data_as_of=data_as_of,
        payload=lambda: {
            "stale_after_days": stale_after,
            "counts": counts,
            "facts": [f.as_dict() for f in facts],
        },
        table=table,
        markdown=markdown,
        csv=lambda: (_HEADERS, [_row(f) for f in facts]),
    )
