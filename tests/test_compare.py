"""`compare`: the side-by-side table, its costs, widths, formats and every bad input."""

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from markdown_check import check_markdown

FX = str(Path(__file__).parent / "fixtures" / "compare_catalog.yaml")
CX = ["cx-cheap", "cx-dear", "cx-unknown"]
ENVELOPE = {"schema_version", "command", "data_as_of", "data"}


def fx(*args: str) -> list[str]:
    """`compare` on the fixture catalog."""
    return ["--data", FX, "compare", *args]


def data(run: Any, *args: str) -> dict[str, Any]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert set(doc) == ENVELOPE and doc["command"] == "compare" and doc["schema_version"] == 1
    return doc["data"]


def by_id(d: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["track"]: row for row in d["tracks"]}


def one_line_error(result: Any, code: int, *words: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("Error: ")
    for w in words:
        assert w in first, first
    assert len(result.stderr.splitlines()) <= 2


# --- what a candidate sees ---------------------------------------------------------------------


def test_fixture_costs_exactly(run: Any) -> None:
    rows = by_id(data(run, *fx(*CX)))
    cheap, dear, unknown = rows["cx-cheap"], rows["cx-dear"], rows["cx-unknown"]
    assert cheap["cost"]["amount"] == 200 and not cheap["cost"]["lower_bound"]
    assert cheap["cost"]["first_time"]["amount"] == 100
    # cheapest route priced, the dearer one still listed; the renewal range counts its low end
    assert dear["cost"]["first_time"]["route"] == "experienced"
    assert dear["cost"]["amount"] == 200 + 2 * 150
    assert dear["cost"]["lower_bound"] and dear["cost"]["unverified"]
    assert [p["kind"] for p in dear["cost"]["first_time"]["not_counted"]] == ["retake"]
    assert unknown["cost"]["lower_bound"] and unknown["cost"]["amount"] == 0
    assert any("Unknown exam fee" in u for u in unknown["cost"]["unknown"])


def test_years_member_and_ce_change_the_totals(run: Any) -> None:
    base = by_id(data(run, *fx("cx-cheap", "--years", "10")))["cx-cheap"]["cost"]
    assert base["amount"] == 100 + 10 * 20 and len(base["by_year"]) == 11
    ce = by_id(data(run, *fx("cx-cheap", "--ce-cost-per-point", "1.5")))["cx-cheap"]["cost"]
    assert ce["amount"] == 200 + 5 * 5 * 1.5
    zero = by_id(data(run, *fx("cx-cheap", "--years", "0")))["cx-cheap"]["cost"]
    assert zero["amount"] == 100


def test_member_prices_on_the_bundled_cma(run: Any) -> None:
    non = by_id(data(run, "compare", "cma-aama"))["cma-aama"]["cost"]
    member = by_id(data(run, "compare", "cma-aama", "--member"))["cma-aama"]["cost"]
    assert non["first_time"]["amount"] == 125 and non["first_time"]["route"] == "category-1"
    # the recertification fee's amount is unknown (audit 2026-11-30): counted $0, a lower bound
    assert non["amount"] == 125 and non["lower_bound"]
    assert member["amount"] > 125 and member["lower_bound"]  # dues quoted as a range
    assert any(p["kind"] == "membership" for p in member["recurring"])


def test_bundled_unknown_fees_are_named_not_guessed(run: Any) -> None:
    rows = by_id(data(run, "compare", "--category", "phlebotomy"))
    assert set(rows) == {"cpt-nha", "pbt-ascp", "rpt-amt", "ncpt-ncct"}
    cpt = rows["cpt-nha"]["cost"]
    # the CPT exam fee is a third-party range (audit 2026-11-30): counted at its low end
    assert cpt["lower_bound"] and cpt["first_time"]["amount"] == 117
    assert any("CPT exam fee" in n and "$117–$129" in n for n in cpt["notes"])
    for row in rows.values():
        for part in [*row["cost"]["first_time"]["parts"], *row["cost"]["recurring"]]:
            if part["unit_amount"] is not None:
                assert part["source"], part  # every counted amount can be traced


def test_table_marks_lower_bounds_and_unverified_totals(run: Any) -> None:
    result = run(*fx(*CX))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "≈ $500–" in out and "$200" in out and "unknown" in out  # a quoted range: estimate
    assert "≥ $0" not in out, "an unknown fee is not $0"
    assert "unknown ? [" in out  # the first-time cost of cx-unknown, with its unverified source
    assert "cx-unknown: Unknown exam fee: the amount is not in the catalog" in out
    assert "cheapest:" in out  # which route: see the JSON test
    assert "https://cx.example/dear/renewal-fee" in out  # the unverified fee is footnoted
    assert result.stderr == ""


def test_bars_scale_with_the_totals(run: Any) -> None:
    out = run(*fx(*CX)).stdout
    bars = {t: re.search(rf"{t} .*?\n.*?([█▏▎▍▌▋▊▉]+)", out, re.S) for t in ("cx-cheap", "cx-dear")}
    cheap, dear = (len(m.group(1)) if m else 0 for m in bars.values())
    assert dear == 10 and 3 <= cheap <= 5


@pytest.mark.parametrize(
    ("key", "order"),
    [
        ("cost", ["cx-cheap", "cx-dear", "cx-unknown"]),  # the unknown exam fee goes last
        ("time", ["cx-cheap", "cx-dear", "cx-unknown"]),
        ("renewal", ["cx-cheap", "cx-dear", "cx-unknown"]),
        ("name", ["cx-cheap", "cx-dear", "cx-unknown"]),
        ("COST", ["cx-cheap", "cx-dear", "cx-unknown"]),
    ],
)
def test_sort_orders(run: Any, key: str, order: list[str]) -> None:
    d = data(run, *fx("cx-unknown", "cx-dear", "cx-cheap", "--sort", key))
    assert [r["track"] for r in d["tracks"]] == order


def test_without_sort_the_order_given_is_kept(run: Any) -> None:
    d = data(run, *fx("cx-unknown", "cx-cheap"))
    assert [r["track"] for r in d["tracks"]] == ["cx-unknown", "cx-cheap"]


def test_bundled_sort_by_cost_is_non_decreasing_among_known_exam_fees(run: Any) -> None:
    d = data(run, "compare", "--sort", "cost")
    known = [
        r["cost"]["amount"]
        for r in d["tracks"]
        if not all(p["unknown"] for p in r["cost"]["first_time"]["parts"])
    ]
    assert known == sorted(known) and len(d["tracks"]) == 12


def test_default_compares_the_whole_catalog_and_category_filters(run: Any) -> None:
    assert len(data(run, "compare")["tracks"]) == 12
    ma = [r["track"] for r in data(run, "compare", "--category", "medical_assisting")["tracks"]]
    assert ma == ["cma-aama", "rma-amt", "ccma-nha", "ncma-ncct"]


def test_abbreviations_resolve_and_duplicates_collapse(run: Any) -> None:
    d = data(run, "compare", "CMA", "cma-aama", "RMA")
    assert [r["track"] for r in d["tracks"]] == ["cma-aama", "rma-amt"]


# --- widths and colour ---------------------------------------------------------------------------


def _table_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]


