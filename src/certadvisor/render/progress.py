"""A progress bar on stderr for work that takes over a second, on a terminal only.

Nothing here imports Rich until the bar is shown: every command that loads the catalog comes
through here, and most of them are quick and never show it.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


@contextmanager
def slow_work(label: str, no_color: bool = False) -> Iterator[None]:
    """A pulsing progress bar on stderr, once the work has taken a second, on a terminal only.

    Rich's progress module is imported only when the bar is shown, so quick work pays for a
    timer thread and nothing else. CERTADVISOR_PROGRESS_AFTER changes the second (tests use 0).
    """
    if not _is_terminal(sys.stderr):
        yield
        return
    import threading

    shown: list[Any] = []
    lock = threading.Lock()
    finished = False

    def show() -> None:
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from certadvisor.render.console import stderr_console
        from certadvisor.text import safe

        with lock:
            if finished:
                return
            bar = Progress(
                SpinnerColumn(),
                TextColumn(safe(label)),
                BarColumn(),
                TimeElapsedColumn(),
                console=stderr_console(no_color),
                transient=True,
            )
            bar.add_task(label, total=None)
            bar.start()
            shown.append(bar)

    timer = threading.Timer(_progress_after(), show)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            finished = True
            for bar in shown:
                bar.stop()


def _progress_after() -> float:
    raw = os.environ.get("CERTADVISOR_PROGRESS_AFTER", "")
    try:
        return max(0.0, float(raw)) if raw else 1.0
    except ValueError:
        return 1.0


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
