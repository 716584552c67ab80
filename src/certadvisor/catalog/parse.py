"""Validating catalog files with the Pydantic models and merging them into one catalog."""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from certadvisor.catalog.files import CatalogFile
from certadvisor.catalog.sources import (
    Registry,
    bundled_registry,
    check_confidences,
    kind_of,
    link_sources,
    parse_sources,
)
from certadvisor.catalog.yaml_io import load_yaml, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models.base import ValidationError
from certadvisor.models.catalog import Catalog, Track
from certadvisor.models.common import Confidence
from certadvisor.models.sources import allows, is_source_id


def _load(f: CatalogFile) -> Any:
    """A `.json` file is read as JSON (bulk data, same schema and limits), any other as YAML."""
    if f.path.suffix.lower() == ".json":
        from certadvisor.catalog.json_io import load_json

        return load_json(f.raw, f.label)
    return load_yaml(f.raw, f.label)


def parse_catalog_file(f: CatalogFile) -> "Catalog":
    """Validate one file's YAML as a catalog, with file:line:col errors.

    A catalog file may register its own sources under a top-level ``sources:`` list; every
    fact's confidence is checked against what its source's publisher kind allows.
    """
    data = _load(f)
    if not isinstance(data, dict) or "tracks" not in data:
        raise InvalidInputError(
            f"{f.label}: not a catalog file (it needs a top-level 'tracks:' list)",
            "See `certadvisor data schema tracks` for the format.",
        )
    own = data.get("sources")
    registry = bundled_registry()
    if own is not None:
        if not isinstance(own, list):
            raise InvalidInputError(f"{f.label}: sources: must be a list of sources")
        registry = registry.extended(parse_sources(own, f.raw, f.label))
    fast = _validated_quickly(data, registry)
    if fast is not None:
        return fast
    # something is wrong: validate the document whole, for the messages that point into it
    data = _load(f)
    # facts name sources by id in the file; results carry the source's address (same shape,
    # so validation errors still point into the file as written)
    linked = link_sources({k: v for k, v in data.items() if k != "sources"}, registry)
    try:
        catalog = Catalog.model_validate(linked)
    except ValidationError as exc:
        lines = validation_lines(exc, data, f.raw, f.label)
        raise InvalidInputError(
            lines[0], "Fix the file and run `certadvisor data validate FILE`.", lines
        ) from None
    check_confidences(data, f.raw, f.label, registry)
    return catalog


def _validated_quickly(data: dict[str, Any], registry: Registry) -> Catalog | None:
    """The catalog of a sound document, validated track by track; None at the first problem.

    A value the file shares between tracks (a YAML alias) is linked, checked and validated
    once and the tracks share its models: an anchored catalog is never expanded in memory.
    Each track's raw data is dropped once validated. A document with any problem gives None,
    and the caller validates it whole to name every problem where it is in the file.
    """
    tracks = data.get("tracks")
    if not isinstance(tracks, list) or not all(isinstance(t, dict) for t in tracks):
        return None
    uses = Counter(id(v) for t in tracks for v in t.values() if isinstance(v, dict | list))
    shared = {key for key, n in uses.items() if n > 1}
    done: dict[int, tuple[Any, Any]] = {}  # id of a shared raw value -> (it, its models)
    claims = _Claims(registry)
    out = []
    try:
        for i, raw in enumerate(tracks):
            if claims.any_excessive(raw, shared):
                return None
            fields: dict[str, Any] = {}
            fresh = []
            for key, value in raw.items():
                if id(value) in done:
                    fields[key] = done[id(value)][1]
                    continue
                fields[key] = link_sources(value, registry)
                if id(value) in shared:
                    fresh.append((key, value))
            track = Track.model_validate(fields)
            for key, value in fresh:
                done[id(value)] = (value, getattr(track, key))
            out.append(track)
            tracks[i] = None
        rest = {k: v for k, v in data.items() if k not in ("sources", "tracks")}
        if claims.any_excessive(rest, set()) or claims.any_excessive(data.get("sources"), set()):
            return None
        return Catalog.model_validate({**link_sources(rest, registry), "tracks": out})
    except ValidationError:
        return None


class _Claims:
    """Whether any fact claims more confidence than its source earns (as check_confidences).

    The answer for a source and a confidence is kept, and a value shared between tracks is
    walked once for each confidence it inherits.
    """

    _CONFIDENCES = frozenset(c.value for c in Confidence)

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.verdicts: dict[tuple[str, str | None], bool] = {}
        self.walked: set[tuple[int, str | None]] = set()

    def any_excessive(self, node: Any, shared: set[int]) -> bool:
        stack: list[tuple[Any, str | None]] = [(node, None)]
        while stack:
            item, conf = stack.pop()
            children: Iterable[Any]
            if isinstance(item, dict):
                own = item.get("confidence")
                conf = (own if isinstance(own, str) else None) or conf
                source = item.get("source")
                if isinstance(source, str) and self._excessive(source, conf):
                    return True
                children = item.values()
            elif isinstance(item, list):
                children = item
            else:
                continue
            for child in children:
                if isinstance(child, dict | list):
                    if id(child) in shared:
                        if (id(child), conf) in self.walked:
                            continue
                        self.walked.add((id(child), conf))
                    stack.append((child, conf))
        return False

    def _excessive(self, source: str, conf: str | None) -> bool:
        verdict = self.verdicts.get((source, conf))
        if verdict is None:
            verdict = self._judge(source, conf)
            self.verdicts[(source, conf)] = verdict
        return verdict

    def _judge(self, source: str, conf: str | None) -> bool:
        if is_source_id(source) and self.registry.resolve(source) is None:
            return True
        if conf not in self._CONFIDENCES:
            return False
        kind = kind_of(source, self.registry)
        return kind is not None and not allows(kind, Confidence(conf))


def merge_catalogs(parts: Sequence[tuple[CatalogFile, "Catalog"]]) -> "Catalog":
    """Later files add tracks or replace a track of the same id; references must resolve."""
    merged: dict[str, Track] = {}
    origin: dict[str, str] = {}
    as_of: list[str] = []
    for f, cat in parts:
        if cat.as_of:
            as_of.append(cat.as_of)
        for track in cat.tracks:
            merged[track.id] = track
            origin[track.id] = f.label
    catalog = Catalog.model_construct(
        as_of=max(as_of) if as_of else None, tracks=list(merged.values())
    )
    problems = catalog.check_references()
    if problems:
        lines = []
        for p in problems:
            index = int(re.match(r"tracks\[(\d+)\]", p).group(1))  # type: ignore[union-attr]
            track_id = catalog.tracks[index].id
            lines.append(f"{origin[track_id]}: track {track_id}: {p.split(': ', 1)[1]}")
        raise InvalidInputError(lines[0], "Name a track id that exists, or add that track.", lines)
    return catalog
