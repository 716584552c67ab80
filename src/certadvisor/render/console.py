"""Rich consoles for stdout, stderr and files; colour follows the terminal, NO_COLOR, --no-color."""

import os
from collections.abc import Callable, Iterable
from typing import IO, Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from rich.theme import Theme

from certadvisor.text import safe

THEME = Theme(
    {
        "eligible": "bold green",
        "not_eligible": "bold red",
        "unknown": "bold yellow",
        "met": "green",
        "unmet": "red",
        "official": "green",
        "government": "green",
        "secondary": "yellow",
        "unverified": "bold red",
        "muted": "dim",
        "urgent": "bold red",
        "soon": "yellow",
        "ok": "green",
        "heading": "bold",
    }
)


class _Console(Console):
    """A console that shows control characters from inputs escaped, never sends them.

    It also leaves a closed pipe to the CLI's error boundary (a quiet exit 0).
    """

    def render_str(self, text: str, **kwargs: Any) -> Text:
        # before layout, so that a cell is measured as it will be shown
        return super().render_str(safe(text), **kwargs)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # the last gate, for Text built by a renderer: Rich's own codes are styles and
        # control segments, so only the text it was given is escaped
        return super()._render_buffer(
            seg if seg.control else Segment(safe(seg.text), seg.style) for seg in buffer
        )

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def _width() -> int | None:
    cols = os.environ.get("COLUMNS")
    return int(cols) if cols and cols.isdigit() else None


def _plain(no_color: bool) -> bool:
    # NO_COLOR and --no-color mean no escape codes at all, not only no colours
    return no_color or bool(os.environ.get("NO_COLOR"))


def stdout_console(no_color: bool = False) -> Console:
    """Console for data on stdout."""
    if _plain(no_color):
        return _Console(
            theme=THEME, color_system=None, highlight=False, emoji=False, width=_width()
        )
    return _Console(theme=THEME, highlight=False, emoji=False, width=_width())


def stderr_console(no_color: bool = False) -> Console:
    """Console for messages on stderr."""
    if _plain(no_color):
        return _Console(theme=THEME, stderr=True, color_system=None, highlight=False, emoji=False)
    return _Console(theme=THEME, stderr=True, highlight=False, emoji=False)


def file_console(fh: IO[str]) -> Console:
    """Plain console for a table written to a file or a pipe."""
    return _Console(
        file=fh,
        theme=THEME,
        no_color=True,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        width=_width() or 100,
    )


def pager_command() -> list[str] | None:
    """CERTADVISOR_PAGER, else PAGER, else less when installed; None when paging is off.

    An empty value, or ``cat``, turns paging off as it does for git.
    """
    import shlex
    import shutil

    raw = os.environ.get("CERTADVISOR_PAGER")
    if raw is None:
        raw = os.environ.get("PAGER")
    if raw is None:
        raw = "less" if shutil.which("less") else ""
    try:
        words = shlex.split(raw)
    except ValueError:
        return None
    return words if words and words != ["cat"] else None


def print_paged(console: Console, draw: Callable[[Console], None], paged: bool) -> None:
    """Draw on the console; through the pager when asked, on a terminal, and longer than it.

    Never when stdout is piped or redirected: a pager there would swallow the data.
    """
    command = pager_command() if paged and console.is_terminal else None
    if command is None:
        draw(console)
        return
    with console.capture() as captured:
        draw(console)
    text = captured.get()
    if text.count("\n") < console.size.height - 1 or not _run_pager(command, text):
        console.file.write(text)
        console.file.flush()


def _run_pager(command: list[str], text: str) -> bool:
    """Show text in the pager; False when it cannot be started."""
    import subprocess

    # less: colours shown (R), no screen clearing when done (X), quit if it fits (F)
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode("utf-8", "replace"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the person quit the pager before reading it all
    while True:
        try:
            pager.wait()
            return True
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager (less uses it to stop a search)
