"""Spreadsheet-safe cells: one spelling of booleans and no cell a spreadsheet runs as a formula.

OWASP's CSV-injection rule: a text cell that begins with =, +, -, @, a tab or a carriage return
is prefixed with a single quote, so Excel, LibreOffice and Google Sheets show it as text. A
number ("-12", "+3.5") is left alone: it is data, not a formula.
"""

import csv
import io
import re
from collections.abc import Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
BOM = "\ufeff"


def is_number(text: str) -> bool:
    """Whether a cell's text is a plain decimal number (which a spreadsheet reads as one)."""
    return bool(_NUMBER.fullmatch(text.strip()))


def neutral(text: str) -> str:
    """The text with a leading quote when a spreadsheet would otherwise run it as a formula."""
    if text.startswith(FORMULA_STARTS) and not is_number(text):
        return "'" + text
    return text


def cell(value: Any) -> str:
    """One CSV cell: '' for None, true/false for booleans, formulas neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return neutral(str(value))


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, excel: bool = False) -> str:
    """A whole CSV document; with `excel`, a UTF-8 byte-order mark first, so that Excel
    reads non-ASCII names as UTF-8 rather than the local code page."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([cell(h) for h in headers])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return (BOM if excel else "") + buf.getvalue()


class CsvLines:
    """CSV lines as `csv_text` writes them, one row at a time (for rows built piecewise).

    `line(values)` is one row with its line ending; `lead(values)` is the start of a row
    that goes on with more cells (the row's text up to and including the comma after them).
    Quoting is decided cell by cell, so a row's text is its pieces' texts joined.
    """

    def __init__(self) -> None:
        self._buf = io.StringIO()
        self._writer = csv.writer(self._buf, lineterminator="\n")

    def line(self, values: Sequence[Any]) -> str:
        buf = self._buf
        buf.seek(0)
        buf.truncate()
        self._writer.writerow([cell(v) for v in values])
        return buf.getvalue()

    def lead(self, values: Sequence[Any]) -> str:
        # An empty last cell: written as nothing, the row's text then ends with ",\n".
        return self.line([*values, ""])[:-1]
