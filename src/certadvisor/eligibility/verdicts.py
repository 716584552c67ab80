"""Small judgements on a route's outcomes: its verdict, whether only time is short, flags,
what an unverified rule may decide alone, and a condition read two ways."""

import datetime as dt
from collections.abc import Sequence
from typing import Final

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.models.catalog import Route, Track
from certadvisor.models.conditions import Reading
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


_SAID = {MET: "met", UNMET: "not met", UNKNOWN: "unknown"}


def both_readings(main: Check, other: Check, reading: Reading) -> Check:
    """A condition the sources read two ways: the catalog's reading decides, the other is said.

    When the two readings give different answers, the outcome says both and which decided.
    """

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        a = main(facts, as_of, dates)
        b = other(facts, as_of, dates)
        if a.status == b.status:
            return a
        short = f" ({b.gap})" if b.gap and b.status != MET else ""
        told = (
            f"sources disagree on this rule; the reading this catalog follows decided "
            f"({_SAID[a.status]}); by the other reading ({reading.text}, {reading.source}) it "
            f"would be {_SAID[b.status]}{short}"
        )
        return a._replace(assumption=told)

    return run


def soft_unmet(confidence: str | None, body: str, text: str) -> str | None:
    """For a condition only an unverified source states: the words that ask to confirm it.

    Such a condition cannot make a route not eligible by itself (see `soften`); None for a
    condition with better support.
    """
    if confidence != "unverified":
        return None
    return f"confirm with {body}: {text[:1].lower()}{text[1:]}"


def soften(out: Outcome, ask: str | None) -> Outcome:
    """An unmet condition that only an unverified source states: unknown, asking to confirm it
    with the body (what the unverified rule would still need is kept in the words)."""
    if ask is None or out.status != UNMET:
        return out
    by_it = f" (only an unverified source states it; by it: {out.gap})" if out.gap else ""
    return Outcome(
        UNKNOWN,
        f"{ask}{by_it}",
        assumption=out.assumption,
        months=out.months,
        soft=True,
    )
