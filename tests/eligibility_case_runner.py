"""What the YAML files of eligibility cases share: reading them, the command line of a case,
and checking one track's result against what the case expects."""

import datetime as dt
from pathlib import Path
from typing import Any

import yaml


def load_cases(path: Path) -> tuple[dt.date, list[dict[str, Any]]]:
    """The evaluation date and the cases of one cases file."""
    doc = yaml.safe_load(path.read_text())
    return doc["as_of"], doc["cases"]


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def case_args(case: dict[str, Any], tmp_path: Path, as_of: dt.date) -> list[str]:
    """`eligible` for the case: its profile written to a file, or its shorthand flags."""
    args = ["eligible", *case.get("tracks", []), "--format", "json"]
    if "profile" in case:
        path = tmp_path / "profile.yaml"
        path.write_text(yaml.safe_dump({"as_of": as_of, **case["profile"]}))
        return [*args, "--profile", str(path)]
    return [*args, *case["flags"], "--as-of", as_of.isoformat()]


def check_result(case: dict[str, Any], got: dict[str, Any], want: dict[str, Any]) -> None:
    """One track's JSON result against the case's expectations, each failure named."""
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
    for key in ("opens_on", "closes_on"):
        for route_id, day in want.get(f"route_{key}", {}).items():
            assert routes[route_id][key] == _iso(day), f"{where}: {route_id} {key}"
