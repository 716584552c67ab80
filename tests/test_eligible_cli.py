"""`certadvisor eligible` as a user meets it: the JSON contract, csv, tables, cohorts, errors."""

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from markdown_check import check_markdown

EXAMPLES = Path(__file__).parents[1] / "examples"
AS_OF = ("--as-of", "2026-11-26")
CONTRACT_IDS = (
    "cma-aama rma-amt ccma-nha ncma-ncct mlt-ascp mls-ascp "
    "cpt-nha pbt-ascp rpt-amt ncpt-ncct cpcta-nha cet-nha"
).split()


def test_json_follows_the_contract(run: Any) -> None:
    r = run(
        "eligible",
        "--profile",
        str(EXAMPLES / "mlt-aiming-at-mls.yaml"),
        *AS_OF,
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    doc = r.json()
    assert list(doc)[:4] == ["schema_version", "command", "data_as_of", "data"]
    assert (doc["schema_version"], doc["command"]) == (1, "eligible")
    (person,) = doc["data"]["people"]
    assert person["name"] == "Priya (MLT, aiming at MLS)"
    assert [t["track"] for t in person["results"]] == CONTRACT_IDS
    for t in person["results"]:
        assert {"track", "status", "route", "routes", "missing"} <= set(t)
        assert t["status"] in ("eligible", "not_eligible", "unknown")
        assert isinstance(t["missing"], list) and all(isinstance(m, str) for m in t["missing"])
        for route in t["routes"]:
            assert {"id", "name", "status", "conditions"} <= set(route)
            assert route["source"].startswith("http")
            for c in route["conditions"]:
                assert {"text", "status", "gap"} <= set(c)
                assert c["status"] in ("met", "unmet", "unknown")
    mls = next(t for t in person["results"] if t["track"] == "mls-ascp")
    assert (mls["status"], mls["route"], mls["closest"]) == ("not_eligible", None, "route-2")
    assert mls["missing"] == ["4 more semester hours of chemistry"]
    route_4 = next(r for r in mls["routes"] if r["id"] == "route-4")
    assert route_4["opens_on"] is None, "chemistry credit is short too, not only time"
    work = next(c for c in route_4["conditions"] if c["kind"] == "experience")
    assert (work["status"], work["opens_on"]) == ("unmet", "2027-09-06")
    mlt = next(t for t in person["results"] if t["track"] == "mlt-ascp")
    assert mlt["status"] == "eligible" and mlt["missing"] == []


def test_csv_has_one_row_per_person_and_track(run: Any) -> None:
    r = run(
        "eligible",
        "cma",
        "RPT",
        "--profile",
        str(EXAMPLES / "phlebotomy-student.yaml"),
        *AS_OF,
        "--format",
        "csv",
    )
    assert r.exit_code == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0][:5] == ["name", "track", "status", "route", "missing"]
    # the tracks asked for, then the credentials of the person's state (CA) for that work
    assert [row[1] for row in rows[1:]] == ["cma-aama", "rpt-amt", "ca-cpt1", "ca-cpt2", "ca-lpt"]
    rpt = rows[2]
    assert rpt[2] == "not_eligible" and rpt[3] == ""
    assert "finish your phlebotomy program (expected 2027-03-15)" in rpt[4]
    assert "50 venipunctures documented, 25 given: 25 more" in rpt[4]
    assert "10 capillary sticks documented, 8 given: 2 more" in rpt[4]


