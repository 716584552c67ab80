"""Outlook: BLS's own projections where BLS gives the figure, each with its cycle; mixed
cycles are said so."""

from typing import Any

import pytest

PHLEBOTOMY = ("cpt-nha", "pbt-ascp", "rpt-amt", "ncpt-ncct")


def _rows(run: Any, *tracks: str) -> dict[str, Any]:
    data = run("compare", *tracks, "--format", "json").json()["data"]
    return {r["track"]: r for r in data["tracks"]}


@pytest.mark.parametrize(
    ("track", "percent", "cycle"),
    [
        *((t, 8, "2023-33") for t in PHLEBOTOMY),
        ("mlt-ascp", 5, "2022-32"),
        ("mls-ascp", 5, "2022-32"),
    ],
)
def test_where_bls_gives_the_projection_it_is_used_with_its_cycle(
    run: Any, track: str, percent: float, cycle: str
) -> None:
    outlook = _rows(run, track)[track]["outlook"]
    assert (outlook["percent"], outlook["cycle"]) == (percent, cycle)
    assert outlook["confidence"] == "government" and "bls" in outlook["source"]


def test_a_third_party_projection_is_marked_and_never_passed_off_as_bls(run: Any) -> None:
    outlook = _rows(run, "cet-nha")["cet-nha"]["outlook"]
    assert outlook["confidence"] == "unverified" and outlook["cycle"] == "2024-34"
    md = run("compare", "cet-nha", "cpt-nha", "--state", "WA", "--format", "markdown").stdout
    assert "outlook +3% (2024-34, third party citing BLS) ?" in md
    assert "outlook +8% (2023-33) ◆" in md


def test_mixing_projection_cycles_is_said(run: Any) -> None:
    md = run("compare", "cet-nha", "cpt-nha", "mlt-ascp", "--state", "WA", "--format", "markdown")
    assert "different BLS projection cycles (2022-32, 2023-33, 2024-34)" in md.stdout
    one = run("compare", "cpt-nha", "pbt-ascp", "--state", "WA", "--format", "markdown").stdout
    assert "different BLS projection cycles" not in one
