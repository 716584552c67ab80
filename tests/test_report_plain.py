"""`report` piped or without colour: its markdown drawn plainly, byte for byte as Rich draws it.

render/markdown_plain.py draws the subset of markdown `report` writes without rich.markdown;
every report here is drawn both ways at several widths and must come out the same, and
anything outside that subset must be left to Rich whole.
"""

import io
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from certadvisor.render.markdown_fit import fitted_markdown
from certadvisor.render.markdown_plain import PlainFirstMarkdown, plain_lines
from certadvisor.render.report import TERMINAL_RANKS

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).parent / "fixtures"
WIDTHS = (40, 60, 80, 100, 120, 200)
ODD_NAMES = [
    "Zoë *Ångström* [née](http://x.example) <b>bold</b> | pipe \\ back_slash `tick` ~~gone~~",
    "王小明（检验科） 李娜 — 長い名前のテスト",
    "1. # - + > Jo & Co &amp; &#35; _under_ __twice__ **star** ***three*** !",
    "Ana https://example.com/a_very/long/path/that-never-breaks-anywhere-at-all?x=1&y=2 www.x.io",
    "Supercalifragilisticexpialidociousandthensomemorelettersthatdonotbreakatall-eñe",
    "e\u0301 combining, emoji 👩‍⚕️ and café",
]


def _console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False)


def _rich(text: str, width: int) -> str:
    console = _console(width)
    console.print(fitted_markdown(text, TERMINAL_RANKS))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def _plain(text: str, width: int) -> str | None:
    lines = plain_lines(text, width, TERMINAL_RANKS)
    return None if lines is None else "".join(line + "\n" for line in lines)


def _markdown(run: Any, *args: str) -> str:
    result = run("report", *args, "--format", "markdown", "--as-of", "2026-12-01")
    assert result.exit_code in (0, 3), result.stderr
    assert isinstance(result.stdout, str)
    return result.stdout


def _assert_same(text: str, *, may_leave: bool = False) -> None:
    """Drawn plainly at every width exactly as Rich draws it (or, when `may_leave`, perhaps
    left to Rich: an address with %-escapes, which markdown-it shows decoded)."""
    for width in WIDTHS:
        drawn = _plain(text, width)
        assert drawn is not None or may_leave, f"left to Rich at {width}"
        if drawn is not None:
            assert drawn == _rich(text, width), f"differs at width {width}"


@pytest.mark.parametrize("goal", ["clinical", "laboratory", "either"])
@pytest.mark.parametrize(
    "profile", ["receptionist-thinking-of-ma", "mlt-aiming-at-mls", "phlebotomy-student"]
)
def test_example_reports_are_drawn_as_rich_draws_them(run: Any, profile: str, goal: str) -> None:
    path = str(EXAMPLES / f"{profile}.yaml")
    for months in (["--months", "12"], ["--months", "3"], []):
        _assert_same(_markdown(run, "--profile", path, "--goal", goal, *months))


def test_reports_with_a_checklist_and_a_plan_are_drawn_as_rich_draws_them(run: Any) -> None:
    path = str(EXAMPLES / "receptionist-thinking-of-ma.yaml")
    text = _markdown(
        run,
        "--profile",
        path,
        "--track",
        "cma-aama",
        "--exam-date",
        "2027-06-01",
        "--budget",
        "500",
        "--setting",
        "clinic",
        "--months",
        "24",
    )
    assert "## Study plan" in text
    _assert_same(text)


