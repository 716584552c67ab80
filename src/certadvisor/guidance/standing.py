"""Pure: where the person stands on a track, and the day a plan can start from it."""

import datetime as dt
from collections.abc import Sequence

from certadvisor.eligibility import evaluate
from certadvisor.models.catalog import Track
from certadvisor.models.guidance import PlanStanding
from certadvisor.models.profile import Profile
from certadvisor.models.results import TrackResult


def standing_of(result: TrackResult, person: str | None = None) -> PlanStanding:
    """The eligible route, else the closest one with the day it opens by time alone."""
    route_id = result.route or result.closest
    route = next((r for r in result.routes if r.id == route_id), None)
    opens = route.opens_on if route is not None and route.opens_on else None
    if result.status != "eligible" and opens is None and route is None:
        opens = result.opens_on
    return PlanStanding.model_construct(
        person=person,
        status=result.status,
        route=route_id,
        route_name=route.name if route is not None else None,
        opens_on=opens,
        missing=list(result.missing),
    )


def standing_for(
    tracks: Sequence[Track], track_id: str, profile: Profile, person: str, as_of: dt.date
) -> PlanStanding:
    """Evaluate the person against the catalog and keep the planned track's standing."""
    results = evaluate(tracks, profile, as_of)
    return standing_of(next(r for r in results if r.track == track_id), person)


def study_start(
    standing: PlanStanding | None, start: dt.date, exam: dt.date, abbreviation: str
) -> tuple[dt.date, list[str], list[str]]:
    """The day study starts, with notes and warnings about the person's route.

    The plan starts on the day the route opens when that comes before the exam; an exam
    before it is kept (the person chose it) but said plainly.
    """
    if standing is None:
        return start, [], []
    who = f"{standing.person}: " if standing.person else ""
    route = f"{standing.route_name} [{standing.route}]" if standing.route else "no route"
    if standing.status == "eligible":
        return start, [_capital(f"{who}eligible now for {abbreviation} by {route}.")], []
    opens = standing.opens_on
    if opens is not None and opens > start:
        if exam > opens:
            note = f"{who}the plan starts on {opens}, the day your route {route} opens."
            return opens, [_capital(note)], []
        warning = _capital(
            f"{who}for {abbreviation}, your route opens {opens}; the exam date {exam} is "
            f"before it ({route}). The body will not admit you before the route opens: "
            f"pick an exam date after {opens}."
        )
        return start, [], [warning]
    missing = "; ".join(standing.missing) or "see `certadvisor eligible`"
    state = (
        f"whether you are eligible for {abbreviation} is not settled"
        if standing.status == "unknown"
        else f"you are not yet eligible for {abbreviation}"
    )
    warning = (
        f"{who}{state}, and no date can be given for when you will be (closest: {route}; "
        f"still needed: {missing}). The dates below assume you are eligible by the time "
        "you apply."
    )
    return start, [], [_capital(warning)]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
