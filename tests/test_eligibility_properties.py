"""Invariants of eligibility over generated people and the bundled catalog (Hypothesis)."""

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certadvisor.eligibility import Evaluator
from certadvisor.models.catalog import Catalog
from certadvisor.models.profile import Profile
from certadvisor.models.vocab import (
    Accreditation,
    Duty,
    EducationLevel,
    ExperienceField,
    Procedure,
    ProgramField,
)

AS_OF = dt.date(2026, 11, 26)
TRACKS = Catalog.model_validate(
    yaml.safe_load((Path(__file__).parents[1] / "data" / "tracks.yaml").read_text())
).tracks
EVALUATOR = Evaluator(TRACKS)
TRACK_IDS = [t.id for t in TRACKS]
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

days = st.dates(min_value=dt.date(2008, 1, 1), max_value=dt.date(2027, 6, 1))


@st.composite
def jobs(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(days)
    end = draw(st.none() | st.dates(min_value=start, max_value=dt.date(2027, 6, 1)))
    return {
        "field": draw(st.sampled_from(list(ExperienceField))),
        "started": start,
        "ended": end,
        "fte": draw(st.none() | st.sampled_from([0.25, 0.5, 0.75, 1.0])),
        "duties": draw(st.none() | st.lists(st.sampled_from(list(Duty)), max_size=7, unique=True)),
    }


programs = st.fixed_dictionaries(
    {"field": st.sampled_from(list(ProgramField))},
    optional={
        "accreditation": st.lists(st.sampled_from(list(Accreditation)), max_size=2, unique=True),
        "completed": days,
        "contact_hours": st.integers(0, 1200),
        "practicum_hours": st.integers(0, 300),
    },
)
credentials = st.fixed_dictionaries({"id": st.sampled_from(TRACK_IDS)})
people = st.fixed_dictionaries(
    {},
    optional={
        "birth_date": st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2012, 1, 1)),
        "education": st.fixed_dictionaries(
            {},
            optional={
                "highest": st.sampled_from(list(EducationLevel)),
                "total_semester_hours": st.integers(0, 150),
                "semester_hours": st.fixed_dictionaries(
                    {}, optional={"chemistry": st.integers(0, 30), "biology": st.integers(0, 30)}
                ),
            },
        ),
        "programs": st.lists(programs, max_size=3),
        "experience": st.lists(jobs(), max_size=3),
        "procedures": st.dictionaries(st.sampled_from(list(Procedure)), st.integers(0, 80)),
        "credentials": st.lists(credentials, max_size=2),
        "military": st.booleans(),
    },
)


def _statuses(data: dict[str, Any]) -> dict[str, str]:
    return {b.track: b.status for b in EVALUATOR.briefs(Profile.model_validate(data), AS_OF)}


def _never_lost(before: dict[str, str], after: dict[str, str]) -> None:
    for track, status in before.items():
        if status == "eligible":
            assert after[track] == "eligible", track


@FAST
@given(people, jobs())
def test_more_experience_never_makes_anyone_less_eligible(
    data: dict[str, Any], job: dict[str, Any]
) -> None:
    more = {**data, "experience": [*data.get("experience", []), job]}
    if "experience" not in data:
        more["experience"] = [job]
    _never_lost(_statuses(data), _statuses(more))


@FAST
@given(people, st.sampled_from(TRACK_IDS))
def test_another_credential_never_makes_anyone_less_eligible(
    data: dict[str, Any], extra: str
) -> None:
    more = {**data, "credentials": [*data.get("credentials", []), {"id": extra}]}
    _never_lost(_statuses(data), _statuses(more))


@FAST
@given(people, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_list_order(data: dict[str, Any], rnd: Any) -> None:
    shuffled = dict(data)
    for key in ("programs", "experience", "credentials"):
        if key in data:
            items = list(data[key])
            rnd.shuffle(items)
            shuffled[key] = items
    first = EVALUATOR.results(Profile.model_validate(data), AS_OF)
    second = EVALUATOR.results(Profile.model_validate(shuffled), AS_OF)
    assert [r.model_dump() for r in first] == [r.model_dump() for r in second]


@FAST
@given(people)
def test_the_fast_summary_agrees_with_the_full_result(data: dict[str, Any]) -> None:
    profile = Profile.model_validate(data)
    full = [
        (r.track, r.status, r.route, r.closest, tuple(r.missing), r.unverified)
        for r in EVALUATOR.results(profile, AS_OF)
    ]
    fast = [
        (b.track, b.status, b.route, b.closest, b.missing, b.unverified)
        for b in EVALUATOR.briefs(profile, AS_OF)
    ]
    assert fast == full


@FAST
@given(people)
def test_statuses_follow_the_three_valued_rules(data: dict[str, Any]) -> None:
    for r in EVALUATOR.results(Profile.model_validate(data), AS_OF):
        for route in r.routes:
            conds = [c.status for c in route.conditions]
            want = (
                "not_eligible"
                if "unmet" in conds
                else "unknown"
                if "unknown" in conds
                else "eligible"
            )
            assert route.status == want
            assert all((c.gap is None) == (c.status == "met") for c in route.conditions)
        routes = [x.status for x in r.routes]
        if "eligible" in routes:
            assert (r.status, r.route) == (
                "eligible",
                routes and r.routes[routes.index("eligible")].id,
            )
            assert r.missing == []
        elif routes and all(s == "not_eligible" for s in routes):
            assert r.status == "not_eligible" and r.missing
        else:
            assert r.status == "unknown"
