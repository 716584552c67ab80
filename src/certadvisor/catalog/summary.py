"""The few fields of a track that listing and lookup need, without the Pydantic models."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TrackSummary:
    """The few fields listing and lookup need, read from the cache without Pydantic."""

    id: str
    abbreviation: str
    credential: str
    category: str
    issuer: str
    issuer_name: str
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    routes: int = 0
    kind: str = "national"
    jurisdiction: str | None = None

    @property
    def is_national(self) -> bool:
        return self.kind == "national"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "abbreviation": self.abbreviation,
            "credential": self.credential,
            "category": self.category,
            "issuer": self.issuer,
            "issuer_name": self.issuer_name,
            "routes": self.routes,
            "summary": self.summary,
            "kind": self.kind,
            "jurisdiction": self.jurisdiction,
        }
