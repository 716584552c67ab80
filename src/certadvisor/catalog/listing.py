"""Filtering the track list by category, issuer and free words."""

from collections.abc import Sequence

from certadvisor.catalog.summary import TrackSummary
from certadvisor.errors import UsageError
from certadvisor.models.vocab import Category

CATEGORIES = tuple(c.value for c in Category)


def filter_tracks(
    summaries: Sequence[TrackSummary],
    *,
    category: str | None = None,
    issuer: str | None = None,
    query: str | None = None,
) -> list[TrackSummary]:
    """Tracks matching every filter given; filters are case-insensitive."""
    found = list(summaries)
    if category:
        wanted = category.strip().lower().replace("-", "_").replace(" ", "_")
        if wanted not in CATEGORIES:
            raise UsageError(
                f"unknown category {category!r}", f"Choose one of: {', '.join(CATEGORIES)}."
            )
        found = [s for s in found if s.category == wanted]
    if issuer:
        needle = issuer.strip().lower()
        found = [
            s
            for s in found
            if needle in (s.issuer.lower(), s.issuer_name.lower())
            or needle in s.issuer_name.lower()
        ]
    if query:
        words = query.lower().split()

        def haystack(s: TrackSummary) -> str:
            return " ".join(
                [
                    s.id,
                    s.abbreviation,
                    s.credential,
                    s.issuer,
                    s.issuer_name,
                    s.summary or "",
                    *s.aliases,
                ]
            ).lower()

        found = [s for s in found if all(w in haystack(s) for w in words)]
    return found


def state_credentials(summaries: Sequence[TrackSummary], state: str) -> list[TrackSummary]:
    """The state credentials of one state (two letters, any case), or of every state ('all')."""
    code = state.strip().upper()
    if code == "ALL":
        return list(summaries)
    if len(code) != 2 or not code.isalpha():
        raise UsageError(f"invalid state {state!r}", "Give a two-letter code such as CA, or all.")
    return [s for s in summaries if s.jurisdiction == code]
