"""A long plain table drawn fast: Rich lays out the header and two rows, we write the rest.

Rich renders every cell through padding, wrapping and cropping, about 0.8 ms a row; a list of
10,000 tracks piped to a file spent most of its time there. When nothing is styled on screen
(no colour system) and the table is the simple kind (fixed column widths, one box, no lines
between rows), a row is its cells padded to their widths between the box's dividers. Rich
still draws the title, header, first and last row; the rows we would write for those two must
equal Rich's, or the whole table is left to Rich.
"""

from collections.abc import Iterator, Sequence
from copy import copy
from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.segment import Segment
from rich.table import Column, Table
from rich.text import Text

from certadvisor.render.columns import LONG_TABLE_ROWS

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType

# Below this many rows Rich is fast enough and the shortcut's check is not worth it.
MIN_ROWS = LONG_TABLE_ROWS


class LongTable:
    """A renderable that draws `table` exactly as Rich would, faster when it is long and plain."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: "Console", options: "ConsoleOptions") -> Iterator[Segment]:
        lines = _fast_lines(console, options, self.table) if _simple(console, self.table) else None
        if lines is None:
            yield from console.render(self.table, options)
            return
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line


def _simple(console: "Console", table: Table) -> bool:
    """Whether the table's rows are plain text between the same dividers, row after row."""
    return (
        console.color_system is None
        and len(table.rows) >= MIN_ROWS
        and table.box is not None
        and table.show_header
        and table.show_edge
        and not table.show_footer
        and not table.show_lines
        and not table.leading
        and not table.row_styles
        and not table.expand
        and table.width is None
        and table.min_width is None
        and table.padding == (0, 1, 0, 1)
        and table.pad_edge
        and not table.collapse_padding
        and all(c.width is not None and c.vertical == "top" for c in table.columns)
        and all(r.style is None and not r.end_section for r in table.rows)
    )


def _fast_lines(
    console: "Console", options: "ConsoleOptions", table: Table
) -> list[list[Segment]] | None:
    """The table's lines, or None when Rich's own first and last rows differ from ours."""
    columns = table.columns
    count = len(table.rows)
    cache: dict[tuple[int, object], list[str]] = {}

    blanks = [" " * (c.width + 2) for c in columns]  # type: ignore[operator]

    def row(index: int) -> list[list[str]]:
        cells = [
            _cell_lines(console, options, c, c._cells[index], i, cache)
            for i, c in enumerate(columns)
        ]
        height = max(len(lines) for lines in cells)
        if height == 1:
            return [[lines[0] for lines in cells]]
        return [
            [
                lines[n] if n < len(lines) else blank
                for lines, blank in zip(cells, blanks, strict=True)
            ]
            for n in range(height)
        ]

    probe = copy(table)
    probe.rows = [table.rows[0], table.rows[-1]]
    probe.columns = []
    for column in columns:
        kept = copy(column)
        kept._cells = [column._cells[0], column._cells[-1]]
        probe.columns.append(kept)
    drawn = list(Segment.split_lines(console.render(probe, options)))
    first, last = row(0), row(count - 1)
    tail = len(first) + len(last) + 1  # the first and last rows and the bottom border
    if len(drawn) <= tail:
        return None
    texts = ["".join(s.text for s in line) for line in drawn[-tail:]]
    inner, outer = _dividers(texts[0], first[0]), _dividers(texts[len(first)], last[0])
    if inner is None or outer is None:
        return None
    if [_join(r, inner) for r in first] + [_join(r, outer) for r in last] != texts[:-1]:
        return None
    middle = [[Segment(_join(line, inner))] for index in range(1, count - 1) for line in row(index)]
    return drawn[: -tail + len(first)] + middle + drawn[-tail + len(first) :]


def _dividers(line: str, cells: Sequence[str]) -> tuple[str, str, str] | None:
    """The left edge, divider and right edge of a row line Rich drew from these cells."""
    if len(line) < 2:
        return None
    left, right = line[0], line[-1]
    at = len(left) + len(cells[0])
    return left, line[at : at + 1], right


def _join(cells: list[str], dividers: tuple[str, str, str]) -> str:
    left, middle, right = dividers
    return left + middle.join(cells) + right


def _cell_lines(
    console: "Console",
    options: "ConsoleOptions",
    column: Column,
    cell: "RenderableType",
    index: int,
    cache: dict[tuple[int, object], list[str]],
) -> list[str]:
    """A cell's lines with their padding, as Rich's table draws them."""
    plain = _plain(cell)
    width: int = column.width  # type: ignore[assignment]
    if (
        plain
        and len(plain) <= width
        and plain.isascii()
        and plain.isprintable()
        and plain == plain.strip()
        and (isinstance(cell, Text) or "[" not in plain)
    ):
        return [
            " " + (plain.rjust(width) if column.justify == "right" else plain.ljust(width)) + " "
        ]
    key = (index, (type(cell), plain) if plain is not None else id(cell))
    found = cache.get(key)
    if found is None:
        drawn = console.render_lines(
            Padding(cell, (0, 1, 0, 1)),
            options.update(
                width=width + 2,
                justify=column.justify,
                no_wrap=column.no_wrap,
                overflow=column.overflow,
                height=None,
                highlight=column.highlight,
            ),
        )
        found = cache[key] = ["".join(s.text for s in line) for line in drawn]
    return found


def _plain(cell: "RenderableType") -> str | None:
    """The text of a cell that is only text (a str, or a Text that sets no layout of its own)."""
    if isinstance(cell, str):
        return cell
    if (
        isinstance(cell, Text)
        and cell.justify is None
        and cell.overflow is None
        and cell.no_wrap is None
        and cell.end == "\n"
    ):
        return cell.plain
    return None
