"""`data review`: the maintainer's queue, facts ranked by how much a wrong value would change
the advice, then by how weak and how old their source is."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from certadvisor.catalog.provenance import SourcedFact, sourced_facts
from certadvisor.catalog.sources import Registry
from certadvisor.costs import total_cost
from certadvisor.models.catalog import Track
from certadvisor.models.states import State

COST_SHARE = 0.20
"""A fee whose amount is more than this share of the track's cost over the horizon matters."""

IMPACTS = ("eligibility", "cost", "deadline", "minor")
_WEAKNESS = {"unverified": 3, "secondary": 2, "government": 1, "official": 1}
_DEADLINE_FIELDS = ("renewal.cycle_months", "renewal.anchor", "renewal.submit_window")


@dataclass(frozen=True)
class ReviewItem:
    """One fact in the queue: what a wrong value would change, and how far it can be trusted."""

    rank: int
    impact: str
    why: str
    fact: SourcedFact

    def as_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "impact": self.impact, "why": self.why, **self.fact.as_dict()}


def _cost_shares(track: Track, years: int) -> dict[tuple[str, str], float | None]:
    """Each counted fee's share of the cost over `years` (None: its amount is unknown)."""
    cost = total_cost(track, years=years)
    total = cost.amount
    shares: dict[tuple[str, str], float | None] = {}
    for part in [*cost.first_time.parts, *cost.recurring]:
        if not part.count or part.source is None:
            continue
        key = (part.label, part.source)
        if part.unknown:
            shares[key] = None
        elif total > 0:
            high = (part.unit_amount_max or part.unit_amount or 0) * part.count
            shares[key] = max(part.amount, high) / total
    return shares


def _impact(
    f: SourcedFact, track: Track | None, shares: dict[Any, float | None]
) -> tuple[str, str]:
    path = f.path
    if path.startswith("routes["):
        return "eligibility", "a route or condition: a wrong value flips an eligibility result"
    if track is not None and path.startswith("fees["):
        fee = track.fees[int(path[5 : path.index("]")])]
        key = (fee.label, fee.source)
        if key in shares:
            share = shares[key]
            if share is None:
                return "cost", "a counted fee whose amount is unknown: any figure moves the total"
            if share > COST_SHARE:
                return "cost", f"{share:.0%} of the cost over the horizon (over 20%)"
        return "minor", "a fee that moves the cost by 20% or less, or is not counted"
    if path.startswith(_DEADLINE_FIELDS) or path.startswith("renewal.late_rules"):
        return "deadline", "a renewal rule: a wrong value moves a deadline"
    if path.startswith("renewal.ce"):
        return "deadline", "the CE requirement: a wrong value changes what is due by the deadline"
    if f.owner.startswith("state "):
        return "eligibility", "a state rule: a wrong value changes whether a credential is accepted"
    return "minor", "shown for information; it does not decide a result, a cost or a deadline"


def review_queue(
    tracks: Sequence[Track],
    states: Sequence[State],
    today: dt.date,
    registry: Registry,
    years: int = 5,
) -> list[ReviewItem]:
    """Every sourced fact, most consequential first; within an impact, weakest and oldest first."""
    facts = sourced_facts(tracks, states, today, 365, registry)
    by_id = {t.id: t for t in tracks}
    shares = {t.id: _cost_shares(t, years) for t in tracks}
    scored = []
    for f in facts:
        track = by_id.get(f.owner)
        impact, why = _impact(f, track, shares.get(f.owner, {}))
        key = (
            IMPACTS.index(impact),
            -_WEAKNESS.get(f.confidence, 3),
            -(f.age_days if f.age_days is not None else 10**6),
            f.owner,
            f.path,
        )
        scored.append((key, impact, why, f))
    scored.sort(key=lambda s: s[0])
    return [ReviewItem(i, impact, why, f) for i, (_, impact, why, f) in enumerate(scored, 1)]
