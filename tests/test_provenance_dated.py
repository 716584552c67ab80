"""Dated values: a fee's history, the value in force on a date, and --as-of picking it."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from certadvisor.catalog.dated import fees_on, value_on
from certadvisor.models.catalog import Catalog
from certadvisor.models.common import DatedAmount

FIXTURE = Path(__file__).parent / "fixtures" / "provenance" / "dated_fees.yaml"


def _track() -> Any:
    data = yaml.safe_load(FIXTURE.read_text())
    data.pop("sources")
    return Catalog.model_validate(data).tracks[0]


@pytest.mark.parametrize(
    ("day", "amount", "source"),
    [
        (dt.date(2025, 6, 1), 100, "px-fees-2025"),
        (dt.date(2025, 12, 31), 100, "px-fees-2025"),
        (dt.date(2026, 1, 1), 110, "px-fees-2026"),
        (dt.date(2027, 6, 30), 110, "px-fees-2026"),
        (dt.date(2027, 7, 1), 125, "px-fees-news"),
    ],
)
def test_the_value_in_force_carries_its_own_source(day: dt.date, amount: int, source: str) -> None:
    fee = value_on(_track().fees[0], day)
    assert (fee.amount, fee.source) == (amount, source)


def test_an_announced_change_is_named() -> None:
    fee = value_on(_track().fees[0], dt.date(2026, 12, 1))
    assert fee.note == "Announced: $125 from 2027-07-01."
    assert value_on(_track().fees[0], dt.date(2027, 8, 1)).note is None


def test_a_track_without_history_is_returned_as_is() -> None:
    track = _track()
    plain = track.model_copy(
        update={"fees": [f.model_copy(update={"history": []}) for f in track.fees]}
    )
    assert fees_on(plain, dt.date(2020, 1, 1)) is plain


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="valid_until must come after valid_from"):
        DatedAmount.model_validate(
            {
                "amount": 1,
                "valid_from": "2026-01-01",
                "valid_until": "2025-01-01",
                "source": "x",
                "confidence": "official",
            }
        )


@pytest.mark.parametrize(("as_of", "shown"), [("2025-06-01", "$100"), ("2027-08-01", "$125")])
def test_as_of_picks_the_fee_in_force(run: Any, as_of: str, shown: str) -> None:
    r = run("--data", str(FIXTURE), "checklist", "px-dated", "--as-of", as_of)
    assert r.exit_code == 0, r.stderr
    assert f"Exam fee: {shown}" in r.stdout


@pytest.mark.parametrize(("day", "amount"), [("2025-06-01", 100), ("2027-08-01", 125)])
def test_show_and_compare_use_the_fee_in_force_on_as_of(run: Any, day: str, amount: int) -> None:
    data = ["--data", str(FIXTURE)]
    shown = run(*data, "show", "px-dated", "--as-of", day, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    assert shown.json()["data"]["costs"]["first_time"]["amount"] == amount
    compared = run(*data, "compare", "px-dated", "--as-of", day, "--format", "json")
    assert compared.exit_code == 0, compared.stderr
    row = compared.json()["data"]["tracks"][0]
    assert row["cost"]["first_time"]["amount"] == amount
