"""Reading any input file within limits, and the limits every parsed value must keep.

Shared by the YAML and JSON loaders (profiles, cohorts, catalogs, state rules, wallet
imports), so that each input refuses the same things with the same words.
"""

import math
import os
from pathlib import Path

from certadvisor.errors import InvalidInputError
from certadvisor.text import control_char

MAX_FILE_BYTES = 256 * 1024 * 1024
_CHUNK = 1024 * 1024

MAX_DEPTH = 64
"""Nesting of lists and mappings (a catalog needs about 10); deeper is refused, not recursed."""
MAX_NUMBER = 10**15
"""Larger than any count, hour, fee or day in these files; past it arithmetic could overflow."""
_MAX_DIGITS = 20


class Refused(Exception):
    """A value the loaders refuse; ``line`` and ``column`` are 1-based when known."""

    def __init__(self, what: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.line = line
        self.column = column
        self.token: str | None = None  # the text refused, to find its line afterwards

    def at(self, label: str) -> InvalidInputError:
        """The refusal as the one-line error that names the file and the place."""
        where = label if self.line is None else f"{label}:{self.line}:{self.column or 1}"
        return InvalidInputError(f"{where}: {self.what}")


def read_text(path: Path, label: str | None = None, limit: int | None = None) -> bytes:
    """A file's bytes, read in chunks up to ``limit`` whatever the file is.

    The size is counted while reading, not asked of ``stat``: /dev/zero, a pipe or a file under
    /proc reads as size 0 and never ends. Chunks keep Ctrl-C working during a long read.
    """
    name = label or str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        with open(path, "rb") as fh:
            chunks: list[bytes] = []
            total = 0
            while chunk := fh.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise InvalidInputError(
                        f"{name}: the file is over the {limit // (1024 * 1024)} MiB limit",
                        "Split it into several files (a catalog: pass each with --data).",
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except FileNotFoundError:
        raise InvalidInputError(f"{name}: no such file", "Check the path.") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{name}: is a folder, not a file") from None
    except PermissionError:
        raise InvalidInputError(f"{name}: permission denied") from None
    except OSError as exc:
        # a symlink loop, a name too long, an I/O error, a socket
        why = exc.strerror or os.strerror(exc.errno or 0)
        raise InvalidInputError(f"{name}: cannot be read: {why}") from None


def decode_text(raw: bytes, label: str) -> str:
    """UTF-8 text (a byte-order mark dropped); anything else is refused naming the byte."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InvalidInputError(f"{label}:{line}: a NUL character (this is not a text file)")
    return text


def check_digits(text: str) -> None:
    """Refuse an integer written with more digits than any value here can have."""
    digits = sum(ch.isdigit() for ch in text)
    if digits > _MAX_DIGITS:
        raise Refused(f"a number of {digits} digits is too large")


def check_number(value: float) -> None:
    """Refuse infinity, not-a-number and magnitudes past MAX_NUMBER."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Refused(f"{value} is not a finite number")
    if abs(value) > MAX_NUMBER:
        raise Refused(f"the number {value:g} is too large (at most {MAX_NUMBER:.0e})")


def check_string(value: str) -> None:
    """Refuse text carrying control or escape characters (a newline and a tab are fine)."""
    bad = control_char(value)
    if bad:
        raise Refused(f"text with a control character ({bad}) is not allowed")
