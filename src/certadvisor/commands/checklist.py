"""`certadvisor checklist` (being built)."""

import typer


def checklist(ctx: typer.Context) -> None:
    """Not built yet."""
    raise typer.Exit(1)
