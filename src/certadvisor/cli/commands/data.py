"""`certadvisor data ...`: validate files, print schemas, list sources, show paths."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from certadvisor.cli.common import catalog, emit, state
from certadvisor.cli.inputs import resolve_as_of
from certadvisor.cli.options import AsOfOpt, DayOpt, FormatOpt, OutputOpt, ProfileOpt
from certadvisor.models import mode

# every data command validates or describes the models: Pydantic's, chosen before they load
mode.need_pydantic()

app = typer.Typer(
    rich_markup_mode="markdown",
    help=(
        "Catalog tools: validate a file, print a JSON Schema, list sources, review the facts "
        "that matter most, show paths.\n\n"
        "Example: certadvisor data validate my-tracks.yaml"
    ),
    no_args_is_help=True,
)


class SchemaName(StrEnum):
    """Schemas `data schema` can print."""

    tracks = "tracks"
    profile = "profile"
    states = "states"


@app.command("validate")
def validate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A catalog, states, profile or cohort file.")],
) -> None:
    """Check a catalog, states, profile or cohort file; exit 3 with file:line:col errors.

    Example: certadvisor data validate my-tracks.yaml
    """
    from certadvisor.validation import validate_file

    typer.echo(validate_file(file, catalog(ctx).tracks(with_state=True)))


@app.command("schema")
def schema(
    name: Annotated[SchemaName, typer.Argument(help="tracks, profile or states.")],
    output: OutputOpt = None,
) -> None:
    """Print the JSON Schema of a file kind, for an editor to check YAML as it is typed.

    Example: certadvisor data schema tracks -o tracks.schema.json
    """
    from certadvisor.validation import json_schema

    text = json_schema(name.value)
    if output and output != "-":
        from certadvisor.render.output import write_atomic

        write_atomic(Path(output), text.encode())
        typer.echo(f"saved to {output}", err=True)
    else:
        typer.echo(text, nl=False)


@app.command("sources")
def sources(
    ctx: typer.Context,
    stale_after: Annotated[
        int,
        typer.Option(
            "--stale-after", min=0, help="A fact older than DAYS is stale.", metavar="DAYS"
        ),
    ] = 365,
    as_of: DayOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Every fact's source, date and confidence; unverified and stale ones first.

    A fact is stale when its source was neither published nor checked in the last DAYS.

    Example: certadvisor data sources --stale-after 180 --format csv -o sources.csv
    """
    from certadvisor.catalog import catalog_paths
    from certadvisor.catalog.provenance import sourced_facts
    from certadvisor.catalog.sources import registry_for
    from certadvisor.catalog.states import state_rules
    from certadvisor.render.sources import sources_rendering

    loaded = catalog(ctx)
    registry = registry_for(catalog_paths(state(ctx).data))
    facts = sourced_facts(
        loaded.tracks(with_state=True),
        state_rules().states,
        resolve_as_of(as_of, None),
        stale_after,
        registry,
    )
    emit(ctx, sources_rendering(facts, loaded.data_as_of, stale_after), fmt, output)


@app.command("review")
def review(
    ctx: typer.Context,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, metavar="N", help="Show the first N only.")
    ] = None,
    profile: ProfileOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """The maintainer's queue: facts ranked by how much a wrong value would change the advice.

    Each fact is tested: a route's thresholds (months, hours, counts, years) are moved 20% and
    the built-in representative profiles evaluated again on that track; a fee is dropped and
    doubled against the 5-year cost; a renewal rule is moved 20% against the dates of a
    credential earned today. First the facts whose change flips a result, then those that
    move a cost by more than 20%, then those that move a deadline, then the other routes; the
    bigger change first, ties by weaker confidence, then older source. `--profile` tests
    against the people of a profile or cohort file instead.

    Example: certadvisor data review --limit 20 --format markdown -o review.md
    """
    from certadvisor.catalog import catalog_paths
    from certadvisor.catalog.sources import registry_for
    from certadvisor.catalog.states import state_rules
    from certadvisor.cli.inputs import people_of
    from certadvisor.render.review import review_rendering
    from certadvisor.validation.review import review_queue

    loaded = catalog(ctx)
    registry = registry_for(catalog_paths(state(ctx).data))
    people = [p.profile for p in people_of(loaded, profile)] if profile else None
    items = review_queue(
        loaded.tracks(with_state=True),
        state_rules().states,
        resolve_as_of(as_of, None),
        registry,
        people=people,
    )
    emit(ctx, review_rendering(items, loaded.data_as_of, limit), fmt, output)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Where the catalog, the wallet and the cache are.

    Example: certadvisor data path
    """
    from certadvisor.catalog import catalog_paths
    from certadvisor.paths import bundled_data_dir, cache_dir, home_dir

    st_data = ctx.find_root().obj.data if ctx.find_root().obj else []
    lines = [f"bundled data: {bundled_data_dir()}"]
    lines += [f"catalog file: {p}" for p in catalog_paths(st_data)]
    lines += [f"wallet home:  {home_dir()}", f"cache:        {cache_dir()}"]
    typer.echo("\n".join(lines))
