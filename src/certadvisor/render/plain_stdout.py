"""The width a piped, colourless stdout console would draw at, found without importing Rich.

A document drawn plainly (render/markdown_plain.py) needs no Console when stdout is a pipe or a
file and colour is off: this answers the width `render.console.stdout_console` would have (as
Rich finds it: COLUMNS, else the first of stdin, stdout, stderr that is a terminal, else 80), or
None whenever anything could make that console differ (a terminal, FORCE_COLOR, TTY_COMPATIBLE,
an encoding other than UTF-8, Windows), so the caller draws through Rich as before.
"""

import os
import sys

# below this, leave the layout to Rich
MIN_WIDTH = 20


def piped_plain_width() -> int | None:
    """The stdout console's width when it would be plain and piped, else None."""
    env = os.environ
    # not a terminal: Rich picks no colour system whatever NO_COLOR or --no-color say
    if sys.platform == "win32":
        return None
    if "FORCE_COLOR" in env or "TTY_COMPATIBLE" in env:
        return None
    out = sys.stdout
    isatty = getattr(out, "isatty", None)
    try:
        if isatty is None or isatty():
            return None
    except ValueError:
        return None
    encoding = (getattr(out, "encoding", None) or "utf-8").lower()
    if encoding not in ("utf-8", "utf8") or not hasattr(out, "buffer"):
        return None
    columns = env.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    else:
        width = 0
        for fd in (0, 1, 2):
            try:
                width = os.get_terminal_size(fd).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = width or 80
    return width if width >= MIN_WIDTH else None
