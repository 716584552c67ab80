"""Pure cost engine: what a track costs to earn now and to keep over a horizon of years.

Exported by certadvisor.costs (results are frozen Pydantic models; money is US dollars,
exact to the cent):

    first_time_cost(track, *, member=False, route=None) -> FirstTimeCost
        Application, eligibility-review and exam fees for one attempt. When fees differ by
        route and no route is given, the cheapest route is counted (`route` and `basis` say
        which; `by_route` lists every route's figure). `route="id"` counts that route.
    total_cost(track, *, years=5, member=False, ce_cost_per_point=None, route=None) -> TotalCost
        The first-time cost plus everything that falls due within `years`: membership dues
        (only when `member`), annual fees, renewal fees per cycle, and continuing education
        at `ce_cost_per_point` when it is given. `by_year` breaks it down (year 0 = getting
        certified); `recurring` lists each recurring fee with how often it falls due.

Results (defined in models/costs.py, re-exported by certadvisor.costs):
    FirstTimeCost: amount, lower_bound, unverified, confidence, unknown, notes, route, basis
        ('same_for_all' | 'cheapest' | 'given'), parts, by_route, not_counted.
    TotalCost: the same sum fields, plus years, member, ce_cost_per_point, route, first_time,
        recurring, by_year (YearCost: year, amount, cumulative, lower_bound, items) and the
        property recurring_amount (the total minus the first-time cost).
    CostPart: kind, label, per, every_months, unit_amount, unit_amount_max, count, due_years,
        amount, unknown, lower_bound, unverified, why, source, as_of, confidence, note.
    Words and tables for them: certadvisor.render.costs (figure, first_time_figure,
    total_figure, caveats, print_cost_section, markdown_cost_section).

Honesty rules every result follows:
    - A fee the catalog does not know (amount null, a renewal with no fee listed, a member
      price with no dues listed) counts $0, sets `lower_bound` (shown as `≥ $X`) and is named
      in `unknown`.
    - A quoted range (amount_max) counts its low end and sets `lower_bound` with a note; so do
      alternative prices of one kind for one route (e.g. students $90, others $135).
    - A counted fee marked unverified sets `unverified` (shown as `?`); `confidence` is the
      weakest confidence among the counted amounts. Each `CostPart` keeps its source, as_of and
      confidence for footnotes.
    - Results are built with `model_construct`: the engine sets every field itself and
      skipping validation keeps `show` quick to start; the tests validate them against the
      models (never negative, parts add up).
    - Timing: a yearly fee falls due once in each year 1..years; a per-cycle fee (and its CE)
      at months cycle, 2 x cycle, ... up to 12 x years inclusive. Retake, reactivation,
      reinstatement and practice-exam fees are contingent: listed in `not_counted`, never added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from certadvisor.costs.parts import (
    applies,
    cents,
    dollars,
    fee_part,
    gap_part,
    money,
    pick,
    schedule,
    totals,
    undated,
)
from certadvisor.errors import DomainError
from certadvisor.models.catalog import Fee, FeeKind, FeePer, Track
from certadvisor.models.common import Confidence
from certadvisor.models.costs import (
    CostPart,
    FirstTimeCost,
    RouteCost,
    TotalCost,
    YearCost,
)

DEFAULT_YEARS = 5
FIRST_TIME_KINDS = (FeeKind.APPLICATION, FeeKind.ELIGIBILITY_REVIEW, FeeKind.EXAM)
CONTINGENT_KINDS = (
    FeeKind.RETAKE,
    FeeKind.REACTIVATION,
    FeeKind.REINSTATEMENT,
    FeeKind.PRACTICE_EXAM,
)


def _first_time_parts(track: Track, route: str | None, member: bool) -> list[CostPart]:
    parts = []
    for kind in FIRST_TIME_KINDS:
        cands = [f for f in track.fees if f.kind is kind and applies(f, route, member)]
        if cands:
            parts.append(fee_part(pick(cands), cands, [0], None))
            continue
        other = [f for f in track.fees if f.kind is kind and applies(f, route, not member)]
        if other:
            who = "members" if member else "non-members"
            parts.append(
                gap_part(
                    str(kind),
                    f"{other[0].label} ({who})",
                    f"the catalog gives no price for {who}",
                    [0],
                )
            )
    if not any(p.kind in (FeeKind.APPLICATION, FeeKind.EXAM) for p in parts):
        parts.append(
            gap_part(
                str(FeeKind.EXAM), "Exam or application fee", "the catalog lists no such fee", [0]
            )
        )
    return parts


def first_time_cost(
    track: Track, *, member: bool = False, route: str | None = None
) -> FirstTimeCost:
    """What taking the exam once costs: application, eligibility-review and exam fees.

    Args:
        track: The catalog track.
        member: Count member prices (and prices for everyone) instead of non-member prices.
        route: A route id to price; None picks the cheapest route when fees differ by route
            (a route whose figure is complete beats one with unknown parts).

    Raises:
        DomainError: `route` is not a route of the track.
    """
    routes: list[str | None] = [r.id for r in track.routes] or [None]
    if route is not None and route not in routes:
        raise DomainError(
            f"{track.id} has no route {route!r}",
            f"Its routes: {', '.join(r for r in routes if r) or 'none'}.",
        )
    priced = {r: _first_time_parts(track, r, member) for r in routes}
    sums = {r: totals(parts) for r, parts in priced.items()}
    same = all(parts == priced[routes[0]] for parts in priced.values())
    chosen: str | None
    basis: Literal["same_for_all", "cheapest", "given"]
    if route is not None:
        chosen, basis = route, "given"
    elif same:
        chosen, basis = None, "same_for_all"
    else:
        chosen = min(routes, key=lambda r: (bool(sums[r].unknown), sums[r].amount))
        basis = "cheapest"
    key = chosen if chosen is not None else routes[0]
    contingent = [
        fee_part(f, [], [], None)
        for f in track.fees
        if f.kind in CONTINGENT_KINDS
        and (chosen is None or applies(f, chosen, member))
        and (f.member is None or f.member is member)
    ]
    by_route = (
        []
        if same
        else [
            RouteCost.model_construct(
                route=str(r), amount=s.amount, lower_bound=s.lower_bound, unverified=s.unverified
            )
            for r, s in sums.items()
        ]
    )
    return FirstTimeCost.model_construct(
        track=track.id,
        member=member,
        route=chosen,
        basis=basis,
        parts=priced[key],
        by_route=by_route,
        not_counted=contingent,
        **sums[key]._asdict(),
    )


def _every(fee: Fee, cycle: int | None) -> int | None:
    if fee.per is FeePer.YEAR:
        return 12
    if fee.per is FeePer.CYCLE:
        return cycle
    return 12 if fee.kind in (FeeKind.ANNUAL, FeeKind.MEMBERSHIP) else cycle


def _recurring(
    track: Track, years: int, member: bool, route: str | None, ce_cost_per_point: float | None
) -> list[CostPart]:
    """Every recurring cost with its payments inside the horizon."""
    cycle = track.renewal.cycle_months.value if track.renewal.cycle_months else None
    renewals = schedule(cycle, years)
    kinds = [FeeKind.MEMBERSHIP] if member else []
    parts = []
    for kind in [*kinds, FeeKind.ANNUAL, FeeKind.RENEWAL]:
        cands = [f for f in track.fees if f.kind is kind and applies(f, route, member)]
        if not cands:
            continue
        fee = pick(cands)
        every = _every(fee, cycle)
        part = fee_part(fee, cands, schedule(every, years), every)
        if every is None and years > 0:
            part = undated(part, "the renewal cycle is not in the catalog")
        parts.append(part)
    if (
        member
        and not any(p.kind == FeeKind.MEMBERSHIP for p in parts)
        and any(f.member is True for f in track.fees)
    ):
        parts.insert(
            0,
            gap_part(
                str(FeeKind.MEMBERSHIP),
                "Membership dues",
                "member prices need a membership; the catalog lists no dues",
                schedule(12, years),
                every=12,
                per="year",
            ),
        )
    if not any(p.kind in (FeeKind.ANNUAL, FeeKind.RENEWAL) for p in parts):
        why = "the catalog lists no renewal or annual fee"
        if cycle is None:
            why = "the catalog has neither the renewal cycle nor a renewal fee"
        parts.append(
            gap_part(
                str(FeeKind.RENEWAL),
                "Renewal fee",
                why,
                renewals,
                every=cycle,
                per="cycle",
                open_ended=cycle is None and years > 0,
            )
        )
    if ce_cost_per_point is not None:
        parts.append(_ce_part(track, renewals, cycle, years, ce_cost_per_point))
    return parts


def _ce_part(
    track: Track, renewals: list[int], cycle: int | None, years: int, rate: float
) -> CostPart:
    ce = track.renewal.ce
    if ce is None or ce.total_points is None:
        return gap_part(
            "ce",
            "Continuing education",
            "the catalog gives no CE points per cycle",
            renewals,
            every=cycle,
            per="cycle",
            open_ended=cycle is None and years > 0,
        )
    unit_cents = cents(ce.total_points * rate)
    part = CostPart.model_construct(
        kind="ce",
        label=f"Continuing education: {ce.total_points:g} {ce.unit} a cycle at {money(rate)} each",
        per="cycle",
        every_months=cycle,
        unit_amount=dollars(unit_cents),
        count=len(renewals),
        due_years=renewals,
        amount=dollars(unit_cents * len(renewals)),
        unverified=ce.confidence is Confidence.UNVERIFIED,
        source=ce.source,
        as_of=ce.as_of,
        confidence=ce.confidence,
        note=ce.note,
    )
    if cycle is None and years > 0:
        return undated(part, "the renewal cycle is not in the catalog")
    return part


def _by_year(first: FirstTimeCost, recurring: Sequence[CostPart], years: int) -> list[YearCost]:
    rows = []
    cumulative = 0
    bound = first.lower_bound
    for year in range(years + 1):
        due = 0
        items = []
        parts = first.parts if year == 0 else recurring
        for p in parts:
            times = p.due_years.count(year)
            if not times:
                continue
            due += cents(p.unit_amount or 0) * times
            bound = bound or p.lower_bound
            items.append(p.label + (" (unknown)" if p.unknown else ""))
        if year == 1:
            bound = bound or any(p.lower_bound and not p.due_years for p in recurring)
        cumulative += due
        rows.append(
            YearCost.model_construct(
                year=year,
                amount=dollars(due),
                cumulative=dollars(cumulative),
                lower_bound=bound,
                items=items,
            )
        )
    return rows


def total_cost(
    track: Track,
    *,
    years: int = DEFAULT_YEARS,
    member: bool = False,
    ce_cost_per_point: float | None = None,
    route: str | None = None,
) -> TotalCost:
    """Total cost of ownership: the first-time cost plus all that falls due within `years`.

    Args:
        track: The catalog track.
        years: The horizon in whole years (0 = the first-time cost alone).
        member: Count membership dues and member prices.
        ce_cost_per_point: What one CE point costs; None leaves CE out (and says so in notes).
        route: The route to price; None takes the route `first_time_cost` picks.

    Raises:
        ValueError: `years` or `ce_cost_per_point` is negative.
        DomainError: `route` is not a route of the track.
    """
    if years < 0:
        raise ValueError(f"years must be 0 or more, not {years}")
    if ce_cost_per_point is not None and ce_cost_per_point < 0:
        raise ValueError(f"ce_cost_per_point must be 0 or more, not {ce_cost_per_point}")
    first = first_time_cost(track, member=member, route=route)
    recurring = _recurring(track, years, member, first.route, ce_cost_per_point)
    sums = totals([*first.parts, *recurring])
    notes = list(sums.notes)
    if ce_cost_per_point is None and years > 0:
        notes.append("Continuing education is not counted (no cost per CE point given).")
    return TotalCost.model_construct(
        track=track.id,
        years=years,
        member=member,
        ce_cost_per_point=ce_cost_per_point,
        route=first.route,
        first_time=first,
        recurring=recurring,
        by_year=_by_year(first, recurring, years),
        **{**sums._asdict(), "notes": notes},
    )
