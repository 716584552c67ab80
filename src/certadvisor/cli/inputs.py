"""Flags to engine inputs the guidance commands share: the people of a profile, the date,
and the flag names that engine errors about plan inputs leave to the command."""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from certadvisor.errors import UsageError

if TYPE_CHECKING:
    from certadvisor.catalog import LoadedCatalog
    from certadvisor.guidance.plan import PlanInputError
    from certadvisor.profiles.load import Person

_PLAN_FLAGS = {"hours_per_week": "--hours-per-week", "total_hours": "--total-hours"}


def people_of(loaded: "LoadedCatalog", profile: Path | None) -> "list[Person]":
    """Everyone in a profile or cohort file (credential ids resolved against this catalog)."""
    # Lazy: the profile models cost about 100 ms to import, and every dated command imports
    # this module for resolve_as_of, most of them without a profile.
    from certadvisor.profiles.load import load_profiles

    return load_profiles(profile, resolve=loaded.resolve) if profile else []


def resolve_as_of(
    flag: dt.date | dt.datetime | None, profile_as_of: dt.date | None = None
) -> dt.date:
    """The one rule for the evaluation date: --as-of, else the profile's as_of, else today."""
    if isinstance(flag, dt.datetime):
        return flag.date()
    if flag is not None:
        return flag
    return profile_as_of if profile_as_of is not None else dt.date.today()


def plan_flag_error(exc: "PlanInputError") -> UsageError:
    """The plan engine's input error restated with the flags that set the input."""
    if exc.field == "exam_date":
        return UsageError(exc.message, "Give an --exam-date in the future (or an earlier --start).")
    return UsageError(f"{_PLAN_FLAGS[exc.field]} {exc.value:g} is out of range", exc.hint)


def pick_person(people: "Sequence[Person]", name: str | None) -> "Person":
    """The one person of a profile file, or the one a cohort names (case-insensitive)."""
    if name is not None:
        wanted = name.strip().casefold()
        found = [p for p in people if p.label.casefold() == wanted]
        if len(found) == 1:
            return found[0]
        names = ", ".join(p.label for p in people)
        raise UsageError(
            f"{'no' if not found else 'more than one'} person named {name!r} in the profile file",
            f"People in it: {names}.",
        )
    if len(people) == 1:
        return people[0]
    names = ", ".join(p.label for p in people[:10]) + (", ..." if len(people) > 10 else "")
    raise UsageError(
        f"the profile file holds {len(people)} people; this command advises one",
        f"Pick one with --person NAME ({names}).",
    )
