"""A cohort's people are judged on their state's credentials in every format (issue 12).

A counselor screening a Washington class sees WA MA-C for each person of WA, with the same
status, route and missing items as `eligible` gives that person alone.
"""

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

AS_OF = "2026-11-30"
ANA = {
    "name": "Ana",
    "state": "WA",
    "education": {"highest": "high_school"},
    "programs": [
        {"field": "medical_assisting", "accreditation": ["CAAHEP"], "completed": "2026-05-15"}
    ],
    "credentials": [],
}
BEN = {
    "name": "Ben",
    "state": "CA",
    "education": {"highest": "high_school"},
    "programs": [],
    "experience": [{"field": "phlebotomy", "started": "2025-02-01", "fte": 1.0}],
    "procedures": {"venipunctures": 120, "capillary_sticks": 30},
    "credentials": [{"id": "cpt-nha", "earned": "2025-06-01"}],
}
DEV = {"name": "Dev", "military": True}  # no state: national tracks only
HEADER = ["name", "state", "education.highest", "experience.0.field", "experience.0.started"]


def _yaml_cohort(tmp_path: Path, *people: dict[str, Any]) -> str:
    path = tmp_path / "class.yaml"
    path.write_text(yaml.safe_dump({"profiles": list(people)}))
    return str(path)


def _csv_cohort(path: Path, people: int) -> Path:
    """Rows of WA, CA, no state and (every ninth) an invalid education level."""
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(people):
            level = "doctor" if i % 9 == 4 else ["high_school", "", "associate"][i % 3]
            state = ["WA", "CA", "", "NY"][i % 4]
            w.writerow([f"P{i}", state, level, "phlebotomy", f"20{10 + i % 15}-03-01"])
    return path


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(text.splitlines()))


