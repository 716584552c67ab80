"""State credentials as tracks: listing, `show`, eligibility wording and their provenance."""

from pathlib import Path
from typing import Any

from certadvisor import catalog
from certadvisor.catalog.sources import bundled_registry
from certadvisor.paths import bundled_data_dir

CONTRACT_IDS = (
    "cma-aama rma-amt ccma-nha ncma-ncct mlt-ascp mls-ascp "
    "cpt-nha pbt-ascp rpt-amt ncpt-ncct cpcta-nha cet-nha"
).split()
STATE_IDS = {
    "ca-cpt1": "CA",
    "ca-cpt2": "CA",
    "ca-lpt": "CA",
    "ca-mlt": "CA",
    "ca-cls": "CA",
    "wa-ma-c": "WA",
    "wa-ma-r": "WA",
    "wa-ma-p": "WA",
    "nv-lab-assistant": "NV",
    "la-phlebotomist": "LA",
    "ny-clt": "NY",
    "ny-cltech": "NY",
    "fl-lab-technologist": "FL",
    "fl-lab-technician": "FL",
}
STATE_FILE = bundled_data_dir() / "state-tracks.yaml"


def test_tracks_lists_the_twelve_national_tracks_by_default(run: Any) -> None:
    r = run("tracks", "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = r.json()["data"]["tracks"]
    assert [t["id"] for t in rows] == CONTRACT_IDS
    assert {t["kind"] for t in rows} == {"national"}
    assert {t["jurisdiction"] for t in rows} == {None}


def test_tracks_state_lists_that_states_credentials_marked(run: Any) -> None:
    r = run("tracks", "--state", "ca", "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = r.json()["data"]["tracks"]
    assert {t["id"] for t in rows} == {i for i, s in STATE_IDS.items() if s == "CA"}
    assert {(t["kind"], t["jurisdiction"]) for t in rows} == {("state_credential", "CA")}
    table = run("tracks", "--state", "WA")
    assert "3 state credentials" in table.stdout and "wa-ma-c" in table.stdout


def test_tracks_state_all_with_category_and_a_bad_state(run: Any) -> None:
    r = run("tracks", "--state", "all", "--category", "laboratory", "--format", "csv")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].endswith(",jurisdiction")
    assert {line.split(",")[0] for line in lines[1:]} == {
        "ca-mlt",
        "ca-cls",
        "ny-clt",
        "ny-cltech",
        "fl-lab-technologist",
        "fl-lab-technician",
    }
    bad = run("tracks", "--state", "California")
    assert bad.exit_code == 2
    assert "invalid state" in bad.stderr


def test_every_state_credential_is_loaded_with_its_jurisdiction_and_agency() -> None:
    loaded = catalog.load()
    assert loaded.ids == CONTRACT_IDS
    assert {s.id: s.jurisdiction for s in loaded.state_summaries} == STATE_IDS
    for track_id in STATE_IDS:
        track = loaded.track(track_id)
        assert track.agency is not None and track.agency.law, track_id
        assert track.fees, track_id


def test_show_ca_cpt1_shows_the_whole_credential(run: Any) -> None:
    r = run("show", "ca-cpt1")
    assert r.exit_code == 0, r.stderr
    out = " ".join(r.stdout.split())
    for text in (
        "State credential: CA",
        "Issuing agency: California Department of Public Health, Laboratory Field Services",
        "17 CCR §1034",
        "Allows: Skin puncture and venipuncture blood collection",
        "accepts: CPT (NHA), PBT (ASCP), RPT (AMT), NCPT (NCCT)",
        "at least 40 didactic and 40 practical hours",
        "50 venipunctures and 10 skin punctures",
        "every 24 months",
        "6 contact hours per cycle",
        "CDPH application fee (estimate)",
        "Passing an approved national exam satisfies only",
    ):
        assert text in out, text
    assert "Questions" not in out  # no empty Exam table for a state credential


def test_show_markdown_and_json_of_a_state_credential(run: Any) -> None:
    md = run("show", "wa-ma-c", "--format", "markdown")
    assert md.exit_code == 0, md.stderr
    assert "State credential: WA" in md.stdout
    assert "within the last 5 years; accepts: CMA (AAMA), RMA (AMT)" in md.stdout
    doc = run("show", "wa-ma-c", "--format", "json").json()
    track = doc["data"]["track"]
    assert (track["kind"], track["jurisdiction"]) == ("state_credential", "WA")
    assert track["agency"]["name"] == "Washington State Department of Health"


def test_a_state_abbreviation_resolves_but_cpt_stays_national_and_ambiguous(run: Any) -> None:
    assert run("show", "CPT I").stdout.startswith("Certified Phlebotomy Technician I (California)")
    r = run("show", "CPT")
    assert r.exit_code == 1
    assert "cpt-nha" in r.stderr and "ca-cpt1" not in r.stderr


def test_eligible_names_the_venipunctures_still_missing(run: Any, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "as_of: 2026-11-26\n"
        "education: {highest: high_school}\n"
        "programs: [{field: phlebotomy, completed: 2025-06-01, didactic_hours: 40,"
        " practicum_hours: 40, state_approved: [CA]}]\n"
        "experience: []\n"
        "procedures: {venipunctures: 30, capillary_sticks: 10}\n"
        "credentials: [{id: cpt-nha, earned: 2025-07-01}]\n"
    )
    r = run("eligible", "--profile", str(profile), "ca-cpt1")
    assert r.exit_code == 0, r.stderr
    out = " ".join(r.stdout.split())
    assert "50 venipunctures documented, 30 given: 20 more" in out
    assert "✓ Pass an accepted exam; accepts: CPT (NHA)" in out


def test_eligible_without_tracks_still_covers_the_national_catalog(run: Any) -> None:
    r = run("eligible", "--diploma", "--format", "json", "--as-of", "2026-11-26")
    assert r.exit_code == 0, r.stderr
    (person,) = r.json()["data"]["people"]
    assert [t["track"] for t in person["results"]] == CONTRACT_IDS


def test_state_facts_are_in_data_sources_with_earned_confidences(run: Any) -> None:
    r = run("data", "sources", "--format", "json")
    assert r.exit_code == 0, r.stderr
    facts = [f for f in r.json()["data"]["facts"] if f["owner"] in STATE_IDS]
    assert {f["owner"] for f in facts} == set(STATE_IDS)
    assert all(f["source_id"] and f["read_on"] for f in facts)
    assert "official" not in {f["confidence"] for f in facts}
    gov = [f for f in facts if f["confidence"] == "government"]
    assert len(gov) > 50
    assert {f["publisher_kind"] for f in gov} == {"government"}


def test_every_source_of_the_state_file_is_registered() -> None:
    import yaml

    def sources(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["source"]] if isinstance(node.get("source"), str) else []
            return own + [s for v in node.values() for s in sources(v)]
        if isinstance(node, list):
            return [s for v in node for s in sources(v)]
        return []

    registry = bundled_registry()
    found = sources(yaml.safe_load(STATE_FILE.read_text()))
    assert len(found) > 100
    assert [s for s in found if registry.resolve(s) is None] == []


def test_an_unearned_confidence_on_a_state_condition_is_refused(run: Any, tmp_path: Path) -> None:
    text = STATE_FILE.read_text().replace(
        "source: gotestprep-phlebotomy\n            confidence: unverified",
        "source: gotestprep-phlebotomy\n            confidence: government",
        1,
    )
    path = tmp_path / "state.yaml"
    path.write_text(text)
    r = run("data", "validate", str(path))
    assert r.exit_code == 3
    assert "gotestprep-phlebotomy (prep_vendor)" in r.stderr


def test_a_state_credential_needs_a_jurisdiction_and_an_agency(run: Any, tmp_path: Path) -> None:
    text = STATE_FILE.read_text().replace("    jurisdiction: CA\n", "", 1)
    path = tmp_path / "state.yaml"
    path.write_text(text)
    r = run("data", "validate", str(path))
    assert r.exit_code == 3
    assert "a state_credential needs a jurisdiction and an agency" in r.stderr


def test_the_schema_knows_the_new_kinds(run: Any) -> None:
    tracks = run("data", "schema", "tracks").stdout
    for word in ("state_credential", "training_hours", "state_exam", "list_found", "agency"):
        assert word in tracks, word
    profile = run("data", "schema", "profile").stdout
    for word in ("didactic_hours", "state_approved", "PassedExam", "arterial_punctures"):
        assert word in profile, word


_STATE_EXAM_CATALOG = """
sources:
  - id: demo-board
    publisher: Demo State Board
    publisher_kind: government
    title: Demo rules
    url: https://board.example.gov/rules
    read_on: "2026-11-30"
tracks:
  - id: zz-demo-licence
    credential: Demo licence
    abbreviation: ZZ Demo
    category: laboratory
    kind: state_credential
    jurisdiction: ZZ
    agency: {name: Demo State Board, source: demo-board, as_of: null, confidence: government}
    issuer: {name: Demo State Board, abbreviation: DSB}
    routes:
      - id: state-exam
        name: The state's own exam
        summary: pass the board's exam within 2 years
        source: demo-board
        as_of: null
        confidence: government
        conditions:
          - kind: state_exam
            jurisdiction: ZZ
            exam: zz-board-exam
            name: the ZZ board exam
            within_years: 2
"""


def _state_exam_result(run: Any, tmp_path: Path, exams: str) -> dict[str, Any]:
    data = tmp_path / "demo.yaml"
    data.write_text(_STATE_EXAM_CATALOG)
    profile = tmp_path / "p.yaml"
    profile.write_text(f"as_of: 2026-11-26\n{exams}")
    r = run(
        "--data",
        str(data),
        "eligible",
        "zz-demo-licence",
        "--profile",
        str(profile),
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    result: dict[str, Any] = r.json()["data"]["people"][0]["results"][0]
    return result


def test_a_state_exam_is_met_unmet_or_unknown(run: Any, tmp_path: Path) -> None:
    met = _state_exam_result(run, tmp_path, "exams: [{id: zz-board-exam, passed: 2024-11-26}]\n")
    assert met["status"] == "eligible"
    old = _state_exam_result(run, tmp_path, "exams: [{id: zz-board-exam, passed: 2024-11-25}]\n")
    assert old["status"] == "not_eligible"
    assert "more than 2 years old" in old["missing"][0]
    none = _state_exam_result(run, tmp_path, "exams: []\n")
    assert none["missing"] == ["pass the ZZ board exam"]
    asked = _state_exam_result(run, tmp_path, "name: x\n")
    assert asked["status"] == "unknown"
    assert "Pass the ZZ board exam (ZZ state exam) within the last 2 years" in str(asked)
