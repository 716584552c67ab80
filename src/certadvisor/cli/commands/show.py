"""`certadvisor show TRACK`: everything about one track, with its cost year by year."""

import typer

from certadvisor.cli.common import catalog, emit
from certadvisor.cli.cost_options import CeCostOpt, YearsOpt, check_cost_options
from certadvisor.cli.inputs import resolve_as_of
from certadvisor.cli.options import DayOpt, DocFormatOpt, MemberOpt, OutputOpt, StateOpt, TrackArg


def show(
    ctx: typer.Context,
    track: TrackArg,
    years: YearsOpt = 5,
    member: MemberOpt = False,
    ce_cost_per_point: CeCostOpt = None,
    state: StateOpt = None,
    as_of: DayOpt = None,
    fmt: DocFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Everything about one track: issuer, routes, training programs, exam, fees, renewal, cost
    over time, sources.

    Example: certadvisor show cma-aama --years 10 --member
    """
    # Lazy: the engine and its pydantic models load only when the command runs, so that
    # `certadvisor --help` (which imports every command module) stays quick.
    from certadvisor.catalog.dated import fees_on
    from certadvisor.catalog.programs import program_table, programs_needed
    from certadvisor.costs import total_cost
    from certadvisor.render.track_detail import track_rendering

    check_cost_options(years, ce_cost_per_point)
    loaded = catalog(ctx)
    found = fees_on(loaded.track(track), resolve_as_of(as_of))  # the fees in force that day
    block = pay = None
    if state is not None:
        # Only with --state: the state models would add to every `show`'s start-up.
        from certadvisor.catalog.states import state_block
        from certadvisor.catalog.wages import pay_for

        block = state_block(state, [str(found.category)], [found.id])
        pay = pay_for(found.id, block.code)
    costs = total_cost(found, years=years, member=member, ce_cost_per_point=ce_cost_per_point)
    programs = programs_needed(found, program_table())
    rendering = track_rendering(found, loaded.data_as_of, costs, block, pay, programs)
    emit(ctx, rendering, fmt, output)
