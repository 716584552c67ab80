"""Pick a format, wrap JSON in the contract's envelope, write to stdout or a file atomically."""

import io
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor.errors import CertAdvisorError, UsageError
from certadvisor.text import safe

if TYPE_CHECKING:
    from rich.console import Console

SCHEMA_VERSION = 1


class OutputFormat(StrEnum):
    """Formats a reporting command can write."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"
    ICS = "ics"


_BY_SUFFIX = {
    ".json": OutputFormat.JSON,
    ".md": OutputFormat.MARKDOWN,
    ".markdown": OutputFormat.MARKDOWN,
    ".csv": OutputFormat.CSV,
    ".ics": OutputFormat.ICS,
    ".txt": OutputFormat.TABLE,
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

    def supported(self) -> list[OutputFormat]:
        found = [OutputFormat.JSON]
        for fmt, writer in (
            (OutputFormat.TABLE, self.table),
            (OutputFormat.MARKDOWN, self.markdown),
            (OutputFormat.CSV, self.csv),
            (OutputFormat.ICS, self.ics),
        ):
            if writer is not None:
                found.append(fmt)
        return found


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
    if requested:
        fmt = OutputFormat(requested)
    elif output and output != "-" and Path(output).suffix.lower() in _BY_SUFFIX:
        fmt = _BY_SUFFIX[Path(output).suffix.lower()]
    else:
        fmt = OutputFormat.TABLE if rendering.table else OutputFormat.JSON
    if fmt not in rendering.supported():
        names = ", ".join(f.value for f in rendering.supported())
        raise UsageError(
            f"--format {fmt.value} is not available for `{rendering.command}`",
            f"Choose one of: {names}.",
        )
    return fmt


def _csv_text(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def render_text(
    rendering: Rendering,
    fmt: OutputFormat,
    *,
    to_terminal: bool,
    no_color: bool,
    paged: bool = False,
) -> bytes | None:
    """The rendered bytes, or None when a table goes straight to the terminal."""
    if fmt is OutputFormat.JSON:
        import json

        doc = envelope(rendering.command, rendering.data_as_of, to_jsonable(rendering.payload()))
        return (_json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n").encode()
    if fmt is OutputFormat.MARKDOWN:
        assert rendering.markdown is not None
        return safe(rendering.markdown()).encode()
    if fmt is OutputFormat.CSV:
        assert rendering.csv is not None
        return safe(_csv_text(*rendering.csv())).encode()
    if fmt is OutputFormat.ICS:
        assert rendering.ics is not None
        return rendering.ics()
    assert rendering.table is not None
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
    paged: bool = False,
) -> None:
    """Render in the chosen format and write it to stdout or to ``output``.

    ``paged``: a table longer than the terminal goes through the pager (never when piped).
    """
    fmt = choose_format(requested, output, rendering)
    to_file = output not in (None, "-")
    data = render_text(rendering, fmt, to_terminal=not to_file, no_color=no_color, paged=paged)
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
