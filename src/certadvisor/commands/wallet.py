"""`certadvisor wallet` (being built)."""

import typer

app = typer.Typer(help="Held credentials, CE activities and renewal deadlines.")


@app.command("path")
def path() -> None:
    """Not built yet."""
    raise typer.Exit(1)
