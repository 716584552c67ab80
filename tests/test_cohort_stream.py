"""A big cohort's CSV is written a block at a time by forked workers, and reads the same."""

import csv
import os
from pathlib import Path
from typing import Any

import pytest

from certadvisor.parallel import fork_stream

HEADER = ["name", "education.highest", "experience.0.field", "experience.0.started"]


def _cohort(path: Path, people: int) -> Path:
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(people):
            level = "doctor" if i % 9 == 4 else ["high_school", "", "associate"][i % 3]
            w.writerow([f"P{i}", level, "phlebotomy", f"20{10 + i % 15}-03-01"])
    return path


def _eligible(run: Any, cohort: Path, *extra: str) -> Any:
    return run(
        "eligible", "--profile", str(cohort), "--format", "csv", "--as-of", "2026-11-26", *extra
    )


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("certadvisor.eligibility.cohort.PARALLEL_MIN", 10)
    monkeypatch.setattr("certadvisor.eligibility.cohort.BLOCK", 7)
    monkeypatch.setattr("certadvisor.eligibility.cohort.workers", lambda: 2)


def test_streamed_csv_is_the_whole_csv(run: Any, tmp_path: Path, monkeypatch: Any) -> None:
    cohort = _cohort(tmp_path / "c.csv", 45)
    whole = _eligible(run, cohort)
    monkeypatch.setattr("certadvisor.eligibility.cohort.PARALLEL_MIN", 10)
    monkeypatch.setattr("certadvisor.eligibility.cohort.BLOCK", 7)
    monkeypatch.setattr("certadvisor.eligibility.cohort.workers", lambda: 2)
    streamed = _eligible(run, cohort)
    assert whole.exit_code == streamed.exit_code == 3  # the bad levels are named
    assert streamed.stdout == whole.stdout
    assert streamed.stderr == whole.stderr
    assert "row 6 (P4): education.highest" in streamed.stderr
    rows = list(csv.reader(streamed.stdout.splitlines()))
    assert rows[-1][:3] == ["P40", "", "invalid"]  # invalid people close the file, in order


@pytest.mark.usefixtures("small_blocks")
def test_streamed_csv_to_a_file(run: Any, tmp_path: Path) -> None:
    cohort = _cohort(tmp_path / "c.csv", 30)
    out = tmp_path / "out.csv"
    r = _eligible(run, cohort, "-o", str(out))
    assert r.exit_code == 3
    assert f"saved to {out}" in r.stderr
    text = out.read_text()
    assert text.startswith("name,track,status,route,missing,closest_route,unverified\n")
    assert text.count("\nP29,") >= 1
    assert "27 valid people were evaluated" in r.stderr


@pytest.mark.usefixtures("small_blocks")
def test_duplicate_names_are_still_warned_about(run: Any, tmp_path: Path) -> None:
    cohort = _cohort(tmp_path / "c.csv", 20)
    with cohort.open("a", newline="") as fh:
        csv.writer(fh).writerow(["P1", "high_school", "phlebotomy", "2020-01-01"])
    r = _eligible(run, cohort)
    assert r.stderr.count("Warning: 2 people are named 'P1'; tell them apart.") == 1


def test_a_failed_worker_leaves_its_blocks_to_the_parent() -> None:
    parent = os.getpid()

    def double(block: list[int]) -> list[int]:
        if os.getpid() != parent and 5 in block:
            raise RuntimeError("a worker fails")
        return [x * 2 for x in block]

    blocks = [list(range(i, i + 3)) for i in range(0, 21, 3)]
    assert list(fork_stream(double, blocks, 2)) == [[x * 2 for x in b] for b in blocks]
    assert list(fork_stream(double, blocks, 1)) == [[x * 2 for x in b] for b in blocks]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_every_line_ending_reads_the_same_cohort(run: Any, tmp_path: Path, ending: str) -> None:
    lines = ["name,education.highest", "Ann,high_school", '"Bo, B",associate', "Cy,none", "D,x"]
    path = tmp_path / "c.csv"
    path.write_bytes(ending.join(lines).encode() + ending.encode())
    r = _eligible(run, path, "cma-aama")
    assert r.exit_code == 3
    assert "c.csv:row 5 (D): education.highest" in r.stderr
    names = [row[0] for row in csv.reader(r.stdout.splitlines(keepends=True))][1:]
    assert names == ["Ann", "Bo, B", "Cy", "D"]


NAMES = ["=SUM(A1:A9)", 'Ann "Nan" Lee', "Lee, Bo", "+1 555", "-12", "@cmd", "Zoë Ğü", " pad "]


def test_streamed_csv_quotes_and_neutralises_names_as_the_whole_csv(
    run: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    cohort = tmp_path / "names.csv"
    with cohort.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(24):
            w.writerow([NAMES[i % len(NAMES)] + str(i // len(NAMES)), "high_school", "", ""])
    whole = _eligible(run, cohort)
    monkeypatch.setattr("certadvisor.eligibility.cohort.PARALLEL_MIN", 10)
    monkeypatch.setattr("certadvisor.eligibility.cohort.BLOCK", 5)
    monkeypatch.setattr("certadvisor.eligibility.cohort.workers", lambda: 2)
    streamed = _eligible(run, cohort)
    assert streamed.exit_code == whole.exit_code == 0
    assert streamed.stdout == whole.stdout
    names = {row[0] for row in csv.reader(streamed.stdout.splitlines()[1:])}
    assert {"'=SUM(A1:A9)0", 'Ann "Nan" Lee0', "Lee, Bo0", "'+1 5550", "'@cmd0"} <= names
    assert "-120" in names  # a number is data, not a formula
