"""`eligible`'s shorthand flags that say what they mean: --program FIELD, --age, --birth-date,
--duties, --military FIELD[:DATE], and --blank-means-none for a CSV cohort."""

from pathlib import Path
from typing import Any

import pytest

AS_OF = ("--as-of", "2026-11-30")


def _results(r: Any) -> dict[str, Any]:
    assert r.exit_code == 0, r.stderr
    (person,) = r.json()["data"]["people"]
    return {t["track"]: t for t in person["results"]}


def _route(track: dict[str, Any], route_id: str) -> dict[str, Any]:
    (route,) = [r for r in track["routes"] if r["id"] == route_id]
    return route


def test_program_field_counts_only_for_that_fields_tracks(run: Any) -> None:
    r = run(
        "eligible",
        "cma-aama",
        "pbt-ascp",
        "--diploma",
        "--program",
        "phlebotomy",
        *AS_OF,
        "-f",
        "json",
    )
    got = _results(r)
    assert got["pbt-ascp"]["status"] == "eligible"
    assert got["cma-aama"]["status"] != "eligible"
    assert "program for each track" not in r.stderr
    assert not any("each track" in n for t in got.values() for n in t["notes"])


def test_program_field_accepts_a_comma_list_and_spellings(run: Any) -> None:
    r = run(
        "eligible",
        "cma-aama",
        "pbt-ascp",
        "--diploma",
        "--program",
        "Medical-Assisting,phlebotomy",
        *AS_OF,
        "-f",
        "json",
    )
    got = _results(r)
    assert got["pbt-ascp"]["status"] == "eligible"
    assert got["cma-aama"]["status"] == "eligible"


def test_bare_program_is_said_to_be_each_tracks_program(run: Any) -> None:
    r = run("eligible", "cma-aama", "pbt-ascp", "--diploma", "--program", *AS_OF, "-f", "json")
    got = _results(r)
    assert got["cma-aama"]["status"] == got["pbt-ascp"]["status"] == "eligible"
    assert "--program was taken as a program for each track checked" in r.stderr
    assert any("taken as one for each track checked" in n for n in got["cma-aama"]["notes"])


def test_bare_program_before_a_track_still_takes_the_track(run: Any) -> None:
    r = run("eligible", "--diploma", "--program", "cma-aama", *AS_OF, "-f", "json")
    assert list(_results(r)) == ["cma-aama"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--program", "laboratory"],
            "--program laboratory: a laboratory program is either mlt or mls",
        ),
        (["--no-program", "--program-field", "ekg"], "--no-program contradicts --program FIELD"),
        (["--age", "20", "--birth-date", "2000-01-01"], "give --birth-date or --age, not both"),
        (["--duties", "clinical"], "--duties describes the work of --experience-months"),
        (["--experience-months", "3", "--duties", "cooking"], "--duties cooking: not a duty"),
        (["--military", "phlebotomy:2024-13-01"], "--military phlebotomy:2024-13-01:"),
        (
            ["--no-military", "--military-field", "ekg"],
            "--no-military contradicts --military FIELD",
        ),
    ],
)
def test_bad_flag_values_are_usage_errors(run: Any, args: list[str], message: str) -> None:
    r = run("eligible", "cma-aama", *args, *AS_OF)
    assert r.exit_code == 2, r.stdout
    assert message in r.stderr
    assert "Traceback" not in r.stderr


def test_age_answers_age_conditions(run: Any) -> None:
    young = _results(run("eligible", "ccma-nha", "--age", "17", *AS_OF, "-f", "json"))
    adult = _results(run("eligible", "ccma-nha", "--age", "18", *AS_OF, "-f", "json"))
    unsaid = _results(run("eligible", "ccma-nha", "--diploma", *AS_OF, "-f", "json"))

    def age(got: dict[str, Any]) -> list[str]:
        return [
            c["status"]
            for r in got["ccma-nha"]["routes"]
            for c in r["conditions"]
            if c["kind"] == "age"
        ]

    assert set(age(adult)) == {"met"}
    assert set(age(unsaid)) == {"unknown"}
    assert "met" not in age(young)


def test_birth_date_gives_the_day_the_age_rule_opens(run: Any) -> None:
    got = _results(run("eligible", "ccma-nha", "--birth-date", "2009-01-15", *AS_OF, "-f", "json"))
    gaps = [
        c["gap"] for r in got["ccma-nha"]["routes"] for c in r["conditions"] if c["kind"] == "age"
    ]
    assert gaps and all("turn 18 (on 2027-01-15)" in (g or "") for g in gaps)


def test_administrative_duties_do_not_make_a_clinical_credential_eligible(run: Any) -> None:
    base = [
        "ccma-nha",
        "--diploma",
        "--experience-months",
        "14",
        "--age",
        "30",
        *AS_OF,
        "-f",
        "json",
    ]
    admin = _results(run("eligible", *base, "--duties", "administrative"))["ccma-nha"]
    clinical = _results(run("eligible", *base, "--duties", "clinical,administrative"))["ccma-nha"]
    assert admin["status"] == "unknown"
    assert any("clinical duties" in g for g in _route(admin, "experience")["missing"])
    assert clinical["status"] == "eligible" and clinical["route"] == "experience"


def test_military_alone_leaves_field_and_date_to_confirm(run: Any) -> None:
    got = _results(run("eligible", "rma-amt", "ncpt-ncct", "--military", *AS_OF, "-f", "json"))
    assert _route(got["ncpt-ncct"], "military")["missing"] == [
        "confirm your military training was in phlebotomy"
    ]
    assert _route(got["rma-amt"], "military")["missing"] == [
        "confirm your military training ended within the last 4 years"
    ]


def test_military_field_and_date_decide(run: Any) -> None:
    recent = _results(
        run("eligible", "ncpt-ncct", "--military", "phlebotomy:2024-05-31", *AS_OF, "-f", "json")
    )["ncpt-ncct"]
    old = _results(
        run("eligible", "ncpt-ncct", "--military", "phlebotomy:2019-05-31", *AS_OF, "-f", "json")
    )["ncpt-ncct"]
    other = _results(run("eligible", "ncpt-ncct", "--military", "ekg", *AS_OF, "-f", "json"))
    assert recent["status"] == "eligible" and recent["route"] == "military"
    assert _route(old, "military")["status"] == "not_eligible"
    assert "yours ended 2019-05-31" in _route(old, "military")["missing"][0]
    assert "yours was in EKG" in " ".join(_route(other["ncpt-ncct"], "military")["missing"])


def test_blank_means_none_for_a_csv_cohort(run: Any, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort.csv"
    cohort.write_text(
        "name,education.highest,programs.0.field,experience.0.field,experience.0.started,"
        "procedures.venipunctures,military\nNoor,high_school,,,,,\n"
        "Ravi,high_school,phlebotomy,,,,\n"
    )
    args = ["eligible", "ncpt-ncct", "--profile", str(cohort), *AS_OF, "-f", "json"]
    plain = run(*args).json()["data"]["people"]
    none = run(*args, "--blank-means-none").json()["data"]["people"]
    # Ravi's program has no completion date: under way, which NCPT's student route accepts
    assert [p["results"][0]["status"] for p in plain] == ["unknown", "eligible"]
    assert [p["results"][0]["status"] for p in none] == ["not_eligible", "eligible"]
    military = _route(none[0]["results"][0], "military")
    assert military["status"] == "not_eligible"  # an empty military cell is "no"
