"""The path engine on small fixture catalogs: program months, an opening date, unknown tuition."""

import datetime as dt
import re
from pathlib import Path
from typing import Any

from certadvisor.guidance.compare import ComparisonRow, compare_row, compare_tracks, sort_rows
from certadvisor.guidance.path import person_paths
from certadvisor.models.catalog import Track
from certadvisor.models.path import PathCost, PersonPath, TrackPath
from certadvisor.models.profile import Profile
from certadvisor.models.programs import ProgramTable

DAY = dt.date(2026, 12, 1)
SRC = {"source": "https://example.org/x", "confidence": "official"}


def _track(routes: list[dict[str, Any]], fee: int | None = 100) -> Track:
    return Track.model_validate(
        {
            "id": "ekg-x",
            "credential": "EKG X",
            "abbreviation": "EKGX",
            "category": "ekg",
            "issuer": {"name": "X", "abbreviation": "X"},
            "routes": [{**SRC, "summary": r["id"], "name": r["id"], **r} for r in routes],
            "fees": [{**SRC, "kind": "exam", "label": "Exam", "amount": fee}],
        }
    )


PROGRAM_ROUTE = {
    "id": "program",
    "conditions": [{**SRC, "kind": "program", "field": "ekg", "text": "an EKG program"}],
}
WORK_ROUTE = {
    "id": "work",
    "conditions": [
        {**SRC, "kind": "experience", "fields": ["ekg"], "min_months": 12, "text": "a year"}
    ],
}


def _programs(forms: list[dict[str, Any]]) -> ProgramTable:
    return ProgramTable.model_validate(
        {"programs": [{"field": "ekg", "title": "EKG", "forms": [{**SRC, **f} for f in forms]}]}
    )


def _paths(track: Track, table: ProgramTable, **profile: Any) -> PersonPath:
    person = Profile.model_validate(
        {"education": {"highest": "high_school"}, "programs": [], "experience": [], **profile}
    )
    return person_paths([track], person, DAY, table)[track.id]


def test_a_program_to_take_costs_its_months_and_tuition_plus_the_fees() -> None:
    programs = _programs(
        [
            {"id": "slow", "name": "Slow", "months_min": 6, "tuition_min": 900},
            {
                "id": "quick",
                "name": "Quick",
                "months_min": 3,
                "tuition_min": 2000,
                "tuition_max": 2500,
            },
        ]
    )
    got = _paths(_track([PROGRAM_ROUTE]), programs)
    assert got.fastest is not None and got.cheapest is not None
    assert got.fastest.program is not None and got.fastest.program.form == "quick"
    assert got.fastest.months == 3 and got.fastest.hold_month == "2027-03"
    assert (got.fastest.cost.now_min, got.fastest.cost.now_max) == (2100, 2600)
    assert got.cheapest.program is not None and got.cheapest.program.form == "slow"
    assert got.cheapest.cost.now_min == 1000 and got.cheapest.hold_month == "2027-06"
    assert got.fastest.hold_lower_bound  # no processing window in the catalog


def test_unknown_tuition_and_unknown_months_stay_unknown_never_zero() -> None:
    programs = _programs([{"id": "vague", "name": "Vague"}])
    got = _paths(_track([PROGRAM_ROUTE]), programs)
    assert got.fastest is not None
    assert got.fastest.months is None and got.fastest.hold_month is None
    assert got.fastest.cost.now_min is None and got.fastest.cost.tuition_unknown
    assert got.fastest.cost.fees == 100  # the fees alone are still known


def test_unknown_exam_fee_makes_a_free_route_unknown_not_free() -> None:
    got = _paths(_track([WORK_ROUTE], fee=None), _programs([{"id": "a", "name": "A"}]))
    assert got.cheapest is not None and got.cheapest.cost.now_min is None


def test_experience_still_to_gain_and_a_date_the_route_opens() -> None:
    programs = _programs([{"id": "a", "name": "A", "months_min": 20, "tuition_min": 1}])
    track = _track([PROGRAM_ROUTE, WORK_ROUTE])
    got = _paths(
        track,
        programs,
        experience=[{"field": "ekg", "started": "2026-06-01", "ended": None, "fte": 1.0}],
    )
    assert got.fastest is not None and got.fastest.route == "work"
    assert got.fastest.months is not None and 5.5 <= got.fastest.months <= 6.5
    assert got.fastest.hold_month == "2027-06"
    assert got.fastest.cost.now_min == 100  # no tuition on the work route


def test_a_finished_program_makes_the_person_eligible_now() -> None:
    programs = _programs([{"id": "a", "name": "A", "months_min": 3, "tuition_min": 500}])
    got = _paths(
        _track([PROGRAM_ROUTE]),
        programs,
        programs=[{"field": "ekg", "accreditation": ["none"], "completed": "2026-05-01"}],
    )
    assert got.status == "eligible"
    assert got.fastest is not None and got.fastest.months == 0 and got.fastest.program is None
    assert got.fastest.cost.now_min == 100


def _row(track: str, hold: float | None, cost: float | None) -> ComparisonRow:
    cost_model = PathCost(
        tuition_min=0,
        tuition_max=0,
        fees=cost or 0,
        fees_lower_bound=False,
        now_min=cost,
        now_max=cost,
        years=5,
        horizon_min=cost,
        horizon_max=cost,
        horizon_lower_bound=False,
    )
    path = TrackPath(
        route="r",
        route_name="r",
        months=hold,
        hold_months=hold,
        hold_month=None,
        cost=cost_model,
    )
    person = PersonPath(
        track=track, abbreviation=track, status="unknown", fastest=path, cheapest=path
    )
    base = compare_row(_track([WORK_ROUTE]))
    return base.model_copy(update={"track": track, "path": person})


