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
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """List the certification tracks in the catalog.

    Example: certadvisor tracks --category phlebotomy
    """
    from certadvisor.catalog import filter_tracks
    from certadvisor.render.listing import tracks_rendering

    loaded = catalog(ctx)
    found = filter_tracks(loaded.summaries, category=category, issuer=issuer, query=query)
    emit(ctx, tracks_rendering(found, loaded.data_as_of), fmt, output)
