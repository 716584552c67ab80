"""Scenarios of issue 10 that are about a whole output rather than one person's ranking."""

from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent.parent
AS_OF = ("--as-of", "2026-11-30")


def test_unknown_fees_are_not_the_cheapest(run: Any) -> None:
    r = run("compare", "--sort", "cost", *AS_OF, "--format", "markdown")
    assert r.exit_code == 0, r.stderr
    assert "≥ $0" not in r.stdout
    assert "totals resting on an unknown fee come after the known ones" in r.stdout
    js = run("compare", "--sort", "cost", *AS_OF, "--format", "json").json()
    order = [t["track"] for t in js["data"]["tracks"]]
    assert order.index("cpt-nha") > order.index("cma-aama")
    assert order.index("cet-nha") > order.index("cma-aama")


def test_diploma_and_program_is_concise_first(run: Any) -> None:
    r = run("eligible", "--diploma", "--program", *AS_OF)
    assert r.exit_code == 0, r.stderr
    assert len(r.stdout.splitlines()) < 110
    assert "Eligible now:" in r.stdout and "--explain" in r.stdout


def test_a_cohort_handout_names_the_invalid_student(run: Any) -> None:
    cohort = str(ROOT / "examples" / "counselor-cohort-one-bad-row.csv")
    r = run("eligible", "--profile", cohort, *AS_OF, "--format", "markdown")
    assert r.exit_code == 3
    assert "Not evaluated: invalid entries" in r.stdout and "Kim" in r.stdout
