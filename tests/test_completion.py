"""Shell completion: commands, options, track ids (with their abbreviations), state codes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).with_name("certadvisor"))


def _complete(shell: str, words: str, home: Path) -> list[str]:
    """What the shell would be offered for the command line ``words`` (cursor at its end)."""
    env = {
        **os.environ,
        "CERTADVISOR_HOME": str(home),
        "_CERTADVISOR_COMPLETE": f"complete_{shell}",
    }
    if shell == "bash":
        parts = words.split(" ")
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    done = subprocess.run([EXE], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_bash_completes_a_track_id_from_its_first_letters(isolated: Path) -> None:
    assert _complete("bash", "certadvisor show cm", isolated) == ["cma-aama"]


def test_only_tracks_whose_id_starts_so_are_offered(isolated: Path) -> None:
    assert _complete("bash", "certadvisor checklist cpt", isolated) == ["cpt-nha"]
    assert _complete("bash", "certadvisor checklist x", isolated) == []


def test_several_track_arguments_each_complete(isolated: Path) -> None:
    assert _complete("bash", "certadvisor eligible cma-aama r", isolated) == ["rma-amt", "rpt-amt"]


def test_state_codes_complete(isolated: Path) -> None:
    assert _complete("bash", "certadvisor compare --state W", isolated) == ["WA", "WI", "WV", "WY"]


def test_commands_and_options_complete(isolated: Path) -> None:
    assert _complete("bash", "certadvisor sh", isolated) == ["show"]
    assert "--format" in _complete("bash", "certadvisor tracks --fo", isolated)


def test_zsh_and_fish_get_descriptions(isolated: Path) -> None:
    zsh = " ".join(_complete("zsh", "certadvisor show cm", isolated))
    assert "cma-aama" in zsh and "CMA (AAMA)" in zsh
    fish = " ".join(_complete("fish", "certadvisor show cm", isolated))
    assert "cma-aama" in fish


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_is_shown_for_each_shell(shell: str, isolated: Path) -> None:
    done = subprocess.run(
        [EXE, "--show-completion", shell],
        env={**os.environ, "CERTADVISOR_HOME": str(isolated)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "_CERTADVISOR_COMPLETE" in done.stdout
