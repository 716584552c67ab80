"""`report`: one deterministic GitHub-markdown packet per person, or a folder for a cohort."""

from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from markdown_check import check_markdown

FIXTURES = Path(__file__).parent / "fixtures"
FX = str(FIXTURES / "guidance_catalog.yaml")
PEOPLE = str(FIXTURES / "guidance_people.yaml")
SECTIONS = [
    "Advising report: Lee",
    "Who",
    "Eligibility",
    "Tracks that fit the goal",
    "Chosen track: FXLT — Fixture Laboratory Technician",
    "Checklist: FXLT — Fixture Laboratory Technician",
    "Study plan: FXLT — Fixture Laboratory Technician",
    "State rules: California (CA)",
    "Sources",
]


def _run_report(run: Any, person: str, *args: str) -> Any:
    """`report` on the fixture cohort, for one person of it."""
    return run("--data", FX, "report", "--profile", PEOPLE, "--person", person, *args)


def _report(run: Any, out: Path, *extra: str) -> str:
    result = _run_report(
        run, "Lee", "--goal", "laboratory", "--track", "fx-lab", "-o", str(out), *extra
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"saved to {out}" in result.stderr
    return out.read_text()


def _headings(md: str, level: int) -> list[str]:
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == f"h{level}"
    ]


def test_the_packet_has_every_section_in_order(run: Any, tmp_path: Path) -> None:
    md = _report(run, tmp_path / "lee.md", "--exam-date", "2026-09-01")
    check_markdown(md)
    assert [*_headings(md, 1), *_headings(md, 2)] == [
        SECTIONS[0],
        *[s for s in SECTIONS[1:] if s != "Advising report: Lee"],
    ]
    assert "Evaluated as of 2026-01-15 (the profile's or --as-of date)" in md


def test_eligibility_matrix_has_every_track_with_gaps_and_dates(run: Any, tmp_path: Path) -> None:
    md = _report(run, tmp_path / "lee.md")
    matrix = next(t for t in check_markdown(md) if t.header[0] == "Track" and "Status" in t.header)
    assert len(matrix.rows) == 15  # 12 bundled tracks and 3 fixtures
    lab = next(r for r in matrix.rows if r[0] == "FXLT (fx-lab)")
    assert lab[1:] == ["eligible", "program", "—", "until 2030-06-01"]
    ma = next(r for r in matrix.rows if r[0] == "FXMA (fx-ma)")
    assert ma[1].startswith("not eligible") and ma[2].startswith("closest:")


def test_comparison_covers_the_tracks_that_fit_the_goal(run: Any, tmp_path: Path) -> None:
    md = _report(run, tmp_path / "lee.md")
    compared = next(t for t in check_markdown(md) if "What it takes" in t.header)
    tracks = [row[0].split(" — ")[0] for row in compared.rows]
    assert "fx-lab" in tracks and "fx-ma" not in tracks and "cma-aama" not in tracks
    ranking = next(t for t in check_markdown(md) if t.header[:3] == ["#", "Track", "Score"])
    assert len(ranking.rows) == len(compared.rows)


def test_no_exam_date_no_plan(run: Any, tmp_path: Path) -> None:
    md = _report(run, tmp_path / "lee.md")
    assert not any(h.startswith("Study plan") for h in _headings(md, 2))


def test_same_input_same_bytes(run: Any, tmp_path: Path) -> None:
    first = _report(run, tmp_path / "a.md", "--exam-date", "2026-09-01")
    second = _report(run, tmp_path / "b.md", "--exam-date", "2026-09-01")
    assert first == second
    assert "generated" not in first.lower()


def test_wallet_marks_show_in_the_checklist(run: Any, tmp_path: Path) -> None:
    run("--data", FX, "checklist", "fx-lab", "--person", "Lee", "--mark", "6")
    md = _report(run, tmp_path / "lee.md")
    assert "- [x] **6. Schedule the exam** (marked done)" in md


