"""Training programs (data/programs.yaml): read, validate, and check every source cited."""

import json
from functools import cache
from typing import Any

from certadvisor.catalog.yaml_io import load_yaml, read_text, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models.base import ValidationError
from certadvisor.models.catalog import ProgramCondition, Track
from certadvisor.models.common import Provenance
from certadvisor.models.programs import (
    Program,
    ProgramExample,
    ProgramForm,
    ProgramsNeeded,
    ProgramTable,
)
from certadvisor.paths import bundled_data_dir

PROGRAMS_FILE = "programs.yaml"


@cache
def program_table() -> ProgramTable:
    """data/programs.yaml, validated; its sources checked against the registry.

    The validated table is kept as JSON in the cache folder, keyed by the file's checksum, and
    rebuilt without validation from there: `show` lists programs on every run, and building
    the models' validators costs more than the command's own work.
    """
    import hashlib

    from certadvisor.catalog.sources import keep_json
    from certadvisor.paths import cache_dir

    path = bundled_data_dir() / PROGRAMS_FILE
    raw = read_text(path, PROGRAMS_FILE)
    kept = cache_dir() / "programs" / f"{hashlib.sha256(raw).hexdigest()[:32]}.json"
    try:
        return _constructed(json.loads(kept.read_bytes()))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        pass  # no usable copy: parse and validate the file
    data = load_yaml(raw, PROGRAMS_FILE)
    try:
        table = ProgramTable.model_validate(data)
    except ValidationError as exc:
        lines = validation_lines(exc, data, raw, PROGRAMS_FILE)
        raise InvalidInputError(lines[0], "Fix data/programs.yaml.", lines) from None
    check_program_sources(table)
    keep_json(kept, table.model_dump(mode="json"))
    return table


def _constructed(data: dict[str, Any]) -> ProgramTable:
    """The table from its validated JSON copy, without validating again."""

    def form(f: dict[str, Any]) -> ProgramForm:
        examples = [ProgramExample.model_construct(**e) for e in f["examples"]]
        return ProgramForm.model_construct(**{**f, "examples": examples})

    programs = [
        Program.model_construct(**{**p, "forms": [form(f) for f in p["forms"]]})
        for p in data["programs"]
    ]
    return ProgramTable.model_construct(as_of=data.get("as_of"), programs=programs)


def _facts(table: ProgramTable) -> list[tuple[str, Provenance]]:
    out: list[tuple[str, Provenance]] = []
    for p in table.programs:
        for f in p.forms:
            out.append((f"{p.field}.{f.id}", f))
            out += [(f"{p.field}.{f.id} example {e.school}", e) for e in f.examples]
    return out


def check_program_sources(table: ProgramTable) -> None:
    """Every form and example cites a registered source and claims no more than it earns.

    Raises:
        InvalidInputError: naming the form (or example) and the source.
    """
    from certadvisor.catalog.sources import bundled_registry
    from certadvisor.models.sources import allows

    registry = bundled_registry()
    for where, fact in _facts(table):
        source = registry.by_id.get(fact.source)
        if source is None:
            raise InvalidInputError(
                f"{PROGRAMS_FILE}: {where}: source {fact.source!r} is not in data/sources.yaml"
            )
        if not allows(source.publisher_kind, fact.confidence):
            raise InvalidInputError(
                f"{PROGRAMS_FILE}: {where}: {fact.source} is a {source.publisher_kind} source; "
                f"it cannot support a {fact.confidence} figure"
            )


def programs_needed(track: Track, table: ProgramTable) -> list[ProgramsNeeded]:
    """The programs the track's routes ask for, in route order, each with the routes asking
    (a field the table does not describe is left out: the route's own wording says it)."""
    routes: dict[str, list[str]] = {}
    for route in track.routes:
        for cond in route.conditions:
            if isinstance(cond, ProgramCondition):
                asking = routes.setdefault(str(cond.field), [])
                if route.id not in asking:
                    asking.append(route.id)
    out = []
    for field, ids in routes.items():
        program = table.of(field)
        if program is not None:
            out.append(ProgramsNeeded.model_construct(program=program, routes=ids))
    return out
