"""`certadvisor plan` (being built)."""

import typer


def plan(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
