"""A fee only third parties quote, as a range, is shown as the estimate it is (≈), not ≥."""

from typing import Any


def test_compare_shows_cpt_first_time_cost_as_an_estimate_range(run: Any) -> None:
    r = run("compare", "cpt-nha", "cet-nha")
    assert r.exit_code == 0, r.stderr
    assert "≈ $117–129" in r.stdout
    assert "≥ $117" not in r.stdout
    assert "≈ =" in r.stdout  # the legend says what it means


def test_show_breakdown_counts_a_ranged_fee_as_an_estimate(run: Any) -> None:
    r = run("show", "cpt-nha")
    assert r.exit_code == 0, r.stderr
    assert "≈ $117–129" in r.stdout  # the exam fee's counted amount
    assert "Cost over 5 years: ≈ $475–499" in r.stdout
