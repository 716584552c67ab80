"""Scenarios: real-looking people and the advice a counselor expects for them (people.yaml)."""

from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SCENARIOS: list[dict[str, Any]] = yaml.safe_load((HERE / "people.yaml").read_text())["scenarios"]


def _profile(case: dict[str, Any], tmp_path: Path) -> list[str]:
    # `flags`: the shorthand flags of `eligible` (with a profile_file: its options, as
    # --blank-means-none)
    flags = [str(f) for f in case.get("flags", [])]
    if "profile" not in case and "profile_file" not in case:
        return [*flags, "--as-of", str(case["as_of"])] if "as_of" in case else flags
    if "profile_file" in case:
        path = ROOT / case["profile_file"]
    else:
        path = tmp_path / "person.yaml"
        path.write_text(yaml.safe_dump({"name": case["id"], **case["profile"]}))
    extra = ["--as-of", str(case["as_of"])] if "as_of" in case else []
    return ["--profile", str(path), *extra, *flags]


def _cases(key: str) -> list[Any]:
    return [pytest.param(c, id=c["id"]) for c in SCENARIOS if key in c]


@pytest.mark.parametrize("case", _cases("eligible"))
def test_eligibility_and_closest_route(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    # all_tracks: evaluated beside every track, as `eligible --profile` does (a route that asks
    # for another credential is priced from that track's own time)
    named = [] if case.get("all_tracks") else list(case["eligible"])
    r = run("eligible", *named, *_profile(case, tmp_path), "--format", "json")
    assert r.exit_code == 0, r.stderr
    (person,) = r.json()["data"]["people"]
    got = {t["track"]: t for t in person["results"]}
    for track, want in case["eligible"].items():
        t = got[track]
        where = f"{case['id']} / {track}"
        for key in ("status", "route", "closest"):
            if key in want:
                assert t[key] == want[key], f"{where}: {key} ({t['closest_reason']})"
        for text in want.get("missing_contains", []):
            assert any(text in m for m in t["missing"]), f"{where}: {text!r} in {t['missing']}"
        for text in want.get("reason_contains", []):
            assert text in (t["closest_reason"] or ""), f"{where}: {t['closest_reason']!r}"
        for text in want.get("reason_lacks", []):
            assert text not in (t["closest_reason"] or ""), f"{where}: {t['closest_reason']!r}"
        for text in want.get("notes_contains", []):
            assert any(text in n for n in t["notes"]), f"{where}: {text!r} in {t['notes']}"


@pytest.mark.parametrize("case", _cases("recommend"))
def test_recommendation(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    want = case["recommend"]
    args = [*want["args"], *_profile(case, tmp_path), "--no-input", "--format", "json"]
    r = run("recommend", *args)
    assert r.exit_code == 0, r.stderr
    rec = r.json()["data"]["recommendation"]
    ids = [x["track"] for x in rec["ranking"]]
    scores = [x["score"] for x in rec["ranking"]]
    assert scores == sorted(scores, reverse=True), "the ranking is sorted by its own score"
    if "first" in want:
        assert ids[0] == want["first"], ids
    if "order" in want:
        places = [ids.index(t) for t in want["order"]]
        assert places == sorted(places), f"{want['order']} in {ids}"
    if "held" in want:
        assert [h["track"] for h in rec["held"]] == want["held"]
    for track, factors in want.get("factors", {}).items():
        row = next(x for x in rec["ranking"] if x["track"] == track)
        points = {f["name"]: f["points"] for f in row["factors"]}
        for name, value in factors.items():
            assert points[name] == value, f"{track} {name}: {row['factors']}"
