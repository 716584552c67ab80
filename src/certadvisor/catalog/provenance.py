"""Walk the catalog for every sourced fact: the data behind `data sources`."""

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

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
) -> list[SourcedFact]:
    """Every sourced fact; unverified, then stale, then undated ones first."""
    found = []
    owners: list[tuple[str, BaseModel]] = [(t.id, t) for t in tracks]
    owners += [(f"state {s.code}", s) for s in states]
    for owner, model in owners:
        for path, item in _walk(model, ""):
            age = None
            if item.as_of:
                age = (today - partial_date_start(item.as_of)).days
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
                )
            )
    order = {"unverified": 0, "stale": 1, "undated": 2, "current": 3}
    return sorted(found, key=lambda f: order[f.status])
