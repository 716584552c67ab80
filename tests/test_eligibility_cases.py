"""Runs tests/eligibility_cases.yaml through the command line and checks the JSON it prints."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from certadvisor import catalog

CASES_FILE = Path(__file__).with_name("eligibility_cases.yaml")
DOC = yaml.safe_load(CASES_FILE.read_text())
AS_OF: dt.date = DOC["as_of"]
CASES: list[dict[str, Any]] = DOC["cases"]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _args(case: dict[str, Any], tmp_path: Path) -> list[str]:
    args = ["eligible", *case.get("tracks", []), "--format", "json"]
    if "profile" in case:
        path = tmp_path / "profile.yaml"
        path.write_text(yaml.safe_dump({"as_of": AS_OF, **case["profile"]}))
        return [*args, "--profile", str(path)]
    return [*args, *case["flags"], "--as-of", AS_OF.isoformat()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rule_case(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    r = run(*_args(case, tmp_path))
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert doc["command"] == "eligible"
    (person,) = doc["data"]["people"]
    results = {t["track"]: t for t in person["results"]}
    for track, want in case["expect"].items():
        got = results[track]
        routes = {rt["id"]: rt for rt in got["routes"]}
        where = f"{case['id']} / {track}"
        for key in ("status", "route", "closest", "missing", "opens_on", "closes_on"):
            if key in want:
                assert got[key] == _iso(want[key]), f"{where}: {key}"
        for text in want.get("missing_contains", []):
            assert any(text in m for m in got["missing"]), f"{where}: {text!r} in {got['missing']}"
        for route_id, status in want.get("routes", {}).items():
            assert routes[route_id]["status"] == status, f"{where}: route {route_id}"
        for route_id, texts in want.get("route_missing", {}).items():
            for text in texts:
                assert any(text in m for m in routes[route_id]["missing"]), f"{where}: {text!r}"
        for key in ("opens_on", "closes_on"):
            for route_id, day in want.get(f"route_{key}", {}).items():
                assert routes[route_id][key] == _iso(day), f"{where}: {route_id} {key}"


def test_cases_cover_every_route_of_every_bundled_track() -> None:
    """Each route of the bundled catalog is shown eligible by at least one case."""
    shown: set[tuple[str, str]] = set()
    for case in CASES:
        for track, want in case["expect"].items():
            if want.get("route"):
                shown.add((track, want["route"]))
            shown |= {(track, r) for r, s in want.get("routes", {}).items() if s == "eligible"}
    every = {(t.id, r.id) for t in catalog.load().tracks() for r in t.routes}
    assert every - shown == set()
    assert len(CASES) >= 40


def test_cases_cover_the_boundaries_and_the_flags() -> None:
    ids = " ".join(c["id"] for c in CASES)
    for needle in ("exactly-12-months", "exactly-4-years", "exactly-5-years", "one-day"):
        assert needle in ids
    flagged = [c for c in CASES if "flags" in c]
    used = {f for c in flagged for f in c["flags"] if f.startswith("--")}
    assert {
        "--diploma",
        "--no-diploma",
        "--program",
        "--no-program",
        "--degree",
        "--experience-months",
        "--credential",
        "--military",
    } <= used