def test_sorting_by_time_and_cost_puts_unknowns_last_and_says_so() -> None:
    rows = [_row("a", None, 50), _row("b", 8, None), _row("c", 2, 900)]
    assert [r.track for r in sort_rows(rows, "time")] == ["c", "b", "a"]
    assert [r.track for r in sort_rows(rows, "cost")] == ["a", "c", "b"]
    note = compare_tracks(
        [_track([WORK_ROUTE])], sort="time", paths={"ekg-x": _row("ekg-x", None, 1).path}
    ).sort_note
    assert note == "No figure for when they could hold it, so these come last: ekg-x."
    assert compare_tracks([_track([WORK_ROUTE])], sort="name").sort_note is None


def _with_windows(windows: list[dict[str, Any]]) -> Track:
    base = _track([PROGRAM_ROUTE]).model_dump(mode="json", exclude_none=True)
    return Track.model_validate({**base, "windows": [{**SRC, **w} for w in windows]})


QUICK = [{"id": "quick", "name": "Quick", "months_min": 3, "tuition_min": 900}]


def test_the_bodys_processing_time_moves_the_hold_month_and_is_cited() -> None:
    plain = _paths(_track([PROGRAM_ROUTE]), _programs(QUICK)).fastest
    windowed = _paths(
        _with_windows([{"kind": "processing", "days": 45, "text": "about six weeks"}]),
        _programs(QUICK),
    ).fastest
    assert plain is not None and windowed is not None
    assert plain.hold_month == "2027-03" and plain.hold_lower_bound
    assert windowed.hold_month == "2027-05" and not windowed.hold_lower_bound
    assert windowed.months == plain.months  # eligible as soon; holding it comes later
    (step,) = windowed.windows
    assert (step.kind, step.days, step.source) == ("processing", 45, SRC["source"])


def test_applying_before_finishing_overlaps_processing_and_a_dispute_is_kept() -> None:
    got = _paths(
        _with_windows(
            [
                {"kind": "processing", "days": 45, "text": "about six weeks"},
                {
                    "kind": "apply_before_completion",
                    "days": 30,
                    "text": "up to 30 days before finishing",
                    "disputed": True,
                },
                {"kind": "testing_period", "days": 90, "text": "test within 90 days"},
            ]
        ),
        _programs(QUICK),
    ).fastest
    assert got is not None
    # 45 days of processing less 30 applied ahead: half a month, so the month after eligibility
    assert got.hold_month == "2027-04" and not got.hold_lower_bound
    assert [w.disputed for w in got.windows] == [False, True, False]


def test_a_window_for_another_route_leaves_this_route_alone() -> None:
    track = _track([PROGRAM_ROUTE, WORK_ROUTE]).model_dump(mode="json", exclude_none=True)
    track["windows"] = [{**SRC, "kind": "processing", "days": 90, "text": "x", "routes": ["work"]}]
    got = _paths(Track.model_validate(track), _programs(QUICK)).fastest
    assert got is not None and got.route == "program"
    assert got.hold_month == "2027-03" and got.windows == []


def test_payback_is_a_range_of_weeks_when_the_path_cost_is_a_range() -> None:
    from certadvisor.guidance.compare import PayBrief, with_payback

    programs = _programs(
        [{"id": "r", "name": "R", "months_min": 2, "tuition_min": 900, "tuition_max": 2500}]
    )
    person = _paths(_track([PROGRAM_ROUTE]), programs)
    pay = PayBrief(soc="0", title="T", state="WA", median=52_000)  # $1,000 a week
    got = with_payback(pay, person)
    assert (got.payback_weeks, got.payback_weeks_max) == (1.0, 2.6)  # $1,000 and $2,600
    fixed = _paths(_track([PROGRAM_ROUTE]), _programs(QUICK))
    assert with_payback(pay, fixed).payback_weeks_max is None  # one figure, not a range


def test_compare_shows_payback_as_a_range_of_weeks(run: Any) -> None:
    profile = "examples/receptionist-thinking-of-ma.yaml"
    md = run(
        "compare", "cpt-nha", "--profile", profile, "--state", "WA", "--format", "markdown"
    ).stdout
    row = next(x for x in md.splitlines() if x.startswith("| cpt-nha"))
    assert re.search(r"payback (≥ )?\d+(\.\d)?–\d+(\.\d)? wk", row), row


def test_a_credential_the_person_holds_has_no_path_to_earn_it(run: Any, tmp_path: Path) -> None:
    """A California phlebotomist who holds CPT (NHA) is not shown a path (and a fee) to earn it
    again; the other tracks keep theirs, and sorting by time does not call it unknown."""
    me = tmp_path / "me.yaml"
    me.write_text(
        "name: Ana\nstate: CA\neducation: {highest: high_school}\n"
        "experience: [{field: phlebotomy, started: 2023-06-01, fte: 1.0}]\n"
        "credentials: [{id: cpt-nha, earned: 2024-01-10}]\n"
    )
    args = ["compare", "cpt-nha", "pbt-ascp", "--profile", str(me), "--as-of", "2026-12-01"]
    data = run(*args, "--sort", "time", "--format", "json").json()["data"]
    paths = {t["track"]: t["path"] for t in data["tracks"]}
    assert paths["cpt-nha"]["held"] is True and paths["cpt-nha"]["fastest"] is None
    assert paths["cpt-nha"]["notes"] == [
        "you hold CPT since 2024-01-10: keep it up (certadvisor wallet)"
    ]
    assert paths["pbt-ascp"]["held"] is False and paths["pbt-ascp"]["fastest"] is not None
    assert "cpt-nha" not in (data["sort_note"] or "")
    markdown = run(*args, "--format", "markdown").stdout
    assert "you hold CPT since 2024-01-10: keep it up (certadvisor wallet)" in markdown
