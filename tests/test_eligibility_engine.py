"""The eligibility engine on small fixture tracks: time rules, unknowns, flags, dates, notes."""

import datetime as dt
import math
from typing import Any

import pytest

from certadvisor.eligibility import (
    Assertions,
    EligibilitySummary,
    Evaluator,
    Report,
    Subject,
    evaluate_track,
    summarize,
)
from certadvisor.eligibility.facts import Span, add_months, months_between, work_done
from certadvisor.models.catalog import Track
from certadvisor.models.profile import Profile
from certadvisor.parallel import fork_map

AS_OF = dt.date(2026, 11, 26)
SRC = "https://example.org/rules"


def track(*routes: dict[str, Any], category: str = "phlebotomy", tid: str = "fix-one") -> Track:
    return Track.model_validate(
        {
            "id": tid,
            "credential": "Fixture Credential",
            "abbreviation": "FIX",
            "category": category,
            "issuer": {"name": "Fixture Board", "abbreviation": "FB"},
            "routes": [
                {"name": r["id"], "summary": r["id"], "source": SRC, "confidence": "official", **r}
                for r in routes
            ],
        }
    )


def person(**data: Any) -> Profile:
    return Profile.model_validate(data)


EXP_12_IN_36 = {
    "kind": "experience",
    "fields": ["phlebotomy"],
    "min_months": 12,
    "within_months": 36,
}
HS = {"kind": "education", "min_level": "high_school"}


# ---------------------------------------------------------------- time arithmetic


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2026, 11, 26), -12, dt.date(2025, 11, 26)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_shorter_month(
    start: dt.date, months: int, end: dt.date
) -> None:
    assert add_months(start, months) == end


def test_months_between_counts_calendar_months_with_a_fraction() -> None:
    assert months_between(dt.date(2025, 11, 26), AS_OF) == 12.0
    assert months_between(dt.date(2025, 11, 27), AS_OF) < 12.0
    assert months_between(dt.date(2026, 1, 1), dt.date(2026, 1, 16)) == pytest.approx(15 / 31)
    assert months_between(AS_OF, AS_OF) == 0.0
    assert months_between(AS_OF, dt.date(2020, 1, 1)) == 0.0


def test_overlapping_jobs_never_count_more_than_full_time() -> None:
    a = Span("phlebotomy", dt.date(2026, 1, 1), dt.date(2026, 7, 1), 1.0, True, None)
    b = Span("phlebotomy", dt.date(2026, 3, 1), dt.date(2026, 9, 1), 1.0, True, None)
    months, hours = work_done([a, b], None, AS_OF)
    assert months == pytest.approx(8.0)
    assert hours == pytest.approx(((181 + 184) * 40 / 7), rel=1e-9)


def test_part_time_jobs_add_up_and_the_window_clips_them() -> None:
    a = Span("phlebotomy", dt.date(2020, 1, 1), None, 0.5, True, None)
    b = Span("phlebotomy", dt.date(2020, 1, 1), None, 0.5, True, None)
    months, _ = work_done([a, b], dt.date(2025, 11, 26), AS_OF)
    assert months == pytest.approx(12.0)


# ---------------------------------------------------------------- conditions


def test_a_given_empty_list_is_complete_and_a_missing_key_is_unknown() -> None:
    t = track({"id": "work", "conditions": [EXP_12_IN_36]})
    assert evaluate_track(t, person(experience=[]), AS_OF).status == "not_eligible"
    assert evaluate_track(t, person(), AS_OF).status == "unknown"


def test_a_job_without_fte_counts_as_full_time_and_says_so() -> None:
    t = track({"id": "work", "conditions": [EXP_12_IN_36]})
    r = evaluate_track(
        t, person(experience=[{"field": "phlebotomy", "started": "2025-01-01"}]), AS_OF
    )
    assert r.status == "eligible"
    assert r.routes[0].conditions[0].assumption == "a job without fte was counted as full time"
    assert any("full time" in n for n in r.notes)
    given = person(experience=[{"field": "phlebotomy", "started": "2025-01-01", "fte": 1.0}])
    assert evaluate_track(t, given, AS_OF).notes == []


def test_half_time_needs_twice_as_long_and_the_opening_date_says_when() -> None:
    t = track({"id": "work", "conditions": [EXP_12_IN_36]})
    p = person(experience=[{"field": "phlebotomy", "started": "2026-05-26", "fte": 0.5}])
    r = evaluate_track(t, p, AS_OF)
    assert r.status == "not_eligible"
    assert r.missing == [
        "9 more months of full-time experience in phlebotomy within the last 3 years"
    ]
    assert r.opens_on == dt.date(2028, 5, 26)


