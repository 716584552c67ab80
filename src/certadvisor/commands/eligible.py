"""`certadvisor eligible` (being built)."""

import typer


def eligible(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
