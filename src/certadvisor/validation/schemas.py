"""`data schema`: the JSON Schema of each file kind, for editors to check YAML as it is typed."""

import json

from certadvisor.models.catalog import Catalog
from certadvisor.models.profile import Cohort, Profile
from certadvisor.models.states import StateRules


def json_schema(name: str) -> str:
    """The JSON Schema of tracks, profile (one person or a cohort) or states files."""
    if name == "tracks":
        schema = Catalog.model_json_schema()
        schema["title"] = "certadvisor catalog (tracks.yaml)"
    elif name == "profile":
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
        schema = StateRules.model_json_schema()
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    return json.dumps(schema, indent=2, sort_keys=False) + "\n"
