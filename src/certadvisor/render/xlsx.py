"""Excel workbooks (openpyxl): one sheet per table, a frozen header row, an auto-filter,
column widths that fit, statuses coloured, and the sources on a sheet of their own.

Text cells are stored as text with Excel's quote prefix, so a name such as
`=HYPERLINK(...)` is shown, never run as a formula; control characters are shown escaped.
openpyxl is imported here only (about 120 ms), when a workbook is written.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from certadvisor.text import safe

# light fills a printer renders in grey as well: green done, red short, amber to check
_GOOD = "C6EFCE"
_BAD = "FFC7CE"
_CHECK = "FFEB9C"
STATUS_FILLS = {
    "eligible": _GOOD,
    "met": _GOOD,
    "current": _GOOD,
    "ok": _GOOD,
    "on_track": _GOOD,
    "done": _GOOD,
    "not_eligible": _BAD,
    "unmet": _BAD,
    "expired": _BAD,
    "overdue": _BAD,
    "lapsed": _BAD,
    "invalid": _BAD,
    "stale": _BAD,
    "unknown": _CHECK,
    "unverified": _CHECK,
    "due_soon": _CHECK,
    "in_grace": _CHECK,
    "grace": _CHECK,
    "soon": _CHECK,
    "urgent": _BAD,
}
_MAX_WIDTH = 60
_SHEET_NAME_UNSAFE = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: its name (at most 31 characters), headers and rows."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


def sheet_name(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (no []:*?/\\, 31 characters) not already in `taken`."""
    base = (text.translate(_SHEET_NAME_UNSAFE).strip("'") or "Sheet")[:31]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return safe(str(value))


def _is_status_column(header: str) -> bool:
    return any(word in header.lower() for word in ("status", "urgency"))


def _add_sheet(workbook: Any, sheet: Sheet, taken: set[str]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = workbook.create_sheet(sheet_name(sheet.name, taken))
    ws.append([safe(str(h)) for h in sheet.headers])
    for c in ws[1]:
        c.font = Font(bold=True)
    widths = [len(str(h)) for h in sheet.headers]
    status_cols = {i for i, h in enumerate(sheet.headers) if _is_status_column(str(h))}
    for r, row in enumerate(sheet.rows, start=2):
        for i, raw in enumerate(row):
            value = _value(raw)
            if value is None:
                continue
            cell = ws.cell(row=r, column=i + 1, value=value)
            if isinstance(value, str):
                # stored as text, never a formula; the prefix stops Excel re-reading it on edit
                cell.data_type = "s"
                cell.quotePrefix = True
                fill = STATUS_FILLS.get(value) if i in status_cols else None
                if fill:
                    cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if i < len(widths):
                longest = max((len(line) for line in str(value).splitlines()), default=0)
                widths[i] = max(widths[i], longest)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(width + 2, _MAX_WIDTH)
    ws.freeze_panes = "A2"
    if sheet.headers:
        last = get_column_letter(len(sheet.headers))
        ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of these sheets, as the bytes of an .xlsx file."""
    from openpyxl import Workbook

    workbook = Workbook()
    if workbook.active is not None:
        workbook.remove(workbook.active)
    taken: set[str] = set()
    for sheet in sheets:
        _add_sheet(workbook, sheet, taken)
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()