def test_a_cohort_with_a_bad_row_prints_the_others_and_exits_3(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "cohort.csv"
    r = run(
        "eligible",
        "--profile",
        str(EXAMPLES / "counselor-cohort-one-bad-row.csv"),
        *AS_OF,
        "-o",
        str(out),
    )
    assert r.exit_code == 3
    rows = list(csv.DictReader(out.open()))
    (bad,) = [row for row in rows if row["status"] == "invalid"]
    assert bad["name"].startswith("Kim") and "is before started" in bad["missing"]
    rows = [row for row in rows if row["status"] != "invalid"]
    assert sorted({row["name"] for row in rows}) == ["Ana", "Ben", "Chloe", "Dev", "Eli"]
    assert len(rows) == 5 * 12
    assert "row 7 (Kim" in r.stderr and "experience.0: ended (2024-06-01) is before" in r.stderr
    assert "5 valid people were evaluated" in r.stderr
    ana = {row["track"]: row for row in rows if row["name"] == "Ana"}
    assert ana["cma-aama"]["status"] == "eligible" and ana["cma-aama"]["route"] == "category-1"
    eli = {row["track"]: row for row in rows if row["name"] == "Eli"}
    assert eli["rma-amt"]["route"] == "work-experience"  # 'RMA' credential id resolved too


def test_a_yaml_cohort_with_a_bad_person_as_json(run: Any) -> None:
    r = run(
        "eligible",
        "ncpt",
        "--profile",
        str(EXAMPLES / "counselor-cohort.yaml"),
        *AS_OF,
        "--format",
        "json",
    )
    assert r.exit_code == 3
    people = r.json()["data"]["people"]
    assert [p["name"] for p in people] == ["Ana", "Ben", "Chloe", "Dev"]
    # Dev says only `military: true`: NCPT's military route wants phlebotomy training within
    # 5 years, so it stays unknown and asks for the field.
    assert [p["results"][0]["status"] for p in people] == [
        "unknown",
        "eligible",
        "unknown",
        "unknown",
    ]
    (military,) = [r for r in people[3]["results"][0]["routes"] if r["id"] == "military"]
    assert military["missing"] == ["confirm your military training was in phlebotomy"]
    assert "profiles[4] (Kim): experience[0]: ended" in r.stderr


def test_the_single_person_table_reads_without_colour(run: Any, monkeypatch: Any) -> None:
    for width in ("80", "160"):
        monkeypatch.setenv("COLUMNS", width)
        r = run(
            "eligible",
            "cma",
            "ccma",
            "--profile",
            str(EXAMPLES / "receptionist-thinking-of-ma.yaml"),
            *AS_OF,
            "--explain",
        )
        assert r.exit_code == 0, r.stderr
        assert "\x1b[" not in r.stdout
        # Source URLs stay whole (soft-wrapped) so they can be copied; everything else fits.
        long = [x for x in r.stdout.splitlines() if len(x) > int(width) and "https://" not in x]
        assert long == []
        assert "✗ not eligible" in r.stdout and "✓ eligible" in r.stdout
        assert "Still needed (closest route category-1):" in r.stdout
        assert "complete a CAAHEP- or ABHES-accredited medical assisting program" in r.stdout
        assert "Confirm:" in r.stdout and "● [1]" in r.stdout
        assert "Sources" in r.stdout and "https://" in r.stdout


def test_the_table_gives_the_dates(run: Any, tmp_path: Path) -> None:
    me = tmp_path / "me.yaml"
    me.write_text(
        "programs: [{field: medical_assisting, accreditation: [CAAHEP], completed: 2023-08-01}]\n"
    )
    r = run("eligible", "rma", "--profile", str(me), *AS_OF)
    assert "Your program counts for RMA (AMT) until 2027-08-01" in r.stdout
    # (CPCT/A's work rule rests on an unverified source, so it stays "to confirm"; PBT's does not)
    r = run("eligible", "pbt", "--diploma", "--no-program", "--experience-months", "4", *AS_OF)
    assert "route experience opens on 2027-07-26" in r.stdout
    assert "8 more months of full-time experience" in r.stdout


def test_the_cohort_table_is_a_matrix_with_a_summary(run: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = run("eligible", "--profile", str(EXAMPLES / "counselor-cohort-one-bad-row.csv"), *AS_OF)
    assert r.exit_code == 3
    lines = r.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(line for line in lines if "Person" in line)
    for short in ("CMA", "RMA", "CCMA", "MLS", "CPT", "NCPT", "CET"):
        assert short in header.split()
    assert "Per track" in r.stdout and "CET cet-nha" in r.stdout


def test_markdown_for_handouts(run: Any) -> None:
    args = (
        "eligible",
        "--profile",
        str(EXAMPLES / "phlebotomy-student.yaml"),
        *AS_OF,
        "--format",
        "markdown",
    )
    r = run(*args)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("# Certification eligibility")
    tables = check_markdown(r.stdout)
    assert tables[0].header == ["Track", "Status", "Route", "Source", "Still needed", "Confirm"]
    assert len(tables[0].rows) == 12
    assert "- [ ] " in r.stdout and "- [x] " in r.stdout
    assert "## Sources" in r.stdout and re.search(r"^1\. .*<https://", r.stdout, re.M)
    assert run(*args).stdout == r.stdout


def test_state_notes_are_added(run: Any) -> None:
    r = run("eligible", "cpt-nha", "--diploma", "--state", "ca", *AS_OF, "--format", "json")
    assert r.exit_code == 0
    (state,) = r.json()["data"]["states"]
    assert state["code"] == "CA" and state["notes"]
    assert all("phlebotomy" in n["categories"] or "cpt-nha" in n["tracks"] for n in state["notes"])
    r = run("eligible", "cpt-nha", "--diploma", "--state", "CA", *AS_OF)
    assert "State rules: California (CA)" in r.stdout
    r = run(
        "eligible",
        "--profile",
        str(EXAMPLES / "mlt-aiming-at-mls.yaml"),
        "mls",
        *AS_OF,
        "--format",
        "json",
    )
    assert r.json()["data"]["states"][0]["code"] == "TX"


def test_output_file_format_from_its_suffix(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "me.json"
    r = run("eligible", "cet", "--diploma", "--program", *AS_OF, "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    assert "saved to" in r.stderr
    doc = json.loads(out.read_text())
    assert doc["data"]["people"][0]["name"] is None
    assert doc["data"]["people"][0]["results"][0]["track"] == "cet-nha"


def test_no_flags_says_everything_is_unknown(run: Any) -> None:
    r = run("eligible", "cma", *AS_OF, "--format", "csv")
    assert r.exit_code == 0
    assert "every condition is unknown" in r.stderr
    assert list(csv.reader(io.StringIO(r.stdout)))[1][2] == "unknown"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--degree", "phd"), "--degree"),
        (("--as-of", "2026-02-30"), "--as-of"),
        (("--as-of", "soon"), "--as-of"),
        (("--experience-months", "-1"), "--experience-months"),
        (("--experience-months", "many"), "--experience-months"),
        (("--profile", "x.yaml", "--diploma"), "cannot be combined"),
        (("--credential", "NOPE"), "--credential"),
        (("--credential", "CPT"), "ambiguous"),
        (("--state", "ZZ"), "state"),
        (("--no-diploma", "--degree", "bachelor"), "--no-diploma contradicts --degree bachelor"),
        (("--diploma", "--degree", "none"), "--diploma contradicts --degree none"),
        (("--degree", "NONE", "--diploma"), "--diploma contradicts --degree none"),
        (("--format", "ics"), "--format"),
        (("--diploma", "--bogus"), "--bogus"),
    ],
)
def test_bad_flags_are_usage_errors(run: Any, args: tuple[str, ...], needle: str) -> None:
    r = run("eligible", "cma", *args)
    assert r.exit_code == 2, r.stderr
    assert needle in r.stderr
    assert r.stdout == ""
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("track", ["cmaa", "CPT"])
def test_unknown_or_ambiguous_tracks_are_domain_errors(run: Any, track: str) -> None:
    r = run("eligible", track, "--diploma")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert "cma-aama" in r.stderr or "cpt-nha" in r.stderr


def test_an_unreadable_profile_is_invalid_input(run: Any, tmp_path: Path) -> None:
    assert run("eligible", "--profile", str(tmp_path / "missing.yaml")).exit_code == 3
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n")
    r = run("eligible", "--profile", str(broken))
    assert r.exit_code == 3 and "YAML syntax error" in r.stderr and r.stdout == ""
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Mo\nexperience: [{field: farming, started: 2020-01-01}]\n")
    r = run("eligible", "--profile", str(bad), "--format", "json")
    assert r.exit_code == 3
    assert r.stdout == "", "one person's invalid file is an invalid file, like a syntax error"
    assert "bad.yaml:2:15: experience[0].field: must be one of" in r.stderr


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("receptionist-thinking-of-ma.yaml", 0),
        ("phlebotomy-student.yaml", 0),
        ("mlt-aiming-at-mls.yaml", 0),
        ("counselor-cohort.yaml", 3),
        ("counselor-cohort-one-bad-row.csv", 3),
    ],
)
def test_examples_validate_as_documented(run: Any, name: str, code: int) -> None:
    r = run("data", "validate", str(EXAMPLES / name))
    assert r.exit_code == code, r.stderr
    if code:
        assert "deliberately" in (EXAMPLES / name).read_text() or "bad" in name


