"""A big YAML cohort is parsed by the workers that evaluate it, and answers as if read whole.

Each worker parses its own blocks of people before any is evaluated: a block that does not
parse alone sends the whole file to the ordinary reader before anything is written, so the
rows, the problem lines (with their line numbers) and the exit code never depend on how the
file was read.
"""

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from certadvisor.parallel import Unprepared, fork_stream
from certadvisor.profiles import yaml_split

ARGS = ("--format", "csv", "--as-of", "2026-11-26")


def person(i: int) -> dict[str, Any]:
    return {
        "name": f"Person {i}",
        "education": {"highest": ["high_school", "associate", "bachelor"][i % 3]},
        "programs": [
            {"field": "phlebotomy", "accreditation": ["NAACLS"], "completed": "2025-06-01"}
        ],
        "experience": [{"field": "phlebotomy", "started": f"20{10 + i % 15}-03-01"}],
        "procedures": {"venipunctures": i * 7},
    }


def cohort(path: Path, n: int, broken: dict[int, dict[str, Any]] | None = None) -> Path:
    people = [person(i) for i in range(n)]
    for i, change in (broken or {}).items():
        people[i].update(change)
    path.write_text(yaml.safe_dump({"profiles": people}, sort_keys=False))
    return path


@pytest.fixture
def whole_then_cut(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run a command with the file read whole, then cut and parsed by two workers."""

    def both(run: Any, *args: str) -> tuple[Any, Any]:
        with monkeypatch.context() as m:
            m.setattr(yaml_split, "SPLIT_MIN_BYTES", 10**12)
            whole = run(*args)
        monkeypatch.setattr(yaml_split, "SPLIT_MIN_BYTES", 0)
        monkeypatch.setattr(yaml_split, "workers", lambda: 2)
        monkeypatch.setattr("certadvisor.eligibility.cohort.PARALLEL_MIN", 10)
        monkeypatch.setattr("certadvisor.eligibility.cohort.BLOCK", 7)
        monkeypatch.setattr("certadvisor.eligibility.cohort.workers", lambda: 2)
        return whole, run(*args)

    return both


def test_a_cut_cohort_streams_the_rows_and_problems_of_the_whole(
    run: Any, tmp_path: Path, whole_then_cut: Any
) -> None:
    broken = {
        4: {
            "experience": [{"field": "phlebotomy", "started": "2025-06-01", "ended": "2024-01-01"}]
        },
        17: {"shoe_size": 9},
        30: {"state": "ZZ"},
        41: {"credentials": [{"id": "no-such-credential"}]},
    }
    path = cohort(tmp_path / "class.yaml", 45, broken)
    whole, cut = whole_then_cut(run, "eligible", "--profile", str(path), *ARGS)
    assert whole.exit_code == cut.exit_code == 3
    assert cut.stdout == whole.stdout
    assert cut.stderr == whole.stderr
    # the problems name the person's place and the line of the whole file
    line = path.read_text().splitlines().index("  shoe_size: 9") + 1
    assert f"class.yaml:{line}:3: profiles[17] (Person 17): shoe_size" in cut.stderr
    assert "profiles[4] (Person 4): experience[0]" in cut.stderr
    assert cut.stdout.count("\nPerson 44,") >= 1


def test_a_cohort_that_does_not_parse_fails_before_anything_is_written(
    run: Any, tmp_path: Path, whole_then_cut: Any
) -> None:
    path = cohort(tmp_path / "class.yaml", 40)
    text = path.read_text().replace("name: Person 33\n", "name: [Person 33\n")
    path.write_text(text)
    out = tmp_path / "out.csv"
    whole, cut = whole_then_cut(run, "eligible", "--profile", str(path), *ARGS)
    assert whole.exit_code == cut.exit_code == 3
    assert cut.stdout == whole.stdout == ""
    assert cut.stderr == whole.stderr
    assert "YAML syntax error" in cut.stderr
    to_file = run("eligible", "--profile", str(path), *ARGS, "-o", str(out))
    assert to_file.exit_code == 3
    assert not out.exists()


def test_people_who_do_not_stand_alone_send_the_file_to_the_whole_reader(
    run: Any, tmp_path: Path, whole_then_cut: Any
) -> None:
    path = cohort(tmp_path / "class.yaml", 30)
    # legal YAML: a quoted name runs over a line that looks like the next person's start
    text = path.read_text().replace("name: Person 12\n", 'name: "Person\n- 12"\n', 1)
    path.write_text(text)
    whole, cut = whole_then_cut(run, "eligible", "--profile", str(path), *ARGS)
    assert whole.exit_code == cut.exit_code == 0
    assert cut.stdout == whole.stdout
    assert "\nPerson - 12," in cut.stdout


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_other_formats_read_a_deferred_cohort_whole(
    run: Any, tmp_path: Path, whole_then_cut: Any, fmt: str
) -> None:
    path = cohort(tmp_path / "class.yaml", 25, {3: {"education": {"highest": "wizard"}}})
    args = ("eligible", "--profile", str(path), "--format", fmt, "--as-of", "2026-11-26")
    whole, cut = whole_then_cut(run, *args)
    assert whole.exit_code == cut.exit_code == 3
    assert cut.stdout == whole.stdout
    assert cut.stderr == whole.stderr


def _double(block: list[int]) -> list[int]:
    return [x * 2 for x in block]


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_prepared_blocks_are_all_made_before_any_is_worked_on(parts: int) -> None:
    blocks = [[1, 2], [3], [4, 5], [6]]
    prepared = list(fork_stream(_double, blocks, parts, prepare=lambda b: [x + 1 for x in b]))
    assert prepared == [[4, 6], [8], [10, 12], [14]]

    def refuse(block: list[int]) -> list[int] | None:
        return None if 6 in block else block

    stream = fork_stream(_double, blocks, parts, prepare=refuse)
    with pytest.raises(Unprepared):
        next(stream)  # the last block cannot be made: not even the first is given


def test_a_worker_that_dies_while_working_leaves_its_blocks_to_the_parent() -> None:
    parent = os.getpid()

    def work(block: list[int]) -> list[int]:
        if os.getpid() != parent and 5 in block:
            os._exit(7)
        return _double(block)

    blocks = [[1], [2], [3], [4], [5], [6]]
    assert list(fork_stream(work, blocks, 2, prepare=list)) == [[x * 2] for x in range(1, 7)]