def test_experience_that_ended_slides_out_of_the_window() -> None:
    t = track({"id": "work", "conditions": [EXP_12_IN_36]})
    p = person(experience=[{"field": "phlebotomy", "started": "2023-01-01", "ended": "2024-12-31"}])
    r = evaluate_track(t, p, AS_OF)
    assert r.status == "eligible"
    # All of 2024 lies inside the 36 months before 2027-01-01, and no longer one day later.
    assert r.closes_on == dt.date(2027, 1, 1)
    assert r.opens_on is None


def test_a_finished_job_gives_no_opening_date() -> None:
    t = track({"id": "work", "conditions": [EXP_12_IN_36]})
    p = person(experience=[{"field": "phlebotomy", "started": "2026-01-01", "ended": "2026-06-30"}])
    r = evaluate_track(t, p, AS_OF)
    assert r.status == "not_eligible"
    assert r.opens_on is None
    assert r.routes[0].opens_on is None


def test_duties_are_judged_over_the_whole_counted_history() -> None:
    cond = {**EXP_12_IN_36, "duties_all": ["clinical", "administrative"]}
    t = track({"id": "work", "conditions": [cond]})
    jobs = [
        {
            "field": "phlebotomy",
            "started": "2025-01-01",
            "ended": "2025-06-30",
            "duties": ["clinical"],
        },
        {"field": "phlebotomy", "started": "2025-07-01", "duties": ["administrative"]},
    ]
    assert evaluate_track(t, person(experience=jobs), AS_OF).status == "eligible"
    unknown = [jobs[0], {**jobs[1], "duties": None}]
    r = evaluate_track(t, person(experience=unknown), AS_OF)
    assert r.status == "unknown"
    assert r.missing == ["confirm your experience includes administrative duties"]


def test_education_level_ranges_from_the_flags() -> None:
    t = track({"id": "degree", "conditions": [{"kind": "education", "min_level": "associate"}]})
    assert evaluate_track(t, Assertions(diploma=True), AS_OF).status == "unknown"
    assert evaluate_track(t, Assertions(diploma=False), AS_OF).status == "not_eligible"
    assert evaluate_track(t, Assertions(degree="bachelor"), AS_OF).status == "eligible"
    assert evaluate_track(t, Assertions(degree="high_school"), AS_OF).status == "not_eligible"


def test_credit_hours_can_stand_in_for_a_degree() -> None:
    cond = {"kind": "education", "min_level": "associate", "or_total_semester_hours": 60}
    t = track({"id": "credit", "conditions": [cond]})
    assert (
        evaluate_track(t, person(education={"total_semester_hours": 60}), AS_OF).status
        == "eligible"
    )
    low = person(education={"highest": "high_school", "total_semester_hours": 12})
    r = evaluate_track(t, low, AS_OF)
    assert r.status == "not_eligible"
    assert "(you have 12)" in r.missing[0]
    unsure = person(education={"highest": "high_school"})
    assert evaluate_track(t, unsure, AS_OF).status == "unknown"


def test_the_program_flag_is_read_per_track() -> None:
    prog = {
        "kind": "program",
        "field": "phlebotomy",
        "accreditation": ["NAACLS"],
        "completed_within_months": 60,
    }
    old = {"kind": "program", "field": "phlebotomy", "completed_more_than_months": 12}
    army = {"kind": "program", "field": "phlebotomy", "accreditation": ["military"]}
    t = track(
        {"id": "recent", "conditions": [prog]},
        {"id": "old", "conditions": [old]},
        {"id": "army", "conditions": [army]},
    )
    r = evaluate_track(t, Assertions(program=True), AS_OF)
    statuses = {x.id: x.status for x in r.routes}
    assert statuses == {"recent": "eligible", "old": "unknown", "army": "unknown"}
    r = evaluate_track(t, Assertions(program=False, military=False), AS_OF)
    assert {x.id: x.status for x in r.routes} == {
        "recent": "not_eligible",
        "old": "not_eligible",
        "army": "not_eligible",
    }


