"""Options of the commands that price tracks: the horizon and the cost of CE."""

from typing import Annotated

import typer

from certadvisor.errors import UsageError

YearsOpt = Annotated[
    int,
    typer.Option(
        "--years", metavar="N", help="Cost horizon in years, 0 to 100 (0: first-time cost)."
    ),
]
CeCostOpt = Annotated[
    float | None,
    typer.Option(
        "--ce-cost-per-point",
        metavar="DOLLARS",
        help="Price continuing education at this cost per CE point (default: not counted).",
    ),
]


def check_cost_options(years: int, ce_cost_per_point: float | None) -> None:
    """Usage errors for a negative horizon or CE cost."""
    if not 0 <= years <= 100:
        raise UsageError(f"--years must be between 0 and 100, not {years}", "Example: --years 5")
    if ce_cost_per_point is not None and not 0 <= ce_cost_per_point < 1_000_000:
        raise UsageError(
            f"--ce-cost-per-point must be a dollar amount of 0 or more, not {ce_cost_per_point:g}",
            "Example: --ce-cost-per-point 2.50",
        )
