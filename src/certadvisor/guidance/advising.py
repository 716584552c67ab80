"""What the guidance commands share: picking a person, the evaluation date, eligibility views."""

import datetime as dt
from collections.abc import Sequence

from certadvisor.errors import UsageError
from certadvisor.guidance.recommend import EligibilityView
from certadvisor.models.catalog import Track
from certadvisor.profiles.load import Person


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


def evaluation_date(person: Person | None, as_of: dt.date | None) -> dt.date:
    """--as-of when given, else the profile's own as_of, else today."""
    if as_of is not None:
        return as_of
    if person is not None and person.profile.as_of is not None:
        return person.profile.as_of
    return dt.date.today()


def eligibility_views(
    tracks: Sequence[Track], person: Person, as_of: dt.date
) -> dict[str, EligibilityView]:
    """Each track's eligibility for the person, as the ranking uses it."""
    from certadvisor.eligibility.evaluate import Evaluator

    return {
        b.track: EligibilityView(
            status=b.status, route=b.route, closest=b.closest, missing=list(b.missing)
        )
        for b in Evaluator(tracks).briefs(person.profile, as_of)
    }