def test_experience_months_flag_is_in_the_tracks_own_field() -> None:
    lab = {"kind": "experience", "fields": ["clinical_laboratory"], "min_months": 12}
    both = {"kind": "experience", "fields": ["phlebotomy", "clinical_laboratory"], "min_months": 12}
    t_lab = track({"id": "lab", "conditions": [lab]}, category="laboratory", tid="fix-lab")
    t_both = track({"id": "both", "conditions": [both]}, category="phlebotomy", tid="fix-both")
    flags = Assertions(experience_months=6)
    assert evaluate_track(t_lab, flags, AS_OF).status == "not_eligible"
    # Phlebotomy is known (6 months) but laboratory work is not asked: it could make up the rest.
    assert evaluate_track(t_both, flags, AS_OF).status == "unknown"
    assert evaluate_track(t_both, Assertions(experience_months=12), AS_OF).status == "eligible"


def test_credential_flags_never_say_what_is_not_held() -> None:
    t = track({"id": "holder", "conditions": [{"kind": "credential", "any_of": ["fix-two"]}]})
    assert evaluate_track(t, Assertions(credentials=("fix-three",)), AS_OF).status == "unknown"
    assert evaluate_track(t, Assertions(credentials=("fix-two",)), AS_OF).status == "eligible"
    assert evaluate_track(t, person(credentials=[]), AS_OF).status == "not_eligible"


def test_a_program_still_under_way_counts_only_where_students_may_apply() -> None:
    student_ok = {"kind": "program", "field": "phlebotomy", "enrolled_ok": True}
    graduates = {"kind": "program", "field": "phlebotomy"}
    t = track({"id": "s", "conditions": [student_ok]}, {"id": "g", "conditions": [graduates]})
    p = person(programs=[{"field": "phlebotomy", "completed": "2027-03-01"}])
    r = evaluate_track(t, p, AS_OF)
    assert [x.status for x in r.routes] == ["eligible", "not_eligible"]
    assert r.routes[1].missing == ["finish your phlebotomy program (expected 2027-03-01)"]
    assert r.routes[1].opens_on == dt.date(2027, 3, 1)


def test_military_training_counts_from_the_flag_or_a_military_program() -> None:
    t = track({"id": "army", "conditions": [{"kind": "military"}]})
    assert evaluate_track(t, person(military=True), AS_OF).status == "eligible"
    army = person(programs=[{"field": "phlebotomy", "accreditation": ["military"]}])
    assert evaluate_track(t, army, AS_OF).status == "eligible"
    assert evaluate_track(t, person(military=False), AS_OF).status == "not_eligible"
    assert evaluate_track(t, person(), AS_OF).status == "unknown"


# ---------------------------------------------------------------- routes and tracks


def test_documentation_notes_never_make_a_route_unknown() -> None:
    t = track({"id": "r", "conditions": [HS], "notes": ["Good moral character."]})
    r = evaluate_track(t, person(education={"highest": "high_school"}), AS_OF)
    assert r.status == "eligible"
    assert r.routes[0].notes == ["Good moral character."]


def test_unverified_routes_are_flagged_in_plain_words() -> None:
    shaky = {"id": "shaky", "conditions": [HS], "confidence": "unverified"}
    solid = {"id": "solid", "conditions": [HS]}
    hs = person(education={"highest": "high_school"})
    r = evaluate_track(track(shaky), hs, AS_OF)
    assert r.unverified and r.routes[0].unverified
    assert "unverified" in r.notes[0] and "FB" in r.notes[0]
    both = evaluate_track(track(shaky, solid), hs, AS_OF)
    assert both.route == "shaky"
    assert not both.unverified, "an official route also makes the person eligible"
    cond = {**HS, "confidence": "unverified", "source": "https://example.org/blog"}
    r = evaluate_track(track({"id": "c", "conditions": [cond]}), hs, AS_OF)
    assert r.unverified and r.routes[0].conditions[0].unverified
    assert r.routes[0].conditions[0].source == "https://example.org/blog"


