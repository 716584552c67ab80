"""Run certadvisor on a pseudo-terminal, as a person at a keyboard would."""

import fcntl
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

EXE = str(Path(sys.executable).with_name("certadvisor"))


def _as_a_shell_starts_it() -> None:
    """The pty becomes the controlling terminal, so that Ctrl-C sends SIGINT; and SIGINT is
    neither ignored nor blocked, as an interactive shell leaves it, even when the test runner
    or whatever started it (a CI job in the background) ignores or blocks it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """certadvisor with stdin, stdout and stderr on one pty; keys typed, screen read."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        full = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40", **(env or {})}
        self.proc = subprocess.Popen(
            [EXE, *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full,
            start_new_session=True,
            preexec_fn=_as_a_shell_starts_it,
        )
        os.close(slave)
        self.screen = ""

    def read_until(self, text: str, timeout: float = 60) -> str:
        """Read the screen until `text` shows up (or the program ends)."""
        end = time.monotonic() + timeout
        while text not in self.screen and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.screen += chunk.decode("utf-8", "replace")
            elif self.proc.poll() is not None:
                break
        return self.screen

    def type(self, keys: bytes) -> None:
        """Type once the program waits for the keyboard, as a person types at the cursor."""
        self.wait_for_reading()
        os.write(self.master, keys)

    def wait_for_reading(self, timeout: float = 10) -> None:
        """Wait until the program is blocked in a read (Linux's /proc says; elsewhere a pause)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.proc.poll() is None:
            try:
                call = Path(f"/proc/{self.proc.pid}/syscall").read_text().split()
            except OSError:
                time.sleep(0.3)
                return
            if call and call[0] == "0":  # read(2)
                return
            time.sleep(0.02)

    def state(self) -> str:
        """What the kernel says of the process (state, signals blocked, ignored, caught)."""
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text().splitlines()
        except OSError:
            return "(no /proc status)"
        keep = ("State", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt")
        return "; ".join(line for line in status if line.startswith(keep))

    def finish(self, timeout: float = 60) -> int:
        """Read everything left; the exit status."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read_until("\0never\0", timeout=0.5)
            if self.proc.poll() is not None:
                self.read_until("\0never\0", timeout=0.5)
                break
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            state = self.state()
            self.proc.kill()
            shown = self.screen[-500:]
            raise AssertionError(f"still running: {state}; screen: {shown!r}") from None
        finally:
            os.close(self.master)
        return code
