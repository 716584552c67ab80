"""Habits of a good CLI, as a person at a terminal meets them: help once, clean exits from a
prompt, a pager for long tables only on a terminal.
"""

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from pty_helpers import EXE, Terminal

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


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


# Narrow terminals: columns that do not fit are dropped whole and named, never cut


def test_cohort_grid_at_60_columns_names_the_tracks_it_leaves_out(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = run("eligible", "--profile", str(EXAMPLES / "counselor-cohort.yaml"))
    assert result.exit_code == 3  # the cohort's one bad record; the others are shown
    grid = result.stdout.split("Per track")[0]
    header = next(line for line in grid.splitlines() if "Person" in line)
    assert header.split()[:3] == ["Person", "CMA", "RMA"]
    missing = [s for s in ("CCMA", "NCMA", "CPCTA", "CET") if s not in header.split()]
    assert missing, "60 columns cannot hold all twelve tracks"
    assert f"Not shown at 60 columns: {', '.join(missing)}." in " ".join(result.stdout.split())
    assert all(len(line) <= 60 for line in result.stdout.splitlines())


def test_cohort_grid_at_100_columns_shows_every_track(run: Any) -> None:
    result = run("eligible", "--profile", str(EXAMPLES / "counselor-cohort.yaml"))
    header = next(line for line in result.stdout.splitlines() if "Person" in line)
    assert header.split()[-2:] == ["CPCTA", "CET"]
    assert "Not shown" not in result.stdout


@pytest.mark.parametrize(("width", "gone"), [(60, "days"), (40, "days, ce, next action")])
def test_wallet_status_never_cuts_a_date(
    w: Any, monkeypatch: pytest.MonkeyPatch, width: int, gone: str
) -> None:
    assert w("add", "wx-eom", "--earned", "2020-06-15").exit_code == 0
    monkeypatch.setenv("COLUMNS", str(width))
    result = w("status", "--as-of", "2026-01-01")
    assert result.exit_code == 0, result.stderr
    assert "…" not in result.stdout
    table = result.stdout.split("\n\n")[0]
    assert re.search(r"│ \d{4}-\d\d-\d\d │", table)
    assert f"Not shown at {width} columns: {gone}." in " ".join(result.stdout.split())


# Plurals


def test_one_track_is_one_certification_track(run: Any) -> None:
    result = run("tracks", "--query", "cma-aama")
    assert result.exit_code == 0
    assert result.stdout.split()[:3] == ["1", "certification", "track"]
    assert "1 certification tracks" not in result.stdout


def test_one_valid_person_is_a_person(run: Any, tmp_path: Path) -> None:
    cohort = tmp_path / "c.yaml"
    cohort.write_text(
        "profiles:\n  - name: Ana\n    state: WA\n  - name: Bo\n    state: Atlantis\n",
        encoding="utf-8",
    )
    result = run("eligible", "--profile", str(cohort))
    assert result.exit_code == 3
    assert "1 problem in" in result.stderr and "1 valid person was evaluated" in result.stderr
    assert "Eligibility of Ana on" in result.stdout  # one person is shown in full
    one = tmp_path / "one.yaml"
    one.write_text("profiles:\n  - name: Ana\n", encoding="utf-8")
    assert "valid cohort, 1 person" in run("data", "validate", str(one)).stdout


# One flag, one spelling: --person picks one person of a cohort wherever a profile is taken


def test_compare_takes_person_like_checklist_and_report(run: Any, tmp_path: Path) -> None:
    cohort = tmp_path / "c.yaml"
    cohort.write_text(
        "profiles:\n  - name: Ana\n    education: {highest: high_school}\n  - name: Bo\n",
        encoding="utf-8",
    )
    both = run("compare", "cma-aama", "-p", str(cohort))
    assert both.exit_code == 2 and "--person NAME" in both.stderr
    one = run("compare", "cma-aama", "-p", str(cohort), "--person", "ana", "--format", "json")
    assert one.exit_code == 0, one.stderr
    alone = run("compare", "cma-aama", "--person", "Ana")
    assert alone.exit_code == 2 and "give --profile" in alone.stderr


@pytest.mark.parametrize(
    "command", ["compare", "eligible", "checklist", "recommend", "report", "show", "plan"]
)
def test_dated_commands_spell_as_of_alike(run: Any, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "--as-of" in result.stdout


@pytest.mark.parametrize("command", ["compare", "eligible", "checklist", "recommend", "report"])
def test_profile_commands_take_p_and_state(run: Any, command: str) -> None:
    text = run(command, "--help").stdout
    assert "--profile" in text and "-p" in text and "--state" in text


# Progress on stderr for slow work, on a terminal only


def test_a_slow_load_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    env = {"NO_COLOR": "1", "CERTADVISOR_PROGRESS_AFTER": "0", "CERTADVISOR_PAGER": ""}
    env["CERTADVISOR_CACHE"] = str(tmp_path / "cache")  # a cold cache: the catalog is parsed
    term = Terminal("eligible", "-p", str(EXAMPLES / "counselor-cohort.yaml"), env=env)
    assert term.finish() == 3
    assert "Loading the catalog" in term.screen or "Evaluating the cohort" in term.screen
    assert "Person" in term.screen


def test_quick_work_and_pipes_show_no_progress(tmp_path: Path) -> None:
    env = {"NO_COLOR": "1", "CERTADVISOR_PAGER": "", "CERTADVISOR_PROGRESS_AFTER": "600"}
    term = Terminal("tracks", env=env)
    assert term.finish() == 0
    assert "Loading" not in term.screen  # done before the delay: nothing shown
    env = {"CERTADVISOR_PROGRESS_AFTER": "0", "CERTADVISOR_CACHE": str(tmp_path / "c")}
    proc = subprocess.run(
        [EXE, "eligible", "-p", str(EXAMPLES / "counselor-cohort.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert "Loading" not in proc.stderr and "Evaluating" not in proc.stderr
