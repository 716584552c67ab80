"""Walk the catalog for every sourced fact: the data behind `data sources`."""

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from certadvisor.catalog.sources import Registry, describe, registry_from
from certadvisor.models.base import BaseModel
from certadvisor.models.catalog import Track
from certadvisor.models.common import Fact, Provenance, partial_date_start
from certadvisor.models.states import State


@dataclass(frozen=True)
class SourcedFact:
    """One fact of the catalog with its provenance and how fresh it is."""

    owner: str
    path: str
    value: str
    source: str
    as_of: str | None
    confidence: str
    status: str
    age_days: int | None
    cite: str = ""
    cite_markdown: str = ""
    source_id: str | None = None
    publisher: str | None = None
    publisher_kind: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    read_at: str | None = None
    read_on: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "owner": self.owner,
            "path": self.path,
            "value": self.value,
            "source": self.source,
            "as_of": self.as_of,
            "confidence": self.confidence,
            "status": self.status,
            "age_days": self.age_days,
            "source_id": self.source_id,
            "cite": self.cite,
            "publisher": self.publisher,
            "publisher_kind": self.publisher_kind,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "read_at": self.read_at,
            "read_on": self.read_on,
        }


def _short(item: Provenance) -> str:
    if isinstance(item, Fact) and item.value is None:
        return "unknown"
    for attr in ("value", "amount", "text", "name", "label", "title", "total_points"):
        v = getattr(item, attr, None)
        if v is not None:
            text = str(v.value if hasattr(v, "value") else v)
            return text if len(text) <= 60 else text[:57] + "..."
    if hasattr(item, "domains"):
        return f"{len(item.domains)} domains"
    return ""


def _walk(model: BaseModel, path: str) -> Iterator[tuple[str, Provenance]]:
    if isinstance(model, Provenance):
        yield path, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for i, item in items:
            if isinstance(item, BaseModel):
                sub = f"{path}.{name}" if path else name
                if i is not None:
                    sub += f"[{i}]"
                yield from _walk(item, sub)


def sourced_facts(
    tracks: Sequence[Track],
    states: Sequence[State],
    today: dt.date,
    stale_after_days: int,
    registry: Registry | None = None,
) -> list[SourcedFact]:
    """Every sourced fact; unverified, then stale, then undated ones first.

    A fact's age is that of its source: the newer of the date the source shows (published)
    and the date it was last checked (read_on); an unregistered source has only the fact's
    own as_of.
    """
    reg = registry or registry_from([])
    found = []
    owners: list[tuple[str, BaseModel]] = [(t.id, t) for t in tracks]
    owners += [(f"state {s.code}", s) for s in states]
    for owner, model in owners:
        for path, item in _walk(model, ""):
            src = reg.resolve(item.source)
            dates = [d for d in (src.published, src.read_on) if d] if src else []
            if not src and item.as_of:
                dates = [item.as_of]
            newest = max((partial_date_start(d) for d in dates), default=None)
            age = (today - newest).days if newest else None
            lab = describe(item.source, reg)
            cite = lab.plain if lab else item.source
            cite_md = lab.markdown if lab else f"<{item.source}>"
            if item.confidence == "unverified":
                status = "unverified"
            elif age is not None and age > stale_after_days:
                status = "stale"
            elif age is None:
                status = "undated"
            else:
                status = "current"
            found.append(
                SourcedFact(
                    owner,
                    path,
                    _short(item),
                    item.source,
                    item.as_of,
                    str(item.confidence),
                    status,
                    age,
                    cite,
                    cite_md,
                    src.id if src else None,
                    src.publisher if src else None,
                    str(src.publisher_kind) if src else None,
                    src.title if src else None,
                    src.published if src else None,
                    src.url if src else None,
                    src.read_at if src else None,
                    src.read_on if src else None,
                )
            )
    order = {"unverified": 0, "stale": 1, "undated": 2, "current": 3}
    return sorted(found, key=lambda f: order[f.status])
