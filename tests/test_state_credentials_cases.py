"""Runs tests/state_eligibility_cases.yaml: each state route met, unmet, unknown, at a boundary."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from certadvisor import catalog
from certadvisor.models.catalog import ExamCondition

CASES_FILE = Path(__file__).with_name("state_eligibility_cases.yaml")
DOC = yaml.safe_load(CASES_FILE.read_text())
AS_OF: dt.date = DOC["as_of"]
CASES: list[dict[str, Any]] = DOC["cases"]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _args(case: dict[str, Any], tmp_path: Path) -> list[str]:
    if "profile" in case:
        path = tmp_path / "profile.yaml"
        path.write_text(yaml.safe_dump({"as_of": AS_OF, **case["profile"]}))
        return ["eligible", *case["tracks"], "--format", "json", "--profile", str(path)]
    return ["eligible", *case["flags"], "--format", "json", "--as-of", AS_OF.isoformat()]


def _check(case: dict[str, Any], got: dict[str, Any], want: dict[str, Any]) -> None:
    routes = {rt["id"]: rt for rt in got["routes"]}
    where = f"{case['id']} / {got['track']}"
    for key in ("status", "route", "closest", "missing", "opens_on", "closes_on"):
        if key in want:
            assert got[key] == _iso(want[key]), f"{where}: {key} {got[key]!r}"
    for text in want.get("missing_contains", []):
        assert any(text in m for m in got["missing"]), f"{where}: {text!r} in {got['missing']}"
    for route_id, status in want.get("routes", {}).items():
        assert routes[route_id]["status"] == status, f"{where}: route {route_id}"
    for route_id, texts in want.get("route_missing", {}).items():
        for text in texts:
            found = routes[route_id]["missing"]
            assert any(text in m for m in found), f"{where}: {text!r} in {found}"


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_state_rule_case(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    r = run(*_args(case, tmp_path))
    assert r.exit_code == 0, r.stderr
    (person,) = r.json()["data"]["people"]
    results = {t["track"]: t for t in person["results"]}
    for track, want in case["expect"].items():
        _check(case, results[track], want)


def _statuses_by_route() -> dict[tuple[str, str], set[str]]:
    seen: dict[tuple[str, str], set[str]] = {}
    for case in CASES:
        for track, want in case["expect"].items():
            statuses = dict(want.get("routes", {}))
            if want.get("route"):
                statuses[want["route"]] = "eligible"
            if want.get("closest") and want.get("status"):
                statuses.setdefault(want["closest"], want["status"])
            for route, status in statuses.items():
                seen.setdefault((track, route), set()).add(status)
    return seen


def test_every_state_route_is_shown_eligible_unless_its_exam_list_was_not_found() -> None:
    loaded = catalog.load()
    seen = _statuses_by_route()
    for s in loaded.state_summaries:
        track = loaded.track(s.id)
        for route in track.routes:
            unlisted = any(
                isinstance(c, ExamCondition) and not c.list_found for c in route.conditions
            )
            if not unlisted:
                assert "eligible" in seen.get((s.id, route.id), set()), (s.id, route.id)


def test_every_state_credential_has_unmet_and_unknown_cases() -> None:
    outcomes: dict[str, set[str]] = {}
    for case in CASES:
        for track, want in case["expect"].items():
            outcomes.setdefault(track, set()).add(want.get("status", "?"))
    for s in catalog.load().state_summaries:
        if s.routes:
            assert {"not_eligible", "unknown"} <= outcomes[s.id], s.id
    assert sum("boundary" in c["id"] or "exactly" in c["id"] for c in CASES) >= 6
