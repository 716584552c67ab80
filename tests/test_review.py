"""`data review`: facts ranked by what a tested change of their value does to the advice."""

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from certadvisor.catalog.sources import registry_for
from certadvisor.models.catalog import Track
from certadvisor.models.profile import Cohort
from certadvisor.validation.archetypes import ARCHETYPES, archetype_profiles
from certadvisor.validation.impact import nudged
from certadvisor.validation.review import review_queue

FIXTURES = Path(__file__).parent / "fixtures" / "review"
CATALOG = FIXTURES / "impact_catalog.yaml"
AS_OF = dt.date(2026, 11, 30)


def _queue(**changes: Any) -> list[tuple[str, str, str]]:
    data = yaml.safe_load(CATALOG.read_text())
    track = data["tracks"][0]
    track.update(changes)
    people = Cohort.model_validate(
        yaml.safe_load((FIXTURES / "impact_people.yaml").read_text())
    ).profiles
    items = review_queue(
        [Track.model_validate(track)], [], AS_OF, registry_for([CATALOG]), people=people
    )
    return [(i.fact.path, i.impact, i.why) for i in items]


def test_a_threshold_that_decides_a_profile_ranks_above_a_fee_that_moves_little() -> None:
    queue = _queue()
    assert [(path, impact) for path, impact, _ in queue] == [
        ("routes[0]", "eligibility"),  # 12 months -> 14: the 13-month worker flips
        ("fees[0]", "cost"),  # nearly the whole cost
        ("renewal.cycle_months", "deadline"),
        ("routes[1]", "route"),  # no threshold; it alone makes the graduate eligible
        ("fees[1]", "minor"),  # $4 of $204, however weak and old its source
    ]
    why = dict((path, why) for path, _, why in queue)
    assert why["routes[0]"].startswith("a 20% change flips 1 of 3 profiles")
    assert "experience min_months 12 → 14.4" in why["routes[0]"]
    assert "moves the 5-year cost by 98%" in why["fees[0]"]  # $200 of $204
    assert "from 2028-11-30" in why["renewal.cycle_months"]
    assert why["routes[1]"].endswith("it alone makes 1 of 3 eligible")
    assert "by 2% (20% or less)" in why["fees[1]"]


def test_a_threshold_no_profile_is_near_does_not_flip_and_ranks_with_the_routes() -> None:
    far = {
        "id": "work",
        "name": "Work experience",
        "summary": "five years of EKG work",
        "source": "rvw-board",
        "confidence": "official",
        "conditions": [{"kind": "experience", "fields": ["ekg"], "min_months": 60}],
    }
    data = yaml.safe_load(CATALOG.read_text())
    queue = _queue(routes=[far, data["tracks"][0]["routes"][1]])
    assert queue[0][:2] == ("fees[0]", "cost")
    route = next(q for q in queue if q[0] == "routes[0]")
    assert route[1] == "route"
    assert "flips none of 3 profiles" in route[2]


def test_a_big_fee_from_a_weak_source_ranks_above_an_equal_official_one() -> None:
    fees = [
        {"kind": "exam", "label": "Exam fee", "amount": 200, "source": "rvw-board",
         "confidence": "official"},
        {"kind": "application", "label": "Application fee", "amount": 200,
         "source": "rvw-blog", "confidence": "unverified"},
    ]  # fmt: skip
    costs = [q for q in _queue(fees=fees) if q[1] == "cost"]
    assert [q[0] for q in costs] == ["fees[1]", "fees[0]"]  # equal moves: weaker first


def test_nudges_move_whole_numbers_at_least_one_unit() -> None:
    assert (nudged(2, False), nudged(2, True)) == (1, 3)
    assert (nudged(24, False), nudged(24, True)) == (19, 29)
    assert nudged(12.0, True) == 12.0 * 1.2


def test_archetypes_are_valid_profiles_dated_from_the_evaluation_day() -> None:
    people = archetype_profiles(AS_OF)
    assert len(people) >= 12
    assert all(p.as_of == AS_OF for p in people)
    later = archetype_profiles(AS_OF.replace(year=2030))
    assert later[1].programs and people[1].programs
    assert later[1].programs[0].completed == people[1].programs[0].completed.replace(year=2030)


def test_data_review_on_the_bundled_catalog_puts_tested_flips_first(run: Any) -> None:
    r = run("data", "review", "--format", "json", "--as-of", "2026-11-30")
    assert r.exit_code == 0, r.stderr
    data = r.json()["data"]
    items = data["items"]
    order = ["eligibility", "cost", "deadline", "route", "state", "minor"]
    assert [order.index(i["impact"]) for i in items] == sorted(
        order.index(i["impact"]) for i in items
    )
    assert data["counts"]["eligibility"] >= 1
    assert all(
        f"of {len(ARCHETYPES)} profiles" in i["why"] for i in items if i["impact"] == "eligibility"
    )
    assert items[0]["impact"] == "eligibility"


def test_data_review_with_a_fixture_catalog_ranks_its_threshold_first(run: Any) -> None:
    r = run("--data", str(CATALOG), "data", "review", "-f", "json", "--as-of", "2026-11-30")
    assert r.exit_code == 0, r.stderr
    mine = [i for i in r.json()["data"]["items"] if i["owner"] == "rvw-track"]
    # the built-in archetypes include an EKG worker of 13 months and an EKG graduate
    assert [(i["path"], i["impact"]) for i in mine][:3] == [
        ("routes[0]", "eligibility"),
        ("fees[0]", "cost"),
        ("renewal.cycle_months", "deadline"),
    ]
    assert mine[-1]["path"] == "fees[1]"


def test_data_review_tests_against_the_people_of_a_cohort_file(run: Any) -> None:
    people = FIXTURES / "impact_people.yaml"
    r = run(
        "--data", str(CATALOG), "data", "review", "-p", str(people), "-f", "json",
        "--as-of", "2026-11-30",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    mine = [i for i in r.json()["data"]["items"] if i["owner"] == "rvw-track"]
    assert mine[0]["path"] == "routes[0]"
    assert mine[0]["why"].startswith("a 20% change flips 1 of 3 profiles")


def test_data_review_names_a_missing_cohort_file(run: Any, tmp_path: Path) -> None:
    r = run("data", "review", "-p", str(tmp_path / "nobody.yaml"))
    assert r.exit_code != 0
    assert "nobody.yaml" in r.stderr
    assert "Traceback" not in r.stderr
