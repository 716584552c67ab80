"""`certadvisor compare [TRACK...]`: tracks side by side, with the true cost of each path."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.common import catalog, emit
from certadvisor.cli.cost_options import CeCostOpt, YearsOpt, check_cost_options
from certadvisor.cli.inputs import pick_person, resolve_as_of
from certadvisor.cli.options import (
    AsOfOpt,
    HandoutFormatOpt,
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
    from certadvisor.guidance.compare import PayBrief
    from certadvisor.models.catalog import Track
    from certadvisor.models.path import PersonPath
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
        "(cheapest to keep), name, or pay (best paid first). With --profile, time and cost "
        "follow the person's path; unknowns always come last.",
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
    fmt: HandoutFormatOpt = None,
    output: OutputOpt = None,
    person: PersonOpt = None,
) -> None:
    """Compare tracks side by side: what each takes, the exam, and what it costs to earn and keep.

    With --profile, each track's path for that person: when they could hold it and what the
    whole path costs; with --state (or the profile's state), what the work pays there and
    what the state's own credentials add.

    Example: certadvisor compare --profile me.yaml --state WA --sort time
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
    if person is not None and profile is None:
        raise UsageError("--person picks one person of a --profile cohort file; give --profile")
    standing = paths = None
    held: set[str] = set()  # the person's credentials: a state path does not price them again
    if profile is not None:
        standing, paths, held, home = _standing(
            loaded, chosen, profile, as_of, person, years, member
        )
        state = state or home  # --state wins over the profile's state, as in recommend
    block = None
    if state is not None:
        block = state_block(
            state,
            sorted({str(t.category) for t in chosen}),
            [t.id for t in chosen],
            per_track=[(t.id, str(t.category)) for t in chosen],
        )
    pay = _pay(chosen, state) if state is not None or sort_key == "pay" else None
    in_state = None
    if block is not None:
        from certadvisor.guidance.state_fit import state_paths

        every = loaded.tracks(with_state=True)
        in_state = state_paths(chosen, block.code, every, member, held)
    result = compare_tracks(
        chosen,
        years=years,
        member=member,
        ce_cost_per_point=ce_cost_per_point,
        sort=sort_key,
        eligibility=standing,
        paths=paths,
        pay=pay,
        state=block.code if block is not None else None,
        state_paths=in_state,
    )
    emit(ctx, compare_rendering(result, loaded.data_as_of, block), fmt, output)


def _standing(
    loaded: "LoadedCatalog",
    chosen: "list[Track]",
    profile: Path,
    as_of: "dt.date | None",
    name: str | None,
    years: int,
    member: bool,
) -> "tuple[dict[str, EligibilitySummary], dict[str, PersonPath], set[str], str | None]":
    """The person of the profile file, measured against each track on the chosen date, their
    path to each, the track ids of the credentials they hold, and their state."""
    # Lazy, as in compare(); the profile models load only with --profile.
    from certadvisor.catalog.programs import program_table
    from certadvisor.eligibility.engine import Evaluator
    from certadvisor.guidance.path import person_paths
    from certadvisor.profiles import load_profiles

    people = load_profiles(profile, resolve=loaded.resolve)
    if name is not None:
        person = pick_person(people, name).profile
    elif len(people) != 1:
        raise UsageError(
            f"--profile {profile} holds {len(people)} people; compare takes one",
            "Pick one with --person NAME, or use `certadvisor eligible --profile FILE`.",
        )
    else:
        person = people[0].profile
    day = resolve_as_of(as_of, person.as_of)
    # one compiled evaluator for both: the summaries (without dates) and the paths (with)
    evaluator = Evaluator(chosen)
    standings = evaluator.standings(person, day)
    paths = person_paths(
        chosen, person, day, program_table(), years=years, member=member, standings=standings
    )
    held = {c.id for c in person.credentials or []}
    return {s.track: s for s in evaluator.briefs(person, day)}, paths, held, person.state


def _pay(chosen: "list[Track]", state: str | None) -> "dict[str, PayBrief]":
    """Each track's pay in the state (and nationally), where the wage table maps it."""
    from certadvisor.catalog.wages import pay_for
    from certadvisor.guidance.compare import pay_brief

    out = {}
    for t in chosen:
        found = pay_for(t.id, state)
        if found is not None:
            out[t.id] = pay_brief(found, state)
    return out


def _check_sort(sort: str | None) -> str | None:
    """The sort key in lower case, or a usage error naming the valid ones."""
    from certadvisor.guidance.compare import SORTS  # lazy, as in compare()

    if sort is None:
        return None
    key = sort.strip().lower()
    if key not in SORTS:
        raise UsageError(f"unknown --sort {sort!r}", f"Choose one of: {', '.join(SORTS)}.")
    return key
