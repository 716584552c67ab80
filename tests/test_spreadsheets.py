"""CSV and XLSX as a counselor opens them: no live formulas, one boolean spelling, fitted sheets."""

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from certadvisor.render.csv_cells import cell, csv_text, neutral
from wallet_helpers import ce_args

EVIL_NAME = '=HYPERLINK("http://x")'
EVIL_TITLE = "@SUM(1)"
AS_OF = "2026-11-30"


def _cohort(tmp_path: Path) -> Path:
    path = tmp_path / "class.yaml"
    path.write_text(
        "profiles:\n"
        f"  - name: '{EVIL_NAME}'\n"
        "    education: {highest: high_school}\n"
        "  - name: 'Zoë Ångström'\n"
        "    education: {highest: high_school}\n"
        "    programs:\n"
        "      - {field: medical_assisting, accreditation: [CAAHEP], completed: 2026-05-15}\n",
        encoding="utf-8",
    )
    return path


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-x", "'-x"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-12", "-12"),
        ("+3.5", "+3.5"),
        ("2026-11-30", "2026-11-30"),
        ("Ana", "Ana"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote_and_numbers_do_not(
    raw: str, shown: str
) -> None:
    assert neutral(raw) == shown


def test_booleans_and_empties_have_one_spelling() -> None:
    assert [cell(True), cell(False), cell(None), cell(-3)] == ["true", "false", "", "-3"]
    assert csv_text(["a"], [[True]], excel=True).startswith("\ufeffa\ntrue")


def test_a_cohort_csv_shows_a_formula_name_as_text(run: Any, tmp_path: Path) -> None:
    result = run(
        "eligible", "--profile", str(_cohort(tmp_path)), "cma", "--format", "csv", "--as-of", AS_OF
    )
    assert result.exit_code == 0, result.stderr
    names = [r["name"] for r in _csv_rows(result.stdout)]
    assert names == ["'" + EVIL_NAME, "Zoë Ångström"]
    assert {r["unverified"] for r in _csv_rows(result.stdout)} <= {"true", "false"}


def test_checklist_csv_spells_booleans_true_false(run: Any) -> None:
    result = run("checklist", "cma-aama", "--format", "csv", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert {r["done"] for r in _csv_rows(result.stdout)} == {"false"}


def test_excel_flag_writes_a_byte_order_mark_and_utf8(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "class.csv"
    cohort = str(_cohort(tmp_path))
    result = run(
        "eligible", "--profile", cohort, "cma", "--as-of", AS_OF, "-o", str(out), "--excel"
    )
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfname,")
    assert "Zoë Ångström" in raw.decode("utf-8-sig")
    plain = run("eligible", "--profile", cohort, "cma", "--as-of", AS_OF, "--format", "csv")
    assert not plain.stdout.startswith("\ufeff")


def test_wallet_ce_title_is_text_in_csv_and_xlsx(w: Any, tmp_path: Path) -> None:
    assert w("add", "wx-eom", "--earned", "2020-06-15", "-p", EVIL_NAME).exit_code == 0
    added = w(*ce_args(title=EVIL_TITLE), "-p", EVIL_NAME)
    assert added.exit_code == 0, added.stderr
    listed = w("ce", "list", "-p", EVIL_NAME, "--format", "csv")
    assert listed.exit_code == 0, listed.stderr
    (row,) = _csv_rows(listed.stdout)
    assert row["person"] == "'" + EVIL_NAME and row["title"] == "'" + EVIL_TITLE
    out = tmp_path / "ce.xlsx"
    saved = w("ce", "list", "-p", EVIL_NAME, "-o", str(out))
    assert saved.exit_code == 0, saved.stderr
    ws = openpyxl.load_workbook(out).active
    assert ws is not None
    heads = [c.value for c in ws[1]]
    person, title = ws.cell(2, heads.index("person") + 1), ws.cell(2, heads.index("title") + 1)
    assert (person.value, person.data_type) == (EVIL_NAME, "s")
    assert (title.value, title.data_type) == (EVIL_TITLE, "s")
    assert person.quotePrefix


def test_cohort_workbook_has_frozen_filtered_fitted_coloured_sheet(
    run: Any, tmp_path: Path
) -> None:
    out = tmp_path / "class.xlsx"
    result = run("eligible", "--profile", str(_cohort(tmp_path)), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"saved to {out}" in result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["eligible", "Sources"]
    assert book["Sources"].freeze_panes == "A2" and book["Sources"].max_row > 1
    ws = book["eligible"]
    heads = [c.value for c in ws[1]]
    assert heads[:3] == ["name", "track", "status"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:G{ws.max_row}"
    names = {ws.cell(r, 1).value for r in range(2, ws.max_row + 1)}
    assert names == {EVIL_NAME, "Zoë Ångström"}
    assert all(ws.cell(r, 1).data_type == "s" for r in range(2, ws.max_row + 1))
    assert ws.column_dimensions["A"].width >= len(EVIL_NAME)
    fills = {
        ws.cell(r, 3).value: ws.cell(r, 3).fill.start_color.rgb for r in range(2, ws.max_row + 1)
    }
    assert fills["eligible"] != fills["not_eligible"] != fills["unknown"] != fills["eligible"]


def test_checklist_workbook_puts_its_sources_on_their_own_sheet(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "steps.xlsx"
    result = run("checklist", "ccma-nha", "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["checklist", "Sources"]
    sources = book["Sources"]
    assert [c.value for c in sources[1]] == ["number", "source", "url"]
    assert sources.cell(2, 1).value == 1 and str(sources.cell(2, 3).value).startswith("http")
    items = " ".join(str(c.value) for c in book["checklist"]["F"])
    assert f"[{sources.max_row - 1}]" in items


def test_format_xlsx_is_offered_where_csv_is(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "tracks.bin"
    result = run("tracks", "--format", "xlsx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes()[:2] == b"PK"
    refused = run("show", "cma-aama", "-o", str(tmp_path / "cma.xlsx"))
    assert refused.exit_code == 2
    assert "--format xlsx is not available for `show`" in refused.stderr


def test_an_unknown_output_suffix_is_a_usage_error_naming_the_known_ones(
    run: Any, tmp_path: Path
) -> None:
    out = tmp_path / "class.pdf"
    result = run("tracks", "-o", str(out))
    assert result.exit_code == 2
    assert "the suffix .pdf names no output format" in result.stderr
    assert ".csv" in result.stderr and ".xlsx" in result.stderr and "--format" in result.stderr
    assert not out.exists()
    given = run("tracks", "-o", str(out), "--format", "csv")
    assert given.exit_code == 0 and out.read_text().startswith("id,")


def test_compare_workbook_lists_the_sources_of_the_comparison(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "compare.xlsx"
    result = run("compare", "--category", "phlebotomy", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["compare", "Sources"]
    tracks = [c.value for c in book["compare"]["A"][1:]]
    assert tracks == ["cpt-nha", "pbt-ascp", "rpt-amt", "ncpt-ncct"]
    urls = [c.value for c in book["Sources"]["C"][1:]]
    assert urls and all(str(u).startswith("http") for u in urls)
    assert len(set(urls)) == len(urls)
