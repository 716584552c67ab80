"""Issue 12: eligibility, recommend, report and the wallet know the person's state."""

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

SCENARIOS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "scenarios" / "state_people.yaml").read_text()
)["scenarios"]
CA_PERSON = SCENARIOS[0]["profile"]


def _profile(tmp_path: Path, profile: dict[str, Any]) -> str:
    path = tmp_path / "person.yaml"
    path.write_text(yaml.safe_dump({"name": "Dana", **profile}))
    return str(path)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in SCENARIOS])
def test_a_person_of_each_state_sees_the_states_credentials(
    case: dict[str, Any], run: Any, tmp_path: Path
) -> None:
    r = run("eligible", "--profile", _profile(tmp_path, case["profile"]), "--format", "json")
    assert r.exit_code == 0, r.stderr
    (person,) = r.json()["data"]["people"]
    judged = {s["track"]: s for s in person["state_credentials"]}
    assert {s["jurisdiction"] for s in judged.values()} == {case["profile"]["state"]}
    for track, want in case["state_credentials"].items():
        assert judged[track]["status"] == want["status"], track
        for item in want.get("missing_contains", []):
            assert item in judged[track]["missing"], (track, judged[track]["missing"])
    counted = {t["track"]: t["counts_for"] for t in person["results"]}
    for track, line in case["counts_for"].items():
        assert counted[track] == ([line] if line else []), track


def test_the_national_results_keep_their_shape_and_only_gain_keys(run: Any, tmp_path: Path) -> None:
    r = run("eligible", "--profile", _profile(tmp_path, CA_PERSON), "--format", "json")
    (person,) = r.json()["data"]["people"]
    assert len(person["results"]) == 12
    for key in ("track", "status", "route", "routes", "missing"):
        assert key in person["results"][0]
    cpt1 = person["state_credentials"][0]
    assert cpt1["track"] == "ca-cpt1" and cpt1["agency"].startswith("California Department")
    assert cpt1["fees"][0]["text"] == "CDPH application fee (estimate): $100"
    assert cpt1["fees"][0]["confidence"] == "unverified"


def test_without_a_state_nothing_is_added(run: Any, tmp_path: Path) -> None:
    profile = {k: v for k, v in CA_PERSON.items() if k != "state"}
    r = run("eligible", "--profile", _profile(tmp_path, profile), "--format", "json")
    (person,) = r.json()["data"]["people"]
    assert person["state_credentials"] == []
    assert all(t["counts_for"] == [] for t in person["results"])
    flag = run(
        "eligible", "--profile", _profile(tmp_path, profile), "--state", "ca", "--format", "json"
    )
    assert [s["track"] for s in flag.json()["data"]["people"][0]["state_credentials"]][:1] == [
        "ca-cpt1"
    ]


def test_the_table_shows_the_state_credential_its_gap_and_fee(run: Any, tmp_path: Path) -> None:
    r = run("eligible", "--profile", _profile(tmp_path, CA_PERSON))
    assert r.exit_code == 0, r.stderr
    out = " ".join(r.stdout.split())
    assert "State credentials for this work in CA" in out
    assert (
        "ca-cpt1 — Certified Phlebotomy Technician I (California) (CA CPT I): ✗ not eligible" in out
    )
    assert "• 50 venipunctures documented, 30 given: 20 more" in out
    assert "Fee: CDPH application fee (estimate): $100 ?" in out
    md = run("eligible", "--profile", _profile(tmp_path, CA_PERSON), "--format", "markdown")
    assert "- Counts for CA CPT I: yes, with CA-approved training, 50 venipunctures" in md.stdout
    assert "| CA CPT I (`ca-cpt1`) | ✗ not eligible | closest: experienced |" in md.stdout


def test_naming_one_track_adds_only_that_kind_of_work(run: Any, tmp_path: Path) -> None:
    r = run("eligible", "cma-aama", "--profile", _profile(tmp_path, CA_PERSON), "--format", "json")
    assert r.json()["data"]["people"][0]["state_credentials"] == []
    wa = run("eligible", "ccma-nha", "--diploma", "--state", "WA", "--format", "json")
    ids = [s["track"] for s in wa.json()["data"]["people"][0]["state_credentials"]]
    assert ids == ["wa-ma-c", "wa-ma-r"]


