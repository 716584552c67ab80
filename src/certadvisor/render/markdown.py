"""GitHub-flavoured markdown writer: tables, task lists, sources; plain, stable, deterministic."""

import re
import string
from collections.abc import Iterable, Sequence
from typing import Any

from certadvisor.render.marks import (
    CHECK_BEFORE_PAYING,
    LEGEND,
    Citations,
    catalog_reviewed,
    source_line,
)

_PUNCT = frozenset(string.punctuation)
# what starts markup inside a line: emphasis, code, links and images, raw HTML, entities,
# table cells, strikethrough, headings
_MARKUP = re.compile(r"([\\`*_\[\]<>|!~&#@])")
# GitHub links bare addresses: an escaped colon or dot keeps them text
_ADDRESS = re.compile(r"(?i)\b(https?|ftp|mailto|file)(:)|\b(www)(\.)")


def escape(text: Any) -> str:
    """Make a value safe inside a table cell or a line of text: pipes and backslashes escaped,
    one line. A backslash that already escapes punctuation (see `md_text`) is kept as is."""
    if text is None:
        return ""
    s = str(text)
    out: list[str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s) and s[i + 1] in _PUNCT:
            out.append(s[i : i + 2])
            i += 2
            continue
        out.append("\\\\" if ch == "\\" else "\\|" if ch == "|" else ch)
        i += 1
    return " ".join("".join(out).split())


def md_text(text: Any) -> str:
    """Text a person typed (a name, a title, a note), shown as written and never read as
    markdown: `<b>`, `[x](http://...)`, `*` and `|` are escaped, bare addresses not linked."""
    if text is None:
        return ""
    s = _MARKUP.sub(r"\\\1", " ".join(str(text).split()))
    s = _ADDRESS.sub(lambda m: f"{m.group(1) or m.group(3)}\\{m.group(2) or m.group(4)}", s)
    # a line that starts like a list item or a heading would become one
    return re.sub(r"^([-+=])|^(\d+)([.)])", lambda m: f"{m.group(2) or ''}\\{m[1] or m[3]}", s)


class MarkdownDoc:
    """Builds one markdown document; sources are cited with numbers and listed at the end."""

    def __init__(self, citations: Citations | None = None) -> None:
        self.parts: list[str] = []
        self.citations = citations or Citations()

    def heading(self, text: str, level: int = 1) -> None:
        self.parts.append(f"{'#' * level} {escape(text)}\n")

    def paragraph(self, text: str) -> None:
        self.parts.append(" ".join(text.split()) + "\n")

    def bullets(self, items: Iterable[str]) -> None:
        lines = [f"- {' '.join(i.split())}" for i in items]
        if lines:
            self.parts.append("\n".join(lines) + "\n")

    def tasks(self, items: Iterable[tuple[bool, str]]) -> None:
        lines = [f"- [{'x' if done else ' '}] {' '.join(text.split())}" for done, text in items]
        if lines:
            self.parts.append("\n".join(lines) + "\n")

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        head = "| " + " | ".join(escape(h) for h in headers) + " |"
        rule = "| " + " | ".join("---" for _ in headers) + " |"
        body = []
        for row in rows:
            # an empty cell reads as a dash: `|  |` is easy to misread and linters flag it
            cells = [escape(c) or "—" for c in row]
            cells += ["—"] * (len(headers) - len(cells))
            body.append("| " + " | ".join(cells[: len(headers)]) + " |")
        self.parts.append("\n".join([head, rule, *body]) + "\n")

    def raw(self, text: str) -> None:
        self.parts.append(text.rstrip("\n") + "\n")

    def sources_footer(self, data_as_of: str | None) -> None:
        """The closing section: catalog date, marker legend and the numbered sources."""
        self.heading("Sources", 2)
        self.paragraph(catalog_reviewed(data_as_of, f"Markers: {LEGEND}.", CHECK_BEFORE_PAYING))
        if self.citations.urls:
            lines = [
                f"{i}. {source_line(url, when, markdown=True)}"
                for i, url, when in self.citations.entries()
            ]
            self.parts.append("\n".join(lines) + "\n")

    def render(self) -> str:
        return "\n".join(self.parts)
