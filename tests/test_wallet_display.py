"""How wallet reports read: table widths, assumption markers in the export, group helps and
CE categories without a minimum."""

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from certadvisor.render.wallet import Col, fit_widths
from wallet_helpers import ce_args

AS_OF = "2026-01-01"
pytestmark = pytest.mark.usefixtures("wallet_cache")
LONG = "Infection control and bloodborne pathogens: an annual update for ambulatory care"


@pytest.fixture
def long_ce(w: Any, tmp_path: Path) -> Any:
    """Two credentials, CE with long titles, one entry with a certificate."""
    cert = tmp_path / "cert.pdf"
    cert.write_bytes(b"%PDF-1.4 certificate")
    assert w("add", "wx-eom", "--earned", "2021-06-15", "--number", "N" * 64).exit_code == 0
    assert w("add", "wx-plain", "--earned", "2024-03-10").exit_code == 0
    for args in (
        [*ce_args(category="administrative", title=LONG), "--certificate", str(cert)],
        [*ce_args(category="clinical", date="2023-04-01", title="Billing " * 8)],
        [*ce_args(track="wx-plain", category="general", date="2025-01-05", title="Lab safety")],
    ):
        result = w(*args, "--approved-by", "WFB")
        assert result.exit_code == 0, result.stderr
    return w


def table_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line and line[0] in "┏┃┡│└"]


