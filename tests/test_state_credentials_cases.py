"""Runs tests/state_eligibility_cases.yaml: each state route met, unmet, unknown, at a boundary."""

from pathlib import Path
from typing import Any

import pytest

from certadvisor import catalog
from certadvisor.models.catalog import ExamCondition
from eligibility_case_runner import case_args, check_result, load_cases

AS_OF, CASES = load_cases(Path(__file__).with_name("state_eligibility_cases.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_state_rule_case(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    r = run(*case_args(case, tmp_path, AS_OF))
    assert r.exit_code == 0, r.stderr
    (person,) = r.json()["data"]["people"]
    results = {t["track"]: t for t in person["results"]}
    for track, want in case["expect"].items():
        check_result(case, results[track], want)


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
    """Or, for a route asking what no profile records (an employer's endorsement), shown
    unknown: it is never eligible on the profile alone."""
    loaded = catalog.load()
    seen = _statuses_by_route()
    for s in loaded.state_summaries:
        track = loaded.track(s.id)
        for route in track.routes:
            unlisted = any(
                isinstance(c, ExamCondition) and not c.list_found for c in route.conditions
            )
            if any(c.kind == "unrecorded" for c in route.conditions):
                assert "unknown" in seen.get((s.id, route.id), set()), (s.id, route.id)
            elif not unlisted:
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
