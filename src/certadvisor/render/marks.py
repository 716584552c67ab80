"""Confidence markers and numbered source citations shared by every writer."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

MARKERS = {
    "official": "●",
    "government": "◆",
    "secondary": "○",
    "unverified": "?",
}
LEGEND = "● official  ◆ government  ○ secondary source  ? unverified"
CHECK_BEFORE_PAYING = "Fees and rules change: check with the certifying body before you pay."


def catalog_reviewed(data_as_of: str | None, *more: str) -> str:
    """'Catalog reviewed 2026-06-18.' and any further sentences: every output's date footer."""
    return " ".join([f"Catalog reviewed {data_as_of or 'unknown'}.", *more])


def marker(confidence: str | None) -> str:
    """The marker for a confidence level ('' when there is none)."""
    return MARKERS.get(str(confidence or ""), "")


@dataclass
class Citations:
    """Sources numbered in order of first use, so every figure can point to a footnote."""

    urls: list[str] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)

    def cite(self, url: str | None, as_of: str | None = None) -> int | None:
        if not url:
            return None
        if url not in self.urls:
            self.urls.append(url)
            self.dates[url] = as_of
        elif as_of and not self.dates.get(url):
            self.dates[url] = as_of
        return self.urls.index(url) + 1

    def entries(self) -> list[tuple[int, str, str]]:
        """Number, URL and date ('undated' when the source shows none) of each source cited."""
        return [(i, url, self.dates.get(url) or "undated") for i, url in enumerate(self.urls, 1)]

    def lines(self) -> list[str]:
        """'[3] https://... (2026-06)' for each source, as under a console report."""
        return [f"[{i}] {url} ({when})" for i, url, when in self.entries()]

    def ref(self, fact: object) -> str:
        """'● [3]' for a sourced object with source, as_of and confidence attributes."""
        return self.mark(
            getattr(fact, "source", None),
            getattr(fact, "as_of", None),
            getattr(fact, "confidence", None),
        )

    def mark(self, source: str | None, as_of: str | None, confidence: str | None) -> str:
        """'● [3]': the confidence marker and the footnote number of the source."""
        n = self.cite(source, as_of)
        sign = marker(confidence)
        return f"{sign} [{n}]".strip() if n else sign


def print_sources(
    console: "Console", cites: Citations, data_as_of: str | None, legend: str | None = None
) -> None:
    """The marker legend (or `legend`, a longer key), the numbered sources under a console
    report, and the catalog's date."""
    from rich.text import Text

    console.print(Text(legend or f"Markers: {LEGEND}", style="muted"))
    if cites.urls:
        console.print(Text("Sources", style="heading"))
    for line in cites.lines():
        console.print(Text(line), soft_wrap=True)
    console.print(Text(catalog_reviewed(data_as_of, CHECK_BEFORE_PAYING), style="muted"))
