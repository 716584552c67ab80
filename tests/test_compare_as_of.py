"""`compare --profile --as-of`: a person's eligibility is measured on the date asked for."""

from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
UNDATED = str(ROOT / "examples" / "receptionist-thinking-of-ma.yaml")
DATED = str(ROOT / "tests" / "golden" / "receptionist-dated.yaml")  # as_of: 2026-11-30


def _status(run: Any, profile: str, *extra: str) -> str:
    """The eligibility status and what is missing, as one line."""
    result = run("compare", "ccma-nha", "--profile", profile, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    (row,) = result.json()["data"]["tracks"]
    found = row["eligibility"]
    return f"{found['status']}: {'; '.join(found['missing'])}"


SHORT = "12 more months of full-time experience"


def test_as_of_sets_the_day_eligibility_is_measured(run: Any) -> None:
    # Front-desk work since 2024-05-06: CCMA's year of experience is not there in mid 2024
    # (NHA's rule rests on an unverified source, so it is "to confirm", with what is short).
    early = _status(run, UNDATED, "--as-of", "2024-06-01")
    assert early.startswith("unknown") and SHORT in early
    # Later the time is there, but her duties are administrative only: CCMA is a clinical
    # credential, so it stays to be confirmed.
    later = _status(run, UNDATED, "--as-of", "2026-11-30")
    assert later.startswith("unknown") and SHORT not in later and "clinical duties" in later


def test_as_of_wins_over_the_profiles_own_date(run: Any) -> None:
    assert SHORT not in _status(run, DATED)
    assert SHORT in _status(run, DATED, "--as-of", "2024-06-01")


def test_as_of_changes_the_table_a_person_reads(run: Any) -> None:
    early = run("compare", "ccma-nha", "--profile", DATED, "--as-of", "2024-06-01")
    assert early.exit_code == 0, early.stderr
    assert "more months" in early.stdout
    assert "more months" not in run("compare", "ccma-nha", "--profile", DATED).stdout


def test_a_bad_as_of_date_is_a_usage_error(run: Any) -> None:
    result = run("compare", "ccma-nha", "--as-of", "2024-13-01")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--as-of" in result.stderr
