"""Habits of a good CLI, as a person at a terminal meets them: help once, clean exits from a
prompt, a pager for long tables only on a terminal.
"""

import subprocess
from pathlib import Path

import pytest

from pty_helpers import EXE, Terminal


def test_no_arguments_prints_the_help_once() -> None:
    proc = subprocess.run([EXE], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.count("Usage:") == 1 and proc.stderr == ""


@pytest.mark.parametrize("group", ["data", "wallet"])
def test_a_group_alone_prints_its_help_once(group: str) -> None:
    proc = subprocess.run([EXE, group], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.count("Usage:") == 1


def test_ctrl_d_at_a_recommend_question_is_a_clear_usage_error() -> None:
    term = Terminal("recommend", env={"NO_COLOR": "1"})
    assert "Goal" in term.read_until("Goal")
    term.type(b"\x04")
    assert term.finish() == 2
    assert "no answer to 'Goal': the input ended (Ctrl-D)" in term.screen
    assert "--no-input" in term.screen
    assert "internal error" not in term.screen and "Traceback" not in term.screen


def test_ctrl_c_at_a_recommend_question_exits_130_quietly() -> None:
    term = Terminal("recommend", env={"NO_COLOR": "1"})
    assert "Goal" in term.read_until("Goal")
    term.type(b"\x03")
    assert term.finish() == 130
    assert "error" not in term.screen.lower() and "Traceback" not in term.screen


def _pager_env(tmp_path: Path, lines: int) -> dict[str, str]:
    # a "pager" that keeps what it was given, so the test can see it was used
    return {
        "NO_COLOR": "1",
        "LINES": str(lines),
        "CERTADVISOR_PAGER": f"sh -c 'cat > {tmp_path / 'paged.txt'}'",
    }


def test_a_long_table_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    term = Terminal("tracks", env=_pager_env(tmp_path, 10))
    assert term.finish() == 0
    assert "cma-aama" in (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert "cma-aama" not in term.screen


def test_a_table_that_fits_is_not_paged(tmp_path: Path) -> None:
    term = Terminal("tracks", env=_pager_env(tmp_path, 200))
    assert term.finish() == 0
    assert "cma-aama" in term.screen and not (tmp_path / "paged.txt").exists()


@pytest.mark.parametrize("args", [("tracks", "--no-pager"), ("--no-pager", "tracks")])
def test_no_pager_prints_straight_to_the_terminal(tmp_path: Path, args: tuple[str, ...]) -> None:
    term = Terminal(*args, env=_pager_env(tmp_path, 10))
    assert term.finish() == 0
    assert "cma-aama" in term.screen and not (tmp_path / "paged.txt").exists()


def test_piped_output_is_never_paged(tmp_path: Path) -> None:
    proc = subprocess.run(
        [EXE, "tracks"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**_pager_env(tmp_path, 10), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0 and "cma-aama" in proc.stdout
    assert not (tmp_path / "paged.txt").exists()


def test_pager_falls_back_to_pager_env_and_empty_turns_it_off(tmp_path: Path) -> None:
    env = {"NO_COLOR": "1", "LINES": "10", "PAGER": f"sh -c 'cat > {tmp_path / 'p.txt'}'"}
    assert Terminal("tracks", env=env).finish() == 0
    assert (tmp_path / "p.txt").exists()
    (tmp_path / "p.txt").unlink()
    term = Terminal("tracks", env={**env, "CERTADVISOR_PAGER": ""})
    assert term.finish() == 0
    assert "cma-aama" in term.screen and not (tmp_path / "p.txt").exists()
