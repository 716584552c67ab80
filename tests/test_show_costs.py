"""`show TRACK` with its cost over a horizon, year by year, and a state's notes."""

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from markdown_check import check_markdown

FX = str(Path(__file__).parent / "fixtures" / "compare_catalog.yaml")


def show_json(run: Any, *args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert set(doc) == {"schema_version", "command", "data_as_of", "data"}
    assert doc["command"] == "show"
    return doc["data"]


def test_json_has_costs_beside_track(run: Any) -> None:
    d = show_json(run, "--data", FX, "show", "cx-cheap")
    assert d["track"]["id"] == "cx-cheap" and d["state"] is None
    costs = d["costs"]
    assert costs["years"] == 5 and costs["amount"] == 200
    assert [y["year"] for y in costs["by_year"]] == [0, 1, 2, 3, 4, 5]
    assert [y["cumulative"] for y in costs["by_year"]] == [100, 120, 140, 160, 180, 200]


def test_years_member_and_ce_options(run: Any) -> None:
    d = show_json(run, "--data", FX, "show", "cx-dear", "--years", "4", "--ce-cost-per-point", "2")
    costs = d["costs"]
    assert costs["years"] == 4 and len(costs["by_year"]) == 5
    assert costs["amount"] == 200 + 2 * 150 + 2 * 20 * 2
    member = show_json(run, "show", "cma-aama", "--member")["costs"]
    assert member["member"] and member["first_time"]["amount"] == 125


def test_table_has_the_breakdown_and_the_year_by_year(run: Any) -> None:
    result = run("--data", FX, "show", "cx-dear", "--years", "4")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Cost over 4 years: ≈ $500–" in out  # a quoted range, shown as an estimate
    assert "Year by year" in out and "0 (getting certified)" in out
    assert "every 24 months (year 2, 4)" in out
    assert "quoted as $150–$175; the low end is counted" in out
    assert "Not counted (only if it happens): Dear retake fee, $90." in out
    assert "https://cx.example/dear/renewal-fee" in out


def test_unknown_fee_shows_as_unknown_in_the_breakdown(run: Any) -> None:
    out = run("--data", FX, "show", "cx-unknown").stdout
    assert "Cost over 5 years: unknown" in out
    assert "≥ $0" not in out, "an unknown fee is unknown, not $0"
    assert "the catalog lists no renewal or annual fee" in out


def test_markdown_tables_are_whole(run: Any) -> None:
    result = run("show", "cma-aama", "--state", "CA", "--format", "markdown")
    assert result.exit_code == 0
    tables = check_markdown(result.stdout)
    headers = [t.header for t in tables]
    assert ["Cost", "When", "Each", "Times", "Counted", "Source"] in headers
    assert ["Year", "Falls due", "Amount", "Running total"] in headers
    assert "## State rules: California (CA)" in result.stdout
    assert result.stdout == run("show", "cma-aama", "--state", "CA", "--format", "markdown").stdout


def test_state_block_in_json(run: Any) -> None:
    d = show_json(run, "show", "mlt-ascp", "--state", "ca")
    assert d["state"]["code"] == "CA"
    assert all(
        "laboratory" in n["categories"] or "mlt-ascp" in n["tracks"] for n in d["state"]["notes"]
    )


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["show", "cma-aama", "--years", "-1"], 2, "--years"),
        (["show", "cma-aama", "--ce-cost-per-point", "-1"], 2, "--ce-cost-per-point"),
        (["show", "cma-aama", "--state", "QQ"], 2, "unknown state code"),
        (["show", "cma-amaa"], 1, "unknown track"),
    ],
)
def test_bad_input_is_one_line(run: Any, args: list[str], code: int, words: str) -> None:
    result = run(*args)
    assert result.exit_code == code and result.stdout == ""
    assert result.stderr.startswith("Error: ") and words in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr


def test_cost_modules_are_not_imported_at_start_up() -> None:
    code = (
        "import sys, certadvisor.cli.app; "
        "print(sorted(m for m in sys.modules if m in {'certadvisor.costs.total', "
        "'certadvisor.guidance.compare', 'certadvisor.render.compare', "
        "'certadvisor.render.costs'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
