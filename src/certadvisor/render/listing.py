"""Writers for the track list."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certadvisor.catalog.summary import TrackSummary
from certadvisor.render.columns import WHOLE, Col, fitted_table, print_fitted_table
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
        from rich.text import Text

        state = [Col("State", WHOLE, no_wrap=True)] if states else []
        cols = [
            Col("ID", WHOLE, no_wrap=True),
            *state,
            Col("Credential", 16, ratio=3),
            Col("Issuer", 8),
            Col("Category", 10, ratio=1),
            Col("Routes", WHOLE, right=True),
        ]
        rows: list[list[Text | str]] = [
            [
                Text(s.id, style="bold"),
                *([Text(s.jurisdiction or "")] if states else []),
                Text(f"{s.credential}, {s.abbreviation}"),
                Text(s.issuer),
                s.category.replace("_", " "),
                str(s.routes),
            ]
            for s in found
        ]
        # a narrow terminal drops the category first, then the issuer; the id stays whole
        n = len(state)
        priority = [0, *range(1, 1 + n), 1 + n, 4 + n, 2 + n, 3 + n]
        t, dropped = fitted_table(
            console.width,
            cols,
            priority,
            rows,
            title=plural(len(found), noun),
            title_justify="left",
        )
        print_fitted_table(console, t, dropped, long=True)
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
