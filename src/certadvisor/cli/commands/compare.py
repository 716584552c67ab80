"""`certadvisor compare [TRACK...]`: tracks side by side, with the true cost of each path."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.common import catalog, emit
from certadvisor.cli.cost_options import CeCostOpt, YearsOpt, check_cost_options
from certadvisor.cli.inputs import resolve_as_of
from certadvisor.cli.options import (
    AsOfOpt,
    FormatOpt,
    MemberOpt,
    OutputOpt,
    PersonOpt,
    ProfileOpt,
    StateOpt,
    TracksArg,
)
from certadvisor.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from certadvisor.catalog.loader import LoadedCatalog
    from certadvisor.models.catalog import Track
    from certadvisor.models.results import EligibilitySummary

CategoryOpt = Annotated[
    str | None,
    typer.Option(help="medical_assisting, laboratory, phlebotomy, patient_care or ekg."),
]
SortOpt = Annotated[
    str | None,
    typer.Option(
        "--sort",
        metavar="KEY",
        help="cost (lowest first; unknown exam fees last), time (fastest), renewal "
        "(cheapest to keep), or name.",
    ),
]


def compare(
    ctx: typer.Context,
    tracks: TracksArg = None,
    category: CategoryOpt = None,
    years: YearsOpt = 5,
    member: MemberOpt = False,
    ce_cost_per_point: CeCostOpt = None,
    sort: SortOpt = None,
    profile: ProfileOpt = None,
    state: StateOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    person: PersonOpt = None,
) -> None:
    """Compare tracks side by side: what each takes, the exam, and what it costs to earn and keep.

    Example: certadvisor compare cma-aama rma-amt ccma-nha --years 5 --sort cost
    """
    # Lazy: the engine and its pydantic models load only when the command runs, so that
    # `certadvisor --help` (which imports every command module) stays quick.
    from certadvisor.catalog.dated import fees_on
    from certadvisor.catalog.states import state_block
    from certadvisor.guidance.compare import compare_tracks, select_track_ids
    from certadvisor.render.compare import compare_rendering

    check_cost_options(years, ce_cost_per_point)
    sort_key = _check_sort(sort)
    loaded = catalog(ctx)
    chosen = loaded.tracks(
        select_track_ids(loaded.summaries, loaded.resolve, tracks or [], category)
    )
    day = resolve_as_of(as_of)
    chosen = [fees_on(t, day) for t in chosen]  # the fees in force that day
    block = None
    if state is not None:
        block = state_block(
            state,
            sorted({str(t.category) for t in chosen}),
            [t.id for t in chosen],
            per_track=[(t.id, str(t.category)) for t in chosen],
        )
    if person is not None and profile is None:
        raise UsageError("--person picks one person of a --profile cohort file; give --profile")
    standing = _standing(loaded, chosen, profile, as_of, person) if profile is not None else None
    result = compare_tracks(
        chosen,
        years=years,
        member=member,
        ce_cost_per_point=ce_cost_per_point,
        sort=sort_key,
        eligibility=standing,
    )
    emit(ctx, compare_rendering(result, loaded.data_as_of, block), fmt, output)


def _standing(
    loaded: "LoadedCatalog",
    chosen: "list[Track]",
    profile: Path,
    as_of: "dt.date | None",
    name: str | None = None,
) -> "dict[str, EligibilitySummary]":
    """The one person of the profile file, measured against each track on the chosen date."""
    # Lazy, as in compare(); the profile models load only with --profile.
    from certadvisor.eligibility import summarize
    from certadvisor.profiles import load_profiles

    people = load_profiles(profile, resolve=loaded.resolve)
    if name is not None:  # --person, as checklist, recommend and report take it
        from certadvisor.cli.inputs import pick_person

        people = [pick_person(people, name)]
    if len(people) != 1:
        raise UsageError(
            f"--profile {profile} holds {len(people)} people; compare takes one",
            "Pick one with --person NAME, or use `certadvisor eligible --profile FILE`.",
        )
    person = people[0].profile
    return summarize(chosen, person, resolve_as_of(as_of, person.as_of))


def _check_sort(sort: str | None) -> str | None:
    """The sort key in lower case, or a usage error naming the valid ones."""
    from certadvisor.guidance.compare import SORTS  # lazy, as in compare()

    if sort is None:
        return None
    key = sort.strip().lower()
    if key not in SORTS:
        raise UsageError(f"unknown --sort {sort!r}", f"Choose one of: {', '.join(SORTS)}.")
    return key
