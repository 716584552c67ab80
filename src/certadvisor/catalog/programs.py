"""Training programs (data/programs.yaml): read, validate, and check every source cited."""

from functools import cache

from certadvisor.catalog.yaml_io import load_yaml, read_text, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models.base import ValidationError
from certadvisor.models.catalog import ProgramCondition, Track
from certadvisor.models.common import Provenance
from certadvisor.models.programs import (
    ProgramsNeeded,
    ProgramTable,
)
from certadvisor.paths import bundled_data_dir

PROGRAMS_FILE = "programs.yaml"


@cache
def program_table() -> ProgramTable:
    """data/programs.yaml, validated; its sources checked against the registry.

    The validated table is kept pickled in the cache folder (`sources.kept_validated`), so a
    warm `show`, which lists programs on every run, neither parses nor validates it.
    """
    from certadvisor.catalog.sources import kept_validated

    raw = read_text(bundled_data_dir() / PROGRAMS_FILE, PROGRAMS_FILE)
    return kept_validated("programs", raw, ProgramTable, lambda: _validated_table(raw))


def _validated_table(raw: bytes) -> ProgramTable:
    data = load_yaml(raw, PROGRAMS_FILE)
    try:
        table = ProgramTable.model_validate(data)
    except ValidationError as exc:
        lines = validation_lines(exc, data, raw, PROGRAMS_FILE)
        raise InvalidInputError(lines[0], "Fix data/programs.yaml.", lines) from None
    check_program_sources(table)
    return table


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
