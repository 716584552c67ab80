"""Many people to stdout make one document, the same bytes as the file -o writes: one HTML
page with a section a person, or one markdown file whose headings are all different. Where a
command writes one file a person (report), stdout is refused rather than stacking documents."""

import re
from pathlib import Path
from typing import Any

import html5lib
import pytest

AS_OF = "2026-11-30"
REPORT = ["--goal", "clinical", "--setting", "clinic", "--months", "12", "--as-of", AS_OF]


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    path = tmp_path / "class.yaml"
    path.write_text(
        "profiles:\n"
        "  - name: Ana\n    education: {highest: high_school}\n"
        "  - name: Ben\n    education: {highest: associate}\n"
        "  - name: Chloe\n    education: {highest: bachelor}\n",
        encoding="utf-8",
    )
    return path


def test_cohort_html_on_stdout_is_one_page_with_a_section_a_person(
    run: Any, cohort: Path, tmp_path: Path
) -> None:
    result = run("eligible", "--profile", str(cohort), "--format", "html", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("<!DOCTYPE html>") == 1
    assert len(re.findall(r"<html\b", result.stdout)) == 1
    assert result.stdout.rstrip().endswith("</html>")
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    doc = parser.parse(result.stdout)
    assert len(list(doc.iter("body"))) == 1
    sections = ["".join(h.itertext()) for h in doc.iter("h2")]
    for name in ("Ana", "Ben", "Chloe"):
        assert sum(1 for s in sections if s.startswith(f"{name}:")) == 1, sections
    assert "h2~h2{page-break-before:always" in result.stdout  # one person a printed page
    out = tmp_path / "class.html"
    written = run("eligible", "--profile", str(cohort), "-o", str(out), "--as-of", AS_OF)
    assert written.exit_code == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == result.stdout


def test_cohort_markdown_on_stdout_has_unique_headings_and_matches_the_file(
    run: Any, cohort: Path, tmp_path: Path
) -> None:
    result = run("eligible", "--profile", str(cohort), "--format", "markdown", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    headings = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert len(headings) == len(set(headings))
    assert sum(1 for h in headings if h.startswith("# ")) == 1
    out = tmp_path / "class.md"
    written = run("eligible", "--profile", str(cohort), "-o", str(out), "--as-of", AS_OF)
    assert written.exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_wallet_markdown_for_everyone_has_unique_headings(w: Any) -> None:
    for person in ("me", "Sam"):
        assert w("add", "wx-eom", "--earned", "2020-06-15", "-p", person).exit_code == 0
    dated = ("--as-of", AS_OF)
    for args in (("status", "--all", *dated), ("export", "--all", *dated), ("list", "--all")):
        result = w(*args, "--format", "markdown")
        assert result.exit_code == 0, (args, result.stderr)
        headings = [line for line in result.stdout.splitlines() if line.startswith("#")]
        assert len(headings) == len(set(headings)), (args, headings)
        assert "Sam" in result.stdout


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("output", [None, "-"])
def test_cohort_report_to_stdout_is_refused_not_stacked(
    run: Any, cohort: Path, fmt: str, output: str | None
) -> None:
    args = ["report", "--profile", str(cohort), "--format", fmt, *REPORT]
    result = run(*args, *(["-o", output] if output else []))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "holds 3 people: give -o FOLDER for one report each" in result.stderr
