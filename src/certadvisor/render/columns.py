"""Fitting table columns to a terminal width: keep by priority, then share the room left."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

# A `Col.min_width` that keeps a column as wide as its longest line (ids, dates, amounts).
WHOLE = 999
# Each column costs its width plus a space either side and its right border.
COLUMN_OVERHEAD = 3
# From this many rows a `long` table is drawn by render/long_table.py (below, Rich is quick).
LONG_TABLE_ROWS = 50


def keep_by_priority(width: int, needs: Sequence[int]) -> int:
    """How many columns, taken in priority order with these narrowest widths, fit `width`.

    The first column always stays; once one column does not fit, every lower priority goes too.
    """
    budget = width - 1  # the table's left border
    kept = 0
    for need in needs:
        if need + COLUMN_OVERHEAD > budget and kept:
            break
        kept += 1
        budget -= need + COLUMN_OVERHEAD
    return kept


def share_room(
    widths: Sequence[int], natural: Sequence[int], ratios: Sequence[int], room: int
) -> list[int]:
    """Grow the widths by `room`, shared by ratio, none past its longest line (`natural`)."""
    out = list(widths)
    growing = [i for i, r in enumerate(ratios) if r and out[i] < natural[i]]
    while room > 0 and growing:
        share = sum(ratios[i] for i in growing)
        given = 0
        for i in growing:
            extra = min(max(1, room * ratios[i] // share), natural[i] - out[i], room - given)
            out[i] += extra
            given += extra
        room -= given
        growing = [i for i in growing if out[i] < natural[i]]
        if not given:
            break
    return out


def not_shown_note(width: int, dropped: Sequence[str]) -> str:
    """The one line that names the columns a narrow terminal left out, and the way to see them."""
    return (
        f"Not shown at {width} columns: {', '.join(dropped)}. Widen the terminal or use "
        "--format markdown."
    )


@dataclass(frozen=True)
class Col:
    """A table column: its narrowest readable width (a date or an amount whole; a header may wrap
    between words), its share of spare room, its alignment, and whether its cells never wrap."""

    header: str
    min_width: int
    ratio: int = 0
    right: bool = False
    no_wrap: bool = False


def cell_width(cell: str) -> int:
    """The width of a cell's longest line."""
    return max((len(line) for line in cell.split("\n")), default=0)


def _header_need(col: Col) -> int:
    """A header wraps between its words like its cells; one that never wraps stays whole."""
    if col.no_wrap:
        return len(col.header)
    return max((len(word) for word in col.header.split()), default=0)


def fit_widths(
    width: int, cols: Sequence[Col], priority: Sequence[int], rows: Sequence[Sequence[str]]
) -> dict[int, int]:
    """The columns (by index) that fit `width`, kept by priority, and the width of each.

    Like `compare`: once one column does not fit, every lower priority is dropped too; the room
    left is shared by ratio, and no column grows past its longest line.
    """
    cells = [max((cell_width(r[i]) for r in rows), default=0) for i in range(len(cols))]
    natural = [max(len(c.header), cells[i]) for i, c in enumerate(cols)]
    # a header may wrap between its words when the cells are narrower
    needs = [max(_header_need(cols[i]), min(cols[i].min_width, cells[i])) for i in priority]
    kept = list(priority)[: keep_by_priority(width, needs)]
    room = width - 1 - sum(n + COLUMN_OVERHEAD for n in needs[: len(kept)])
    grown = share_room(
        [needs[k] for k in range(len(kept))],
        [natural[i] for i in kept],
        [cols[i].ratio for i in kept],
        room,
    )
    return dict(zip(kept, grown, strict=True))


def fitted_table(
    width: int,
    cols: Sequence[Col],
    priority: Sequence[int],
    rows: "Sequence[Sequence[str | Text]]",
    **table_options: Any,
) -> "tuple[Table, list[str]]":
    """A rich table of the columns that fit `width` (kept by `priority`, each no narrower than
    its `min_width`), and the headers of the columns left out, in table order."""
    from rich.table import Table
    from rich.text import Text

    plain = [[c.plain if isinstance(c, Text) else c for c in row] for row in rows]
    widths = fit_widths(width, cols, priority, plain)
    shown = sorted(widths)
    table = Table(**table_options)
    for i in shown:
        col = cols[i]
        table.add_column(
            col.header,
            width=widths[i],
            overflow="fold",
            no_wrap=col.no_wrap,
            justify="right" if col.right else "left",
        )
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    return table, [c.header for i, c in enumerate(cols) if i not in widths]


def print_fitted_table(
    console: "Console", table: "Table", dropped: Sequence[str], *, long: bool = False
) -> None:
    """The table, then (when a narrow terminal left columns out) the one line naming them.

    `long` (a list that may run to thousands of rows) draws its plain rows without Rich's
    per-cell layout, byte for byte the same.
    """
    from rich.text import Text

    if long and len(table.rows) >= LONG_TABLE_ROWS:
        from certadvisor.render.long_table import LongTable

        console.print(LongTable(table))
    else:
        console.print(table)
    if dropped:
        console.print(Text(not_shown_note(console.width, dropped), style="muted"))