def _fit(run: Any, state: str, goal: str = "either") -> dict[str, dict[str, Any]]:
    r = run("recommend", "--no-input", "--goal", goal, "--state", state, "--format", "json")
    assert r.exit_code == 0, r.stderr
    out = {}
    for ranked in r.json()["data"]["recommendation"]["ranking"]:
        (fit,) = [f for f in ranked["factors"] if f["name"] == "state_fit"]
        out[ranked["track"]] = {**fit, "path": ranked["state_path"]}
    return out


def test_state_fit_credits_what_the_state_counts_and_prices_the_path(run: Any) -> None:
    ca = _fit(run, "CA")
    assert ca["cpt-nha"]["value"] == 1.0 and ca["cpt-nha"]["path"] == "CPT (NHA) + CA CPT I"
    assert (
        "path CPT (NHA) + CA CPT I: at least $117 + $100 ? = at least $217 ?"
        in (ca["cpt-nha"]["reason"])
    )
    assert ca["cma-aama"]["value"] == 1.0 and ca["cma-aama"]["path"] is None
    assert "the catalog has no CA credential for this work" in ca["cma-aama"]["reason"]


def test_a_national_credential_the_state_does_not_count_loses_points(run: Any) -> None:
    nv = _fit(run, "NV")
    assert nv["cpt-nha"]["value"] == 0.0 and nv["cpt-nha"]["points"] == 0.0
    assert "does not count for NV Lab Assistant" in nv["cpt-nha"]["reason"]
    assert nv["rpt-amt"]["value"] == 1.0
    la = _fit(run, "LA")
    assert la["pbt-ascp"]["value"] == 0.5 and "maybe" in la["pbt-ascp"]["reason"]
    wa = _fit(run, "WA")
    assert wa["cpt-nha"]["value"] == 0.5 and "asks for no national exam" in wa["cpt-nha"]["reason"]
    fl = _fit(run, "FL")
    assert fl["mlt-ascp"]["value"] == 0.5 and "not in the catalog" in fl["mlt-ascp"]["reason"]


def test_state_fit_changes_the_order_in_nevada(run: Any) -> None:
    r = run("recommend", "--no-input", "--goal", "laboratory", "--state", "NV", "--format", "csv")
    assert r.exit_code == 0, r.stderr
    rows = [line.split(",") for line in r.stdout.splitlines()]
    assert rows[0][-2:] == ["state_fit", "state_path"]
    order = [row[1] for row in rows[1:]]
    assert order.index("rpt-amt") < order.index("cpt-nha")
    assert (
        run("recommend", "--no-input", "--goal", "laboratory", "--format", "csv")
        .stdout.split("\n")[1]
        .endswith(",,")
    )


def test_recommend_table_shows_the_state_fit_factor(run: Any) -> None:
    r = run(
        "recommend", "--no-input", "--goal", "clinical", "--state", "WA", "--format", "markdown"
    )
    out = " ".join(r.stdout.split())
    assert "State fit 10/10: counts for WA MA-C: yes, with an approved program" in out
    assert "path CMA (AAMA) + WA MA-C: $125 + unknown = at least $125" in out


def test_report_adds_the_states_credentials(run: Any, tmp_path: Path) -> None:
    r = run(
        "report", "--profile", _profile(tmp_path, SCENARIOS[1]["profile"]), "--format", "markdown"
    )
    assert r.exit_code == 0, r.stderr
    assert "### State credentials for this work in WA" in r.stdout
    assert "| WA MA-C (`wa-ma-c`) | ✗ not eligible |" in r.stdout
    assert "- CCMA: counts for WA MA-C: yes, with an approved program" in r.stdout
    doc = run(
        "report", "--profile", _profile(tmp_path, SCENARIOS[1]["profile"]), "--format", "json"
    )
    data = json.loads(doc.stdout)["data"]
    report = data["reports"][0] if "reports" in data else data["report"]
    assert [s["track"] for s in report["state_credentials"]] == ["wa-ma-c", "wa-ma-r", "wa-ma-p"]


def test_the_wallet_follows_a_state_credential(run: Any) -> None:
    added = run("wallet", "add", "ca-cpt1", "--earned", "2025-09-01")
    assert added.exit_code == 0, added.stderr
    r = run("wallet", "status", "--as-of", "2026-11-26", "--format", "json")
    assert r.exit_code == 0, r.stderr
    text = json.dumps(r.json()["data"])
    assert "2027-08-31" in text and "contact hours" in text
    table = " ".join(run("wallet", "status", "--as-of", "2026-11-26").stdout.split())
    assert "CA CPT I │ 2027-08-31" in table
    assert "0 of 6 contact hours" in table and "CDPH renewal fee (estimate) $100" in table
    ics = run("wallet", "calendar", "--as-of", "2026-11-26")
    assert ics.exit_code == 0, ics.stderr
    assert "CA CPT I" in ics.stdout and "BEGIN:VEVENT" in ics.stdout


