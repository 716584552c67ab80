"""What a wrong value would change: one catalog fact altered, the affected advice computed again.

- A route's numeric thresholds (months, hours, counts, years, windows) are each moved 20% down
  and 20% up (at least one unit), and the route's track is evaluated again for every
  representative person: a person whose track status changes is a flip. A route none of whose
  thresholds flips anyone is tested by leaving it out: the people it alone decides.
- A fee is tested at nothing and at twice its amount against the track's cost over the horizon
  (the costs package): a 20% error in one fee can never move a total by more than 20%, so the
  question is whether the fee is a big enough part of the total for a stale or missing figure
  to matter.
- A renewal rule's numbers (cycle months, window and grace days) are moved 20% (at least one
  unit) and the anchor switched, and the dates of a credential earned on the evaluation date
  are computed again: expiry, the filing window, the end of grace.
"""

import calendar
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from certadvisor.costs import total_cost
from certadvisor.eligibility import Evaluator
from certadvisor.models.catalog import CycleAnchor, Renewal, Route, Track
from certadvisor.models.conditions import Condition
from certadvisor.models.profile import Profile

CHANGE = 0.20
"""How far a threshold or renewal number is moved, down and up."""

COST_SHARE = 0.20
"""A fee whose absence or doubling moves the cost over the horizon by more than this matters."""

_THRESHOLDS = (
    "min_months",
    "min_hours",
    "within_months",
    "completed_within_months",
    "completed_more_than_months",
    "min_contact_hours",
    "min_practicum_hours",
    "or_total_semester_hours",
    "min_years",
    "within_years",
    "min_didactic_hours",
    "min_practical_hours",
)


@dataclass(frozen=True)
class Impact:
    """What a wrong value would change: the tier, its size within the tier, and why."""

    tier: str
    size: float
    why: str


def nudged(value: float, up: bool) -> float:
    """`value` moved by CHANGE, at least one unit for whole numbers; never below zero."""
    moved = value * (1 + CHANGE if up else 1 - CHANGE)
    if isinstance(value, int):
        step = round(moved) - value
        moved = value + (step or (1 if up else -1))
    return max(moved, 0)


def _figure(value: float) -> str:
    return f"{value:g}"


def _kind(cond: Condition) -> str:
    """The condition's kind, with the subject for academic credit ('semester_hours chemistry')."""
    subject = getattr(cond, "subject", None)
    return f"{cond.kind} {subject}" if subject else cond.kind


def _variants(cond: Condition) -> Iterator[tuple[str, bool, Condition]]:
    """The condition with each numeric threshold moved down, then up (a label, up?, the copy)."""
    for name in _THRESHOLDS:
        value = getattr(cond, name, None)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        for up in (False, True):
            new = nudged(value, up)
            if new > 0 or name == "completed_more_than_months":
                label = f"{_kind(cond)} {name} {_figure(value)} → {_figure(new)}"
                yield label, up, cond.model_copy(update={name: new})
    minimums = getattr(cond, "minimums", None)
    if isinstance(minimums, dict):
        for proc, count in minimums.items():
            for up in (False, True):
                new = int(nudged(count, up))
                if new > 0:
                    label = f"{proc} {count} → {new}"
                    yield label, up, cond.model_copy(update={"minimums": {**minimums, proc: new}})


def statuses(track: Track, people: Sequence[Profile], as_of: dt.date) -> list[str]:
    """The track's status for each person (only this track is evaluated)."""
    evaluator = Evaluator([track])
    return [str(evaluator.briefs(p, as_of)[0].status) for p in people]


def _with_route(track: Track, index: int, route: Route | None) -> Track:
    routes = list(track.routes)
    if route is None:
        del routes[index]
    else:
        routes[index] = route
    return track.model_copy(update={"routes": routes})


def _changed(before: Sequence[str], after: Sequence[str]) -> set[int]:
    return {i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}


def route_impact(
    track: Track, index: int, people: Sequence[Profile], as_of: dt.date, before: Sequence[str]
) -> Impact:
    """How many people's results a 20% change of the route's thresholds flips."""
    route = track.routes[index]
    flipped: set[int] = set()
    worst, worst_label = 0, ""
    thresholds = 0
    for ci, cond in enumerate(route.conditions):
        for label, up, variant in _variants(cond):
            thresholds += not up
            conds = [*route.conditions[:ci], variant, *route.conditions[ci + 1 :]]
            changed = _with_route(track, index, route.model_copy(update={"conditions": conds}))
            moved = _changed(before, statuses(changed, people, as_of))
            flipped |= moved
            if len(moved) > worst:
                worst, worst_label = len(moved), label
    n = len(people)
    if flipped:
        return Impact(
            "eligibility",
            len(flipped),
            f"a 20% change flips {len(flipped)} of {n} profiles; {worst_label} alone flips {worst}",
        )
    without = statuses(_with_route(track, index, None), people, as_of)
    alone = sum(1 for a, b in zip(before, without, strict=True) if a == "eligible" != b)
    tested = (
        f"a 20% change of its {thresholds} threshold(s) flips none of {n} profiles"
        if thresholds
        else "no numeric threshold to move"
    )
    return Impact("route", alone, f"{tested}; it alone makes {alone} of {n} eligible")


