"""`certadvisor recommend` (being built)."""

import typer


def recommend(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
