"""`plan`: dated plans backward from the exam, hours by domain weight, the fit, every format."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from markdown_it import MarkdownIt

from certadvisor.catalog.yaml_io import load_yaml
from certadvisor.guidance.plan import PlanInputError, WeekKind, build_plan, share_what_fits
from certadvisor.models.catalog import Catalog

FX = str(Path(__file__).parent / "fixtures" / "guidance_catalog.yaml")
START = "2026-01-15"


def _cmd(track: str, exam: str, *extra: str) -> list[str]:
    """`plan` on the fixture catalog from the fixed start date."""
    return ["--data", FX, "plan", track, "--exam-date", exam, "--start", START, *extra]


def _plan(run: Any, track: str, exam: str, *extra: str) -> Any:
    result = run(*_cmd(track, exam, "--format", "json", *extra))
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert set(doc) == {"schema_version", "command", "data_as_of", "data"}
    assert doc["command"] == "plan"
    return doc["data"]["plan"]


def _fixture_tracks() -> Catalog:
    return Catalog.model_validate(load_yaml(Path(FX).read_bytes(), FX))


# --- what a person sees -------------------------------------------------------------------------


def test_hours_follow_published_weights_and_weeks_end_before_the_exam(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-06-01")
    assert plan["domain_basis"] == "weight_percent"
    assert [(d["name"], d["hours"]) for d in plan["domains"]] == [
        ("Chemistry", 48.0),
        ("Hematology", 42.0),
        ("Microbiology", 30.0),
    ]
    kinds = [w["kind"] for w in plan["weeks"]]
    assert kinds[-2:] == ["practice", "buffer"]
    assert set(kinds[:-2]) == {"study"}
    assert plan["weeks"][-1]["ends"] == "2026-05-31"
    studied = sum(t["hours"] for w in plan["weeks"] for t in w["topics"])
    assert studied == 120
    assert all(w["hours"] <= 8 for w in plan["weeks"])


def test_lead_time_and_validity_from_the_catalog_set_the_application_dates(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-06-01")
    by_kind = {m["kind"]: m for m in plan["milestones"]}
    assert by_kind["apply_by"]["date"] == "2026-04-17"  # 45 days before
    assert by_kind["apply_opens"]["date"] == "2026-03-03"  # valid 90 days
    assert by_kind["apply_by"]["details"][0]["source"]["source"] == "https://fx.example/lab/apply"
    assert "apply" not in by_kind
    assert by_kind["exam"]["date"] == "2026-06-01"


def test_unknown_lead_time_is_said_and_no_deadline_is_invented(run: Any) -> None:
    plan = _plan(run, "fx-ma", "2026-06-01")
    kinds = [m["kind"] for m in plan["milestones"]]
    assert "apply_by" not in kinds and "apply_opens" not in kinds
    apply = next(m for m in plan["milestones"] if m["kind"] == "apply")
    assert apply["date"] == START
    assert "does not know" in apply["details"][0]["text"]


def test_no_published_weights_share_evenly_and_say_so(run: Any) -> None:
    plan = _plan(run, "fx-ma", "2026-06-01")
    assert plan["domain_basis"] == "even"
    assert {d["hours"] for d in plan["domains"]} == {20.0}
    assert any("evenly" in n for n in plan["notes"])


def test_item_counts_are_used_when_no_percentages_are_published(run: Any) -> None:
    plan = _plan(run, "fx-ekg", "2026-06-01", "--total-hours", "50")
    assert plan["domain_basis"] == "items"
    assert [d["hours"] for d in plan["domains"]] == [15.0, 25.0, 10.0]


def test_assumptions_are_labelled_as_defaults_or_the_persons_own(run: Any) -> None:
    plan = _plan(run, "fx-ma", "2026-06-01", "--hours-per-week", "5")
    by_name = {a["name"]: a for a in plan["assumptions"]}
    assert by_name["hours_per_week"] == {
        "name": "hours_per_week",
        "value": 5.0,
        "unit": "hours a week",
        "given": True,
        "text": "your figure (--hours-per-week)",
    }
    assert by_name["total_hours"]["given"] is False
    assert "assumption" in by_name["total_hours"]["text"]
    table = run(*_cmd("fx-ma", "2026-06-01"))
    assert "not catalog facts" in table.stdout
    assert "--total-hours" in table.stdout


def test_a_plan_that_does_not_fit_warns_and_names_a_date_that_fits(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-03-01", "--hours-per-week", "5")
    assert plan["fit"]["fits"] is False
    assert plan["fit"]["exam_date_that_fits"] == "2026-07-16"
    assert plan["fit"]["hours_per_week_that_fits"] == 30.0
    assert any("2026-07-16" in w for w in plan["warnings"])
    again = _plan(run, "fx-lab", "2026-07-16", "--hours-per-week", "5")
    assert again["fit"]["fits"] is True and again["warnings"] == []
    table = run(*_cmd("fx-lab", "2026-03-01"), "--hours-per-week", "5")
    assert "Warning:" in table.stdout and "2026-07-16" in table.stdout


def test_a_short_plan_suggests_only_what_is_possible_in_plain_plurals(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-02-08", "--hours-per-week", "5")
    assert plan["fit"]["study_weeks_available"] == 1 and plan["fit"]["fits"] is False
    assert plan["fit"]["hours_per_week_that_fits"] is None  # 120 h in a week is over 112
    (warning,) = [w for w in plan["warnings"] if w.startswith("The plan needs")]
    assert "only 1 study week fit" in warning
    assert "hours a week" not in warning
    assert warning.endswith(f"An exam on or after {plan['fit']['exam_date_that_fits']} fits.")
    starts = next(m for m in plan["milestones"] if m["kind"] == "study_starts")
    assert starts["details"][0]["text"] == "1 week at up to 5 hours a week"
    table = run(*_cmd("fx-lab", "2026-02-08", "--hours-per-week", "5"))
    assert "1 weeks" not in table.stdout and "120 hours a week" not in table.stdout


def test_a_pace_within_the_maximum_is_still_suggested(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-02-15", "--hours-per-week", "5")
    assert plan["fit"]["study_weeks_available"] == 2
    assert plan["fit"]["hours_per_week_that_fits"] == 60.0
    assert any("or study 60 hours a week." in w for w in plan["warnings"])
    again = _plan(run, "fx-lab", "2026-02-15", "--hours-per-week", "60")
    assert again["fit"]["fits"] is True


def test_too_late_to_apply_is_a_warning(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-02-20", "--total-hours", "4")
    assert any("Too late to apply" in w for w in plan["warnings"])


def test_less_than_two_weeks_has_no_practice_or_buffer_week(run: Any) -> None:
    plan = _plan(run, "fx-ma", "2026-01-20")
    assert plan["weeks"] == []
    assert any("Less than two weeks" in w for w in plan["warnings"])
    assert plan["milestones"][-1]["kind"] == "exam"


def test_practice_exam_and_resources_with_prices_and_markers(run: Any) -> None:
    result = run(*_cmd("fx-lab", "2026-06-01"), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert "Content outline: [FXLT content outline](<https://fx.example/lab/outline>) ●" in md
    assert "Practice exam: [FXB practice exam](<https://fx.example/lab/practice>), $50 ○" in md
    assert "Question bank: Question banks (third-party) ?" in md
    assert "Sit a full timed practice exam (FXB practice exam)" in md
    assert "Application fee: $225 ●" in md


def test_every_figure_cites_a_listed_source(run: Any) -> None:
    md = run(*_cmd("fx-lab", "2026-06-01"), "--format", "markdown").stdout
    body, sources = md.split("## Sources", 1)
    cited = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", body)}
    listed = sources.count("<https://")
    assert cited == set(range(1, listed + 1))


def test_markdown_renders_tables_and_is_deterministic(run: Any) -> None:
    args = (
        "--data",
        FX,
        "plan",
        "fx-lab",
        "--exam-date",
        "2026-06-01",
        "--start",
        START,
        "--format",
        "markdown",
    )
    first, second = run(*args).stdout, run(*args).stdout
    assert first == second
    tokens = MarkdownIt("commonmark").enable("table").parse(first)
    tables = [t for t in tokens if t.type == "table_open"]
    assert len(tables) == 3
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:4] == [
        "Study plan: FXLT — Fixture Laboratory Technician",
        "Dates",
        "Weeks",
        "Hours by content domain",
    ]


def test_ics_parses_back_with_every_date(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    result = run(*_cmd("fx-lab", "2026-06-01"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "saved to" in result.stderr and result.stdout == ""
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    assert starts["FXLT: FXLT exam"] == dt.date(2026, 6, 1)
    assert starts["FXLT: Apply and pay by this date"] == dt.date(2026, 4, 17)
    assert len({str(e["UID"]) for e in events}) == len(events)
    exam = next(e for e in events if str(e["SUMMARY"]) == "FXLT: FXLT exam")
    triggers = sorted(a.decoded("TRIGGER") for a in exam.walk("VALARM"))
    assert triggers == [-dt.timedelta(days=7), -dt.timedelta(days=1)]
    weeks = [e for e in events if "study week" in str(e["SUMMARY"])]
    assert len(weeks) == 15
    assert "(source: https://fx.example/lab/apply)" in str(
        next(e for e in events if "Apply and pay" in str(e["SUMMARY"]))["DESCRIPTION"]
    )
    again = tmp_path / "again.ics"
    run(*_cmd("fx-lab", "2026-06-01"), "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_csv_lists_the_weeks(run: Any) -> None:
    result = run(*_cmd("fx-ma", "2026-06-01"), "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "week,kind,starts,ends,hours,topics"
    assert lines[-1].startswith("10,buffer,2026-05-25,2026-05-31,")


@pytest.mark.parametrize("width", ["80", "160"])
def test_table_reads_at_80_and_160_columns(
    run: Any, monkeypatch: pytest.MonkeyPatch, width: str
) -> None:
    monkeypatch.setenv("COLUMNS", width)
    result = run(*_cmd("fx-lab", "2026-06-01"))
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= int(width)
    assert "Chemistry 8 h" in result.stdout


def test_bundled_track_gets_a_plan(run: Any) -> None:
    result = run(
        "plan", "CMA", "--exam-date", "2027-03-15", "--start", "2026-11-26", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    plan = result.json()["data"]["plan"]
    assert plan["track"] == "cma-aama" and plan["weeks"]


# --- what goes wrong ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--exam-date", "2026-02-30"], "--exam-date"),
        (["--exam-date", "next friday"], "--exam-date"),
        (["--exam-date", "2026-06-01", "--start", "2026/01/01"], "--start"),
        ([], "--exam-date"),
        (["--exam-date", "2026-01-10"], "not after the start date"),
        (["--exam-date", START], "not after the start date"),
        (["--exam-date", "2026-06-01", "--hours-per-week", "0"], "--hours-per-week"),
        (["--exam-date", "2026-06-01", "--hours-per-week", "-3"], "--hours-per-week"),
        (["--exam-date", "2026-06-01", "--total-hours", "0"], "--total-hours"),
        (["--exam-date", "2026-06-01", "--hours-per-week", "lots"], "--hours-per-week"),
        (["--exam-date", "2026-06-01", "--format", "pdf"], "--format"),
    ],
)
def test_bad_input_is_a_usage_error(run: Any, args: list[str], needle: str) -> None:
    start = [] if "--start" in args else ["--start", START]
    result = run("--data", FX, "plan", "fx-lab", *start, *args)
    assert result.exit_code == 2, result.stdout
    assert needle in result.stderr
    assert result.stdout == ""


def test_exam_date_in_the_past_without_start_is_refused(run: Any) -> None:
    result = run("--data", FX, "plan", "fx-lab", "--exam-date", "2020-01-01")
    assert result.exit_code == 2
    assert "not after the start date" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_track_names_the_closest(run: Any) -> None:
    result = run(*_cmd("fx-lba", "2026-06-01"))
    assert result.exit_code == 1
    assert "unknown track 'fx-lba'" in result.stderr and "fx-lab" in result.stderr


def test_output_to_a_missing_folder_is_an_error(run: Any, tmp_path: Path) -> None:
    result = run(*_cmd("fx-lab", "2026-06-01"), "-o", str(tmp_path / "nope" / "plan.ics"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


# --- invariants ---------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    track_index=st.integers(0, 2),
    days=st.integers(1, 400),
    hpw=st.integers(1, 80).map(lambda n: n / 2),
    total=st.integers(1, 600).map(lambda n: n / 2),
)
def test_plan_invariants(track_index: int, days: int, hpw: float, total: float) -> None:
    track = _fixture_tracks().tracks[track_index]
    start = dt.date(2026, 1, 15)
    exam = start + dt.timedelta(days=days)
    plan = build_plan(track, exam, start, hours_per_week=hpw, total_hours=total)
    assert sum(d.hours for d in plan.domains) == total
    placed = sum(t.hours for w in plan.weeks for t in w.topics)
    assert (placed == total) is plan.fit.fits
    assert placed <= total
    for w in plan.weeks:
        assert w.starts >= start and w.ends < exam and (w.ends - w.starts).days == 6
        assert w.hours <= hpw
    for a, b in zip(plan.weeks, plan.weeks[1:], strict=False):
        assert (b.starts - a.ends).days == 1
    if plan.weeks:
        assert plan.weeks[-1].ends == exam - dt.timedelta(days=1)
    assert all(start <= m.date <= exam for m in plan.milestones)
    if not plan.fit.fits:
        refit = build_plan(track, plan.fit.exam_date_that_fits, start, hpw, total)
        assert refit.fit.fits
        pace = plan.fit.hours_per_week_that_fits
        if pace is not None:
            assert pace <= 112
            assert build_plan(track, exam, start, pace, total).fit.fits
    study = [w for w in plan.weeks if w.kind is WeekKind.STUDY]
    texts = [d.text for m in plan.milestones for d in m.details] + plan.warnings
    assert not any(" 1 weeks" in t or " 1 study weeks" in t for t in texts)
    assert all(
        f"{len(study)} week{'s' if len(study) != 1 else ''} at up to" in d.text
        for m in plan.milestones
        if m.kind == "study_starts"
        for d in m.details
    )
    kinds = [w.kind for w in plan.weeks]
    assert kinds == sorted(kinds, key=[WeekKind.STUDY, WeekKind.PRACTICE, WeekKind.BUFFER].index)


# --- the evaluation date ------------------------------------------------------------------------


def test_as_of_is_the_plans_start_when_no_start_is_given(run: Any) -> None:
    cmd = ["--data", FX, "plan", "fx-lab", "--exam-date", "2026-06-01", "--format", "json"]
    result = run(*cmd, "--as-of", "2026-02-01")
    assert result.exit_code == 0, result.stderr
    plan = result.json()["data"]["plan"]
    assert plan["start"] == "2026-02-01"
    later = run(*cmd, "--as-of", "2026-03-01").json()["data"]["plan"]
    assert later["start"] == "2026-03-01"
    assert later["fit"]["study_weeks_available"] < plan["fit"]["study_weeks_available"]


def test_start_wins_over_as_of(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-06-01", "--as-of", "2026-03-01")
    assert plan["start"] == START


def test_as_of_after_the_exam_names_the_flags(run: Any) -> None:
    cmd = ["--data", FX, "plan", "fx-lab", "--exam-date", "2026-06-01", "--as-of", "2026-07-01"]
    result = run(*cmd)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: the exam date 2026-06-01 is not after the start date")
    assert "--exam-date" in result.stderr


def test_the_engine_names_the_input_not_the_flag() -> None:
    track = next(t for t in _fixture_tracks().tracks if t.id == "fx-lab")
    with pytest.raises(PlanInputError) as err:
        build_plan(track, dt.date(2026, 6, 1), dt.date(2026, 1, 15), hours_per_week=0)
    assert err.value.field == "hours_per_week" and "--" not in err.value.message


# --- short weeks: every domain gets its share ----------------------------------------------------


def test_what_fits_is_all_that_is_needed_when_it_fits() -> None:
    assert share_what_fits(["A", "B"], [10, 20], 30) == ([10, 20], [])


def test_short_weeks_share_what_fits_in_proportion() -> None:
    planned, left = share_what_fits(["A", "B", "C"], [20, 30, 50], 10)
    assert planned == [2, 3, 5]
    assert left == []


def test_a_share_that_rounds_to_nothing_is_left_out_with_why() -> None:
    planned, left = share_what_fits(["Big", "Small", "Tiny"], [80, 15, 5], 2)
    assert planned == [2, 0, 0]
    assert [x.domain for x in left] == ["Small", "Tiny"]
    assert all("under half an hour" in x.reason for x in left)


def test_no_study_week_leaves_every_domain_out_and_says_so() -> None:
    planned, left = share_what_fits(["A", "B"], [4, 4], 0)
    assert planned == [0, 0]
    assert [(x.domain, x.reason) for x in left] == [
        ("A", "no study week fits before the exam"),
        ("B", "no study week fits before the exam"),
    ]


def test_a_short_plan_studies_every_weighted_domain(run: Any) -> None:
    plan = _plan(run, "fx-lab", "2026-02-26", "--hours-per-week", "8")
    assert not plan["fit"]["fits"]
    studied = {t["domain"] for w in plan["weeks"] for t in w["topics"]}
    assert studied == {"Chemistry", "Hematology", "Microbiology"}
    planned = {d["name"]: d["planned_hours"] for d in plan["domains"]}
    assert planned["Chemistry"] > planned["Hematology"] > planned["Microbiology"] > 0
    assert plan["left_out"] == []


@settings(max_examples=150, deadline=None)
@given(
    track_index=st.integers(0, 2),
    days=st.integers(1, 120),
    hpw=st.integers(1, 40).map(lambda n: n / 2),
    total=st.integers(1, 600).map(lambda n: n / 2),
)
def test_no_domain_is_dropped_silently(
    track_index: int, days: int, hpw: float, total: float
) -> None:
    track = _fixture_tracks().tracks[track_index]
    start = dt.date(2026, 1, 15)
    plan = build_plan(track, start + dt.timedelta(days=days), start, hpw, total)
    studied = {t.domain for w in plan.weeks for t in w.topics}
    left = {x.domain for x in plan.left_out}
    for d in plan.domains:
        assert (d.name in studied) != (d.name in left), d.name
        assert (d.planned_hours or 0) <= d.hours
    placed = sum(t.hours for w in plan.weeks for t in w.topics)
    assert placed == sum(d.planned_hours or 0 for d in plan.domains)
