"""`data review`: the maintainer's queue, facts ranked by how much a wrong value would change
the advice (tested: see `validation.impact`), then by how weak and how old their source is."""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from certadvisor.catalog.provenance import SourcedFact, sourced_facts
from certadvisor.catalog.sources import Registry
from certadvisor.models.catalog import Track
from certadvisor.models.profile import Profile
from certadvisor.models.states import State
from certadvisor.validation.archetypes import archetype_profiles
from certadvisor.validation.impact import (
    Impact,
    deadline_impact,
    fee_impact,
    route_impact,
    statuses,
)

IMPACTS = ("eligibility", "cost", "deadline", "route", "state", "minor")
"""Tiers, most consequential first: a tested flip, a cost move over 20%, a moved deadline, a
route no 20% change flips, a state rule (not tested against people), the rest."""

_WEAKNESS = {"unverified": 3, "secondary": 2, "government": 1, "official": 1}
_ROUTE = re.compile(r"^routes\[(\d+)\]$")
_FEE = re.compile(r"^fees\[(\d+)\]$")
_MINOR = Impact(
    "minor", 0.0, "shown for information; it does not decide a result, a cost or a deadline"
)
_STATE = Impact(
    "state", 0.0, "a state rule: a wrong value changes whether a credential is accepted"
)


@dataclass(frozen=True)
class ReviewItem:
    """One fact in the queue: what a wrong value would change, and how far it can be trusted."""

    rank: int
    impact: str
    why: str
    fact: SourcedFact

    def as_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "impact": self.impact, "why": self.why, **self.fact.as_dict()}


class _Tester:
    """Each fact's impact, evaluating only the fact's own track (its baseline computed once)."""

    def __init__(
        self, tracks: Sequence[Track], people: Sequence[Profile], as_of: dt.date, years: int
    ) -> None:
        self._by_id = {t.id: t for t in tracks}
        self._people = people
        self._as_of = as_of
        self._years = years
        self._before: dict[str, list[str]] = {}

    def impact(self, f: SourcedFact) -> Impact:
        track = self._by_id.get(f.owner)
        if track is None:
            return _STATE if f.owner.startswith("state ") else _MINOR
        if m := _ROUTE.match(f.path):
            before = self._before.get(track.id)
            if before is None:
                before = self._before[track.id] = statuses(track, self._people, self._as_of)
            return route_impact(track, int(m[1]), self._people, self._as_of, before)
        if m := _FEE.match(f.path):
            return fee_impact(track, int(m[1]), self._years)
        if f.path.startswith("renewal.") and not f.path.startswith("renewal.methods"):
            return deadline_impact(track, f.path, self._as_of)
        return _MINOR


def review_queue(
    tracks: Sequence[Track],
    states: Sequence[State],
    today: dt.date,
    registry: Registry,
    years: int = 5,
    people: Sequence[Profile] | None = None,
) -> list[ReviewItem]:
    """Every sourced fact, most consequential first; ties weakest, then oldest, first.

    `people` are the profiles the routes are tested against (default: the archetypes).
    """
    facts = sourced_facts(tracks, states, today, 365, registry)
    tester = _Tester(
        tracks, people if people is not None else archetype_profiles(today), today, years
    )
    scored = []
    for f in facts:
        impact = tester.impact(f)
        key = (
            IMPACTS.index(impact.tier),
            -impact.size,
            -_WEAKNESS.get(f.confidence, 3),
            -(f.age_days if f.age_days is not None else 10**6),
            f.owner,
            f.path,
        )
        scored.append((key, impact, f))
    scored.sort(key=lambda s: s[0])
    return [ReviewItem(i, imp.tier, imp.why, f) for i, (_, imp, f) in enumerate(scored, 1)]
