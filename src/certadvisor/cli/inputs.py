"""Helpers the guidance commands (checklist, recommend, report) share: people, state notes."""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from certadvisor.catalog.loader import LoadedCatalog
    from certadvisor.models.states import StateNote
    from certadvisor.profiles.load import Person

StateSection = tuple[str, str, list["StateNote"]]


def people_of(loaded: "LoadedCatalog", profile: Path | None) -> "list[Person]":
    """Everyone in a profile or cohort file (credential ids resolved against this catalog)."""
    from certadvisor.profiles.load import load_profiles

    return load_profiles(profile, resolve=loaded.resolve) if profile else []


def state_section(
    code: str | None, categories: Sequence[str], tracks: Sequence[str]
) -> StateSection | None:
    """The state's code, name and the notes touching these categories or tracks."""
    if not code:
        return None
    from certadvisor.catalog.states import check_state, state_codes, state_notes
    from certadvisor.render.state_notes import relevant_notes

    upper = check_state(code)
    notes = relevant_notes(state_notes(upper), sorted(set(categories)), sorted(set(tracks)))
    return upper, state_codes()[upper], notes


def resolve_as_of(
    flag: dt.date | dt.datetime | None, profile_as_of: dt.date | None = None
) -> dt.date:
    """The one rule for the evaluation date: --as-of, else the profile's as_of, else today."""
    if isinstance(flag, dt.datetime):
        return flag.date()
    if flag is not None:
        return flag
    return profile_as_of if profile_as_of is not None else dt.date.today()