def test_closest_route_is_the_least_time_still_needed() -> None:
    prog = {"kind": "program", "field": "phlebotomy"}
    sticks = {"kind": "procedures", "minimums": {"venipunctures": 30}}
    t = track(
        {"id": "program", "conditions": [prog]},
        {"id": "sticks", "conditions": [sticks]},
        {"id": "wait", "conditions": [EXP_12_IN_36]},
    )
    # Six more months of work is further than twenty documented sticks.
    p = person(
        programs=[],
        procedures={"venipunctures": 10},
        experience=[{"field": "phlebotomy", "started": "2026-06-01", "fte": 1}],
    )
    r = evaluate_track(t, p, AS_OF)
    assert r.status == "not_eligible"
    assert r.closest == "sticks"
    assert r.missing == ["30 venipunctures documented, 10 given: 20 more"]
    assert r.opens_on == dt.date(2027, 6, 1)
    assert r.closest_reason and "sticks needs the least estimated time" in r.closest_reason
    # One month of work left is closer than the sticks.
    p = person(
        programs=[],
        procedures={"venipunctures": 10},
        experience=[{"field": "phlebotomy", "started": "2025-12-20", "fte": 1}],
    )
    r = evaluate_track(t, p, AS_OF)
    assert r.closest == "wait"
    assert r.months_needed is not None and r.months_needed < 1


def test_a_renewal_route_is_never_closest_for_someone_not_known_to_hold_it() -> None:
    renew = {"kind": "credential", "any_of": ["fix-one"]}
    prog = {"kind": "program", "field": "phlebotomy"}
    t = track({"id": "renew", "conditions": [renew]}, {"id": "program", "conditions": [prog]})
    r = evaluate_track(t, person(programs=[]), AS_OF)
    assert r.closest == "program"
    assert r.closest_reason and "renew is for renewing FIX holders" in r.closest_reason


def test_an_unknown_never_beats_a_known_smaller_gap() -> None:
    other = {"kind": "credential", "any_of": ["fix-other"]}
    t = track(
        {"id": "holder", "conditions": [other]},
        {"id": "work", "conditions": [EXP_12_IN_36]},
    )
    p = person(experience=[{"field": "phlebotomy", "started": "2026-03-01", "fte": 1}])
    r = evaluate_track(t, p, AS_OF)
    assert r.closest == "work", "credentials unknown: holding one is no known shortcut"
    assert r.months_needed == r.months_needed_max and (r.months_needed or 0) > 0
    assert "may be quicker" not in (r.closest_reason or ""), "no hope pinned on a credential"


def test_a_track_without_routes_is_unknown() -> None:
    r = evaluate_track(track(), person(), AS_OF)
    assert (r.status, r.route, r.closest, r.missing) == ("unknown", None, None, [])


def test_briefs_agree_with_full_results() -> None:
    t1 = track({"id": "work", "conditions": [HS, EXP_12_IN_36]}, tid="fix-a")
    t2 = track({"id": "p", "conditions": [{"kind": "program", "field": "phlebotomy"}]}, tid="fix-b")
    ev = Evaluator([t1, t2])
    people = [
        person(),
        person(education={"highest": "none"}, experience=[]),
        person(
            education={"highest": "high_school"},
            experience=[{"field": "phlebotomy", "started": "2026-01-01"}],
        ),
        Assertions(diploma=True, experience_months=13, program=False),
    ]
    for p in people:
        full = [
            (r.track, r.status, r.route, r.closest, tuple(r.missing), r.unverified)
            for r in ev.results(p, AS_OF)
        ]
        fast = [
            (b.track, b.status, b.route, b.closest, b.missing, b.unverified)
            for b in ev.briefs(p, AS_OF)
        ]
        assert fast == full


def test_a_big_cohort_split_over_processes_gives_the_same_answer(monkeypatch: Any) -> None:
    t = track({"id": "work", "conditions": [HS, EXP_12_IN_36]})
    entries = [
        {
            "education": {"highest": "high_school"},
            "experience": [{"field": "phlebotomy", "started": f"20{10 + i % 16}-01-01"}],
        }
        for i in range(40)
    ]
    entries[7] = {"experience": [{"field": "farming", "started": "2020-01-01"}]}

    def admit(entry: dict[str, Any]) -> tuple[Subject | None, list[str]]:
        if entry["experience"][0]["field"] == "farming":
            return None, ["row 8: experience[0].field: must be one of ..."]
        return Subject(str(entries.index(entry)), None, person(**entry), AS_OF), []

    serial = Report([t], pending=entries, admit=admit)
    expected = serial.briefs()
    monkeypatch.setattr("certadvisor.eligibility.cohort.PARALLEL_MIN", 10)
    monkeypatch.setattr("certadvisor.eligibility.cohort.workers", lambda: 3)
    split = Report([t], pending=entries, admit=admit)
    assert split.briefs() == expected and len(expected) == 39
    assert (
        split.problems() == serial.problems() == ["row 8: experience[0].field: must be one of ..."]
    )
    assert split.people() == 39
    assert [p.label for p in split.results()] == [b.label for b in expected]
    assert fork_map(lambda xs: [x * 2 for x in xs], list(range(7)), 3) == [
        [0, 2, 4],
        [6, 8, 10],
        [12],
    ]
    assert fork_map(lambda xs: sum(xs), [], 2) == [0]


