"""Results of the cost engine (certadvisor.costs.total): first-time cost and cost of ownership."""

from typing import Literal

from certadvisor.models.base import Field
from certadvisor.models.common import Confidence, Strict


class CostPart(Strict):
    """One fee (or the CE) as counted, with its provenance for a footnote."""

    kind: str = Field(description="Fee kind (application, exam, annual, ...) or 'ce'")
    label: str
    per: str = Field(description="once | attempt | year | cycle")
    every_months: int | None = Field(default=None, description="Months between payments")
    unit_amount: float | None = Field(description="One payment (low end); null when unknown")
    unit_amount_max: float | None = Field(default=None, description="High end of a quoted range")
    count: int = Field(ge=0, description="Payments counted within the horizon")
    due_years: list[int] = Field(default_factory=list, description="Year of each payment")
    amount: float = Field(ge=0, description="What is counted: unit_amount x count")
    unknown: bool = Field(default=False, description="The amount or its timing is not known")
    lower_bound: bool = Field(default=False, description="It may cost more than `amount`")
    unverified: bool = False
    why: str | None = Field(default=None, description="Why the amount is a lower bound")
    source: str | None = None
    as_of: str | None = None
    confidence: Confidence | None = None
    note: str | None = None


class _Sum(Strict):
    """What every total carries: the amount and how far it can be trusted."""

    amount: float = Field(ge=0)
    lower_bound: bool = Field(description="Unknown or ranged fees: the true figure may be higher")
    unverified: bool = Field(description="A counted amount is marked unverified")
    confidence: Confidence | None = Field(description="Weakest confidence among counted amounts")
    unknown: list[str] = Field(default_factory=list, description="The unknown parts, named")
    notes: list[str] = Field(default_factory=list)


class RouteCost(Strict):
    """The first-time cost of one route."""

    route: str
    amount: float
    lower_bound: bool
    unverified: bool


class FirstTimeCost(_Sum):
    """Application, eligibility review and exam for one attempt, by one route."""

    track: str
    member: bool
    route: str | None = Field(
        description="Route the figure is for; null when it is the same for all"
    )
    basis: Literal["same_for_all", "cheapest", "given"]
    parts: list[CostPart]
    by_route: list[RouteCost] = Field(default_factory=list)
    not_counted: list[CostPart] = Field(
        default_factory=list, description="Contingent fees (retake, reactivation...), never added"
    )


class YearCost(Strict):
    """What falls due in one year of the horizon (year 0 = getting certified)."""

    year: int
    amount: float
    cumulative: float
    lower_bound: bool = Field(description="Something unknown or ranged falls due by this year")
    items: list[str] = Field(default_factory=list)


class TotalCost(_Sum):
    """Total cost of ownership over a horizon of years."""

    track: str
    years: int
    member: bool
    ce_cost_per_point: float | None
    route: str | None
    first_time: FirstTimeCost
    recurring: list[CostPart]
    by_year: list[YearCost]

    @property
    def recurring_amount(self) -> float:
        """What keeping the credential costs within the horizon (the total minus first-time)."""
        return sum(round(p.amount * 100) for p in self.recurring) / 100
