"""Results of the path engine (certadvisor.guidance.path): a person's way to each credential."""

import datetime as dt

from certadvisor.models.base import Field
from certadvisor.models.common import Confidence, Strict


class ProgramChoice(Strict):
    """The program form a path goes through, with what its source says."""

    field: str
    form: str
    name: str
    months_min: float | None
    months_max: float | None
    hours: float | None = None
    hours_kind: str | None = None
    tuition_min: int | None
    tuition_max: int | None
    estimate: bool
    source: str
    as_of: str | None
    confidence: Confidence
    note: str | None = None


class WindowStep(Strict):
    """A body's application or testing window on this path, in our words, with its source."""

    kind: str
    days: int | None
    text: str
    source: str
    as_of: str | None = None
    confidence: Confidence
    disputed: bool = Field(default=False, description="true: the sources disagree")


class PathCost(Strict):
    """What the path costs: tuition (a range, or unknown) plus the exam fees, now and over years.

    `now_min`/`now_max` and the horizon figures are null when a part (tuition) is unknown:
    unknown, never zero. `fees` alone is always the priced first-time fees.
    """

    tuition_min: int | None
    tuition_max: int | None
    tuition_unknown: str | None = Field(default=None, description="Why tuition is not known")
    fees: float
    fees_lower_bound: bool
    now_min: float | None
    now_max: float | None
    years: int
    horizon_min: float | None
    horizon_max: float | None
    horizon_lower_bound: bool
    fees_source: str | None = None


class TrackPath(Strict):
    """One way to the credential: a route (and a program form), its months and its cost."""

    route: str
    route_name: str
    program: ProgramChoice | None = None
    months: float | None = Field(
        description="Months until eligible, taking what is unconfirmed as not so; null: unknown"
    )
    months_best: float | None = Field(
        default=None, description="The same if what is unconfirmed turns out so"
    )
    unknowns: int = 0
    opens_on: dt.date | None = Field(default=None, description="A date the route opens by time")
    eligible_on: dt.date | None = None
    hold_months: float | None = Field(description="Months until the earliest month to hold it")
    hold_month: str | None = Field(description="YYYY-MM: the earliest month to hold it")
    hold_lower_bound: bool = Field(
        default=True, description="Processing or testing time the catalog does not state"
    )
    windows: list[WindowStep] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list, description="What is left, in plain words")
    judgement: list[str] = Field(
        default_factory=list, description="Estimates that are this tool's, not a source's"
    )
    cost: PathCost


class PersonPath(Strict):
    """A person's fastest and cheapest path to one track."""

    track: str
    abbreviation: str
    status: str
    fastest: TrackPath | None
    cheapest: TrackPath | None
    notes: list[str] = Field(default_factory=list)
    held: bool = Field(
        default=False, description="The person holds this credential already: no path to it"
    )

    @property
    def hold_months(self) -> float | None:
        """The fastest path's months to hold the credential (None: unknown)."""
        return self.fastest.hold_months if self.fastest else None

    @property
    def cost_now(self) -> float | None:
        """The cheapest path's cost now, low end (None: unknown)."""
        return self.cheapest.cost.now_min if self.cheapest else None
