"""The reference for start-up ratios: the plain same-stack program.

Typer, one Pydantic model, libyaml and a Rich table printing the same catalog: what any
program on this stack pays to answer one question. certadvisor's commands are measured as
ratios of this program's CPU time (benchmarks/bench_ratios.py).

    python benchmarks/plain_program.py [CATALOG.yaml]
"""

from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel, ConfigDict
from rich.console import Console
from rich.table import Table

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "tracks.yaml"


class Track(BaseModel):
    """The fields the table shows."""

    model_config = ConfigDict(extra="ignore")

    id: str
    credential: str
    abbreviation: str
    category: str


def main(
    catalog: Annotated[Path, typer.Argument(help="A catalog file.")] = BUNDLED,
) -> None:
    """Print the catalog's tracks as a table."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(catalog.read_bytes(), Loader=loader)  # noqa: S506 - a safe loader
    tracks = [Track.model_validate(t) for t in data["tracks"]]
    table = Table("ID", "Credential", "Abbreviation", "Category")
    for t in tracks:
        table.add_row(t.id, t.credential, t.abbreviation, t.category)
    Console().print(table)


if __name__ == "__main__":
    typer.run(main)
