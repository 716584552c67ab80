"""Options shared by the commands that price tracks: horizon, membership, CE, state."""

from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.errors import UsageError

if TYPE_CHECKING:
    from certadvisor.render.compare import StateBlock

YearsOpt = Annotated[
    int,
    typer.Option(
        "--years", metavar="N", help="Cost horizon in years, 0 to 100 (0: first-time cost)."
    ),
]
MemberOpt = Annotated[
    bool,
    typer.Option("--member", help="Use member prices and count membership dues."),
]
CeCostOpt = Annotated[
    float | None,
    typer.Option(
        "--ce-cost-per-point",
        metavar="DOLLARS",
        help="Price continuing education at this cost per CE point (default: not counted).",
    ),
]
StateOpt = Annotated[
    str | None,
    typer.Option("--state", metavar="XX", help="Add a state's rules, e.g. WA or CA."),
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


def state_block(code: str, categories: list[str], tracks: list[str]) -> "StateBlock":
    """The state's notes that touch these categories or tracks (a usage error for a bad code)."""
    from certadvisor.catalog.states import check_state, state_codes, state_notes
    from certadvisor.render.compare import StateBlock
    from certadvisor.render.state_notes import relevant_notes

    upper = check_state(code)
    found = state_notes(upper)
    notes = relevant_notes(found, categories, tracks) if found else []
    return StateBlock(upper, found.name if found else state_codes()[upper], notes)