def test_80_columns_keep_the_table_inside_and_say_what_is_hidden(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run("compare")
    lines = _table_lines(result.stdout)
    assert lines and max(len(line) for line in lines) <= 80
    assert "Not shown at 80 columns: what it takes" in result.stdout
    for header in ("Track", "First time", "Renewal", "5-year cost"):
        assert header in result.stdout


def test_160_columns_show_every_column(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    result = run("compare", "--category", "laboratory")
    lines = _table_lines(result.stdout)
    assert max(len(line) for line in lines) <= 160
    for header in ("What it takes", "Exam", "Time to", "Accredited", "5-year cost"):
        assert header in result.stdout
    assert "Not shown" not in result.stdout


def test_very_narrow_terminal_still_shows_track_and_cost(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    result = run(*fx(*CX))
    assert result.exit_code == 0
    assert "cx-dear" in result.stdout and "5-year cost" in result.stdout.replace("\n", " ")


def test_no_colour_codes_with_no_color_flag(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    result = run("--no-color", "compare", "--category", "ekg")
    assert result.exit_code == 0 and "\x1b[" not in result.stdout


# --- formats -------------------------------------------------------------------------------------


def test_markdown_tables_are_whole_and_deterministic(run: Any) -> None:
    args = ["compare", "--format", "markdown", "--state", "CA", "--ce-cost-per-point", "2"]
    first, second = run(*args), run(*args)
    assert first.exit_code == 0 and first.stdout == second.stdout
    tables = check_markdown(first.stdout)
    assert len(tables) == 1
    table = tables[0]
    assert table.header[:2] == ["Track", "What it takes"] and len(table.header) == 9
    assert table.header[-1] == "Pay"  # --state adds what the work pays there
    assert len(table.rows) == 12
    assert "## Sources" in first.stdout and "Catalog reviewed 2026-11-26" in first.stdout
    numbered = re.findall(r"^(\d+)\. .*<https?://", first.stdout, re.M)
    assert numbered == [str(i) for i in range(1, len(numbered) + 1)] and numbered
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", first.stdout)}
    assert cited == set(range(1, len(numbered) + 1))  # every footnote listed, none unused
    assert "## State rules: California (CA)" in first.stdout


def test_markdown_has_the_eligibility_column_with_a_profile(run: Any, tmp_path: Path) -> None:
    result = run(
        "compare",
        "--category",
        "medical_assisting",
        "--profile",
        _profile(tmp_path),
        "-f",
        "markdown",
    )
    assert result.exit_code == 0, result.stderr
    table = check_markdown(result.stdout)[0]
    assert table.header[1] == "You"
    assert table.column("You")[0].startswith("eligible")


def test_csv_has_one_row_per_track_with_numbers(run: Any) -> None:
    result = run(*fx(*CX, "--format", "csv"))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["track"] for r in rows] == CX
    assert rows[0]["total_cost"] == "200" and rows[0]["total_lower_bound"] == "false"
    assert rows[1]["total_unverified"] == "true" and rows[1]["first_time_route"] == "experienced"
    assert "Unknown exam fee" in rows[2]["unknown"]


def test_output_file_suffix_picks_markdown(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "compare.md"
    result = run(*fx(*CX, "-o", str(target)))
    assert result.exit_code == 0 and result.stdout == ""
    assert "saved to" in result.stderr
    check_markdown(target.read_text())


def test_json_keeps_provenance_of_exam_facts_and_parts(run: Any) -> None:
    row = by_id(data(run, *fx("cx-cheap")))["cx-cheap"]
    assert row["exam"]["questions"]["value"] == 100
    assert row["exam"]["questions"]["source"] == "https://cx.example/cheap/exam"
    part = row["cost"]["first_time"]["parts"][0]
    assert (part["source"], part["as_of"], part["confidence"]) == (
        "https://cx.example/cheap/fees",
        "2026-01",
        "official",
    )
    assert row["eligibility"] is None and data(run, *fx("cx-cheap"))["state"] is None


# --- state and profile ---------------------------------------------------------------------------


def test_state_notes_are_added_and_code_is_case_insensitive(run: Any) -> None:
    d = data(run, "compare", "--category", "phlebotomy", "--state", "ca")
    assert d["state"]["code"] == "CA" and d["state"]["notes"]
    assert all(
        "phlebotomy" in n["categories"] or set(n["tracks"]) & {"cpt-nha", "pbt-ascp"}
        for n in d["state"]["notes"]
    )
    out = run("compare", "--category", "phlebotomy", "--state", "CA").stdout
    assert "State rules: California (CA)" in out


def test_state_without_rules_says_so(run: Any) -> None:
    result = run(*fx("cx-cheap", "--state", "VT"))
    assert result.exit_code == 0
    assert "Vermont (VT): the catalog has no state rule for these tracks." in result.stdout


def _profile(tmp_path: Path, body: str | None = None) -> str:
    path = tmp_path / "maria.yaml"
    path.write_text(
        body
        or (
            "name: Maria\nas_of: 2026-11-26\neducation:\n  highest: high_school\n"
            "programs:\n  - field: medical_assisting\n    accreditation: [CAAHEP]\n"
            "    completed: 2026-05-15\nexperience: []\ncredentials: []\n"
        )
    )
    return str(path)


def test_profile_adds_eligibility_and_prices_the_persons_route(run: Any, tmp_path: Path) -> None:
    rows = by_id(data(run, "compare", "cma-aama", "rma-amt", "--profile", _profile(tmp_path)))
    cma = rows["cma-aama"]
    assert (
        cma["eligibility"]["status"] == "eligible" and cma["eligibility"]["route"] == "category-1"
    )
    assert cma["cost"]["first_time"]["route"] == "category-1"
    assert cma["cost"]["first_time"]["basis"] == "given"
    table = run("compare", "cma-aama", "--profile", _profile(tmp_path)).stdout
    assert "You" in table and "by category-1" in table


def test_profile_with_a_cohort_is_a_usage_error(run: Any, tmp_path: Path) -> None:
    path = _profile(tmp_path, "profiles:\n  - name: A\n  - name: B\n")
    one_line_error(run("compare", "cma-aama", "--profile", path), 2, "holds 2 people")


def test_invalid_profile_exits_3(run: Any, tmp_path: Path) -> None:
    path = _profile(tmp_path, "education:\n  highest: wizard\n")
    result = run("compare", "cma-aama", "--profile", path)
    assert result.exit_code == 3 and result.stdout == "" and "Traceback" not in result.stderr


# --- bad input -----------------------------------------------------------------------------------


def test_unknown_track_names_the_closest(run: Any) -> None:
    result = run("compare", "cma-aama", "cma-amaa")
    one_line_error(result, 1, "unknown track 'cma-amaa'")
    assert "cma-aama" in result.stderr.splitlines()[1]


def test_ambiguous_abbreviation_is_a_domain_error(run: Any) -> None:
    one_line_error(run("compare", "CPT"), 1, "ambiguous")


@pytest.mark.parametrize("years", ["-1", "-10", "101"])
def test_bad_years_is_a_usage_error(run: Any, years: str) -> None:
    one_line_error(run("compare", "--years", years), 2, "--years")


@pytest.mark.parametrize("value", ["-2", "nan", "inf"])
def test_bad_ce_cost_is_a_usage_error(run: Any, value: str) -> None:
    one_line_error(run("compare", "--ce-cost-per-point", value), 2, "--ce-cost-per-point")


def test_empty_selection_is_nothing_to_compare(run: Any) -> None:
    one_line_error(run("compare", "cma-aama", "--category", "laboratory"), 1, "nothing to compare")


def test_unknown_sort_is_a_usage_error(run: Any) -> None:
    one_line_error(run("compare", "--sort", "price"), 2, "unknown --sort 'price'")


@pytest.mark.parametrize("code", ["ZZ", "Washington", "1"])
def test_unknown_state_is_a_usage_error(run: Any, code: str) -> None:
    one_line_error(run("compare", "--state", code), 2, "unknown state code")


def test_unknown_category_is_a_usage_error(run: Any) -> None:
    one_line_error(run("compare", "--category", "nursing"), 2, "unknown category")


def test_ics_is_not_a_compare_format(run: Any) -> None:
    result = run("compare", "--format", "ics")
    assert result.exit_code == 2 and result.stdout == ""


def test_the_military_course_is_no_civilians_fastest_time(run: Any) -> None:
    rows = run("compare", "mlt-ascp", "--format", "json").json()["data"]["tracks"]
    time = rows[0]["time_to_eligible"]
    # route-3 is the 50-week US military course: only a soldier's way in
    assert time["fastest"]["routes"] == ["route-1"] and time["months_min"] == 24.0
