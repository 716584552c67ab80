"""`certadvisor tracks`: list the tracks of the catalog, filtered."""

from typing import Annotated

import typer

from certadvisor.cli.common import catalog, emit
from certadvisor.cli.options import FormatOpt, OutputOpt


def tracks(
    ctx: typer.Context,
    category: Annotated[
        str | None,
        typer.Option(help="medical_assisting, laboratory, phlebotomy, patient_care or ekg."),
    ] = None,
    issuer: Annotated[
        str | None, typer.Option(help="Issuer abbreviation, e.g. AAMA, ASCP.")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="Words to find in id, name or issuer.")
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="XX",
            help="List the state credentials of this state (e.g. CA), or of every state: all.",
        ),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """List the certification tracks in the catalog (national ones unless --state is given).

    Example: certadvisor tracks --category phlebotomy
    """
    from certadvisor.catalog import filter_tracks, state_credentials
    from certadvisor.render.listing import tracks_rendering

    loaded = catalog(ctx)
    pool = loaded.summaries if state is None else state_credentials(loaded.state_summaries, state)
    found = filter_tracks(pool, category=category, issuer=issuer, query=query)
    emit(ctx, tracks_rendering(found, loaded.data_as_of, states=state is not None), fmt, output)
