"""Every command's output, byte for byte, against the recorded golden files.

The cases are in ``cases.txt``; each runs as its own process, as a user would run it.
Set ``CERTADVISOR_UPDATE_GOLDEN=1`` to record the outputs anew after an intended change.
"""

import os
import re
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
OUTPUTS = HERE / "outputs"
_ADDED_AT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
UPDATE = os.environ.get("CERTADVISOR_UPDATE_GOLDEN") == "1"


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    home: str


def _cases() -> list[Case]:
    cases: list[Case] = []
    home = "default"
    for raw in (HERE / "cases.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@home "):
            home = line.split()[1]
            continue
        name, _, command = line.partition(" ")
        cases.append(Case(name, tuple(shlex.split(command)), home))
    return cases


CASES = _cases()


def _run(case: Case, base: Path) -> str:
    """Run one case; its exit code, streams and written files as one normalised text."""
    out = base / "out" / case.name
    out.mkdir(parents=True)
    env = {
        **os.environ,
        "CERTADVISOR_HOME": str(base / "home" / case.home),
        "CERTADVISOR_CACHE": str(base / "cache"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "LINES": "50",
        "TERM": "dumb",
        "SOURCE_DATE_EPOCH": "1795694400",  # calendars' DTSTAMP: 2026-11-26T12:00:00Z
    }
    env.pop("CERTADVISOR_DATA", None)
    args = [a.replace("{out}", str(out)) for a in case.args]
    done = subprocess.run(
        [str(Path(sys.executable).with_name("certadvisor")), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    parts = [
        f"$ certadvisor {shlex.join(case.args)}",
        f"exit {done.returncode}",
        "--- stdout",
        done.stdout.decode("utf-8", "backslashreplace"),
        "--- stderr",
        done.stderr.decode("utf-8", "backslashreplace"),
    ]
    for written in sorted(out.rglob("*")):
        if written.is_file():
            parts += [f"--- file {written.relative_to(out)}", written.read_bytes().decode("utf-8")]
    text = "\n".join(parts).replace(str(base), "<TMP>")
    # the time a wallet entry was added is the time the case ran
    return _ADDED_AT.sub("<ADDED_AT>", text)


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Run every case once: the groups sharing a home in order, the groups in parallel."""
    base = tmp_path_factory.mktemp("golden")
    groups: dict[str, list[Case]] = {}
    for case in CASES:
        groups.setdefault(case.home, []).append(case)
    # warm the catalog cache once so every case sees the same (cached) load
    _run(Case("_warm", ("tracks",), "_warm"), base)

    def run_group(cases: list[Case]) -> dict[str, str]:
        return {c.name: _run(c, base) for c in cases}

    results: dict[str, str] = {}
    singles = [[c] for c in groups.pop("catalog", [])]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for done in pool.map(run_group, [*groups.values(), *singles]):
            results.update(done)
    return results


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_is_unchanged(case: Case, produced: dict[str, str]) -> None:
    golden = OUTPUTS / f"{case.name}.txt"
    actual = produced[case.name]
    if UPDATE:
        OUTPUTS.mkdir(exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
    assert golden.exists(), f"no golden output for {case.name}: record it (see the docstring)"
    assert actual == golden.read_bytes().decode("utf-8")


def test_every_golden_file_has_a_case() -> None:
    names = {c.name for c in CASES}
    stale = sorted(p.stem for p in OUTPUTS.glob("*.txt") if p.stem not in names)
    assert not stale, f"golden outputs without a case: {stale}"
