"""Pick a format, wrap JSON in the contract's envelope, write to stdout or a file atomically."""

import io
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor.errors import CertAdvisorError, UsageError
from certadvisor.text import safe

if TYPE_CHECKING:
    from rich.console import Console

    from certadvisor.render.marks import Citations

SCHEMA_VERSION = 1


class OutputFormat(StrEnum):
    """Formats a reporting command can write."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    ICS = "ics"
    XLSX = "xlsx"
    HTML = "html"


_BY_SUFFIX = {
    ".json": OutputFormat.JSON,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".csv": OutputFormat.CSV,
    ".ics": OutputFormat.ICS,
    ".txt": OutputFormat.TABLE,
    ".xlsx": OutputFormat.XLSX,
    ".html": OutputFormat.HTML,
    ".htm": OutputFormat.HTML,
}


@dataclass
class Rendering:
    """What a command produced, with one writer per format it supports."""

    command: str
    data_as_of: str | None
    payload: Callable[[], Any]
    table: Callable[["Console"], None] | None = None
    markdown: Callable[[], str] | None = None
    csv: Callable[[], tuple[Sequence[str], Sequence[Sequence[Any]]]] | None = None
    ics: Callable[[], bytes] | None = None
    # the json text of the envelope when not json.dumps(indent=2): the same bytes, faster
    json_text: Callable[[dict[str, Any]], str] | None = None
    # the CSV piece by piece (a big cohort), each piece written as soon as it is made
    csv_stream: Callable[[], Iterable[bytes]] | None = None
    html: Callable[[], str] | None = None
    # the sources the csv rows cite ([1], [2]...), for the workbook's Sources sheet
    sources: Callable[[], "Citations"] | None = None
    # the table drawn without styles at a width, exactly as `table` draws it on a plain
    # console, or None to leave it to `table`: a piped colourless stdout then needs no Rich
    plain: Callable[[int], str | None] | None = None

    def supported(self) -> list[OutputFormat]:
        found = [OutputFormat.JSON]
        for fmt, writer in (
            (OutputFormat.TABLE, self.table),
            (OutputFormat.MARKDOWN, self.markdown),
            (OutputFormat.CSV, self.csv),
            (OutputFormat.ICS, self.ics),
            (OutputFormat.XLSX, self.csv),
            (OutputFormat.HTML, self.html),
        ):
            if writer is not None:
                found.append(fmt)
        return found


def is_document_name(path: Path) -> bool:
    """Whether a path ends as an output file does (report.md, class.xlsx)."""
    return path.suffix.lower() in _BY_SUFFIX


def envelope(command: str, data_as_of: str | None, data: Any) -> dict[str, Any]:
    """The versioned JSON envelope every --format json output shares."""
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "data_as_of": data_as_of,
        "data": data,
    }


def to_jsonable(value: Any) -> Any:
    """Pydantic models and dataclasses become plain JSON values."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "as_dict"):
        return to_jsonable(value.as_dict())
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def choose_format(requested: str | None, output: str | None, rendering: Rendering) -> OutputFormat:
    """The --format given, else the output file's suffix, else a table."""
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if requested:
        fmt = OutputFormat(requested)
    elif suffix in _BY_SUFFIX:
        fmt = _BY_SUFFIX[suffix]
    elif suffix and not _is_stream(output):
        known = ", ".join(s for s in _BY_SUFFIX if _BY_SUFFIX[s] in rendering.supported())
        raise UsageError(
            f"-o {output}: the suffix {suffix} names no output format",
            f"Known suffixes: {known}; or give --format.",
        )
    else:
        fmt = OutputFormat.TABLE if rendering.table else OutputFormat.JSON
    if fmt not in rendering.supported():
        names = ", ".join(f.value for f in rendering.supported())
        raise UsageError(
            f"--format {fmt.value} is not available for `{rendering.command}`",
            f"Choose one of: {names}.",
        )
    return fmt


def _is_stream(output: str | None) -> bool:
    """A pipe or device (`-o /dev/stdout`, `-o >(gzip)`): its name says nothing of a format."""
    import stat

    try:
        mode = Path(output or "").stat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _workbook(rendering: Rendering) -> bytes:
    from certadvisor.render.marks import source_line
    from certadvisor.render.xlsx import Sheet, workbook_bytes

    assert rendering.csv is not None
    headers, rows = rendering.csv()
    sheets = [Sheet(rendering.command, headers, rows)]
    cites = rendering.sources() if rendering.sources else None
    if cites is not None and cites.urls:
        found = [(n, source_line(url, when), url) for n, url, when in cites.entries()]
        sheets.append(Sheet("Sources", ["number", "source", "url"], found))
    return workbook_bytes(sheets)


