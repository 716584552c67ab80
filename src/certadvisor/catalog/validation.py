"""`data validate` and `data schema`: check any certadvisor file, print JSON Schemas."""

import json
from pathlib import Path

from certadvisor.catalog.load import CatalogFile, LoadedCatalog, merge_catalogs, parse_catalog_file
from certadvisor.catalog.yaml_io import load_yaml, read_text, validation_lines
from certadvisor.errors import InvalidInputError


def validate_file(path: Path, loaded: LoadedCatalog) -> str:
    """One line saying what the file holds; an InvalidInputError naming every problem."""
    raw = read_text(path)
    label = str(path)
    if path.suffix.lower() == ".csv":
        from certadvisor.profiles.load import load_profiles

        people = load_profiles(path)
        return f"{label}: valid cohort, {len(people)} people"
    data = load_yaml(raw, label)
    if isinstance(data, dict) and "tracks" in data:
        f = CatalogFile(path, label, raw)
        cat = parse_catalog_file(f)
        bundled = [t for t in loaded.tracks() if t.id not in {x.id for x in cat.tracks}]
        from certadvisor.models.catalog import Catalog

        base = CatalogFile(path, "catalog", b"")
        merge_catalogs([(base, Catalog.model_construct(as_of=None, tracks=bundled)), (f, cat)])
        return f"{label}: valid catalog, {len(cat.tracks)} track(s)"
    if isinstance(data, dict) and "states" in data:
        from pydantic import ValidationError

        from certadvisor.models.states import StateRules

        try:
            rules = StateRules.model_validate(data)
        except ValidationError as exc:
            lines = validation_lines(exc, data, raw, label)
            raise InvalidInputError(lines[0], None, lines) from None
        return f"{label}: valid state rules, {len(rules.states)} state(s)"
    if isinstance(data, dict):
        from certadvisor.profiles.load import load_profiles

        people = load_profiles(path)
        kind = "cohort" if "profiles" in data else "profile"
        return f"{label}: valid {kind}, {len(people)} {'person' if len(people) == 1 else 'people'}"
    raise InvalidInputError(
        f"{label}: not a certadvisor file",
        "Expected a catalog (tracks:), state rules (states:), a profile or a cohort (profiles:).",
    )


def json_schema(name: str) -> str:
    """The JSON Schema of tracks, profile (one person or a cohort) or states files."""
    if name == "tracks":
        from certadvisor.models.catalog import Catalog

        schema = Catalog.model_json_schema()
        schema["title"] = "certadvisor catalog (tracks.yaml)"
    elif name == "profile":
        from certadvisor.models.profile import Cohort, Profile

        person = Profile.model_json_schema()
        cohort = Cohort.model_json_schema()
        defs = {**person.pop("$defs", {}), **cohort.pop("$defs", {})}
        defs["Profile"] = person
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "certadvisor profile (one person) or cohort (profiles:)",
            "anyOf": [{"$ref": "#/$defs/Profile"}, cohort],
            "$defs": defs,
        }
    else:
        from certadvisor.models.states import StateRules

        schema = StateRules.model_json_schema()
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    return json.dumps(schema, indent=2, sort_keys=False) + "\n"
