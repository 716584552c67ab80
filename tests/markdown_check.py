"""Check markdown the way GitHub reads it: every table whole, every row as wide as its header.

Use from any test::

    from markdown_check import check_markdown

    tables = check_markdown(result.stdout)        # AssertionError naming the line if broken
    assert tables[0].header[:2] == ["Track", "What it takes"]
    lint_markdown(result.stdout)                  # markdownlint's rules (pymarkdownlnt)

markdown-it-py pads short rows and drops extra cells silently, so each row is also counted on
its source line (unescaped pipes), and a pipe line left outside any table is reported.
"""

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from pymarkdown.api import PyMarkdownApi

_PARSER = MarkdownIt("commonmark").enable("table")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_ANSI = re.compile(r"\x1b\[")


@dataclass
class MarkdownTable:
    """A parsed table: header cells, body rows (cell texts), its first source line (1-based)."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    line: int = 0

    def column(self, name: str) -> list[str]:
        """The cells of the column with this header."""
        i = self.header.index(name)
        return [row[i] for row in self.rows]


def source_cells(line: str) -> int:
    """How many cells a table line holds as written (pipes escaped with a backslash excluded)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return len(_UNESCAPED_PIPE.split(body))


def tables(text: str) -> list[MarkdownTable]:
    """Every table in the document, as markdown-it-py parses it."""
    found: list[MarkdownTable] = []
    current: MarkdownTable | None = None
    row: list[str] | None = None
    in_head = False
    for token in _PARSER.parse(text):
        if token.type == "table_open":
            current = MarkdownTable(header=[], line=(token.map or [0])[0] + 1)
            found.append(current)
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close" and current is not None and row is not None:
            if in_head:
                current.header = row
            else:
                current.rows.append(row)
            row = None
    return found


def check_markdown(text: str) -> list[MarkdownTable]:
    """Assert the document is clean GitHub markdown; return its tables.

    Checks: no terminal colour codes; every table has a non-empty header and a delimiter row;
    every row has exactly as many cells as its header, counted on the source line; no line
    that looks like a table row sits outside a table (a broken table).
    """
    assert not _ANSI.search(text), "markdown contains terminal colour codes"
    lines = text.splitlines()
    covered: set[int] = set()
    for token in _PARSER.parse(text):
        if token.type == "table_open" and token.map:
            start, end = token.map
            covered.update(range(start, end))
            width = source_cells(lines[start])
            assert re.fullmatch(
                r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", lines[start + 1].strip()
            ), f"line {start + 2}: table without a delimiter row under its header"
            assert source_cells(lines[start + 1]) == width, (
                f"line {start + 2}: delimiter row has {source_cells(lines[start + 1])} cells, "
                f"header has {width}"
            )
            for n in range(start + 2, end):
                cells = source_cells(lines[n])
                assert cells == width, (
                    f"line {n + 1}: {cells} cells, header has {width}: {lines[n]!r}"
                )
    for n, line in enumerate(lines):
        if n not in covered and line.lstrip().startswith("|") and line.rstrip().endswith("|"):
            raise AssertionError(f"line {n + 1}: a table row outside any table: {line!r}")
    found = tables(text)
    for t in found:
        assert t.header and all(h.strip() for h in t.header), (
            f"table at line {t.line}: empty header"
        )
    return found


# line length (MD013) is not a rule for generated files: table rows and sources run long
LINT_DISABLED = ("md013",)


def lint_problems(text: str) -> list[str]:
    """markdownlint's rules as pymarkdownlnt applies them: 'line 3: MD034 Bare URL used'."""
    api = PyMarkdownApi()
    for rule in LINT_DISABLED:
        api.disable_rule_by_identifier(rule)
    found = api.scan_string(text)
    return [
        f"line {f.line_number}: {f.rule_id} {f.rule_description}"
        + (f" ({f.extra_error_information})" if f.extra_error_information else "")
        for f in found.scan_failures
    ]


def lint_markdown(text: str) -> None:
    """Assert the document passes markdownlint's rules, line length aside."""
    problems = lint_problems(text)
    assert not problems, "markdownlint: " + "; ".join(problems[:10])
