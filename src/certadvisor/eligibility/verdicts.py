"""Small judgements on a route's outcomes: its verdict, whether only time is short, flags."""

from collections.abc import Sequence
from typing import Final

from certadvisor.eligibility.facts import UNKNOWN, UNMET, Outcome
from certadvisor.models.catalog import Route, Track
from certadvisor.models.results import Verdict

ELIGIBLE: Final = "eligible"
NOT_ELIGIBLE: Final = "not_eligible"


def is_clinical(track: Track) -> bool:
    """A credential whose title says it is clinical (Certified Clinical Medical Assistant)."""
    return "clinical" in track.credential.lower().split()


def route_flag(route: Route) -> bool:
    """Whether the route, or one of its conditions, rests on an unverified source."""
    if route.confidence == "unverified":
        return True
    return any(c.confidence == "unverified" for c in route.conditions)


def verdict(outs: Sequence[Outcome]) -> Verdict:
    """A route's status from its conditions': one unmet decides, else one unknown."""
    statuses = [o.status for o in outs]
    if UNMET in statuses:
        return NOT_ELIGIBLE
    return UNKNOWN if UNKNOWN in statuses else ELIGIBLE


def time_only(outs: Sequence[Outcome]) -> bool:
    """Whether only time stands between the person and this route."""
    unmet = [o for o in outs if o.status == UNMET]
    return bool(unmet) and all(o.waits for o in unmet) and all(o.status != UNKNOWN for o in outs)
