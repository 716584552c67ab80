"""Markdown shown on a terminal with its tables fitted to the width, as the other tables are.

rich.markdown gives every column an equal squeeze, so at 60 columns a ten-column table is cut
into slivers ending in "…". Here a table keeps its columns by rank (the caller's, else left to
right), none narrower than its longest word (up to a cap), and names the ones it leaves out.
rich.markdown (with markdown-it) is heavy: this module imports it only when called.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from certadvisor.render.columns import Col, fitted_table, not_shown_note

if TYPE_CHECKING:
    from rich.markdown import Markdown

# no column is squeezed below its longest word, unless that word is longer than this
_WORD_CAP = 16


def fitted_markdown(text: str, ranks: Mapping[str, int] | None = None) -> "Markdown":
    """`text` as rich Markdown whose tables fit the console; `ranks` orders the columns to keep
    by header (a lower rank stays longer; a header not named keeps its place after them)."""
    from rich import box
    from rich.markdown import Markdown, TableElement
    from rich.text import Text

    order = dict(ranks or {})

    class FittedTable(TableElement):
        def __rich_console__(self, console: Any, options: Any) -> Any:
            heads = (
                [c.content.plain for c in self.header.row.cells]
                if self.header is not None and self.header.row is not None
                else []
            )
            rows = [[c.content for c in row.cells] for row in self.body.rows] if self.body else []
            cols = [Col(h, _min_width(rows, i), ratio=1) for i, h in enumerate(heads)]
            priority = sorted(range(len(cols)), key=lambda i: (order.get(cols[i].header, 99), i))
            table, dropped = fitted_table(
                options.max_width,
                cols,
                priority,
                rows,
                box=box.SIMPLE,
                pad_edge=False,
                style="markdown.table.border",
                show_edge=True,
                collapse_padding=True,
            )
            for column in table.columns:
                column.header = Text(str(column.header), style="markdown.table.header")
            yield table
            if dropped:
                yield Text(not_shown_note(options.max_width, dropped), style="muted")

    class FittedMarkdown(Markdown):
        elements = {**Markdown.elements, "table_open": FittedTable}

    return FittedMarkdown(text)


def _min_width(rows: list[list[Any]], i: int) -> int:
    words = [len(w) for row in rows if i < len(row) for w in row[i].plain.split()]
    return min(max(words, default=1), _WORD_CAP)
