"""GitHub-flavoured markdown writer: tables, task lists, sources; plain, stable, deterministic."""

from collections.abc import Iterable, Sequence
from typing import Any

from certadvisor.render.marks import (
    CHECK_BEFORE_PAYING,
    LEGEND,
    Citations,
    catalog_reviewed,
    source_line,
)


def escape(text: Any) -> str:
    """Make a value safe inside a table cell or a line of text."""
    if text is None:
        return ""
    s = str(text).replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(s.split())


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
            cells = [escape(c) for c in row]
            cells += [""] * (len(headers) - len(cells))
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
