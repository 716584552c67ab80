"""Path scenarios (paths.yaml): `compare --profile --state` says when, cost, pay."""

from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).parent
SCENARIOS: list[dict[str, Any]] = yaml.safe_load((HERE / "paths.yaml").read_text())["scenarios"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in SCENARIOS])
def test_path_and_pay(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    want = case["compare"]
    profile = tmp_path / "me.yaml"
    profile.write_text(yaml.safe_dump({"name": case["id"], **case["profile"]}))
    r = run("compare", *want["args"], "--profile", str(profile), "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = r.json()["data"]["tracks"]
    got = {t["track"]: t for t in rows}
    ids = [t["track"] for t in rows]
    if "order" in want:
        assert [i for i in ids if i in want["order"]] == want["order"], ids
    for first, later in want.get("before", []):
        assert ids.index(first) < ids.index(later), ids
    for track, month in want.get("hold", {}).items():
        assert got[track]["path"]["fastest"]["hold_month"] == month, track
    for track, form in want.get("fastest_program", {}).items():
        assert got[track]["path"]["fastest"]["program"]["form"] == form, track
    for track, status in want.get("status", {}).items():
        assert got[track]["path"]["status"] == status, track
    for track, route in want.get("route", {}).items():
        assert got[track]["path"]["fastest"]["route"] == route, track
    for track, cheap in want.get("cheapest", {}).items():
        path = got[track]["path"]["cheapest"]
        assert path["route"] == cheap["route"], track
        assert path["cost"]["now_min"] == cheap["now_min"], (track, path["cost"])
    for track in want.get("unknown_cost", []):
        cost = got[track]["path"]["fastest"]["cost"]
        assert cost["now_min"] is None and cost["tuition_unknown"], track
    for key in ("median", "mean"):
        for track, value in want.get(key, {}).items():
            pay = got[track]["pay"]
            assert pay[key] == value, track
            assert pay["period"] == "May 2024" and pay["source"].startswith("https://www.bls.gov")
    for track in want.get("no_state_pay", []):
        pay = got[track]["pay"]
        assert pay["median"] is None and pay["national"], track
    for t in rows:  # every track not held: a hold month or an unknown said so, and a cost
        if t["path"]["held"]:  # held: kept up, not earned again, and it says so
            assert t["path"]["notes"], t["track"]
            continue
        fastest = t["path"]["fastest"]
        assert fastest is not None, t["track"]
        cost = fastest["cost"]
        assert cost["now_min"] is not None or cost["tuition_unknown"], t["track"]