def test_without_as_of_the_date_is_today_and_said_so(run: Any, tmp_path: Path) -> None:
    import datetime as dt

    out = tmp_path / "kim.md"
    result = _run_report(run, "kim", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert f"Evaluated as of {dt.date.today()} (today; pass --as-of" in text
    fixed = tmp_path / "kim2.md"
    _run_report(run, "kim", "--as-of", "2026-02-01", "-o", str(fixed))
    assert "Evaluated as of 2026-02-01 (the profile's or --as-of date)" in fixed.read_text()


def test_a_cohort_gets_one_file_each_in_a_folder(run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    result = run(
        "--data", FX, "report", "--profile", PEOPLE, "--as-of", "2026-01-15", "-o", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["ana.md", "kim.md", "lee.md", "sam-ek.md"]
    assert "4 reports in" in result.stderr
    for path in folder.iterdir():
        check_markdown(path.read_text())
    assert _headings((folder / "sam-ek.md").read_text(), 1) == ["Advising report: Sam Ek"]


def test_json_carries_the_whole_packet(run: Any) -> None:
    result = _run_report(run, "Lee", "--format", "json", "--exam-date", "2026-09-01")
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert set(doc) == {"schema_version", "command", "data_as_of", "data"}
    report = doc["data"]["report"]
    assert report["best"] == report["recommendation"]["ranking"][0]["track"]
    assert report["plan"]["exam_date"] == "2026-09-01"
    assert len(report["eligibility"]) == 15


def test_terminal_view_renders_the_markdown(run: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = _run_report(run, "Lee")
    assert result.exit_code == 0, result.stderr
    assert "Advising report: Lee" in result.stdout
    assert "| ---" not in result.stdout


# --- what goes wrong ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--person", "Lee", "--exam-date", "2025-12-01"], "not after the start date"),
        (["--person", "Lee", "--exam-date", "2026-02-31"], "--exam-date"),
        (["--person", "Lee", "--state", "QQ"], "unknown state code 'QQ'"),
        (["--person", "Lee", "--goal", "dental"], "unknown goal 'dental'"),
        (["--person", "Nobody"], "no person named 'Nobody'"),
        (
            ["--person", "Lee", "--hours-per-week", "0", "--exam-date", "2026-09-01"],
            "--hours-per-week",
        ),
        ([], "holds 4 people: give -o FOLDER"),
    ],
)
def test_bad_input_is_a_usage_error(run: Any, args: list[str], needle: str) -> None:
    result = run("--data", FX, "report", "--profile", PEOPLE, *args)
    assert result.exit_code == 2, result.stdout
    assert needle in result.stderr


def test_a_cohort_into_a_file_is_refused(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "all.md"
    target.write_text("keep me")
    result = run("--data", FX, "report", "--profile", PEOPLE, "-o", str(target))
    assert result.exit_code == 2
    assert "is a file" in result.stderr
    assert target.read_text() == "keep me"


def test_a_cohort_into_a_new_file_name_is_refused_not_made_a_folder(
    run: Any, tmp_path: Path
) -> None:
    target = tmp_path / "packets.md"
    result = run("--data", FX, "report", "--profile", PEOPLE, "-o", str(target))
    assert result.exit_code == 2
    assert "names a file, but the profile file holds 4 people" in result.stderr
    assert not target.exists()
    # a name without a document suffix is a folder, made for the reports
    folder = tmp_path / "packets"
    assert run("--data", FX, "report", "--profile", PEOPLE, "-o", str(folder)).exit_code == 0
    assert len(list(folder.iterdir())) == 4


def test_profile_is_required_and_must_be_valid(run: Any, tmp_path: Path) -> None:
    assert run("--data", FX, "report").exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: X\nexperience: [{field: dentistry, started: 2020-01-01}]\n")
    result = run("--data", FX, "report", "--profile", str(bad))
    assert result.exit_code == 3
    assert "experience" in result.stderr


def test_default_detail_is_the_best_fit(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "ana.md"
    result = _run_report(run, "Ana", "--goal", "clinical", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    md = out.read_text()
    best = next(h for h in _headings(md, 2) if h.startswith("Best fit: "))
    abbr = best.removeprefix("Best fit: ").split(" — ")[0]
    assert f"Checklist: {abbr} — " in md
    assert "Chosen track" not in md


def test_a_chosen_track_outside_the_goal_is_still_detailed(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "ana.md"
    _run_report(run, "Ana", "--goal", "clinical", "--track", "fx-lab", "-o", str(out))
    md = out.read_text()
    assert "## Chosen track: FXLT" in md and "outside the goal" in md
    assert "## Checklist: FXLT" in md


def test_unknown_chosen_track_is_a_domain_error(run: Any) -> None:
    result = _run_report(run, "Lee", "--track", "zz")
    assert result.exit_code == 1
    assert "unknown track 'zz'" in result.stderr


# --- credentials already held -------------------------------------------------------------------

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_best_fit_is_never_a_credential_already_held(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "priya.md"
    profile = str(EXAMPLES / "mlt-aiming-at-mls.yaml")
    result = run("report", "--profile", profile, "--exam-date", "2027-06-01", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    md = out.read_text()
    check_markdown(md)
    heads = _headings(md, 2)
    assert "Best fit: MLS(ASCP) — Medical Laboratory Scientist" in heads
    assert "Study plan: MLS(ASCP) — Medical Laboratory Scientist" in heads
    assert not any("MLT(ASCP)" in h for h in heads)
    ranking = next(t for t in check_markdown(md) if t.header[:3] == ["#", "Track", "Score"])
    assert not any("mlt-ascp" in row[1] for row in ranking.rows)
    assert "Already held, so not ranked: MLT(ASCP) (`mlt-ascp`)." in md


def test_a_held_track_chosen_with_track_says_it_is_held(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "sam.md"
    result = _run_report(run, "Sam Ek", "--track", "fx-ekg", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    md = out.read_text()
    assert "## Chosen track: FXEKG" in md
    assert "You already hold it, so it was not ranked." in md
    assert "outside the goal" not in md


def test_no_time_span_repeats_its_own_bound(run: Any, tmp_path: Path) -> None:
    """A 12-to-12-month estimate reads once ("12 months"), never "12 months to 12 months"."""
    import re

    out = tmp_path / "student.md"
    profile = str(EXAMPLES / "phlebotomy-student.yaml")
    result = run("report", "--profile", profile, "--track", "cpt-nha", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    md = out.read_text()
    assert not re.search(r"\b(\d+(?:\.\d+)? (?:months?|years?)) to \1\b", md)
    assert not re.search(r"(?<![\d-])(\d+(?:\.\d+)?)[–-]\1\b(?!-)", md)  # not in a date


# --- a cohort with invalid people ---------------------------------------------------------------

BAD_COHORT = """\
profiles:
  - name: Lee
    as_of: 2026-01-15
    education: {highest: associate}
    programs: [{field: mlt, accreditation: [NAACLS], completed: 2025-06-01}]
  - name: Bo
    as_of: 2026-01-15
    experience:
      - {field: patient_care, started: 2025-06-01, ended: 2024-06-01}
  - name: Ana
    as_of: 2026-01-15
    education: {highest: high_school}
"""


def _bad_cohort(tmp_path: Path, text: str = BAD_COHORT) -> str:
    path = tmp_path / "cohort.yaml"
    path.write_text(text)
    return str(path)


def test_an_invalid_person_is_named_and_the_others_still_get_a_report(
    run: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    result = run("--data", FX, "report", "--profile", _bad_cohort(tmp_path), "-o", str(folder))
    assert result.exit_code == 3
    assert sorted(p.name for p in folder.iterdir()) == ["ana.md", "lee.md"]
    for path in folder.iterdir():
        check_markdown(path.read_text())
    assert "profiles[1] (Bo): experience[0]" in result.stderr
    assert "ended (2024-06-01) is before started (2025-06-01)" in result.stderr
    assert "1 problem in" in result.stderr and "2 valid people got a report" in result.stderr
    assert "2 reports in" in result.stderr


def test_a_csv_cohort_with_a_bad_row_names_the_row(run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    profile = str(EXAMPLES / "counselor-cohort-one-bad-row.csv")
    result = run("report", "--profile", profile, "-o", str(folder))
    assert result.exit_code == 3
    assert len(list(folder.iterdir())) == 5
    assert ":row 7 (Kim" in result.stderr and "experience.0: ended" in result.stderr


def test_naming_the_invalid_person_is_invalid_input_with_the_reason(
    run: Any, tmp_path: Path
) -> None:
    out = tmp_path / "bo.md"
    cohort = _bad_cohort(tmp_path)
    result = run("--data", FX, "report", "--profile", cohort, "--person", "Bo", "-o", str(out))
    assert result.exit_code == 3
    assert not out.exists()
    assert "no person named 'Bo'" in result.stderr
    assert "profiles[1] (Bo): experience[0]" in result.stderr


def test_naming_a_valid_person_writes_theirs_and_still_names_the_problem(
    run: Any, tmp_path: Path
) -> None:
    out = tmp_path / "ana.md"
    cohort = _bad_cohort(tmp_path)
    result = run("--data", FX, "report", "--profile", cohort, "--person", "ana", "-o", str(out))
    assert result.exit_code == 3
    assert _headings(out.read_text(), 1) == ["Advising report: Ana"]
    assert "(Bo)" in result.stderr and "the report for Ana was written" in result.stderr


def test_a_cohort_with_nobody_valid_writes_nothing(run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    cohort = _bad_cohort(
        tmp_path, "profiles:\n  - name: X\n    state: ZZ\n  - name: Y\n    military: maybe\n"
    )
    result = run("--data", FX, "report", "--profile", cohort, "-o", str(folder))
    assert result.exit_code == 3
    assert not folder.exists()
    assert "(X): state" in result.stderr and "(Y): military" in result.stderr
