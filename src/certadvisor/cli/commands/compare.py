"""`certadvisor compare [TRACK...]`: tracks side by side, with the true cost of each path."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from certadvisor.cli.common import FormatOpt, OutputOpt, catalog, emit
from certadvisor.cli.cost_options import (
    CeCostOpt,
    MemberOpt,
    StateOpt,
    YearsOpt,
    check_cost_options,
    state_block,
)
from certadvisor.errors import UsageError


def compare(
    ctx: typer.Context,
    tracks: Annotated[
        list[str] | None,
        typer.Argument(
            help="Track ids or abbreviations (default: all, or --category).",
            metavar="[TRACK]...",
            show_default=False,
        ),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option(help="medical_assisting, laboratory, phlebotomy, patient_care or ekg."),
    ] = None,
    years: YearsOpt = 5,
    member: MemberOpt = False,
    ce_cost_per_point: CeCostOpt = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            metavar="KEY",
            help="cost (lowest first; unknown exam fees last), time (fastest), renewal "
            "(cheapest to keep), or name.",
        ),
    ] = None,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile",
            metavar="FILE",
            help="Add each track's eligibility and closest route for this person.",
        ),
    ] = None,
    state: StateOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Compare tracks side by side: what each takes, the exam, and what it costs to earn and keep.

    Example: certadvisor compare cma-aama rma-amt ccma-nha --years 5 --sort cost
    """
    from certadvisor.guidance.compare import check_sort, compare_tracks, select_track_ids
    from certadvisor.render.compare import compare_rendering

    check_cost_options(years, ce_cost_per_point)
    sort_key = check_sort(sort)
    loaded = catalog(ctx)
    chosen = loaded.tracks(
        select_track_ids(loaded.summaries, loaded.resolve, tracks or [], category)
    )
    block = None
    if state is not None:
        block = state_block(
            state, sorted({str(t.category) for t in chosen}), [t.id for t in chosen]
        )
    standing = None
    if profile is not None:
        from certadvisor.eligibility import summarize
        from certadvisor.profiles import load_profiles

        people = load_profiles(profile, resolve=loaded.resolve)
        if len(people) != 1:
            raise UsageError(
                f"--profile {profile} holds {len(people)} people; compare takes one",
                "For a cohort, use `certadvisor eligible --profile FILE`.",
            )
        person = people[0].profile
        standing = summarize(chosen, person, person.as_of or dt.date.today())
    result = compare_tracks(
        chosen,
        years=years,
        member=member,
        ce_cost_per_point=ce_cost_per_point,
        sort=sort_key,
        eligibility=standing,
    )
    emit(ctx, compare_rendering(result, loaded.data_as_of, block), fmt, output)
