"""Results of the eligibility engine, shared by every command that shows eligibility.

`TrackResult` (with its routes and conditions) is the full verdict on one track for one
person; `EligibilitySummary` is its short form: the status, the route, what is missing. A
cohort's CSV, the comparison's eligibility column and the recommendation's ranking all use
the summary.
"""

import datetime as dt
from typing import Literal

from certadvisor.models.base import Field
from certadvisor.models.common import Strict

Status = Literal["met", "unmet", "unknown"]
Verdict = Literal["eligible", "not_eligible", "unknown"]


class ConditionResult(Strict):
    """One condition of a route, judged."""

    text: str
    status: Status
    gap: str | None = None
    kind: str
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    unverified: bool = False
    source: str | None = None
    confidence: str | None = None
    note: str | None = None
    assumption: str | None = None


class RouteResult(Strict):
    """One route of a track, judged condition by condition."""

    id: str
    name: str
    status: Verdict
    conditions: list[ConditionResult]
    summary: str
    missing: list[str]
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    unverified: bool = False
    source: str
    as_of: str | None = None
    confidence: str
    notes: list[str]
    documents: list[str]


class TrackResult(Strict):
    """One track for one person: the verdict, the route, what is missing, every route."""

    track: str
    status: Verdict
    route: str | None
    routes: list[RouteResult]
    missing: list[str]
    closest: str | None = None
    credential: str
    abbreviation: str
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    unverified: bool = False
    notes: list[str]
    months_needed: float | None = Field(
        default=None, description="Estimated months still needed by the closest route, at best"
    )
    months_needed_max: float | None = Field(
        default=None, description="The same at worst (unknowns not in your favour); null: no way in"
    )
    closest_reason: str | None = Field(default=None, description="Why the closest route is closest")
    counts_for: list[str] = Field(
        default_factory=list,
        description="What a national certificate counts for in the person's state "
        "('counts for WA MA-C: yes, with an approved program')",
    )


class FeeLine(Strict):
    """A fee in words with its source ('CDPH application fee (estimate): $100')."""

    text: str
    source: str
    as_of: str | None = None
    confidence: str


class StateCredentialResult(TrackResult):
    """A state credential judged for one person, with where it applies and its fees."""

    jurisdiction: str
    agency: str | None = None
    fees: list[FeeLine] = Field(default_factory=list)


class PersonResult(Strict):
    """Everything evaluated for one person of a profile file or the flags."""

    name: str | None
    results: list[TrackResult]
    label: str
    as_of: dt.date
    state: str | None = None
    state_credentials: list[StateCredentialResult] = Field(
        default_factory=list,
        description="The credentials the person's state asks for this work, judged alike",
    )


class EligibilitySummary(Strict):
    """One person's standing on one track: status, route, closest route, what is missing."""

    status: Verdict
    route: str | None = Field(description="First eligible route")
    closest: str | None = Field(default=None, description="Closest route when none is eligible")
    missing: tuple[str, ...] = ()
    months_needed: float | None = None
    months_needed_max: float | None = None
    closest_reason: str | None = None
    # Shown where the summary stands alone (a cohort's CSV); in JSON the summary sits in its
    # track's row, which already says both, so they are left out there.
    track: str = Field(exclude=True)
    unverified: bool = Field(default=False, exclude=True)

    @classmethod
    def of(cls, result: TrackResult) -> "EligibilitySummary":
        """The summary of a full result (its fields already hold their types: no validation)."""
        return cls.model_construct(
            status=result.status,
            route=result.route,
            closest=result.closest,
            missing=tuple(result.missing),
            track=result.track,
            unverified=result.unverified,
            months_needed=result.months_needed,
            months_needed_max=result.months_needed_max,
            closest_reason=result.closest_reason,
        )
