"""A long track list is drawn byte for byte as Rich draws it, whatever its cells hold."""

import io

import pytest
from rich.table import Table
from rich.text import Text

from certadvisor.render.columns import WHOLE, Col, fitted_table
from certadvisor.render.console import _Console
from certadvisor.render.long_table import MIN_ROWS, LongTable, _fast_lines

TRICKY = [
    "Certified Medical Assistant, CMA (AAMA)",
    "A credential whose name is long enough to wrap over several lines in a narrow column",
    "Médecin — née café",  # non-ASCII, single width
    "検定試験の資格",  # double width
    "[bold]not markup[/bold]",
    "tab\there",
    "bell\x07and escape\x1b[31m",
    "  leading and trailing  ",
    "",
    "line one\nline two",
    "Averyveryverylongwordwithoutanyspacesthatmustbefoldedsomewhere",
]


def _rows(count: int) -> list[list[Text | str]]:
    rows: list[list[Text | str]] = []
    for n in range(count):
        word = TRICKY[n % len(TRICKY)]
        rows.append(
            [
                Text(f"track-{n:05d}", style="bold"),
                Text(word if n % 3 else f"Plain credential {n}, PC"),
                Text(TRICKY[(n * 7) % len(TRICKY)] if n % 5 == 0 else "AAMA"),
                word if n % 4 == 0 else "medical assisting",
                str(n % 9),
            ]
        )
    return rows


def _table_and_console(width: int, rows: list[list[Text | str]]) -> tuple[Table, _Console]:
    cols = [
        Col("ID", WHOLE, no_wrap=True),
        Col("Credential", 16, ratio=3),
        Col("Issuer", 8),
        Col("Category", 10, ratio=1),
        Col("Routes", WHOLE, right=True),
    ]
    table, _ = fitted_table(width, cols, [0, 1, 4, 2, 3], rows, title="Tracks")
    console = _Console(
        file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False
    )
    return table, console


def _draw(width: int, rows: list[list[Text | str]], long: bool) -> str:
    table, console = _table_and_console(width, rows)
    console.print(LongTable(table) if long else table)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("width", [30, 50, 80, 120, 200])
def test_long_list_is_drawn_as_rich_draws_it(width: int) -> None:
    rows = _rows(MIN_ROWS * 3)
    assert _draw(width, rows, long=True) == _draw(width, rows, long=False)
    # the rows were written by the shortcut, not left to Rich
    table, console = _table_and_console(width, rows)
    assert _fast_lines(console, console.options, table) is not None


def test_escape_codes_from_a_cell_are_shown_escaped_not_sent() -> None:
    drawn = _draw(120, _rows(MIN_ROWS * 3), long=True)
    assert "\x1b" not in drawn and "\x07" not in drawn


def test_a_table_of_a_few_rows_is_left_to_rich() -> None:
    table = Table("a")
    table.add_row("x")
    out = io.StringIO()
    _Console(file=out, width=20, color_system=None).print(LongTable(table))
    assert "x" in out.getvalue()
