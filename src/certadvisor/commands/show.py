"""`certadvisor show TRACK`: everything about one track."""

from typing import Annotated

import typer

from certadvisor.commands._common import FormatOpt, OutputOpt, catalog, emit


def show(
    ctx: typer.Context,
    track: Annotated[str, typer.Argument(help="Track id or unambiguous abbreviation, e.g. CMA.")],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Everything about one track: issuer, routes, exam, fees, renewal and sources.

    Example: certadvisor show cma-aama
    """
    from certadvisor.render.track_detail import track_rendering

    loaded = catalog(ctx)
    emit(ctx, track_rendering(loaded.track(track), loaded.data_as_of), fmt, output)
