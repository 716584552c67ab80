"""`checklist`: eleven fixed steps, tailored by the profile's eligibility, kept by wallet marks."""

import re
from pathlib import Path
from typing import Any

import pytest

from markdown_check import check_markdown

FIXTURES = Path(__file__).parent / "fixtures"
FX = str(FIXTURES / "guidance_catalog.yaml")
PEOPLE = str(FIXTURES / "guidance_people.yaml")


def _cmd(track: str, *extra: str) -> list[str]:
    return ["--data", FX, "checklist", track, *extra]


def _json(run: Any, track: str, *extra: str) -> Any:
    result = run(*_cmd(track, "--format", "json", *extra))
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert set(doc) == {"schema_version", "command", "data_as_of", "data"}
    assert doc["command"] == "checklist"
    return doc["data"]["checklist"]


def _steps(checklist: Any) -> dict[str, Any]:
    return {s["key"]: s for s in checklist["steps"]}


def test_without_a_profile_the_steps_are_general_and_none_is_ticked(run: Any) -> None:
    cl = _json(run, "fx-lab")
    assert [s["number"] for s in cl["steps"]] == list(range(1, 12))
    assert [s["key"] for s in cl["steps"]][:3] == ["choose", "qualify", "documents"]
    assert not any(s["done"] for s in cl["steps"])
    steps = _steps(cl)
    routes = [i["text"] for i in steps["qualify"]["items"]]
    assert routes == [
        "Graduate of an accredited lab program: Associate + NAACLS program within 5 years",
        "Associate degree and lab work: Associate + 36 months of lab work within 10 years",
    ]
    assert cl["route"] is None and cl["status"] is None
    assert any("No profile given" in n for n in cl["notes"])


def test_an_eligible_profile_ticks_qualify_and_names_the_route_documents(run: Any) -> None:
    cl = _json(run, "fx-lab", "--profile", PEOPLE, "--person", "Lee")
    assert cl["status"] == "eligible" and cl["route"] == "program"
    steps = _steps(cl)
    assert steps["qualify"]["done"] and steps["qualify"]["done_by"] == "profile"
    assert all(i["done"] for i in steps["qualify"]["items"])
    docs = [i["text"] for i in steps["documents"]["items"]]
    assert docs == [
        "official transcript",
        "program director's verification",
        "Confirm: The college must be regionally accredited.",
    ]
    assert not steps["documents"]["done"]
    deadline = steps["deadlines"]["items"][0]["text"]
    assert deadline.startswith("Apply by 2030-06-01")


def test_closest_route_shows_what_is_short(run: Any) -> None:
    cl = _json(run, "fx-ma", "--profile", PEOPLE, "--person", "ana")
    assert cl["status"] == "not_eligible"
    assert cl["route"] == "experience"
    qualify = _steps(cl)["qualify"]
    assert not qualify["done"]
    assert "closest" in qualify["title"]
    short = [i for i in qualify["items"] if i["done"] is False]
    assert short and "more month" in short[0]["note"]
    assert _steps(cl)["documents"]["items"][0]["text"] == "employer letter of experience"


def test_a_held_credential_ticks_every_step_but_keeping_it(run: Any) -> None:
    cl = _json(run, "fx-ekg", "--profile", PEOPLE, "--person", "Sam Ek")
    done = [s["number"] for s in cl["steps"] if s["done"]]
    assert done == list(range(1, 11))
    assert all(s["why"] == "you hold FXEKG" for s in cl["steps"][:10])
    assert not cl["steps"][10]["done"]


def test_fee_application_facts_resources_result_and_renewal_are_cited(run: Any) -> None:
    result = run(*_cmd("fx-lab", "--format", "markdown"))
    md = result.stdout
    assert "To sit the exam once: $225 (non-member prices)" in md
    assert "Application fee: $225 ●" in md
    assert "Apply at least 45 days before the exam ●" in md
    assert "Practice exam: FXB practice exam, $50 <https://fx.example/lab/practice> ○" in md
    assert "Results: Preliminary result at the test centre; certificate mailed in 4-6 weeks ?" in md
    assert "File the renewal between 90 and 30 days before expiry ●" in md
    assert "Content domains: Chemistry 40%; Hematology 35%; Microbiology 25% ●" in md


def test_unknown_facts_are_said_not_invented(run: Any) -> None:
    steps = _steps(_json(run, "fx-ekg"))
    texts = [i["text"] for s in steps.values() for i in s["items"]]
    assert (
        "The catalog does not know how long FXH needs between application and exam: ask "
        "before you book." in texts
    )
    assert any(t.startswith("The catalog does not say how FXH sends the result") for t in texts)
    assert "The catalog does not know this credential's renewal rules." in texts
    fee = [i["text"] for i in steps["fee"]["items"]]
    assert fee[1] == "Exam fee: unknown"


