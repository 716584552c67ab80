"""Confidence markers and numbered source citations shared by every writer."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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


_describe: "Callable[[str], Any] | None" = None


def use_source_labels(describe: "Callable[[str], Any] | None") -> None:
    """Name cited sources by publisher and title: `describe(ref)` gives an object with
    `plain`, `markdown` and `url` (the command layer installs it; renderers look nothing up)."""
    global _describe
    _describe = describe


def source_line(ref: str, when: str, markdown: bool = False) -> str:
    """'NHA, Candidate Handbook (2015-10), read in a copy at docplayer.net: URL' for a cited
    source; the bare address and the fact's date for a source the registry does not know."""
    lab = _describe(ref) if _describe is not None else None
    if lab is None:
        return f"<{ref}> ({when})" if markdown else f"{ref} ({when})"
    text = lab.markdown if markdown else lab.plain
    if lab.url:
        text += f": <{lab.url}>" if markdown else f": {lab.url}"
    return str(text)


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
        """'[3] NHA, Candidate Handbook (2015-10), read in a copy at docplayer.net' then the
        address on a line of its own (indented), or '[3] https://... (2026-06)' for a source
        the registry does not know."""
        out = []
        for i, url, when in self.entries():
            lab = _describe(url) if _describe is not None else None
            if lab is None:
                out.append(f"[{i}] {url} ({when})")
            else:
                out.append(f"[{i}] {lab.plain}")
                if lab.url:
                    out.append(f"    {lab.url}")
        return out

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
        # an address is never broken, so that it stays clickable; a source's name wraps
        console.print(Text(line), soft_wrap="://" in line)
    console.print(Text(catalog_reviewed(data_as_of, CHECK_BEFORE_PAYING), style="muted"))
