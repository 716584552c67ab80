"""Building blocks of the cost engine (costs.total): one fee as a counted part, a cost the
catalog does not know, and the sum of parts with its honesty flags. Internal: use costs.total."""

import math
from collections.abc import Sequence
from typing import NamedTuple

from certadvisor.models.catalog import Fee
from certadvisor.models.common import Confidence
from certadvisor.models.costs import CostPart

RANK = {  # weakest confidence is the highest rank
    Confidence.OFFICIAL: 0,
    Confidence.GOVERNMENT: 1,
    Confidence.SECONDARY: 2,
    Confidence.UNVERIFIED: 3,
}


class Totals(NamedTuple):
    """The amount of a sum of parts and how far it can be trusted."""

    amount: float
    lower_bound: bool
    unverified: bool
    confidence: Confidence | None
    unknown: list[str]
    notes: list[str]


def cents(amount: float) -> int:
    """Dollars to whole cents, so sums are exact."""
    return round(amount * 100)


def dollars(count: int) -> float:
    """Whole cents back to dollars."""
    return count / 100


def money(amount: float) -> str:
    """'$1,250' or '$22.50' for notes."""
    return f"${amount:,.2f}".removesuffix(".00")


def applies(fee: Fee, route: str | None, member: bool) -> bool:
    """The fee is charged on this route (None: fees for every route) at this membership."""
    on_route = not fee.routes or (route is not None and route in fee.routes)
    return on_route and (fee.member is None or fee.member is member)


def pick(fees: Sequence[Fee]) -> Fee:
    """The cheapest of alternative fees (known amounts first), in catalog order on ties."""
    return min(fees, key=lambda f: (f.amount is None, f.amount or 0))


def schedule(every: int | None, years: int) -> list[int]:
    """The year of each payment due at months every, 2 x every, ... up to 12 x years."""
    if not every:
        return []
    return [math.ceil(k * every / 12) for k in range(1, 12 * years // every + 1)]


def fee_part(fee: Fee, alternatives: Sequence[Fee], due: list[int], every: int | None) -> CostPart:
    """A fee counted once per due year; a range or differing alternatives make it a lower bound."""
    unit = float(fee.amount) if fee.amount is not None else None
    whys = []
    if fee.amount_max is not None and fee.amount_max != fee.amount:
        whys.append(
            f"quoted as {money(fee.amount or 0)}–{money(fee.amount_max)}; the low end is counted"
        )
    if any((a.amount, a.amount_max) != (fee.amount, fee.amount_max) for a in alternatives):
        prices = "; ".join(
            f"{a.label} {money(a.amount) if a.amount is not None else 'unknown'}"
            for a in alternatives
        )
        whys.append(f"the price depends on the case ({prices}); the lowest is counted")
    if unit is None:
        whys.insert(0, "the amount is not in the catalog")
    return CostPart.model_construct(
        kind=str(fee.kind),
        label=fee.label,
        per=str(fee.per),
        every_months=every,
        unit_amount=unit,
        unit_amount_max=float(fee.amount_max) if fee.amount_max is not None else None,
        count=len(due),
        due_years=due,
        amount=dollars(cents(unit) * len(due)) if unit is not None else 0.0,
        unknown=unit is None,
        lower_bound=bool(whys) and bool(due),
        unverified=fee.confidence is Confidence.UNVERIFIED,
        why="; ".join(whys) or None,
        source=fee.source,
        as_of=fee.as_of,
        confidence=fee.confidence,
        note=fee.note,
    )


def gap_part(
    kind: str,
    label: str,
    why: str,
    due: list[int],
    *,
    every: int | None = None,
    per: str = "once",
    open_ended: bool = False,
) -> CostPart:
    """A cost the catalog does not know at all (no fee entry to cite)."""
    return CostPart.model_construct(
        kind=kind,
        label=label,
        per=per,
        every_months=every,
        unit_amount=None,
        count=len(due),
        due_years=due,
        amount=0.0,
        unknown=True,
        lower_bound=bool(due) or open_ended,
        why=why,
    )


def undated(part: CostPart, why: str) -> CostPart:
    """A recurring part whose timing is unknown: nothing counted, the total a lower bound."""
    reason = f"{part.why}; {why}" if part.why else why
    return part.model_copy(update={"unknown": True, "lower_bound": True, "why": reason})


def totals(parts: Sequence[CostPart]) -> Totals:
    known = [p for p in parts if p.count and not p.unknown]
    weakest = max((p.confidence for p in known if p.confidence), key=RANK.__getitem__, default=None)
    unknown = []
    for p in parts:
        if p.unknown and p.lower_bound:
            times = f" ×{p.count}" if p.count > 1 else ""
            unknown.append(f"{p.label}{times}: {p.why}")
    notes = [f"{p.label}: {p.why}" for p in parts if p.lower_bound and not p.unknown]
    return Totals(
        amount=dollars(sum(cents(p.amount) for p in parts)),
        lower_bound=any(p.lower_bound for p in parts),
        # an unknown fee the catalog marks unverified still makes the whole figure unverified
        unverified=any(p.unverified for p in parts if p.count),
        confidence=weakest,
        unknown=unknown,
        notes=notes,
    )
