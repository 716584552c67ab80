"""`recommend`: ranking explained factor by factor, judgement told apart from facts, prompts."""

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certadvisor.catalog.yaml_io import load_yaml
from certadvisor.guidance.recommend import Goal, Request, rank_tracks
from certadvisor.models.catalog import Catalog
from markdown_check import check_markdown

FIXTURES = Path(__file__).parent / "fixtures"
FX = str(FIXTURES / "guidance_catalog.yaml")
PEOPLE = str(FIXTURES / "guidance_people.yaml")


def _json(run: Any, *args: str) -> Any:
    result = run("--data", FX, "recommend", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert set(doc) == {"schema_version", "command", "data_as_of", "data"}
    assert doc["command"] == "recommend"
    return doc["data"]["recommendation"]


def _ranked(rec: Any, track: str) -> Any:
    return next(r for r in rec["ranking"] if r["track"] == track)


def _factor(rec: Any, track: str, name: str) -> Any:
    return next(f for f in _ranked(rec, track)["factors"] if f["name"] == name)


def test_goal_filters_and_every_rank_is_explained(run: Any) -> None:
    rec = _json(run, "--goal", "laboratory", "--no-input")
    ids = [r["track"] for r in rec["ranking"]]
    assert "fx-lab" in ids and "fx-ma" not in ids and "cma-aama" not in ids
    assert any(
        e["track"] == "fx-ma" and "not laboratory work" in e["reason"] for e in rec["excluded"]
    )
    assert [r["rank"] for r in rec["ranking"]] == list(range(1, len(ids) + 1))
    scores = [r["score"] for r in rec["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert rec["not_scored"] == [
        "setting",
        "budget",
        "time",
        "state",
        "eligibility",
        "ladder",
        "state_fit",
    ]
    for r in rec["ranking"]:
        assert [f["name"] for f in r["factors"]] == list(rec["weights"])


def test_judgement_is_told_apart_from_sourced_facts(run: Any) -> None:
    rec = _json(run, "--goal", "clinical", "--setting", "clinic", "--budget", "200", "--no-input")
    assert rec["judgement_note"].startswith("Judgement, not catalog facts")
    ma = _ranked(rec, "fx-ma")
    judged = {f["name"] for f in ma["factors"] if f["judgement"]}
    assert judged == {"goal", "setting"}
    budget = _factor(rec, "fx-ma", "budget")
    assert budget["facts"][0]["source"]["source"] == "https://fx.example/ma/fees"
    table = run("--data", FX, "recommend", "--goal", "clinical", "--no-input").stdout
    assert "Weights (judgement)" in table and "(judgement)" in table


@pytest.mark.parametrize(
    ("budget", "value", "words"),
    [("300", 1.0, "within your $300"), ("200", 0.0, "over your $200")],
)
def test_budget_against_the_first_time_cost(
    run: Any, budget: str, value: float, words: str
) -> None:
    rec = _json(run, "--goal", "laboratory", "--budget", budget)
    f = _factor(rec, "fx-lab", "budget")
    assert f["value"] == value and words in f["reason"] and "$225" in f["reason"]


def test_unknown_fee_counts_half_and_says_so(run: Any) -> None:
    f = _factor(_json(run, "--goal", "clinical", "--budget", "500"), "fx-ekg", "budget")
    assert f["value"] == 0.5 and f["reason"] == "the fee to sit the exam is not known"


@pytest.mark.parametrize(("months", "value"), [("36", 1.0), ("26", 0.5), ("12", 0.0)])
def test_time_against_the_catalogs_time_to_eligibility(run: Any, months: str, value: float) -> None:
    f = _factor(_json(run, "--goal", "laboratory", "--months", months), "fx-lab", "time")
    assert f["value"] == value
    assert "24 to 30 months" in f["reason"]
    assert f["facts"][0]["source"]["confidence"] == "secondary"


def test_state_rules_score_and_are_listed(run: Any) -> None:
    rec = _json(run, "--goal", "laboratory", "--state", "ca")
    assert rec["request"]["state"] == "CA"
    f = _factor(rec, "fx-lab", "state")
    assert f["value"] == 0.5 and f["facts"][0]["text"] == "laboratory licence"
    md = run(
        "--data", FX, "recommend", "--goal", "laboratory", "--state", "CA", "--format", "markdown"
    ).stdout
    assert "## State rules: California (CA)" in md
    assert "California licenses clinical laboratory staff" in md


def test_a_state_without_rules_scores_full(run: Any) -> None:
    f = _factor(_json(run, "--goal", "laboratory", "--state", "VT"), "fx-lab", "state")
    assert f["value"] == 1.0 and "no VT rule" in f["reason"]


def test_profile_adds_eligibility_and_its_state(run: Any) -> None:
    rec = _json(run, "--goal", "laboratory", "--profile", PEOPLE, "--person", "Lee")
    assert rec["request"]["person"] == "Lee" and rec["request"]["state"] == "CA"
    f = _factor(rec, "fx-lab", "eligibility")
    assert f["value"] == 1.0 and f["reason"] == "eligible now (route program)"
    # CA licenses laboratory staff and its licences accept exams fx-lab is not among
    fit = _factor(rec, "fx-lab", "state_fit")
    assert fit["value"] == 0.0 and "does not count for CA MLT" in fit["reason"]


def test_markdown_and_csv(run: Any) -> None:
    md = run(
        "--data", FX, "recommend", "--goal", "either", "--budget", "300", "--format", "markdown"
    )
    tables = check_markdown(md.stdout)
    assert tables[0].header == [
        "#",
        "Track",
        "Score",
        "Goal",
        "Setting",
        "Budget",
        "Time",
        "State",
        "Eligibility",
        "Ladder",
        "State fit",
    ]
    assert "## Sources" in md.stdout
    csv = run("--data", FX, "recommend", "--goal", "either", "--format", "csv").stdout
    assert csv.splitlines()[0] == (
        "rank,track,score,goal,setting,budget,time,state,eligibility,ladder,best_score,"
        "state_fit,state_path"
    )


# --- asking and not asking ----------------------------------------------------------------------


@pytest.mark.parametrize("extra", [["--no-input"], []])
def test_missing_goal_without_a_terminal_is_a_usage_error(run: Any, extra: list[str]) -> None:
    result = run("--data", FX, "recommend", "--budget", "300", *extra)
    assert result.exit_code == 2
    assert "missing option --goal" in result.stderr
    assert result.stdout == ""


def test_no_input_never_asks_even_on_a_terminal(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("certadvisor.cli.commands.recommend._stdin_is_terminal", lambda: True)
    result = run("--data", FX, "recommend", "--no-input", input="clinical\n")
    assert result.exit_code == 2 and "missing option --goal" in result.stderr


def test_on_a_terminal_with_no_options_it_asks(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("certadvisor.cli.commands.recommend._stdin_is_terminal", lambda: True)
    answers = "nursing\nclinical\npublic health\n$1,000\n-5\n\nwa\n"
    result = run("--data", FX, "recommend", "--format", "json", input=answers)
    assert result.exit_code == 0, result.stderr
    request = result.json()["data"]["recommendation"]["request"]
    assert request == {
        "goal": "clinical",
        "setting": "public_health",
        "budget": 1000,
        "months": None,
        "state": "WA",
        "member": False,
        "person": None,
        "weigh_pay": False,
    }
    assert "Goal: clinical, laboratory or either" in result.stderr
    assert "unknown goal 'nursing'" in result.stderr
    assert "cannot be negative" in result.stderr


def test_on_a_terminal_with_some_options_it_asks_only_the_goal(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("certadvisor.cli.commands.recommend._stdin_is_terminal", lambda: True)
    result = run(
        "--data", FX, "recommend", "--budget", "300", "--format", "json", input="laboratory\n"
    )
    assert result.exit_code == 0, result.stderr
    assert result.json()["data"]["recommendation"]["request"]["setting"] is None
    assert "Setting" not in result.stderr


# --- what goes wrong ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--goal", "nursing"], "unknown goal 'nursing'"),
        (["--goal", "clinical", "--setting", "spa"], "unknown setting 'spa'"),
        (["--goal", "clinical", "--budget", "-1"], "--budget"),
        (["--goal", "clinical", "--months", "soon"], "--months"),
        (["--goal", "clinical", "--state", "ZZ"], "unknown state code 'ZZ'"),
        (["--goal", "clinical", "--state", "Washington"], "unknown state code"),
        (["--goal", "clinical", "--profile", PEOPLE], "holds 4 people"),
        (["--goal", "clinical", "--as-of", "yesterday"], "--as-of"),
    ],
)
def test_bad_input_is_a_usage_error(run: Any, args: list[str], needle: str) -> None:
    result = run("--data", FX, "recommend", "--no-input", *args)
    assert result.exit_code == 2, result.stdout
    assert needle in result.stderr
    assert result.stdout == ""


def test_bad_profile_is_invalid_input(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("name: Z\nstate: ZZ\n")
    result = run("--data", FX, "recommend", "--goal", "either", "--profile", str(bad))
    assert result.exit_code == 3
    assert "not a US state code" in result.stderr


# --- invariants ---------------------------------------------------------------------------------


def _tracks() -> list[Any]:
    return Catalog.model_validate(load_yaml(Path(FX).read_bytes(), FX)).tracks


@settings(max_examples=60, deadline=None)
@given(
    low=st.integers(0, 400),
    extra=st.integers(0, 400),
    months=st.one_of(st.none(), st.integers(0, 60)),
    goal=st.sampled_from(list(Goal)),
)
def test_more_budget_never_lowers_a_score(
    low: int, extra: int, months: int | None, goal: Goal
) -> None:
    tracks = _tracks()
    poorer = rank_tracks(tracks, Request(goal=goal, budget=low, months=months))
    richer = rank_tracks(tracks, Request(goal=goal, budget=low + extra, months=months))
    before = {r.track: r.score for r in poorer.ranking}
    for r in richer.ranking:
        assert r.score >= before[r.track]
        assert 0 <= r.score <= 100
        assert re.fullmatch(r"[a-z0-9-]+", r.track)


def test_with_a_profile_time_follows_the_closest_route(run: Any) -> None:
    rec = _json(
        run,
        "--goal",
        "laboratory",
        "--months",
        "26",
        "--profile",
        PEOPLE,
        "--person",
        "Kim",
        "--as-of",
        "2026-01-15",
    )
    f = _factor(rec, "fx-lab", "time")
    # Kim's profile says nothing: the time still needed is nothing at best, years at worst.
    assert f["reason"] == (
        "eligible now at best, about 4 years at worst (closest route: program): "
        "may fit in 26 months"
    )
    assert (f["points"], f["best_value"]) == (0.0, 1.0)
    ranked = next(r for r in rec["ranking"] if r["track"] == "fx-lab")
    assert ranked["best_score"] > ranked["score"]


# --- credentials already held -------------------------------------------------------------------

MLT_PROFILE = str(Path(__file__).parent.parent / "examples" / "mlt-aiming-at-mls.yaml")


def test_a_held_credential_is_listed_apart_never_ranked(run: Any) -> None:
    rec = _json(run, "--goal", "either", "--profile", PEOPLE, "--person", "Sam Ek")
    assert "fx-ekg" not in [r["track"] for r in rec["ranking"]]
    assert [h["track"] for h in rec["held"]] == ["fx-ekg"]
    assert rec["held"][0]["reason"] == "you already hold this credential"
    table = run(
        "--data", FX, "recommend", "--goal", "either", "--profile", PEOPLE, "--person", "Sam Ek"
    )
    assert table.exit_code == 0, table.stderr
    assert "Already held (not ranked)" in table.stdout
    assert "FXEKG (fx-ekg): you already hold this credential" in table.stdout


def test_without_a_profile_or_credentials_nothing_is_held(run: Any) -> None:
    assert _json(run, "--goal", "either")["held"] == []
    rec = _json(run, "--goal", "either", "--profile", PEOPLE, "--person", "Lee")
    assert rec["held"] == [] and all(r["covered_by"] == [] for r in rec["ranking"])
    assert "Credentials you hold" not in rec["judgement_note"]


def test_mlt_holder_is_pointed_at_mls_not_at_her_own_or_a_lesser_credential(run: Any) -> None:
    args = ["--goal", "laboratory", "--setting", "hospital", "--budget", "200", "--months", "24"]
    result = run("recommend", *args, "--profile", MLT_PROFILE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rec = result.json()["data"]["recommendation"]
    ids = [r["track"] for r in rec["ranking"]]
    assert ids[0] == "mls-ascp"
    assert "mlt-ascp" not in ids and [h["track"] for h in rec["held"]] == ["mlt-ascp"]
    pbt = _ranked(rec, "pbt-ascp")
    assert pbt["covered_by"] == ["mlt-ascp"]
    ladder = {f["name"]: f for f in pbt["factors"]}["ladder"]
    assert ladder["points"] == 0 and "your MLT(ASCP) alone qualifies you" in ladder["reason"]
    mls = {f["name"]: f for f in _ranked(rec, "mls-ascp")["factors"]}["ladder"]
    assert mls["points"] == 20 and "builds on your MLT(ASCP)" in mls["reason"]
    scores = [r["score"] for r in rec["ranking"]]
    assert scores == sorted(scores, reverse=True), "the ranking is sorted by its own score"
    md = run("recommend", *args, "--profile", MLT_PROFILE, "--format", "markdown").stdout
    check_markdown(md)
    assert "## Already held (not ranked)" in md
    assert "Ladder 0/20 (judgement): your MLT(ASCP) alone qualifies you" in md


@settings(max_examples=40, deadline=None)
@given(
    held=st.sets(st.sampled_from(["fx-lab", "fx-ma", "fx-ekg", "cma-aama"])),
    goal=st.sampled_from(list(Goal)),
)
def test_every_track_is_ranked_left_out_or_held_exactly_once(held: set[str], goal: Goal) -> None:
    tracks = _tracks()
    rec = rank_tracks(tracks, Request(goal=goal), held=held)
    seen = [r.track for r in rec.ranking] + [e.track for e in rec.excluded]
    seen += [h.track for h in rec.held]
    assert sorted(seen) == sorted(t.id for t in tracks)
    assert {h.track for h in rec.held} == held & {t.id for t in tracks}
    assert not held & {r.track for r in rec.ranking}
    assert [r.rank for r in rec.ranking] == list(range(1, len(rec.ranking) + 1))
