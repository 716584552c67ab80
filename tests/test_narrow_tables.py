"""Narrow terminals: each table drops its least important columns whole and names them once;
ids, statuses, dates and amounts are never cut. Wide terminals show every column."""

import re
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"
RECEPTIONIST = str(EXAMPLES / "receptionist-thinking-of-ma.yaml")


def flat(text: str) -> str:
    """The output with its wrapping undone (a note may wrap at 60 columns)."""
    return " ".join(text.split())


def table_cells(text: str, first: str) -> list[list[str]]:
    """The body cells (one list per line) of the first table whose header row holds `first`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("┃") and first in line)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith(("└", "┗")):
            break
        if line.startswith("│"):
            rows.append([c.strip() for c in line.strip("│").split("│")])
    return rows


def header(text: str, first: str) -> list[str]:
    line = next(x for x in text.splitlines() if x.startswith("┃") and first in x)
    return [c.strip() for c in line.strip("┃").split("┃")]


def fits(text: str, width: int) -> bool:
    """Every line fits, but a source's address, never broken so that it stays clickable."""
    return all(len(line) <= width for line in text.splitlines() if "://" not in line)


def narrow(monkeypatch: pytest.MonkeyPatch, width: int = 60) -> None:
    monkeypatch.setenv("COLUMNS", str(width))


