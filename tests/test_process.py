"""Whole-process behaviour: python -m, a closed pipe, colour on and off, --debug."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({"CERTADVISOR_HOME": str(home), "COLUMNS": "100", "TERM": "xterm-256color"})
    env.update(extra)
    return env


def _run(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "certadvisor", *args],
        env=_env(home, **extra),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_python_dash_m_runs(isolated: Path) -> None:
    proc = _run(isolated, "--version")
    assert proc.returncode == 0
    assert proc.stdout.startswith("certadvisor ")


def test_piped_output_is_plain_text(isolated: Path) -> None:
    proc = _run(isolated, "tracks")
    assert proc.returncode == 0
    assert "\x1b[" not in proc.stdout
    assert "cma-aama" in proc.stdout


def test_forced_colour_is_styled_and_no_color_wins(isolated: Path) -> None:
    coloured = _run(isolated, "show", "cma-aama", FORCE_COLOR="1")
    assert "\x1b[" in coloured.stdout
    plain = _run(isolated, "--no-color", "show", "cma-aama", FORCE_COLOR="1")
    assert "\x1b[" not in plain.stdout


def test_closed_pipe_exits_quietly(isolated: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "certadvisor", "data", "sources"],
        env=_env(isolated),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "Error" not in err


def test_debug_shows_the_traceback_of_a_user_error(isolated: Path) -> None:
    plain = _run(isolated, "show", "nope")
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    debug = _run(isolated, "--debug", "show", "nope")
    assert "Traceback" in debug.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_interrupt_exits_130(isolated: Path, tmp_path: Path) -> None:
    big = tmp_path / "slow.yaml"
    # a large extra catalog keeps the process busy long enough to be interrupted
    from benchmarks_path import write_big_catalog  # type: ignore[import-not-found]

    write_big_catalog(big, 15_000)  # about 2 s the first time on a quick machine
    proc = subprocess.Popen(
        [sys.executable, "-m", "certadvisor", "--data", str(big), "tracks"],
        env=_env(isolated),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(0.5)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 130
    assert "Traceback" not in err


def test_global_options_work_after_the_command(isolated: Path) -> None:
    plain = _run(isolated, "show", "cma-aama", "--no-color", FORCE_COLOR="1")
    assert plain.returncode == 0
    assert "\x1b[" not in plain.stdout
    debug = _run(isolated, "show", "nope", "--debug")
    assert "Traceback" in debug.stderr


@pytest.mark.parametrize("first", [("tracks",), ("show", "cma-aama")])
def test_output_is_written_once_when_a_lazily_read_file_is_not_cached_yet(
    isolated: Path, tmp_path: Path, first: tuple[str, ...]
) -> None:
    # The first command caches the catalog but not the state rules; the next one draws a
    # person's table, then reads the state rules for the state block under it: the models'
    # kind must be chosen for that before anything is written (once it restarted after).
    profile = Path(__file__).parents[1] / "examples" / "receptionist-thinking-of-ma.yaml"
    cache = {"CERTADVISOR_CACHE": str(tmp_path / "cache"), "NO_COLOR": "1"}
    assert _run(isolated, *first, **cache).returncode == 0
    for _ in range(2):
        proc = _run(isolated, "eligible", "--profile", str(profile), "cma", **cache)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.count("Eligibility of Dana") == 1
        assert "state" in proc.stdout.lower()
