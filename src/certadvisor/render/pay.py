"""Pay where you live, in plain lines: the state's figures, the national ones, the caveats."""

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from certadvisor.render.marks import Citations, marker

if TYPE_CHECKING:  # for the annotations only: `show` without a state never loads the wages
    from certadvisor.catalog.wages import Pay
    from certadvisor.models.costs import FirstTimeCost

CAVEAT = "Occupation pay is not the pay of the credential alone."


def _money(amount: int | None) -> str:
    return "unknown" if amount is None else f"${amount:,}"


def _cited(confidence: str, url: str, cites: Citations) -> str:
    number = cites.cite(url)
    return f"{marker(confidence)} [{number}]" if number else marker(confidence)


def pay_lines(
    pay: "Pay", state_name: str | None, first_cost: "FirstTimeCost | None", cites: Citations
) -> list[str]:
    """What the work pays, each figure with its source and period, and what to read into it."""
    occupation = f"{pay.occupation.title} (SOC {pay.occupation.soc})"
    lines = []
    here = pay.state
    if here is not None:
        lines.append(
            f"{state_name or here.state}, {occupation}, BLS OEWS {here.period}: median "
            f"{_money(here.median)}, mean {_money(here.mean)} a year; "
            f"{'unknown' if here.employment is None else f'{here.employment:,}'} employed "
            f"{_cited(here.confidence, here.source, cites)}"
        )
    elif state_name:
        lines.append(f"{state_name}: no state figure for {occupation}; national figures only.")
    for n in pay.national:
        lines.append(
            f"National median, {occupation}: {_money(n.median)} a year ({n.period}) "
            f"{_cited(n.confidence, n.source, cites)}"
        )
    weekly = pay.weekly_median
    if weekly and first_cost is not None and first_cost.amount > 0:
        bound = "at least " if first_cost.lower_bound else ""
        lines.append(
            f"Payback: the exam's first-time cost, {bound}${first_cost.amount:,.0f}, is {bound}"
            f"{first_cost.amount / weekly:.1f} weeks of the state's median pay (training not "
            "counted)."
        )
    lines.append(CAVEAT + (f" {pay.occupation.caveat}" if pay.occupation.caveat else ""))
    return lines


def pay_payload(pay: "Pay") -> dict[str, Any]:
    """The pay figures for JSON: the occupation, the state's, the national ones, the caveats."""
    return {
        "occupation": pay.occupation.model_dump(mode="json"),
        "state": asdict(pay.state) if pay.state is not None else None,
        "national": [asdict(n) for n in pay.national],
        "caveat": CAVEAT,
    }
