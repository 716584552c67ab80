"""What the `wallet` commands share: their options, and flags turned into checked values."""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from certadvisor.cli.common import catalog
from certadvisor.cli.inputs import resolve_as_of
from certadvisor.errors import UsageError
from certadvisor.wallet import check_person, parse_day
from certadvisor.wallet.checks import check_not_future

if TYPE_CHECKING:  # the catalog's models load only in the commands that read rules
    from certadvisor.catalog.loader import LoadedCatalog
    from certadvisor.wallet.status import RulesLookup

T = TypeVar("T")


def _person(value: str) -> str:
    try:
        return check_person(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PersonOpt = Annotated[
    str,
    typer.Option(
        "--person",
        "-p",
        help="Whose wallet: several people can share one store.",
        metavar="NAME",
        callback=_person,
    ),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Everyone in the wallet (a caseload).")]


def checked_flag(name: str, check: Callable[[], T]) -> T:
    """The value ``check`` returns; its ValueError becomes a usage error naming the flag."""
    try:
        return check()
    except ValueError as exc:
        raise UsageError(f"{name}: {exc}") from None


def past_day_flag(name: str, text: str) -> dt.date:
    """A date given on the command line, which must not be after today."""
    return checked_flag(name, lambda: check_not_future(parse_day(text), dt.date.today()))


def as_of_flag(day: dt.date | None) -> dt.date:
    """The day --as-of names, else today."""
    return resolve_as_of(day)


def track_names(ctx: typer.Context) -> dict[str, str]:
    """Each catalog track's abbreviation by id."""
    return {s.id: s.abbreviation for s in catalog(ctx).all_summaries}


def rules_lookup(loaded: "LoadedCatalog") -> "RulesLookup":
    """The wallet's view of a track's rules by id (None for a track the catalog lacks)."""
    # lazy: the rule models (pydantic, the catalog's models) are for the commands that read rules
    from certadvisor.wallet.results import TrackRules

    ids = frozenset(loaded.all_ids)  # state credentials are held and renewed too

    def rules_of(track_id: str) -> TrackRules | None:
        return TrackRules.from_track(loaded.track(track_id)) if track_id in ids else None

    return rules_of