def _alone(run: Any, tmp_path: Path, person: dict[str, Any]) -> dict[str, Any]:
    path = tmp_path / f"{person['name']}.yaml"
    path.write_text(yaml.safe_dump(person))
    r = run("eligible", "--profile", str(path), "--format", "json", "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    (found,) = r.json()["data"]["people"]
    return {s["track"]: s for s in found["state_credentials"]}


def test_cohort_csv_adds_each_persons_state_credentials_as_alone(run: Any, tmp_path: Path) -> None:
    cohort = _yaml_cohort(tmp_path, ANA, BEN, DEV)
    r = run("eligible", "--profile", cohort, "--format", "csv", "--as-of", AS_OF)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("name,track,status,route,missing,closest_route,unverified\n")
    rows = _rows(r.stdout)
    by_person: dict[str, list[str]] = {}
    for row in rows:
        by_person.setdefault(row["name"], []).append(row["track"])
    # the national tracks first, unchanged, then the state's credentials of the work shown
    assert by_person["Ana"][12:] == ["wa-ma-c", "wa-ma-r", "wa-ma-p"]
    assert by_person["Ben"][12:] == ["ca-cpt1", "ca-cpt2", "ca-lpt", "ca-mlt", "ca-cls"]
    assert len(by_person["Dev"]) == 12
    for person in (ANA, BEN):
        alone = _alone(run, tmp_path, person)
        for row in rows:
            if row["name"] == person["name"] and row["track"] in alone:
                want = alone[row["track"]]
                assert row["status"] == want["status"], row
                assert row["route"] == (want["route"] or "")
                assert row["missing"] == "; ".join(want["missing"])
                assert row["closest_route"] == (want["closest"] or "")
    wa_mac = next(r for r in rows if r["name"] == "Ana" and r["track"] == "wa-ma-r")
    # the employer's endorsement is to confirm: unknown, by the route it would take
    assert (wa_mac["status"], wa_mac["closest_route"]) == ("unknown", "endorsement")


def test_only_the_credentials_for_the_tracks_shown(run: Any, tmp_path: Path) -> None:
    cohort = _yaml_cohort(tmp_path, ANA, BEN)
    r = run("eligible", "cpt-nha", "--profile", cohort, "--format", "csv", "--as-of", AS_OF)
    tracks = [(row["name"], row["track"]) for row in _rows(r.stdout)]
    assert tracks == [
        ("Ana", "cpt-nha"),
        ("Ana", "wa-ma-p"),
        ("Ben", "cpt-nha"),
        ("Ben", "ca-cpt1"),
        ("Ben", "ca-cpt2"),
        ("Ben", "ca-lpt"),
    ]


def test_state_flag_judges_the_whole_cohort_on_that_state(run: Any, tmp_path: Path) -> None:
    cohort = _yaml_cohort(tmp_path, DEV, {**BEN, "state": None})
    r = run(
        "eligible", "cma", "--profile", cohort, "--state", "wa", "--format", "csv", "--as-of", AS_OF
    )
    tracks = [(row["name"], row["track"]) for row in _rows(r.stdout)]
    assert ("Dev", "wa-ma-c") in tracks and ("Ben", "wa-ma-c") in tracks


@pytest.fixture
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("certadvisor.eligibility.cohort.PARALLEL_MIN", 10)
    monkeypatch.setattr("certadvisor.eligibility.cohort.BLOCK", 7)
    monkeypatch.setattr("certadvisor.eligibility.cohort.workers", lambda: 2)


def test_streamed_csv_with_states_is_the_whole_csv(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = str(_csv_cohort(tmp_path / "c.csv", 40))
    args = ("eligible", "--profile", cohort, "--format", "csv", "--as-of", AS_OF)
    whole = run(*args)
    monkeypatch.setattr("certadvisor.eligibility.cohort.PARALLEL_MIN", 10)
    monkeypatch.setattr("certadvisor.eligibility.cohort.BLOCK", 7)
    monkeypatch.setattr("certadvisor.eligibility.cohort.workers", lambda: 2)
    streamed = run(*args)
    assert whole.exit_code == streamed.exit_code == 3  # the bad levels are named
    assert streamed.stdout == whole.stdout
    states = {row["track"] for row in _rows(streamed.stdout) if "-" in row["track"]}
    assert {"ca-cpt1", "wa-ma-p", "ny-clt"} <= states
    p0 = [row["track"] for row in _rows(streamed.stdout) if row["name"] == "P0"]
    assert p0[12:] == ["wa-ma-c", "wa-ma-r", "wa-ma-p"]


@pytest.mark.usefixtures("small_blocks")
def test_table_of_a_forked_cohort_has_a_grid_per_state(run: Any, tmp_path: Path) -> None:
    cohort = str(_csv_cohort(tmp_path / "c.csv", 12))
    r = run("eligible", "--profile", cohort, "--as-of", AS_OF)
    assert r.exit_code == 3  # P4 is invalid
    out = r.stdout
    assert "State credentials in WA (2 people)" in out  # P0 and P8 (P4 is invalid)
    assert "State credentials in CA (3 people)" in out
    assert "State credentials in NY (3 people)" in out
    assert " MA-C " in out and " CPT I " in out
    assert "Per state credential (people of its state)" in out
    assert "WA MA-C wa-ma-c" in out


def test_markdown_and_table_show_the_same_marks(run: Any, tmp_path: Path) -> None:
    cohort = _yaml_cohort(tmp_path, ANA, BEN, DEV)
    md = run("eligible", "--profile", cohort, "--format", "markdown", "--as-of", AS_OF).stdout
    assert "### State credentials in WA" in md
    assert "| Person | MA-C (`wa-ma-c`) | MA-R (`wa-ma-r`) | MA-P (`wa-ma-p`) |" in md
    assert "| Ana | ? | ? | ✗ |" in md
    assert "### State credentials in CA" in md
    table = run("eligible", "--profile", cohort, "--as-of", AS_OF).stdout
    ana = [line for line in table.splitlines() if line.split()[:1] == ["Ana"]]
    assert ana[-1].split() == ["Ana", "?", "?", "✗"]  # the WA grid's row


def test_workbook_has_the_state_rows(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "class.xlsx"
    cohort = _yaml_cohort(tmp_path, ANA, DEV)
    r = run("eligible", "--profile", cohort, "--as-of", AS_OF, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    ws = openpyxl.load_workbook(out)["eligible"]
    cells = [(ws.cell(i, 1).value, ws.cell(i, 2).value) for i in range(2, ws.max_row + 1)]
    assert ("Ana", "wa-ma-c") in cells and not any(t == "wa-ma-c" for n, t in cells if n == "Dev")


def test_html_handout_has_the_state_grid(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "class.html"
    cohort = _yaml_cohort(tmp_path, ANA, BEN, DEV)
    r = run("eligible", "--profile", cohort, "--as-of", AS_OF, "--format", "html", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    page = out.read_text()
    assert "State credentials in WA" in page and "<code>wa-ma-c</code>" in page
