"""Markdown as a renderer and a linter read it: user text shown, never run; markdownlint clean.

Every markdown document the golden cases write is linted (markdownlint's rules through
pymarkdownlnt, line length aside), and so is what the commands write for people whose names
and CE titles look like markup.
"""

import html
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from markdown_check import check_markdown, lint_markdown
from wallet_helpers import ce_args

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-30"
HOSTILE = ["<b>x</b>", "[x](http://evil.example)", "*Star* | Pipe", "=cmd_name_", "@SUM(1)"]
# GitHub renders inline HTML: render with it on, as a reader of the file would see it
_GITHUB_LIKE = MarkdownIt("commonmark", {"html": True}).enable("table")


def _golden_markdown() -> list[tuple[str, str]]:
    """(case and section, text) of every markdown document the golden cases produce."""
    commands = {}
    for line in (GOLDEN / "cases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("#", "@")):
            name, _, command = line.partition(" ")
            commands[name] = shlex.split(command)
    found = []
    for name, args in commands.items():
        text = (GOLDEN / "outputs" / f"{name}.txt").read_text(encoding="utf-8")
        parts = re.split(r"\n--- (stdout|stderr|file [^\n]+)\n", text)
        asked = "markdown" in args and args[args.index("markdown") - 1] in ("--format", "-f")
        for section, body in zip(parts[1::2], parts[2::2], strict=True):
            wanted = (section == "stdout" and asked) or (
                section.startswith("file ") and section.endswith(".md")
            )
            if wanted and body.strip():
                found.append((f"{name} {section}", body.rstrip("\n") + "\n"))
    return found


GOLDEN_MARKDOWN = _golden_markdown()


def test_the_golden_cases_write_markdown_to_lint() -> None:
    names = {n.split()[0] for n, _ in GOLDEN_MARKDOWN}
    assert {"eligible-cohort-md", "report-cohort", "compare-markdown", "data-sources-md"} <= names


@pytest.mark.parametrize(("where", "text"), GOLDEN_MARKDOWN, ids=[n for n, _ in GOLDEN_MARKDOWN])
def test_golden_markdown_passes_markdownlint(where: str, text: str) -> None:
    check_markdown(text)
    lint_markdown(text)


def _shown_as_text(markdown: str) -> None:
    """Each hostile string reads as written, and none became a tag, emphasis or a link."""
    rendered = _GITHUB_LIKE.render(markdown)
    assert "<b>" not in rendered and 'href="http://evil' not in rendered
    assert "<em>Star</em>" not in rendered
    # GitHub turns a bare @word into a mention of that account: an @ from input is escaped
    assert "@SUM" not in markdown.replace("\\@SUM", "")
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for name in HOSTILE:
        assert name in text, name


def _cohort(tmp_path: Path) -> Path:
    path = tmp_path / "class.yaml"
    people = "".join(
        f"  - name: {name!r}\n    education: {{highest: high_school}}\n" for name in HOSTILE
    )
    path.write_text(f"profiles:\n{people}", encoding="utf-8")
    return path


def test_cohort_eligibility_markdown_shows_names_as_text(run: Any, tmp_path: Path) -> None:
    result = run(
        "eligible", "--profile", str(_cohort(tmp_path)), "--format", "markdown", "--as-of", AS_OF
    )
    assert result.exit_code == 0, result.stderr
    check_markdown(result.stdout)
    lint_markdown(result.stdout)
    _shown_as_text(result.stdout)


def test_report_checklist_and_recommend_markdown_show_a_name_as_text(
    run: Any, tmp_path: Path
) -> None:
    cohort = str(_cohort(tmp_path))
    folder = tmp_path / "packets"
    common = ["--goal", "clinical", "--setting", "clinic", "--months", "12", "--as-of", AS_OF]
    result = run("report", "--profile", cohort, *common, "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    packets = sorted(folder.glob("*.md"))
    assert len(packets) == len(HOSTILE)
    everything = ""
    for packet in packets:
        text = packet.read_text(encoding="utf-8")
        check_markdown(text)
        lint_markdown(text)
        everything += text
    _shown_as_text(everything)
    for name in HOSTILE:
        for args in (
            ["checklist", "cma", "--person", name, "--format", "markdown", "--as-of", AS_OF],
            ["recommend", "--no-input", "--person", name, *common, "--format", "markdown"],
        ):
            done = run(*args[:1], "--profile", cohort, *args[1:])
            assert done.exit_code == 0, done.stderr
            lint_markdown(done.stdout)
            assert "<b>" not in _GITHUB_LIKE.render(done.stdout)
            assert 'href="http://evil' not in _GITHUB_LIKE.render(done.stdout)


@pytest.mark.usefixtures("wallet_cache")
def test_wallet_markdown_shows_names_and_ce_titles_as_text(w: Any, tmp_path: Path) -> None:
    for name in HOSTILE:
        assert w("add", "wx-eom", "--earned", "2020-06-15", "-p", name).exit_code == 0
        added = w(*ce_args(title=name, date="2021-03-01"), "-p", name, "--approved-by", name)
        assert added.exit_code == 0, added.stderr
    everything = ""
    for args in (
        ["list", "--all"],
        ["ce", "list", "--all"],
        ["status", "--all", "--as-of", "2022-01-01"],
        ["export", "--all", "--as-of", "2022-01-01"],
    ):
        done = w(*args, "--format", "markdown")
        assert done.exit_code == 0, (args, done.stderr)
        lint_markdown(done.stdout)
        everything += done.stdout
    _shown_as_text(everything)
    assert _GITHUB_LIKE.render(everything).count("&lt;b&gt;x&lt;/b&gt;") >= 4
