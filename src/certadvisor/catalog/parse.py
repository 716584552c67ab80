"""Validating catalog files with the Pydantic models and merging them into one catalog."""

import re
from collections.abc import Sequence
from typing import Any

from certadvisor.catalog.files import CatalogFile
from certadvisor.catalog.sources import (
    bundled_registry,
    check_confidences,
    link_sources,
    parse_sources,
)
from certadvisor.catalog.yaml_io import load_yaml, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models.base import ValidationError
from certadvisor.models.catalog import Catalog, Track


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
