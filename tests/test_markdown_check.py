"""The reusable markdown checker catches what markdown-it-py forgives."""

import pytest

from markdown_check import check_markdown, source_cells

GOOD = "# T\n\n| a | b |\n| --- | --- |\n| 1 | x \\| y |\n| 3 | 4 |\n\ntext\n"


def test_a_good_table_parses_with_escaped_pipes_kept_in_the_cell() -> None:
    (table,) = check_markdown(GOOD)
    assert table.header == ["a", "b"]
    assert table.rows == [["1", "x | y"], ["3", "4"]]
    assert table.column("b") == ["x | y", "4"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("| a | b |\n| --- | --- |\n| 1 |\n", "1 cells, header has 2"),
        ("| a | b |\n| --- | --- |\n| 1 | 2 | 3 |\n", "3 cells, header has 2"),
        ("| a | b |\n| --- |\n| 1 | 2 |\n", "table row outside"),
        ("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n| 3 | 4 |\n", "table row outside"),
        ("\x1b[1mbold\x1b[0m\n", "colour codes"),
        ("|  | b |\n| --- | --- |\n| 1 | 2 |\n", "empty header"),
    ],
)
def test_broken_markdown_is_reported(text: str, message: str) -> None:
    with pytest.raises(AssertionError, match=message.replace("|", r"\|")):
        check_markdown(text)


def test_source_cells_counts_unescaped_pipes() -> None:
    assert source_cells("| a | b \\| c |") == 2
    assert source_cells("a | b") == 2


def test_lint_flags_what_markdownlint_flags_and_ignores_line_length() -> None:
    from markdown_check import lint_markdown, lint_problems

    assert lint_problems("# T\n\nsee http://x.example\n\n## A\n\n## A\n") == [
        "line 3: MD034 Bare URL used",
        "line 7: MD024 Multiple headings cannot contain the same content.",
    ]
    lint_markdown("# T\n\n" + " ".join(["long"] * 100) + "\n")