@pytest.mark.parametrize("person", ["Lee", "Ana", "Sam Ek", "Kim"])
def test_fixture_cohort_reports_are_drawn_as_rich_draws_them(run: Any, person: str) -> None:
    args = ["--profile", str(FIXTURES / "guidance_people.yaml"), "--person", person]
    result = run(
        "--data",
        str(FIXTURES / "guidance_catalog.yaml"),
        "report",
        *args,
        "--goal",
        "laboratory",
        "--format",
        "markdown",
        "--as-of",
        "2026-12-01",
    )
    assert result.exit_code in (0, 3), result.stderr
    _assert_same(result.stdout, may_leave="%" in result.stdout)


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_names_round_trip(run: Any, tmp_path: Path, name: str) -> None:
    profile = (EXAMPLES / "phlebotomy-student.yaml").read_text()
    lines = [ln for ln in profile.splitlines() if not ln.startswith("name:")]
    path = tmp_path / "p.yaml"
    path.write_text("name: " + _yaml_string(name) + "\n" + "\n".join(lines) + "\n")
    text = _markdown(run, "--profile", str(path), "--goal", "clinical", "--months", "12")
    for width in WIDTHS:
        drawn = _plain(text, width)
        if drawn is not None:  # left to Rich is also right; drawn must be Rich's bytes
            assert drawn == _rich(text, width), f"differs at width {width}"
    if not any(mark in name for mark in ("](", "~~", "&amp;", "\u200d")):
        assert _plain(text, 80) is not None


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\nWide 表格 cells and a long-word-that-never-breaks-" + "x" * 90 + " end.\n",
        "## Só\n\n- one `code` and *em* and **strong** text\n  - nested *a* b\n- two\n\n"
        "- loose after a blank line\n\n3. three\n4. four\n",
        "### Table\n\n| A | B |\n| --- | --- |\n"
        "| 王小明王小明王小明 | e\u0301\u0301 \\| pipe |\n| x |\n"
        "| a | b | extra |\n",
        "# Q\n\n> **Warning:** a quote *here*.\n\n"
        "Text with <https://example.com/a?b=1&c=2> and \\*escaped\\* \\_under\\_ a_b.\n",
    ],
)
def test_handmade_documents_are_drawn_as_rich_draws_them(text: str) -> None:
    _assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n> a quote\n> on two lines\n",
        "# T\n\n```\ncode\n```\n",
        "Para [link](http://x.example) here.\n",
        "Para with <b>html</b>.\n",
        "Para\ncontinued on a second line.\n",
        "---\n",
        "* star bullet\n",
        "Para with &amp; entity.\n",
        "| A |\n| --- |\n| a table first |\n",
        "Para ~~struck~~.\n",
        "| A |\n| :-- |\n| x |\n",
        "- a\n    - deep\n",
    ],
)
def test_anything_unknown_is_left_to_rich_whole(text: str) -> None:
    assert _plain(text, 80) is None
    console = _console(80)
    console.print(PlainFirstMarkdown(text, TERMINAL_RANKS))
    assert console.file.getvalue() == _rich(text, 80)  # type: ignore[attr-defined]


def test_a_colour_terminal_still_gets_rich_markdown() -> None:
    text = "# Title\n\nSome *emphasis* here.\n"
    console = Console(file=io.StringIO(), width=60, color_system="truecolor", force_terminal=True)
    console.print(PlainFirstMarkdown(text, TERMINAL_RANKS))
    styled = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[" in styled
    again = Console(file=io.StringIO(), width=60, color_system="truecolor", force_terminal=True)
    again.print(fitted_markdown(text, TERMINAL_RANKS))
    assert styled == again.file.getvalue()  # type: ignore[attr-defined]


def test_piped_report_is_rich_markdown_at_80_columns(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    path = str(EXAMPLES / "receptionist-thinking-of-ma.yaml")
    args = ["--profile", path, "--goal", "clinical", "--months", "12", "--as-of", "2026-12-01"]
    shown = run("report", *args)
    assert shown.exit_code in (0, 3), shown.stderr
    assert shown.stdout == _rich(_markdown(run, *args[:-2]), 80)


@pytest.mark.parametrize("columns", [None, "100", "45", "10"])
@pytest.mark.parametrize("no_color", [None, "1"])
def test_piped_width_is_the_stdout_consoles(
    monkeypatch: pytest.MonkeyPatch, columns: str | None, no_color: str | None
) -> None:
    from certadvisor.render.console import stdout_console
    from certadvisor.render.plain_stdout import MIN_WIDTH, piped_plain_width

    for name, value in (("COLUMNS", columns), ("NO_COLOR", no_color)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    console = stdout_console()
    assert console.color_system is None and not console.is_terminal
    width = piped_plain_width()
    assert width == (console.width if console.width >= MIN_WIDTH else None)


def test_a_forced_or_odd_stdout_is_left_to_the_console(monkeypatch: pytest.MonkeyPatch) -> None:
    from certadvisor.render.plain_stdout import piped_plain_width

    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert piped_plain_width() is None
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))
    assert piped_plain_width() is None

    class Tty(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty(io.BytesIO(), encoding="utf-8"))
    assert piped_plain_width() is None


def test_report_piped_to_another_program_is_richs_drawing(run: Any, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = str(EXAMPLES / "mlt-aiming-at-mls.yaml")
    args = ["--profile", path, "--goal", "laboratory", "--as-of", "2026-12-01"]
    env = {**os.environ, "COLUMNS": "60", "CERTADVISOR_CACHE": str(tmp_path / "cache")}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "certadvisor", "report", *args],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode in (0, 3), done.stderr
    assert done.stdout.decode() == _rich(_markdown(run, *args[:-2]), 60)


def test_without_richs_line_divider_the_report_is_left_to_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from certadvisor.render import markdown_plain

    text = "# Title\n\nA paragraph of plain words.\n"
    assert markdown_plain.plain_text(text, 80) is not None
    monkeypatch.setattr(markdown_plain, "divide_line", None)
    assert markdown_plain.plain_text(text, 80) is None