def test_tracks_at_60_drop_the_category_and_keep_ids_and_credentials_whole(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(monkeypatch)
    result = run("tracks")
    assert result.exit_code == 0
    assert header(result.stdout, "ID") == ["ID", "Credential", "Issuer", "Routes"]
    assert "Not shown at 60 columns: Category." in flat(result.stdout)
    ids = [row[0] for row in table_cells(result.stdout, "ID") if row[0]]
    assert ids[:3] == ["cma-aama", "rma-amt", "ccma-nha"] and "cet-nha" in ids
    assert "…" not in result.stdout  # no credential name is cut short any more
    assert "Technician/Assistant, CPCT/A" in flat(result.stdout.replace("│", " "))
    assert fits(result.stdout, 60)


def test_eligible_at_60_drops_the_route_and_keeps_status_and_next_step_readable(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(monkeypatch)
    result = run("eligible", "--profile", RECEPTIONIST, "cma", "rma", "--as-of", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert header(result.stdout, "Track") == ["Track", "Status", "Src", "Next step"]
    assert "Not shown at 60 columns: Route." in flat(result.stdout)
    rows = table_cells(result.stdout, "Track")
    assert rows[0][:2] == ["cma-aama", "✗ not eligible"]
    next_step = " ".join(row[3] for row in rows[: rows.index(next(r for r in rows[1:] if r[0]))])
    assert "complete a CAAHEP- or ABHES-accredited medical assisting program" in next_step
    assert fits(result.stdout, 60)


def test_eligible_at_80_keeps_every_column(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    narrow(monkeypatch, 80)
    result = run("eligible", "--profile", RECEPTIONIST, "cma", "rma", "--as-of", "2026-11-30")
    assert header(result.stdout, "Track") == ["Track", "Status", "Route", "Src", "Next step"]
    assert "work-experience" in result.stdout  # a route id is not folded
    assert "Not shown" not in result.stdout


def test_show_costs_at_60_keep_every_amount_whole(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(monkeypatch)
    result = run("show", "rma-amt", "--member", "--years", "10", "--ce-cost-per-point", "15")
    assert result.exit_code == 0
    costs = result.stdout.split("Cost over 10 years")[1]
    head = header(costs, "Cost")
    assert head == ["Cost", "When", "Each", "Counted", "Src"]  # "×" goes first: Counted says it
    assert "Not shown at 60 columns: ×." in flat(costs)
    counted = [row[3] for row in table_cells(costs, "Cost") if row[3]]
    assert counted == ["$135", "$500", "$1,350", "$1,985"]
    years = costs.split("Year by year")[1]
    assert header(years, "Year")[2:] == ["Amount", "Running total"]
    running = [row[3] for row in table_cells(years, "Year") if row[3]]
    assert running[0] == "$135" and running[-1] == "$1,985"
    assert fits(result.stdout, 60)


def test_data_sources_at_60_drop_the_date_column_not_the_fact(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(monkeypatch)
    result = run("data", "sources", "--as-of", "2026-11-30")
    assert result.exit_code == 0
    assert header(result.stdout, "Status") == ["Status", "Track / state", "Fact and source"]
    assert "Not shown at 60 columns: As of." in flat(result.stdout)
    rows = table_cells(result.stdout, "Status")
    assert {row[0] for row in rows if row[0]} <= {
        "? unverified",
        "● current",
        "◆ current",
        "○ current",
        "● stale",
        "● undated",
    } | {f"{m} {s}" for m in "●◆○?" for s in ("current", "stale", "undated", "unverified")}
    assert rows[0][2].startswith("exam.scored_questions:")
    # before, the fact column was one character wide: some 76,000 lines
    assert len(result.stdout.splitlines()) < 5000
    assert fits(result.stdout, 60)


def test_data_review_at_60_keeps_the_fact_and_drops_confidence_and_age(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(monkeypatch)
    result = run("data", "review", "--limit", "3", "--as-of", "2026-11-30")
    assert result.exit_code == 0
    assert header(result.stdout, "#")[:2] == ["#", "Impact"]
    assert "Not shown at 60 columns: Confidence, Age." in flat(result.stdout)
    facts = " ".join(row[3] for row in table_cells(result.stdout, "#"))
    assert re.search(r"routes\[\d\]:", facts)
    assert fits(result.stdout, 60)


@pytest.mark.parametrize(
    "args",
    [
        ("tracks",),
        ("eligible", "--profile", RECEPTIONIST, "cma", "rma", "--as-of", "2026-11-30"),
        ("show", "cma-aama"),
        ("data", "review", "--limit", "3", "--as-of", "2026-11-30"),
    ],
)
def test_wide_terminals_show_every_column_unfolded(
    run: Any, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    narrow(monkeypatch, 200)
    result = run(*args)
    assert result.exit_code == 0
    assert "Not shown" not in result.stdout
    assert fits(result.stdout, 200)
    if args[0] == "tracks":
        assert header(result.stdout, "ID") == ["ID", "Credential", "Issuer", "Category", "Routes"]
        row = table_cells(result.stdout, "ID")[0]
        assert row == ["cma-aama", "Certified Medical Assistant, CMA (AAMA)", "AAMA"] + [
            "medical assisting",
            "5",
        ]


def test_show_costs_at_60_fold_no_word_of_a_fee_name(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(monkeypatch)
    result = run("show", "cma-aama")
    costs = result.stdout.split("Cost over 5 years")[1].split("  •")[0]
    assert "Not shown at 60 columns: Each, ×." in flat(costs)
    words = " ".join(row[0] for row in table_cells(costs, "Cost")).split()
    assert "Recertification" in words  # it was cut into "Recertifi" and "cation"
    years = table_cells(costs.split("Year by year")[1], "Year")
    assert [row[2] for row in years if row[2]][0] == "$125"


REPORT = ["--goal", "clinical", "--setting", "clinic", "--months", "12", "--as-of", "2026-11-30"]


def test_report_at_60_cuts_no_cell_and_names_the_columns_left_out(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    narrow(monkeypatch)
    result = run("report", "--profile", RECEPTIONIST, *REPORT)
    assert result.exit_code == 0, result.stderr
    # rich.markdown squeezed all ten comparison columns in: "rma…", "$38…", "work-experi…"
    assert "…" not in result.stdout.replace("programmatic …", "")
    text = flat(result.stdout)
    assert "Not shown at 60 columns: Time, State, Eligibility, Ladder, State fit." in text
    assert "Not shown at 60 columns: You, What it takes, Exam, Renewal," in text
    ranking = result.stdout.split("the score is out of")[1]
    head = next(line for line in ranking.splitlines() if "Score" in line).split()
    assert head[:3] == ["#", "Track", "Score"]
    assert re.search(r"^ 1 +\S.* \d+\.\d +30 ", ranking, re.MULTILINE)  # the score is whole
    comparison = result.stdout.split("non-member prices, CE not")[1]
    assert "rma-amt —" in comparison and "$385;" in comparison  # ids and amounts whole
    assert fits(result.stdout, 60)
