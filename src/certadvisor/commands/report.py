"""`certadvisor report` (being built)."""

import typer


def report(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
