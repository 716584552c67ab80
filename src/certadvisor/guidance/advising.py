"""What the guidance commands share: picking the one person a command advises."""

from collections.abc import Sequence

from certadvisor.errors import UsageError
from certadvisor.profiles import Person


def pick_person(people: Sequence[Person], name: str | None) -> Person:
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
