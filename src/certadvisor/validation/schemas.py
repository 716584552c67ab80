"""`data schema`: the JSON Schema of each file kind, for editors to check YAML as it is typed.

The schemas are Pydantic's, made to say what the loaders accept and nothing a strict draft
2020-12 validator rejects: the copies in the repository's `schemas/` folder are these, and a
test keeps them equal.
"""

import json
from typing import Any

from certadvisor.models.catalog import Catalog
from certadvisor.models.profile import Cohort, Profile
from certadvisor.models.states import StateRules

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NAMES = ("tracks", "profile", "states")

# The loader reads these as high_school (models.profile.Education), whatever their case
_GED_SPELLINGS = {
    "type": "string",
    "pattern": r"^\s*([Gg][Ee][Dd]|[Hh][Ss][Ee])\s*$",
    "description": "A GED or HSE (high school equivalency) counts as high_school",
}


def json_schema(name: str) -> str:
    """The JSON Schema of tracks, profile (one person or a cohort) or states files."""
    if name == "tracks":
        schema = Catalog.model_json_schema()
        schema["title"] = "certadvisor catalog (tracks.yaml)"
    elif name == "profile":
        schema = _profile_schema()
    else:
        schema = StateRules.model_json_schema()
    schema = {"$schema": DRAFT, **schema}
    return json.dumps(_strict(schema), indent=2, sort_keys=False) + "\n"


def _profile_schema() -> dict[str, Any]:
    person = Profile.model_json_schema()
    cohort = Cohort.model_json_schema()
    defs = {**person.pop("$defs", {}), **cohort.pop("$defs", {})}
    defs["Profile"] = person
    highest = defs["Education"]["properties"]["highest"]
    highest["anyOf"].insert(1, _GED_SPELLINGS)
    return {
        "title": "certadvisor profile (one person) or cohort (profiles:)",
        "anyOf": [{"$ref": "#/$defs/Profile"}, cohort],
        "$defs": defs,
    }


def _strict(node: Any) -> Any:
    """Without OpenAPI's `discriminator`: oneOf over `kind` constants says the same."""
    if isinstance(node, dict):
        return {k: _strict(v) for k, v in node.items() if not _is_discriminator(k, v)}
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


def _is_discriminator(key: str, value: Any) -> bool:
    # a property could be named so; the keyword's value always names the property it reads
    return key == "discriminator" and isinstance(value, dict) and "propertyName" in value
