"""Confidence markers and numbered source citations shared by every writer."""

from dataclasses import dataclass, field

MARKERS = {
    "official": "●",
    "government": "◆",
    "secondary": "○",
    "unverified": "?",
}
LEGEND = "● official  ◆ government  ○ secondary source  ? unverified"


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