@pytest.mark.parametrize("width", [80, 100, 160])
@pytest.mark.parametrize("args", [["ce", "list"], ["list"], ["ce", "list", "--all"]])
def test_wallet_tables_fit_the_width_with_their_right_border(
    long_ce: Any, monkeypatch: pytest.MonkeyPatch, width: int, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = long_ce(*args)
    assert result.exit_code == 0, result.stderr
    lines = table_lines(result.stdout)
    assert lines
    # Rich crops a table wider than the terminal: its right border is the first thing lost
    assert [line for line in lines if line.rstrip()[-1] not in "┓┃┩│┘"] == []
    assert all(len(line.rstrip()) <= width for line in result.stdout.splitlines())
    headers = " ".join(line for line in lines if line.startswith("┃"))
    assert "Credentia " not in headers and "Credential" in headers


def words_of_column(out: str, column: int) -> str:
    """The text of one column of a Rich table, its wrapped lines joined."""
    cells = [line.split("│")[column].strip() for line in out.splitlines() if line.startswith("│")]
    return " ".join(c for c in cells if c)


def test_ce_list_at_80_wraps_titles_and_names_the_columns_left_out(
    long_ce: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = long_ce("ce", "list").stdout
    head = next(line for line in out.splitlines() if line.startswith("┃") and "ID" in line)
    assert [h.strip() for h in head.strip("┃").split("┃")] == [
        "ID",
        "Date",
        "Credential",
        "Pts",
        "Category",
        "Title",
    ]
    assert LONG in words_of_column(out, 6)
    assert "administrative" in out  # a category id is not folded at 80
    assert "Not shown at 80 columns: approved, cert." in " ".join(out.split())


def test_ce_list_at_160_shows_every_column_on_one_line_per_entry(
    long_ce: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    out = long_ce("ce", "list").stdout
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert len(rows) == 3 and "Not shown" not in out
    first = next(r for r in rows if LONG in r)
    assert [c.strip() for c in first.strip("│").split("│")][-2:] == ["WFB", "yes"]
    assert max(len(line) for line in out.splitlines()) < 160  # no padding to the edge


@pytest.mark.parametrize("width", [20, 40, 60, 80, 100, 120, 160, 240])
def test_fitted_columns_never_exceed_the_width_nor_cut_a_header(width: int) -> None:
    cols = [Col("ID", 6), Col("Credential", 10, ratio=1), Col("Title", 20, ratio=4), Col("X", 4)]
    rows = [["12", "CMA (AAMA)", "word " * 30, "yes"], ["7", "MLT(ASCP)", "short", ""]]
    widths = fit_widths(width, cols, (0, 2, 1, 3), rows)
    assert 0 in widths  # the first priority stays even when nothing fits
    if len(widths) > 1:
        assert sum(widths.values()) + 3 * len(widths) + 1 <= width
    assert all(widths[i] >= len(cols[i].header) for i in widths)
    assert all(widths[i] <= max(len(cols[i].header), *(len(r[i]) for r in rows)) for i in widths)
    kept = [i for i in (0, 2, 1, 3) if i in widths]
    assert kept == [0, 2, 1, 3][: len(kept)]  # dropped from the lowest priority up


def test_status_still_fits_80_and_160(long_ce: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for width in (80, 160):
        monkeypatch.setenv("COLUMNS", str(width))
        out = long_ce("status", "--as-of", AS_OF).stdout
        lines = [line for line in out.splitlines() if not line.startswith("[")]
        assert all(len(line.rstrip()) <= width for line in lines)
        assert all(line.rstrip()[-1] in "┓┃┩│┘" for line in table_lines(out))


# The export carries the assumptions that status shows


def cycle_basis(text: str, label: str) -> str:
    """'24 months counted from the date earned (assumed ?; ...) ? [' in a line with label."""
    line = next(line for line in text.splitlines() if label in line and "months counted" in line)
    found = re.search(r"\d+ months counted [^\[]*\[", line)
    assert found, line
    return found.group(0)


def test_export_markdown_marks_an_assumed_unverified_cycle_like_status(long_ce: Any) -> None:
    export = long_ce("export", "--as-of", AS_OF, "--format", "markdown").stdout
    status = long_ce("status", "--as-of", AS_OF, "--format", "markdown").stdout
    section = export[export.index("(wx-plain)") :]
    basis = cycle_basis(section, "current cycle 2024-03-10 to 2026-03-09")
    assert (
        basis == "24 months counted from the date earned (assumed ?; the catalog does not say) ? ["
    )
    assert basis == cycle_basis(status[status.index("(wx-plain)") :], "Cycle")
    assert "- Assumed: the cycle counts from the date earned" in section
    assert "| 2025-01-05 | 1 | general | Lab safety |" not in section  # points are 2
    assert re.search(r"\| 2025-01-05 \|.*\| yes \? \|$", section, re.M)


def test_export_markdown_keeps_an_official_cycle_unmarked(long_ce: Any) -> None:
    export = long_ce("export", "--as-of", AS_OF, "--format", "markdown").stdout
    section = export[export.index("(wx-eom)") : export.index("(wx-plain)")]
    basis = cycle_basis(section, "current cycle 2021-06-15 to 2026-06-30")
    assert basis == "60 months counted from the end of the month earned ● ["
    assert "assumed" not in section and "? |" not in section
    assert re.search(r"\| 2023-04-01 \|.*\| yes \|$", section, re.M)


def test_export_of_a_cycle_the_catalog_does_not_know_says_so(w: Any) -> None:
    assert w("add", "wx-nocycle", "--earned", "2020-01-01").exit_code == 0
    export = w("export", "--as-of", AS_OF, "--format", "markdown").stdout
    assert "current cycle unknown: the catalog does not know it." in export
    assert "CE is shown for all dates" in export


def test_export_and_status_csv_say_whether_the_cycle_start_is_assumed(long_ce: Any) -> None:
    assert long_ce("add", "wx-nocycle", "--earned", "2020-01-01").exit_code == 0
    for command in ("export", "status"):
        out = long_ce(command, "--as-of", AS_OF, "--format", "csv").stdout
        rows = list(csv.DictReader(io.StringIO(out)))
        assumed = {r["track"]: r["cycle_anchor_assumed"] for r in rows}
        assert assumed == {"wx-eom": "false", "wx-plain": "true", "wx-nocycle": ""}, command
        confidence = {r["track"]: r["cycle_confidence"] for r in rows}
        assert confidence["wx-plain"] == "unverified" and confidence["wx-eom"] == "official"


# Group helps


@pytest.mark.parametrize(
    ("group", "example"),
    [(["wallet"], "certadvisor wallet status"), (["wallet", "ce"], "certadvisor wallet ce list")],
)
def test_wallet_group_helps_have_an_example(run: Any, group: list[str], example: str) -> None:
    result = run(*group, "--help")
    assert result.exit_code == 0
    assert f"Example: {example}" in " ".join(result.stdout.split())


# CE categories without a minimum (ASCP's "remainder" in laboratory-related areas)

REMAINDER_CATALOG = """\
as_of: 2026-01-15
tracks:
  - id: wx-lab
    credential: Wallet Fixture Lab Technician
    abbreviation: WXT
    category: laboratory
    issuer: {name: Wallet Fixture Board, abbreviation: WFB}
    renewal:
      cycle_months: {value: 36, source: https://wx.example/lab, as_of: 2026-01,
                     confidence: official}
      anchor: {value: earned_date, source: https://wx.example/lab, as_of: 2026-01,
               confidence: official}
      ce:
        total_points: 36
        unit: CMP points
        categories:
          - {id: chemistry, name: Chemistry, min_points: 2}
          - {id: safety, name: Safety, min_points: 1}
          - {id: ethics, name: Ethics, min_points: 0}
          - {id: general, name: Laboratory-related areas (the remainder)}
        rollover: false
        source: https://wx.example/lab-ce
        as_of: 2026-01
        confidence: official
"""


@pytest.fixture
def lab(run: Any, tmp_path: Path) -> Any:
    catalog = tmp_path / "lab.yaml"
    catalog.write_text(REMAINDER_CATALOG)
    lab_run = lambda *args: run("--data", str(catalog), "wallet", *args)  # noqa: E731
    assert lab_run("add", "wx-lab", "--earned", "2025-01-01").exit_code == 0
    for category, points in (("general", "10"), ("ethics", "1.5"), ("chemistry", "2")):
        args = ce_args(track="wx-lab", category=category, points=points, date="2025-06-01")
        assert lab_run(*args).exit_code == 0
    return lab_run


def category_line(text: str) -> str:
    return " ".join(text[text.index("by category:") :].split("\n", 2)[:2])


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_category_without_a_minimum_shows_its_points_alone(lab: Any, fmt: str) -> None:
    result = lab("status", "--as-of", AS_OF, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    line = " ".join(category_line(result.stdout).replace("|", " ").split())
    assert "Laboratory-related areas (the remainder) 10" in line
    assert "(the remainder) 10/" not in line and "(the remainder) 10 ✓" not in line
    assert "Ethics 1.5 ·" in line  # a minimum of 0 is no minimum
    assert "0 short" not in line and "/0" not in line
    assert "Chemistry 2/2 ✓" in line and "Safety 0/1 1 short" in line


def test_a_category_without_a_minimum_counts_but_is_never_short(lab: Any) -> None:
    data = lab("status", "--as-of", AS_OF, "--format", "json").json()["data"]
    (cred,) = data["people"][0]["credentials"]
    ce = cred["ce"]
    cats = {c["id"]: (c["earned"], c["min_points"], c["short"]) for c in ce["categories"]}
    assert cats["general"] == (10, None, 0) and cats["ethics"] == (1.5, 0, 0)
    assert (ce["counted"], ce["needed"]) == (13.5, 22.5)
    assert "remainder" not in cred["next_action"]["detail"]
    assert cred["next_action"]["detail"] == "first earn 22.5 more CMP points (Safety 1)"


def test_ce_list_sums_points_per_credential_never_across_bodies(long_ce: Any) -> None:
    out = long_ce("ce", "list").stdout
    # each body counts in its own units: two credentials are summed apart
    assert "CE of me: 3 entries: points 4 for WXA, 2 for WXP" in out
    assert "6 points" not in out