def fee_impact(track: Track, index: int, years: int) -> Impact:
    """How far the cost over `years` moves when the fee is nothing or twice its amount."""
    fee = track.fees[index]
    base = total_cost(track, years=years)
    if fee.amount is None:
        counted = any(
            p.unknown and p.count and p.label == fee.label and p.source == fee.source
            for p in [*base.first_time.parts, *base.recurring]
        )
        if counted:
            return Impact("cost", 1.0, "a counted fee whose amount is unknown: any figure moves it")
        return Impact("minor", 0.0, "an unknown fee not counted in the cost over the horizon")
    if base.amount <= 0:
        return Impact("minor", 0.0, "the track's cost over the horizon is nothing known")
    moves = []
    for factor in (0.0, 2.0):
        high = None if fee.amount_max is None else fee.amount_max * factor
        fees = list(track.fees)
        fees[index] = fee.model_copy(update={"amount": fee.amount * factor, "amount_max": high})
        changed = total_cost(track.model_copy(update={"fees": fees}), years=years)
        moves.append(abs(changed.amount - base.amount) / base.amount)
    move = max(moves)
    if move == 0:
        return Impact("minor", 0.0, f"not counted in the {years}-year cost (member or optional)")
    words = f"dropped or doubled, it moves the {years}-year cost by {move:.0%}"
    if move > COST_SHARE:
        return Impact("cost", move, f"{words} (over 20%)")
    return Impact("minor", move, f"{words} (20% or less)")


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _deadlines(renewal: Renewal, earned: dt.date) -> dict[str, dt.date]:
    """The dates a renewal rule sets for a credential earned on `earned`."""
    cycle = renewal.cycle_months.value if renewal.cycle_months else None
    if not cycle:
        return {}
    expiry = _add_months(earned, cycle)
    anchor = renewal.anchor.value if renewal.anchor else None
    fixed = renewal.anchor.fixed if renewal.anchor else None
    if anchor == CycleAnchor.FIXED_DATE and fixed is not None:
        expiry = fixed.end(earned)
    if anchor == CycleAnchor.END_OF_MONTH:
        expiry = expiry.replace(day=calendar.monthrange(expiry.year, expiry.month)[1])
    dates = {"expiry": expiry}
    window = renewal.submit_window
    if window and window.opens_days_before is not None:
        dates["filing opens"] = expiry - dt.timedelta(days=window.opens_days_before)
    if window and window.closes_days_before is not None:
        dates["filing closes"] = expiry - dt.timedelta(days=window.closes_days_before)
    for i, rule in enumerate(renewal.late_rules):
        if rule.grace_days is not None:
            dates[f"grace {i + 1} ends"] = expiry + dt.timedelta(days=rule.grace_days)
    return dates


def _renewal_variants(renewal: Renewal, path: str) -> Iterator[Renewal]:
    if path == "renewal.cycle_months" and renewal.cycle_months:
        value = renewal.cycle_months.value
        for up in (False, True):
            if value:
                new = renewal.cycle_months.model_copy(update={"value": int(nudged(value, up))})
                yield renewal.model_copy(update={"cycle_months": new})
    elif path == "renewal.anchor" and renewal.anchor:
        for anchor in CycleAnchor:
            if anchor != renewal.anchor.value and anchor != CycleAnchor.FIXED_DATE:
                # a fixed date has no reading without its date: the others are the variants
                moved = renewal.anchor.model_copy(update={"value": anchor, "fixed": None})
                yield renewal.model_copy(update={"anchor": moved})
    elif path == "renewal.submit_window" and renewal.submit_window:
        for name in ("opens_days_before", "closes_days_before"):
            value = getattr(renewal.submit_window, name)
            for up in (False, True):
                if value is not None:
                    window = renewal.submit_window.model_copy(update={name: int(nudged(value, up))})
                    yield renewal.model_copy(update={"submit_window": window})
    elif path.startswith("renewal.late_rules["):
        i = int(path[len("renewal.late_rules[") : path.index("]")])
        rule = renewal.late_rules[i]
        for up in (False, True):
            if rule.grace_days is not None:
                rules = list(renewal.late_rules)
                rules[i] = rule.model_copy(update={"grace_days": int(nudged(rule.grace_days, up))})
                yield renewal.model_copy(update={"late_rules": rules})


def deadline_impact(track: Track, path: str, earned: dt.date) -> Impact:
    """Whether a 20% change of a renewal rule moves a date of a credential earned `earned`."""
    renewal = track.renewal
    if path.startswith("renewal.ce"):
        return Impact(
            "deadline", 0.0, "the CE owed by the deadline: a wrong value changes what is due"
        )
    before = _deadlines(renewal, earned)
    if not before:
        return Impact("deadline", 0.5, "the cycle length is unknown: no deadline can be computed")
    moved: dict[str, tuple[dt.date, dt.date]] = {}
    for variant in _renewal_variants(renewal, path):
        after = _deadlines(variant, earned)
        for name, day in before.items():
            if after.get(name, day) != day and name not in moved:
                moved[name] = (day, after[name])
    if not moved and path.startswith("renewal.late_rules"):
        return Impact("deadline", 0.0, "what happens after expiry; it states no days to move")
    if not moved:
        return Impact("minor", 0.0, "no date of the renewal depends on it")
    name, (old, new) = next(iter(moved.items()))
    return Impact(
        "deadline",
        1.0,
        f"a 20% change moves {name} of a credential earned {earned} from {old} to {new}"
        + (f" (and {len(moved) - 1} more)" if len(moved) > 1 else ""),
    )