def test_profile_schema_is_printed(run: Any) -> None:
    r = run("data", "schema", "profile")
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert "Profile" in schema["$defs"]


def test_a_cohort_where_nobody_is_valid(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,experience.0.field,experience.0.started\nAl,farming,2020-01-01\n")
    for fmt in ("table", "csv", "json", "markdown"):
        r = run("eligible", "--profile", str(bad), "--format", fmt)
        assert r.exit_code == 3, (fmt, r.stderr)
        assert "row 2 (Al): experience.0.field: must be one of" in r.stderr
        assert "0 valid people were evaluated" in r.stderr
        assert "Traceback" not in r.stderr


def test_the_diploma_contradictions_are_one_line_naming_both_flags(run: Any) -> None:
    for args in (("--degree", "none", "--diploma"), ("--degree", "bachelor", "--no-diploma")):
        r = run("eligible", "ccma", *args)
        assert r.exit_code == 2, args
        (line,) = r.stderr.splitlines()
        assert "--degree" in line and "diploma" in line
    assert run("eligible", "ccma", "--degree", "none", "--no-diploma").exit_code == 0
    assert run("eligible", "ccma", "--degree", "associate", "--diploma").exit_code == 0


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_one_invalid_person_is_one_plain_error_not_a_cohort_tally(
    run: Any, tmp_path: Path, fmt: str
) -> None:
    bad = tmp_path / "me.yaml"
    bad.write_text("name: Mo\neducaton:\n  highest: high_school\n")
    r = run("eligible", "--profile", str(bad), "cma-aama", "--format", fmt)
    assert r.exit_code == 3
    assert r.stdout == ""
    first, hint = r.stderr.splitlines()
    assert first == f"Error: {bad}:2:1: educaton: is not a known key (check the spelling)"
    assert "valid people" not in r.stderr and "problem(s)" not in r.stderr
    assert hint.startswith("Fix it")


def test_a_one_person_cohort_keeps_the_cohort_wording(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text("profiles:\n  - name: Mo\n    educaton: {highest: high_school}\n")
    r = run("eligible", "--profile", str(bad), "cma-aama")
    assert r.exit_code == 3
    assert "c.yaml:3:5: profiles[0] (Mo): educaton: is not a known key" in r.stderr
    assert "1 problem in" in r.stderr and "0 valid people were evaluated" in r.stderr


def _documented_commands() -> list[Any]:
    out = []
    for path in sorted(EXAMPLES.iterdir()):
        text = path.read_text()
        for line in text.splitlines():
            words = line.lstrip("# ").split()
            if line.startswith("#") and words[:1] == ["certadvisor"]:
                out.append(
                    pytest.param(path.name, words[1:], 3 if "exits 3" in text else 0, id=path.stem)
                )
    return out


def test_every_example_documents_a_command() -> None:
    documented = {p.values[0] for p in _documented_commands()}
    assert documented == {p.name for p in EXAMPLES.glob("*.yaml")}


@pytest.mark.parametrize(("name", "args", "code"), _documented_commands())
def test_the_commands_written_in_the_examples_run(
    run: Any, tmp_path: Path, monkeypatch: Any, name: str, args: list[str], code: int
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    args = [str(tmp_path / a) if i and args[i - 1] == "-o" else a for i, a in enumerate(args)]
    r = run(*args)
    assert r.exit_code == code, (name, r.stderr)
    assert "ambiguous" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name: X\nbirth_date: 2001-02-29\n", "d.yaml:2:1: birth_date: must be a real date"),
        (
            "name: X\nprograms:\n  - field: phlebotomy\n    completed: 2026-02-30\n",
            "d.yaml:4:5: programs[0].completed: must be a real date",
        ),
        ("as_of: 2026-13-01\n", "d.yaml:1:1: as_of: must be a real date"),
    ],
)
def test_an_impossible_date_in_one_profile_is_named(
    run: Any, tmp_path: Path, text: str, where: str
) -> None:
    path = tmp_path / "d.yaml"
    path.write_text(text)
    r = run("eligible", "--profile", str(path), "cma-aama")
    assert r.exit_code == 3, r.stderr
    assert r.stdout == ""
    assert where in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 2


def test_an_impossible_date_in_a_cohort_spares_the_others(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "profiles:\n"
        "  - name: Ana\n"
        "    birth_date: 2001-02-29\n"
        "  - name: Ben\n"
        "    as_of: 2026-11-26\n"
        "    education: {highest: high_school}\n"
        "    credentials: [{id: cma-aama, earned: 2024-01-01}]\n"
        "  - name: Cy\n"
        "    programs: [{field: phlebotomy, completed: 2026-02-30}]\n"
        "  - name: Di\n"
        "    birth_date: 2000-02-29\n"
    )
    r = run("eligible", "--profile", str(path), "cma-aama", "--format", "json")
    assert r.exit_code == 3
    people = r.json()["data"]["people"]
    assert [p["name"] for p in people] == ["Ben", "Di"]
    assert people[0]["results"][0]["status"] == "eligible"
    assert "c.yaml:3:5: profiles[0] (Ana): birth_date: must be a real date" in r.stderr
    assert "c.yaml:9:" in r.stderr and "profiles[2] (Cy): programs[0].completed:" in r.stderr
    assert "2 problems" in r.stderr and "2 valid people were evaluated" in r.stderr


def test_many_tracks_print_the_matrix_and_the_line_that_matters(run: Any) -> None:
    r = run("eligible", "--diploma", "--program", *AS_OF)
    assert r.exit_code == 0, r.stderr
    assert "Eligible now: CMA (AAMA)" in r.stdout
    assert "Route by route: add --explain (or name one track)." in r.stdout
    assert "Category 1:" not in r.stdout, "no route trees without --explain"
    assert len(r.stdout.splitlines()) < 110
    full = run("eligible", "--diploma", "--program", *AS_OF, "--explain")
    assert "Category 1:" in full.stdout and "Confirm: " in full.stdout


def test_a_clinical_credential_is_not_eligible_on_administrative_work_alone(run: Any) -> None:
    r = run(
        "eligible",
        "ccma",
        "--profile",
        str(EXAMPLES / "receptionist-thinking-of-ma.yaml"),
        *AS_OF,
        "--format",
        "json",
    )
    (ccma,) = r.json()["data"]["people"][0]["results"]
    assert ccma["status"] == "unknown"
    assert ccma["missing"][0].startswith("confirm your work included clinical duties")


def test_nobody_is_dropped_from_the_handout_or_the_json(run: Any) -> None:
    cohort = str(EXAMPLES / "counselor-cohort-one-bad-row.csv")
    md = run("eligible", "cma", "--profile", cohort, *AS_OF, "--format", "markdown")
    assert md.exit_code == 3
    assert "## Not evaluated: invalid entries" in md.stdout and "row 7, Kim" in md.stdout
    js = run("eligible", "cma", "--profile", cohort, *AS_OF, "--format", "json")
    assert js.exit_code == 3
    (bad,) = js.json()["data"]["invalid"]
    assert bad["row"] == 7 and bad["name"].startswith("Kim")
    assert any("is before started" in e for e in bad["errors"])


def test_two_people_of_one_name_are_warned_about(run: Any, tmp_path: Path) -> None:
    f = tmp_path / "c.yaml"
    f.write_text("profiles:\n  - name: Ana\n  - name: ana\n  - name: ANA\n  - name: Bo\n")
    r = run("eligible", "cma", "--profile", str(f), *AS_OF)
    assert r.exit_code == 0
    assert r.stderr.count("Warning:") == 1  # once for the name, not once per repeat
    assert "Warning: 3 people are named 'Ana'; tell them apart." in r.stderr


def test_person_picks_one_person_of_a_cohort(run: Any) -> None:
    cohort = str(EXAMPLES / "counselor-cohort.yaml")
    whole = run("eligible", "--profile", cohort, "--format", "json").json()["data"]["people"]
    one = run("eligible", "--profile", cohort, "--person", "chloe", "--format", "json")
    assert one.exit_code == 0, one.stderr  # the bad person of the file is not the one asked for
    (chloe,) = one.json()["data"]["people"]
    assert chloe == next(p for p in whole if p["name"] == "Chloe")
    table = run("eligible", "--profile", cohort, "--person", "Chloe").stdout
    assert table.startswith("Eligibility of Chloe on ")
    missing = run("eligible", "--profile", cohort, "--person", "Zed")
    assert missing.exit_code == 2
    assert "no valid person named 'Zed'" in missing.stderr and "Ana, Ben, Chloe" in missing.stderr
    alone = run("eligible", "--person", "Chloe")
    assert alone.exit_code == 2 and "give --profile" in alone.stderr


def test_an_mlt_aiming_at_mls_is_told_the_mlt_is_held_and_pointed_at_the_mls(run: Any) -> None:
    # Priya holds MLT(ASCP) since 2022: her counselor reads "held", never "apply when ready"
    # for it, and the line that matters names the MLS, not the credential she already has.
    priya = str(EXAMPLES / "mlt-aiming-at-mls.yaml")
    table = run("eligible", "mls", "mlt", "--profile", priya, *AS_OF)
    assert table.exit_code == 0, table.stderr
    mlt = next(line for line in table.stdout.splitlines() if "mlt-ascp" in line)
    assert "held (earned 2022-08-15)" in mlt and "apply when ready" not in table.stdout
    assert "Eligible now: MLT" not in table.stdout
    assert "Closest: MLS(ASCP)" in table.stdout
    md = run("eligible", "mls", "mlt", "--profile", priya, *AS_OF, "--format", "markdown")
    row = next(line for line in md.stdout.splitlines() if "(`mlt-ascp`)" in line)
    assert "held (earned 2022-08-15)" in row
    assert "**Closest: MLS(ASCP)" in md.stdout
    # the status itself is the engine's and stays in the JSON as it was
    js = run("eligible", "mls", "mlt", "--profile", priya, *AS_OF, "--format", "json").json()
    statuses = {t["track"]: t["status"] for t in js["data"]["people"][0]["results"]}
    assert statuses["mlt-ascp"] == "eligible"


def test_a_credential_given_as_a_flag_is_held_too(run: Any) -> None:
    result = run("eligible", "mlt", "--credential", "mlt-ascp", "--degree", "associate", *AS_OF)
    assert result.exit_code == 0, result.stderr
    assert "held" in result.stdout and "apply when ready" not in result.stdout


def test_priyas_report_marks_the_mlt_held_and_asks_her_to_confirm_nothing_for_it(
    run: Any,
) -> None:
    priya = str(EXAMPLES / "mlt-aiming-at-mls.yaml")
    result = run(
        "report", "--profile", priya, "--goal", "laboratory", *AS_OF, "--format", "markdown"
    )
    assert result.exit_code == 0, result.stderr
    assert "| MLT(ASCP) (mlt-ascp) | eligible ?, held |" in result.stdout
    assert "- MLT(ASCP): Rests on unverified information" not in result.stdout
    assert "- MLS(ASCP): Rests on unverified information" in result.stdout