# ---------------------------------------------------------------- hour gaps

HOURS_1040 = {
    "kind": "experience",
    "fields": ["phlebotomy"],
    "min_hours": 1040,
    "within_months": 36,
}
YEAR_AGO = AS_OF - dt.timedelta(days=365)


def _hours_gap(fte: float, start: dt.date = YEAR_AGO) -> tuple[str, dt.date | None]:
    t = track({"id": "work", "conditions": [HOURS_1040]})
    p = person(experience=[{"field": "phlebotomy", "started": start.isoformat(), "fte": fte}])
    r = evaluate_track(t, p, AS_OF)
    assert r.status == "not_eligible"
    (gap,) = r.missing
    return gap, r.opens_on


def test_a_quarter_time_year_is_short_by_the_hours_rounded_up() -> None:
    # 365 days x 40/7 h x 0.25 = 521.43 h worked, 518.57 h short: said as 519, not 518.
    gap, opens = _hours_gap(0.25)
    assert gap == "519 more hours of phlebotomy work within the last 3 years"
    # 518.57 h at 40/7 x 0.25 h a day takes 363 days.
    assert opens == AS_OF + dt.timedelta(days=363)


@pytest.mark.parametrize(("short", "said"), [(0.0005, "1 more hour"), (519.0005, "520 more hours")])
def test_a_hair_short_is_still_a_whole_hour_more(short: float, said: str) -> None:
    fte = (1040 - short) / (365 * 40 / 7)
    gap, opens = _hours_gap(fte)
    assert gap == f"{said} of phlebotomy work within the last 3 years"
    assert opens is not None and opens > AS_OF


@pytest.mark.parametrize(
    ("fte", "back"),
    [(0.25, 1), (0.25, 365), (0.3, 30), (0.35, 200), (0.5, 200), (0.8, 100), (1.0, 1), (1.0, 181)],
)
def test_the_hour_gap_and_the_opening_date_agree(fte: float, back: int) -> None:
    start = AS_OF - dt.timedelta(days=back)
    gap, opens = _hours_gap(fte, start)
    worked = back * 40 / 7 * fte
    said = int(gap.split()[0].replace(",", ""))
    assert said - 1 < 1040 - worked <= said
    assert opens is not None
    t = track({"id": "work", "conditions": [HOURS_1040]})
    p = person(experience=[{"field": "phlebotomy", "started": start.isoformat(), "fte": fte}])
    assert evaluate_track(t, p, opens).status == "eligible"
    assert evaluate_track(t, p, opens - dt.timedelta(days=1)).status == "not_eligible"
    # the day-by-day rate reaches the shortfall on that day, not before
    per_day = 40 / 7 * fte
    assert (opens - AS_OF).days == math.ceil((1040 - worked) / per_day - 1e-9)


def test_too_little_time_in_the_window_gives_no_opening_date() -> None:
    # 0.1 x 40/7 h a day over 3 years is 626 h: 1,040 is never reached in the window;
    # a year of it is 208.57 h, so 831.43 h short, said as 832.
    gap, opens = _hours_gap(0.1)
    assert gap.startswith("832 more hours") and opens is None


def test_the_summary_is_the_same_from_the_fast_path_and_the_full_result() -> None:
    t1 = track({"id": "work", "conditions": [HS, EXP_12_IN_36]}, tid="fix-a")
    p = person(education={"highest": "high_school"}, experience=[])
    fast = summarize([t1], p, AS_OF)
    assert fast == {"fix-a": EligibilitySummary.of(evaluate_track(t1, p, AS_OF))}
    assert fast["fix-a"].status == "not_eligible" and fast["fix-a"].closest == "work"


def test_a_summary_in_json_is_its_standing_only() -> None:
    # The comparison's JSON shows it inside the track's own row: no track id, no flag.
    s = EligibilitySummary(status="eligible", route="r", missing=(), track="t", unverified=True)
    assert s.model_dump(mode="json") == {
        "status": "eligible",
        "route": "r",
        "closest": None,
        "missing": [],
        "months_needed": None,
        "months_needed_max": None,
        "closest_reason": None,
    }