def test_compare_with_a_state_adds_the_state_credentials_cost_to_the_path(run: Any) -> None:
    r = run("compare", "--state", "CA", "--format", "json")
    assert r.exit_code == 0, r.stderr
    paths = {t["track"]: t["state_path"] for t in r.json()["data"]["tracks"]}
    assert paths["cpt-nha"] == "CPT (NHA) + CA CPT I: at least $117 + $100 ? = at least $217 ?"
    assert paths["pbt-ascp"] == "PBT(ASCP) + CA CPT I: $145 + $100 ? = $245 ?"
    assert paths["cet-nha"] is None  # CA asks for no EKG credential
    table = run("compare", "--state", "CA").stdout
    assert "In CA: CPT (NHA) + CA CPT I: at least $117 + $100 ? = at least $217 ?" in table
    header = run("compare", "--state", "CA", "--format", "csv").stdout.splitlines()[0]
    assert header.endswith(",state_path")


def test_compare_says_when_a_national_credential_does_not_count_in_the_state(run: Any) -> None:
    r = run("compare", "--state", "NV", "--format", "json")
    paths = {t["track"]: t["state_path"] for t in r.json()["data"]["tracks"]}
    assert paths["cpt-nha"].startswith("CPT (NHA) does not count for NV")
    assert "+" in paths["pbt-ascp"]
    plain = run("compare", "--format", "json").json()["data"]["tracks"]
    assert all(t["state_path"] is None for t in plain)


def test_compare_does_not_price_again_the_national_exam_the_person_holds(
    run: Any, tmp_path: Path
) -> None:
    # NHA CPT by experience, in California: the path to work there is CA CPT I alone
    profile = _profile(tmp_path, CA_PERSON)
    args = ("compare", "--profile", profile, "--state", "CA", "--category", "phlebotomy")
    r = run(*args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    paths = {t["track"]: t["state_path"] for t in r.json()["data"]["tracks"]}
    assert paths["cpt-nha"] == "CPT (NHA) + CA CPT I: held + $100 ? = $100 ?"
    assert paths["pbt-ascp"] == "PBT(ASCP) + CA CPT I: $145 + $100 ? = $245 ?"  # not held: priced
    table = " ".join(run(*args).stdout.split())
    assert "In CA: CPT (NHA) + CA CPT I: held + $100 ? = $100 ?" in table
    markdown = run(*args, "--format", "markdown").stdout
    assert "CPT (NHA) + CA CPT I: held + $100 ? = $100 ?" in markdown
    assert "$117 + $100" not in markdown


def test_recommend_does_not_price_a_state_credential_already_held(run: Any, tmp_path: Path) -> None:
    holder = {**CA_PERSON, "credentials": [*CA_PERSON["credentials"], {"id": "ca-cpt1"}]}
    holder["credentials"][-1]["earned"] = "2025-09-01"
    r = run(
        "recommend", "--no-input", "--goal", "clinical", "--setting", "hospital", "--months", "12",
        "--profile", _profile(tmp_path, holder), "--format", "json",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    ranking = r.json()["data"]["recommendation"]["ranking"]
    pbt = next(t for t in ranking if t["track"] == "pbt-ascp")
    (fit,) = [f for f in pbt["factors"] if f["name"] == "state_fit"]
    assert fit["reason"].endswith("path PBT(ASCP) + CA CPT I: $145 + held = $145")


def test_compare_takes_the_state_from_the_profile_when_no_state_is_given(
    run: Any, tmp_path: Path
) -> None:
    # the Californian of the profile sees California's credential without typing --state
    profile = _profile(tmp_path, CA_PERSON)
    r = run("compare", "--profile", profile, "--category", "phlebotomy", "--format", "json")
    assert r.exit_code == 0, r.stderr
    data = r.json()["data"]
    paths = {t["track"]: t["state_path"] for t in data["tracks"]}
    assert paths["cpt-nha"] == "CPT (NHA) + CA CPT I: held + $100 ? = $100 ?"
    # --state still wins over the profile's state
    wa = run("compare", "--profile", profile, "--state", "WA", "--category", "phlebotomy")
    assert "In CA:" not in " ".join(wa.stdout.split())
