"""`data validate`: check any certadvisor file, whatever it holds, naming every problem."""

from pathlib import Path

from certadvisor.catalog.files import CatalogFile
from certadvisor.catalog.parse import merge_catalogs, parse_catalog_file
from certadvisor.catalog.sources import (
    bundled_registry,
    check_confidences,
    parse_sources,
    unchecked_claims,
)
from certadvisor.catalog.yaml_io import load_yaml, read_text, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models.base import ValidationError
from certadvisor.models.catalog import Catalog, Track
from certadvisor.models.states import StateRules
from certadvisor.profiles.load import load_profiles
from certadvisor.text import plural


def validate_file(path: Path, bundled_tracks: list[Track]) -> str:
    """One line saying what the file holds; an InvalidInputError naming every problem."""
    raw = read_text(path)
    label = str(path)
    if path.suffix.lower() == ".csv":
        people = load_profiles(path)
        return f"{label}: valid cohort, {plural(len(people), 'person')}"
    data = load_yaml(raw, label)
    if isinstance(data, dict) and "tracks" in data:
        f = CatalogFile(path, label, raw)
        cat = parse_catalog_file(f)
        bundled = [t for t in bundled_tracks if t.id not in {x.id for x in cat.tracks}]
        base = CatalogFile(path, "catalog", b"")
        merge_catalogs([(base, Catalog.model_construct(as_of=None, tracks=bundled)), (f, cat)])
        text = f"{label}: valid catalog, {plural(len(cat.tracks), 'track')}"
        own = data.get("sources")
        registry = bundled_registry()
        if isinstance(own, list):
            registry = registry.extended(parse_sources(own, raw, label))
        unchecked = unchecked_claims(data, registry)
        if unchecked:
            text += (
                f"\nnote: {unchecked} official or government fact(s) cite unregistered sources "
                "whose publisher is unknown; register them under 'sources:' so their "
                "confidence can be checked"
            )
        return text
    if isinstance(data, dict) and "states" in data:
        try:
            rules = StateRules.model_validate(data)
        except ValidationError as exc:
            lines = validation_lines(exc, data, raw, label)
            raise InvalidInputError(lines[0], None, lines) from None
        check_confidences(data, raw, label, bundled_registry())
        return f"{label}: valid state rules, {plural(len(rules.states), 'state')}"
    if isinstance(data, dict) and "sources" in data and isinstance(data["sources"], list):
        found = parse_sources(data["sources"], raw, label)
        return f"{label}: valid source registry, {plural(len(found), 'source')}"
    if isinstance(data, dict):
        people = load_profiles(path)
        kind = "cohort" if "profiles" in data else "profile"
        return f"{label}: valid {kind}, {len(people)} {'person' if len(people) == 1 else 'people'}"
    raise InvalidInputError(
        f"{label}: not a certadvisor file",
        "Expected a catalog (tracks:), state rules (states:), a source registry (sources:), "
        "a profile or a cohort (profiles:).",
    )