def test_markdown_is_a_github_task_list(run: Any) -> None:
    md = run(*_cmd("fx-lab", "--profile", PEOPLE, "--person", "Lee", "--format", "markdown"))
    assert md.exit_code == 0, md.stderr
    check_markdown(md.stdout)
    lines = md.stdout.splitlines()
    tops = [ln for ln in lines if ln.startswith("- [")]
    assert len(tops) == 11
    assert tops[1].startswith("- [x] **2. Qualify: Graduate of an accredited lab program**")
    assert tops[0].startswith("- [ ] **1. Choose FXLT")
    assert "  - [x] An associate degree or higher ● [3]" in lines  # after two CA rules
    assert md.stdout.rstrip().endswith(")")  # the sources list closes the document


def test_markdown_is_deterministic(run: Any) -> None:
    args = _cmd("fx-lab", "--profile", PEOPLE, "--person", "Lee", "--format", "markdown")
    assert run(*args).stdout == run(*args).stdout


def test_marks_are_kept_per_person_and_track(run: Any, isolated: Path) -> None:
    result = run(*_cmd("fx-ma", "--mark", "3", "--mark", "4"))
    assert result.exit_code == 0, result.stderr
    assert "step 3 marked for me" in result.stderr
    cl = _json(run, "fx-ma")
    assert cl["marked"] == [3, 4]
    assert _steps(cl)["documents"]["done_by"] == "marked"
    assert _json(run, "fx-lab")["marked"] == []
    assert _json(run, "fx-ma", "--person", "someone else")["marked"] == []
    again = run(*_cmd("fx-ma", "--unmark", "4", "--unmark", "9"))
    assert "step 9 unmarked for me (no change)" in again.stderr
    assert _json(run, "fx-ma")["marked"] == [3]
    assert (isolated / "wallet.sqlite3").exists()


def test_a_profile_names_whose_marks_they_are(run: Any) -> None:
    run(*_cmd("fx-ma", "--profile", PEOPLE, "--person", "Ana", "--mark", "5"))
    assert _json(run, "fx-ma", "--person", "Ana")["marked"] == [5]
    assert _json(run, "fx-ma")["marked"] == []


def test_reading_never_creates_the_wallet(run: Any, isolated: Path) -> None:
    _json(run, "fx-ma")
    assert not (isolated / "wallet.sqlite3").exists()


def test_state_rules_join_the_first_step(run: Any) -> None:
    cl = _json(run, "fx-ma", "--state", "wa")
    texts = [i["text"] for i in _steps(cl)["choose"]["items"]]
    assert any("Washington requires every medical assistant" in t for t in texts)


@pytest.mark.parametrize("width", ["80", "160"])
def test_table_fits_the_terminal(run: Any, monkeypatch: pytest.MonkeyPatch, width: str) -> None:
    monkeypatch.setenv("COLUMNS", width)
    result = run(*_cmd("fx-lab", "--profile", PEOPLE, "--person", "Lee"))
    assert result.exit_code == 0
    # A source address is never broken, so that it stays clickable.
    lines = [ln for ln in result.stdout.splitlines() if not re.match(r"(\[\d+\])? *http", ln)]
    assert max(len(ln) for ln in lines) <= int(width)
    assert "[x]" in result.stdout and "☑" in result.stdout


def test_csv_has_one_row_per_step(run: Any) -> None:
    result = run(*_cmd("fx-lab", "--format", "csv"))
    lines = result.stdout.splitlines()
    assert lines[0] == "step,key,done,done_by,title,items"
    assert len(lines) == 12


def test_bundled_track_by_abbreviation(run: Any) -> None:
    result = run("checklist", "CMA", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["data"]["checklist"]["track"] == "cma-aama"


# --- what goes wrong ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--mark", "12"], "there is no step 12"),
        (["--mark", "0"], "there is no step 0"),
        (["--unmark", "-1"], "there is no step -1"),
        (["--mark", "three"], "--mark"),
        (["--state", "XX"], "unknown state code 'XX'"),
        (["--as-of", "2026-13-01"], "--as-of"),
        (["--profile", PEOPLE], "holds 4 people"),
        (["--profile", PEOPLE, "--person", "Nobody"], "no person named 'Nobody'"),
        (["--format", "ics"], "--format"),
    ],
)
def test_bad_input_is_a_usage_error(run: Any, args: list[str], needle: str, isolated: Path) -> None:
    result = run(*_cmd("fx-lab", *args))
    assert result.exit_code == 2, result.stdout
    assert needle in result.stderr
    assert result.stdout == ""
    assert not (isolated / "wallet.sqlite3").exists()


def test_unknown_track_is_a_domain_error(run: Any) -> None:
    result = run(*_cmd("fx-lba"))
    assert result.exit_code == 1
    assert "unknown track 'fx-lba'" in result.stderr and "fx-lab" in result.stderr


def test_bad_profile_file_is_invalid_input(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "me.yaml"
    bad.write_text("name: X\neducation: {highest: phd}\n")
    result = run(*_cmd("fx-lab", "--profile", str(bad)))
    assert result.exit_code == 3
    assert "education" in result.stderr
    missing = run(*_cmd("fx-lab", "--profile", str(tmp_path / "none.yaml")))
    assert missing.exit_code == 3 and "no such file" in missing.stderr
