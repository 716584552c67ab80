"""Plan scenarios (plans.yaml): the plan a counselor would sign for a person and an exam date."""

from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).parent
SCENARIOS: list[dict[str, Any]] = yaml.safe_load((HERE / "plans.yaml").read_text())["scenarios"]


def _args(case: dict[str, Any], tmp_path: Path) -> list[str]:
    args = ["--exam-date", str(case["exam_date"])]
    if "profile" in case:
        path = tmp_path / "person.yaml"
        path.write_text(yaml.safe_dump({"name": case["id"], **case["profile"]}))
        args += ["--profile", str(path)]
    if "as_of" in case:
        args += ["--as-of", str(case["as_of"])]
    return args


def _cases(key: str) -> list[Any]:
    return [pytest.param(c, id=c["id"]) for c in SCENARIOS if key in c]


@pytest.mark.parametrize("case", _cases("expect"))
def test_plan(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    r = run("plan", case["track"], *_args(case, tmp_path), "--format", "json")
    assert r.exit_code == 0, r.stderr
    plan = r.json()["data"]["plan"]
    want = case["expect"]
    if want.get("covers_all_domains"):
        studied = {t["domain"] for w in plan["weeks"] for t in w["topics"]}
        assert studied == {d["name"] for d in plan["domains"]}
        assert plan["left_out"] == []
    if "domains_planned" in want:
        assert {d["name"]: d["planned_hours"] for d in plan["domains"]} == want["domains_planned"]
    if "start" in want:
        assert plan["start"] == str(want["start"])
    for text in want.get("warning_contains", []):
        assert any(text in w for w in plan["warnings"]), plan["warnings"]
    for text in want.get("no_warning_contains", []):
        assert not any(text in w for w in plan["warnings"]), plan["warnings"]
    for text in want.get("notes_contain", []):
        assert any(text in n for n in plan["notes"]), plan["notes"]
    if "windows" in want:
        assert [w["kind"] for w in plan["windows"]] == want["windows"]
    titles = [m["title"] for m in plan["milestones"]]
    for title in want.get("milestone_titles", []):
        assert title in titles, titles
    if "apply_on" in want:
        assert plan["apply_on"] == str(want["apply_on"])


@pytest.mark.parametrize("case", _cases("report"))
def test_report(case: dict[str, Any], run: Any, tmp_path: Path) -> None:
    args = _args(case, tmp_path)
    r = run("report", "--track", case["track"], *args, "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    text = " ".join(r.stdout.split())
    for needle in case["report"]["contains"]:
        assert needle in text


def test_plan_text_names_every_domain_and_the_windows(run: Any) -> None:
    r = run("plan", "cma-aama", "--exam-date", "2027-01-04", "--as-of", "2026-11-30")
    assert r.exit_code == 0, r.stderr
    weeks = r.stdout.split("Weeks")[1].split("Hours by content domain")[0]
    for domain in ("General", "Administrative", "Clinical"):
        assert domain in weeks
    assert "Testing period, 90 days" in r.stdout


def test_a_cohort_plan_needs_a_person(run: Any, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.yaml"
    people = [{"name": n, "education": {"highest": "high_school"}} for n in ("Ana", "Bo")]
    cohort.write_text(yaml.safe_dump({"profiles": people}))
    args = ["plan", "cma-aama", "--exam-date", "2027-06-01", "--as-of", "2026-11-30"]
    r = run(*args, "--profile", str(cohort))
    assert r.exit_code == 2 and "--person" in r.stderr
    r = run(*args, "--profile", str(cohort), "--person", "bo", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["data"]["plan"]["standing"]["person"] == "Bo"
