"""Runs tests/eligibility_cases.yaml through the command line and checks the JSON it prints."""

from pathlib import Path
from typing import Any

import pytest

from certadvisor import catalog
from eligibility_case_runner import case_args, check_result, load_cases

AS_OF, CASES = load_cases(Path(__file__).with_name("eligibility_cases.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_rule_case(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    r = run(*case_args(case, tmp_path, AS_OF))
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert doc["command"] == "eligible"
    (person,) = doc["data"]["people"]
    results = {t["track"]: t for t in person["results"]}
    for track, want in case["expect"].items():
        check_result(case, results[track], want)


def test_cases_cover_every_route_of_every_bundled_track() -> None:
    """Each route of the bundled catalog is shown eligible by at least one case; a route
    whose amount no source gives can be at best unknown, and is shown so."""
    shown: set[tuple[str, str]] = set()
    for case in CASES:
        for track, want in case["expect"].items():
            if want.get("route"):
                shown.add((track, want["route"]))
            shown |= {(track, r) for r, s in want.get("routes", {}).items() if s == "eligible"}
            if want.get("status") == "unknown" and want.get("closest"):
                shown.add((track, f"{want['closest']} (at best unknown)"))
    every = {
        (t.id, r.id + (" (at best unknown)" if _unstated(r) else ""))
        for t in catalog.load().tracks()
        for r in t.routes
    }
    assert every - shown == set()
    assert len(CASES) >= 40


def _unstated(route: Any) -> bool:
    """A route that is at best unknown: an amount no source gives, or a requirement no
    profile records."""
    return any(
        getattr(c, "amount_unstated", False) or c.kind == "unrecorded" for c in route.conditions
    )


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
