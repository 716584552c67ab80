"""`certadvisor compare` (being built)."""

import typer


def compare(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
