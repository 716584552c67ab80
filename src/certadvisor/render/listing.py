"""Writers for the track list."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certadvisor.catalog.summary import TrackSummary
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import catalog_reviewed
from certadvisor.render.output import Rendering
from certadvisor.text import plural

if TYPE_CHECKING:
    from rich.console import Console

_HEADERS = ("id", "credential", "abbreviation", "issuer", "category", "routes")


def _row(s: TrackSummary) -> list[str | int]:
    return [s.id, s.credential, s.abbreviation, s.issuer, s.category, s.routes]


def tracks_rendering(
    found: Sequence[TrackSummary], data_as_of: str | None, *, states: bool = False
) -> Rendering:
    """The track list in every format; `states` lists state credentials, with their state."""
    noun = "state credential" if states else "certification track"

    def table(console: "Console") -> None:
        from rich.table import Table
        from rich.text import Text

        t = Table(title=plural(len(found), noun), title_justify="left")
        t.add_column("ID", no_wrap=True, style="bold")
        if states:
            t.add_column("State", no_wrap=True)
        t.add_column("Credential", ratio=3)
        t.add_column("Issuer", no_wrap=True)
        t.add_column("Category", overflow="fold")
        t.add_column("Routes", justify="right")
        for s in found:
            t.add_row(
                Text(s.id),
                *([Text(s.jurisdiction or "")] if states else []),
                Text(f"{s.credential}, {s.abbreviation}"),
                Text(s.issuer),
                s.category.replace("_", " "),
                str(s.routes),
            )
        console.print(t)
        if not found:
            console.print("No track matches these filters.", style="muted")
        console.print(
            catalog_reviewed(data_as_of, "`certadvisor show ID` tells everything about one."),
            style="muted",
        )

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading(noun.capitalize() + "s")
        head = ["ID", "Credential", "Abbreviation", "Issuer", "Category", "Routes"]
        doc.table(
            head + (["State"] if states else []),
            [_row(s) + ([s.jurisdiction or ""] if states else []) for s in found],
        )
        doc.paragraph(catalog_reviewed(data_as_of))
        return doc.render()

    return Rendering(
        command="tracks",
        data_as_of=data_as_of,
        payload=lambda: {"tracks": [s.as_dict() for s in found]},
        table=table,
        markdown=markdown,
        csv=lambda: (
            (*_HEADERS, "jurisdiction") if states else _HEADERS,
            [_row(s) + ([s.jurisdiction or ""] if states else []) for s in found],
        ),
    )
