"""Rules no source states do not decide alone; a rule the sources read two ways says both."""

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from certadvisor.models.conditions import ExperienceCondition

AS_OF = ("--as-of", "2026-11-30")


def _track(run: Any, tmp_path: Path, profile: str, track: str) -> dict[str, Any]:
    path = tmp_path / "p.yaml"
    path.write_text(profile)
    r = run("eligible", track, "--profile", str(path), *AS_OF, "-f", "json")
    assert r.exit_code == 0, r.stderr
    result: dict[str, Any] = r.json()["data"]["people"][0]["results"][0]
    return result


def test_an_unverified_age_rule_alone_leaves_the_route_to_confirm(run: Any, tmp_path: Path) -> None:
    t = _track(
        run,
        tmp_path,
        "birth_date: 2009-01-15\neducation: {highest: high_school}\n"
        "programs: [{field: medical_assisting, completed: 2026-06-01}]\n",
        "ccma-nha",
    )
    (training,) = [r for r in t["routes"] if r["id"] == "training"]
    assert training["status"] == "unknown"
    (age,) = [c for c in training["conditions"] if c["kind"] == "age"]
    assert age["status"] == "unknown"
    assert age["gap"].startswith("confirm with NHA: at least 18 years old")
    assert "turn 18 (on 2027-01-15)" in age["gap"]


def test_a_verified_rule_still_decides(run: Any, tmp_path: Path) -> None:
    t = _track(run, tmp_path, "programs: []\nexperience: []\ncredentials: []\n", "cma-aama")
    assert t["status"] == "not_eligible"


def test_rma_work_route_shows_both_readings_and_which_decided(run: Any, tmp_path: Path) -> None:
    t = _track(
        run,
        tmp_path,
        "education: {highest: high_school}\nprograms: []\nexperience:\n"
        "  - {field: medical_assisting, started: 2022-06-01, duties: [clinical, administrative]}\n",
        "rma-amt",
    )
    assert t["status"] == "eligible" and t["route"] == "work-experience"
    (work,) = [r for r in t["routes"] if r["id"] == "work-experience"]
    (exp,) = [c for c in work["conditions"] if c["kind"] == "experience"]
    assert "another reading is 5 of the last 7 years" in exp["text"]
    said = " ".join(t["notes"])
    assert "the reading this catalog follows decided (met)" in said
    assert "would be not met (7 more months" in said


def test_readings_that_agree_say_nothing_more(run: Any, tmp_path: Path) -> None:
    t = _track(
        run,
        tmp_path,
        "education: {highest: high_school}\nprograms: []\nexperience:\n"
        "  - {field: medical_assisting, started: 2019-06-01, duties: [clinical, administrative]}\n",
        "rma-amt",
    )
    assert t["route"] == "work-experience"
    assert not any("sources disagree" in n for n in t["notes"])


def test_a_reading_must_be_a_valid_condition() -> None:
    base = {"kind": "experience", "fields": ["phlebotomy"], "min_months": 12}
    reading = {"text": "two years", "source": "ebi-rma", "confidence": "secondary"}
    ok = ExperienceCondition.model_validate(
        {**base, "reading": {**reading, "changes": {"min_months": 24}}}
    )
    assert ok.other_reading().min_months == 24
    with pytest.raises(ValidationError, match="min_months"):
        ExperienceCondition.model_validate(
            {**base, "reading": {**reading, "changes": {"min_months": -1}}}
        )
    with pytest.raises(ValidationError, match="not kind"):
        ExperienceCondition.model_validate(
            {**base, "reading": {**reading, "changes": {"kind": "age"}}}
        )