def render_text(
    rendering: Rendering,
    fmt: OutputFormat,
    *,
    to_terminal: bool,
    no_color: bool,
    excel: bool = False,
    paged: bool = False,
) -> bytes | None:
    """The rendered bytes, or None when a table goes straight to the terminal."""
    if fmt is OutputFormat.JSON:
        import json

        doc = envelope(rendering.command, rendering.data_as_of, to_jsonable(rendering.payload()))
        dump = rendering.json_text or (lambda d: json.dumps(d, indent=2, ensure_ascii=False))
        return (_json_safe(dump(doc)) + "\n").encode()
    if fmt is OutputFormat.MARKDOWN:
        assert rendering.markdown is not None
        return safe(rendering.markdown()).encode()
    if fmt is OutputFormat.CSV:
        assert rendering.csv is not None
        from certadvisor.render.csv_cells import BOM, csv_text

        return ((BOM if excel else "") + safe(csv_text(*rendering.csv()))).encode()
    if fmt is OutputFormat.XLSX:
        return _workbook(rendering)
    if fmt is OutputFormat.HTML:
        assert rendering.html is not None
        return safe(rendering.html()).encode()
    if fmt is OutputFormat.ICS:
        assert rendering.ics is not None
        return rendering.ics()
    assert rendering.table is not None
    if to_terminal and rendering.plain is not None:
        from certadvisor.render.plain_stdout import piped_plain_width

        width = piped_plain_width()
        drawn = rendering.plain(width) if width is not None else None
        if drawn is not None:
            return safe(drawn).encode()
    from certadvisor.render.console import file_console, print_paged, stdout_console

    if to_terminal:
        print_paged(stdout_console(no_color), rendering.table, paged)
        return None
    buf = io.StringIO()
    rendering.table(file_console(buf))
    return safe(buf.getvalue()).encode()


# json.dumps escapes C0 controls in strings but not DEL, C1 controls, bidi overrides or lone
# surrogates; outside strings JSON is ASCII, so escaping them everywhere keeps the same data
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _json_safe(text: str) -> str:
    if text.isascii() and "\x7f" not in text:  # a scan in C: a large export is mostly ASCII
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``-o`` output: a regular file atomically, a pipe or a device written through."""
    from certadvisor.render.write import write_output

    write_output(path, data)


def emit(
    rendering: Rendering,
    requested: str | None,
    output: str | None,
    *,
    no_color: bool = False,
    announce: Callable[[str], None] | None = None,
    excel: bool = False,
    paged: bool = False,
) -> None:
    """Render in the chosen format and write it to stdout or to ``output``.

    ``paged``: a table longer than the terminal goes through the pager (never when piped).
    """
    to_file = output not in (None, "-")
    if to_file:
        from certadvisor.render.write import refuse_wallet_file

        refuse_wallet_file(Path(str(output)))
    fmt = choose_format(requested, output, rendering)
    if fmt is OutputFormat.XLSX and not to_file and sys.stdout.isatty():
        raise UsageError(
            "an .xlsx workbook is a binary file and is not shown on a terminal",
            "Write it to a file: -o FILE.xlsx.",
        )
    if fmt is OutputFormat.CSV and rendering.csv_stream is not None:
        pieces = rendering.csv_stream()
        if excel:
            from certadvisor.render.csv_cells import BOM

            pieces = itertools.chain([BOM.encode()], pieces)
        _emit_stream(pieces, output if to_file else None, announce)
        return
    data = render_text(
        rendering, fmt, to_terminal=not to_file, no_color=no_color, excel=excel, paged=paged
    )
    if data is None:
        return
    if to_file:
        assert output is not None
        write_atomic(Path(output), data)
        if announce:
            announce(f"saved to {output}")
    else:
        _to_stdout(data)


def _to_stdout(data: bytes) -> None:
    try:
        if hasattr(sys.stdout, "buffer"):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data.decode())
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise CertAdvisorError(f"standard output: could not be written: {exc.strerror}") from None


def csv_piece(rows: Iterable[Sequence[Any]]) -> bytes:
    """Rows as CSV bytes, exactly as they read inside a whole CSV output (sanitised)."""
    import csv

    from certadvisor.render.csv_cells import cell

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return safe(buf.getvalue()).encode()


def _emit_stream(
    pieces: Iterable[bytes], output: str | None, announce: Callable[[str], None] | None
) -> None:
    """Write streamed output to ``output`` (the same rules as a whole one) or to stdout."""
    if output is not None:
        from certadvisor.render.write import write_output

        write_output(Path(output), pieces)
        if announce:
            announce(f"saved to {output}")
        return
    for piece in pieces:
        _to_stdout(piece)
