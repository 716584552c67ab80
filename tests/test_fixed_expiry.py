"""Licences that all expire on one calendar date (Florida: 31 August of even years; Louisiana:
renewed before 1 January each year), in the catalog, show and the wallet (issue 12)."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from certadvisor.models.catalog import FixedExpiry, Renewal

FL = "fl-lab-technician"
DATA = Path(__file__).parents[1] / "data"


def _cycle(run: Any, as_of: str) -> dict[str, Any]:
    r = run("wallet", "status", "--as-of", as_of, "--format", "json")
    assert r.exit_code == 0, r.stderr
    (credential,) = r.json()["data"]["people"][0]["credentials"]
    cycle: dict[str, Any] = credential["cycle"]
    return cycle


def test_a_florida_licence_earned_mid_cycle_expires_with_everyone_else(run: Any) -> None:
    assert run("wallet", "add", FL, "--earned", "2025-03-10").exit_code == 0
    cycle = _cycle(run, "2025-04-01")
    assert (cycle["start"], cycle["end"]) == ("2025-03-10", "2026-08-31")
    assert cycle["anchor"] == "fixed_date" and cycle["fixed_date"] == "31 August of even years"
    assert cycle["end_unsure_until"] is None  # 17 months before the date: the sources settle it
    # after the first date, every cycle is the same two years, renewed or assumed renewed
    later = _cycle(run, "2027-01-15")
    assert (later["start"], later["end"]) == ("2026-09-01", "2028-08-31")
    assert later["assumed_filed"] == ["2026-08-31"]
    status = " ".join(run("wallet", "status", "--as-of", "2025-04-01").stdout.split())
    assert "every licence ends on 31 August of even years (24-month cycles)" in status
    assert "Unsure" not in status


def test_a_licence_renewed_runs_to_the_next_even_year(run: Any) -> None:
    run("wallet", "add", FL, "--earned", "2025-03-10")
    renewed = run("wallet", "renew", FL, "--filed", "2026-08-01")
    assert renewed.exit_code == 0, renewed.stderr
    cycle = _cycle(run, "2026-10-01")
    assert (cycle["start"], cycle["end"]) == ("2026-09-01", "2028-08-31")


def test_a_licence_issued_shortly_before_the_date_says_the_sources_do_not_settle_it(
    run: Any,
) -> None:
    run("wallet", "add", FL, "--earned", "2026-07-01")
    cycle = _cycle(run, "2026-07-15")
    # the earlier date, the safe side of a deadline, and the later one it may run to
    assert cycle["end"] == "2026-08-31" and cycle["end_unsure_until"] == "2028-08-31"
    status = " ".join(run("wallet", "status", "--as-of", "2026-07-15").stdout.split())
    assert (
        "Unsure: issued shortly before 2026-08-31, the licence may instead run to 2028-08-31"
        in (status)
    )
    ics = (
        run("wallet", "calendar", "--as-of", "2026-07-15")
        .stdout.replace("\r\n ", "")
        .replace("\n ", "")
    )
    assert "DTSTART;VALUE=DATE:20260831" in ics
    assert "it may instead run to 2028-08-31: the sources do not say" in ics
    assert "24-month cycle that began 2026-07-01" not in ics  # the first cycle is 2 months


def test_the_audit_packet_says_the_first_expiry_is_unsure(run: Any, tmp_path: Any) -> None:
    run("wallet", "add", FL, "--earned", "2026-07-01")
    out = tmp_path / "audit.zip"
    r = run("wallet", "audit", FL, "--as-of", "2026-07-15", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    import zipfile

    with zipfile.ZipFile(out) as z:
        summary = next(z.read(n).decode() for n in z.namelist() if n.endswith(".md"))
    assert "2026-07-01 to 2026-08-31" in summary
    assert "ends then or on 2028-08-31" in summary


def test_louisiana_certificates_end_on_31_december_and_the_first_year_is_unsure(
    run: Any,
) -> None:
    run("wallet", "add", "la-phlebotomist", "--earned", "2026-03-02")
    cycle = _cycle(run, "2026-04-01")
    assert (cycle["end"], cycle["end_unsure_until"]) == ("2026-12-31", "2027-12-31")
    assert cycle["fixed_date"] == "31 December of every year"


def test_show_states_the_fixed_date_and_what_is_not_said(run: Any) -> None:
    r = run("show", FL)
    assert r.exit_code == 0, r.stderr
    text = " ".join(r.stdout.split()).replace("│ ", "")
    assert "a fixed date: every licence ends on 31 August of even years" in text
    assert "within 120 days before that date, not said by the sources" in text


@pytest.mark.parametrize(
    ("earned", "index", "end"),
    [
        ("2025-03-10", 0, "2026-08-31"),
        ("2026-08-31", 0, "2026-08-31"),
        ("2026-09-01", 0, "2028-08-31"),
        ("2027-12-31", 1, "2030-08-31"),
    ],
)
def test_even_year_dates(earned: str, index: int, end: str) -> None:
    fixed = FixedExpiry(month=8, day=31, years="even")  # type: ignore[arg-type]
    assert fixed.end(dt.date.fromisoformat(earned), index) == dt.date.fromisoformat(end)
    odd = FixedExpiry(month=8, day=31, years="odd")  # type: ignore[arg-type]
    assert odd.end(dt.date(2026, 9, 1)) == dt.date(2027, 8, 31)


def _renewal(anchor: dict[str, Any], months: int | None = 24) -> dict[str, Any]:
    cited = {"source": "fl-board-renewal", "confidence": "government"}
    out: dict[str, Any] = {"anchor": {**cited, **anchor}}
    if months is not None:
        out["cycle_months"] = {**cited, "value": months}
    return out


@pytest.mark.parametrize(
    ("anchor", "months", "message"),
    [
        ({"value": "fixed_date"}, 24, "fixed: give it exactly when"),
        ({"value": "earned_date", "fixed": {"month": 8, "day": 31, "years": "even"}}, 24, "fixed"),
        ({"value": "fixed_date", "fixed": {"month": 2, "day": 29, "years": "every"}}, 12, "day 29"),
        ({"value": "fixed_date", "fixed": {"month": 8, "day": 31, "years": "even"}}, 12, "24"),
        ({"value": "fixed_date", "fixed": {"month": 13, "day": 1, "years": "odd"}}, 24, "month"),
        (
            {"value": "fixed_date", "fixed": {"month": 8, "day": 31, "years": "even", "x": 1}},
            24,
            "Extra inputs",
        ),
    ],
)
def test_a_broken_fixed_date_is_refused(anchor: dict[str, Any], months: int, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Renewal.model_validate(_renewal(anchor, months))


def test_a_catalog_file_with_a_bad_fixed_date_names_the_field(run: Any, tmp_path: Any) -> None:
    bundled = yaml.safe_load((DATA / "state-tracks.yaml").read_text())
    track = next(t for t in bundled["tracks"] if t["id"] == FL)
    track["renewal"]["anchor"]["fixed"]["day"] = 31
    track["renewal"]["anchor"]["fixed"]["month"] = 4
    path = tmp_path / "extra.yaml"
    path.write_text(yaml.safe_dump({"tracks": [track]}))
    r = run("data", "validate", str(path))
    assert r.exit_code == 3
    assert "renewal.anchor" in r.stderr and "day 31 is not a day of April" in r.stderr


def test_a_first_florida_cycle_says_the_hours_are_waived_for_first_time_licensees(
    run: Any,
) -> None:
    run("wallet", "add", FL, "--earned", "2025-03-10")
    first = run("wallet", "status", "--as-of", "2026-07-15", "--format", "json")
    (credential,) = first.json()["data"]["people"][0]["credentials"]
    assert credential["ce"]["first_cycle"].startswith("first-time licensees are exempt")
    status = " ".join(run("wallet", "status", "--as-of", "2026-07-15").stdout.split())
    assert "if this is your first licence, first cycle: first-time licensees are exempt" in status
    # due within 90 days: the label and the date stay apart
    assert "Due ≤ 90 days 2026-08-31" in status
    # the next cycle owes the full 24 hours: the waiver is no longer shown
    later = run("wallet", "status", "--as-of", "2027-01-15", "--format", "json")
    (credential,) = later.json()["data"]["people"][0]["credentials"]
    assert credential["ce"]["first_cycle"] is None
