"""HTML handouts as a browser and a printer read them: one valid self-contained page, names
shown as text, tables intact, letter-size print CSS, a cohort's people on separate pages."""

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import html5lib
import pytest

AS_OF = "2026-11-30"
RECEPTIONIST = "examples/receptionist-thinking-of-ma.yaml"
REPORT = ["--goal", "clinical", "--setting", "clinic", "--months", "12", "--as-of", AS_OF]


def parse(text: str) -> ET.Element:
    """The document as an HTML5 parser builds it; a parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(text)


def text_of(node: ET.Element) -> str:
    return " ".join("".join(node.itertext()).split())


def tables(doc: ET.Element) -> list[tuple[list[str], list[list[str]]]]:
    """(header cells, body rows) of every table."""
    found = []
    for table in doc.iter("table"):
        head = [text_of(th) for th in table.iter("th")]
        body = [[text_of(td) for td in tr.findall("td")] for tr in table.iter("tr")]
        found.append((head, [row for row in body if row]))
    return found


def assert_self_contained(doc: ET.Element) -> None:
    """No script, nothing fetched, a phone viewport and letter-size print CSS."""
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "video", "audio"):
        assert doc.find(f".//{tag}") is None, f"<{tag}> in a handout"
    assert all("src" not in el.attrib for el in doc.iter())
    metas = {m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert metas.get("viewport", "").startswith("width=device-width")
    (style,) = doc.iter("style")
    css = style.text or ""
    assert "@page{size:letter" in css and "@media print" in css and "@media (max-width" in css
    assert "url(" not in css and "@import" not in css
    for table in doc.iter("table"):
        assert table in list(doc.iterfind(".//div[@class='table-wrap']/table"))


def _cohort(tmp_path: Path) -> Path:
    path = tmp_path / "class.yaml"
    path.write_text(
        "profiles:\n"
        "  - name: '<b>x</b>'\n    education: {highest: high_school}\n"
        "  - name: '[x](http://evil.example) & <script>alert(1)</script>'\n"
        "    education: {highest: high_school}\n",
        encoding="utf-8",
    )
    return path


def test_cohort_eligibility_handout_shows_names_as_text_one_person_a_page(
    run: Any, tmp_path: Path
) -> None:
    out = tmp_path / "class.html"
    result = run("eligible", "--profile", str(_cohort(tmp_path)), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    doc = parse(out.read_text(encoding="utf-8"))
    assert_self_contained(doc)
    assert doc.find(".//b") is None and doc.find(".//body//script") is None
    assert all("evil" not in a.get("href", "") for a in doc.iter("a"))
    head, rows = tables(doc)[0]
    assert head[:3] == ["Person", "CMA", "RMA"]
    assert [r[0] for r in rows] == [
        "<b>x</b>",
        "[x](http://evil.example) & <script>alert(1)</script>",
    ]
    person_headings = [text_of(h) for h in doc.iter("h2")]
    assert "<b>x</b>: eligibility on 2026-11-30" in person_headings
    (style,) = doc.iter("style")
    assert "h2~h2{page-break-before:always" in (style.text or "")


def test_single_person_handout_has_no_forced_page_breaks(run: Any) -> None:
    result = run("eligible", "--profile", RECEPTIONIST, "--format", "html", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    doc = parse(result.stdout)
    assert_self_contained(doc)
    assert "page-break-before:always" not in (next(doc.iter("style")).text or "")
    assert text_of(next(doc.iter("title"))) == "Certification eligibility"
    head, rows = tables(doc)[0]
    assert head == ["Track", "Status", "Route", "Source", "Still needed", "Confirm"]
    assert all(len(row) == len(head) for row in rows) and len(rows) == 12


def test_compare_handout_keeps_the_comparison_table(run: Any, tmp_path: Path) -> None:
    out = tmp_path / "compare.htm"
    result = run("compare", "--category", "phlebotomy", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    doc = parse(out.read_text(encoding="utf-8"))
    assert_self_contained(doc)
    head, rows = tables(doc)[0]
    assert head[:2] == ["Track", "What it takes"]
    assert [r[0].split(" —")[0] for r in rows] == ["cpt-nha", "pbt-ascp", "rpt-amt", "ncpt-ncct"]
    links = [a.get("href", "") for a in doc.iter("a")]
    assert links and all(h.startswith("https://") or h.startswith("http://") for h in links)


def test_checklist_handout_shows_ticked_and_open_steps(run: Any) -> None:
    result = run(
        "checklist", "cma", "--profile", RECEPTIONIST, "--format", "html", "--as-of", AS_OF
    )
    assert result.exit_code == 0, result.stderr
    doc = parse(result.stdout)
    assert_self_contained(doc)
    items = [text_of(li) for li in doc.iter("li")]
    assert any(i.startswith("☐ 1. Choose") for i in items)
    assert not any(i.startswith("[ ]") for i in items)


def test_report_handouts_one_file_per_person(run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "packets"
    result = run("report", "--profile", str(_cohort(tmp_path)), *REPORT, "--format", "html",
                 "-o", str(folder))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    pages = sorted(folder.iterdir())
    assert [p.suffix for p in pages] == [".html", ".html"]
    for page in pages:
        doc = parse(page.read_text(encoding="utf-8"))
        assert_self_contained(doc)
        assert doc.find(".//b") is None
        title = text_of(next(doc.iter("title")))
        assert title.startswith("Advising report: ") and ("<b>x</b>" in title or "[x]" in title)
        assert tables(doc), "the packet's tables are missing"


@pytest.mark.parametrize("command", [["tracks"], ["plan", "cma", "--exam-date", "2027-03-15"]])
def test_html_is_refused_where_there_is_no_handout(
    run: Any, command: list[str], tmp_path: Path
) -> None:
    result = run(*command, "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2
    assert "--format html is not available" in result.stderr
