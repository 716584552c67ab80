"""Words and tables for costs (certadvisor.costs.total results), shared by `show` and `compare`."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certadvisor.models.costs import CostPart, FirstTimeCost, TotalCost
from certadvisor.render.columns import WHOLE, Col, fitted_table, print_fitted_table
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import Citations, marker

if TYPE_CHECKING:
    from rich.console import Console

LOWER_BOUND_HELP = (
    "≥ = at least: a fee the catalog does not know counts $0 and a quoted range counts its "
    "low end; ≈ = an estimate from the range third parties quote; ? = rests on an unverified "
    "figure."
)


def dollars(amount: float) -> str:
    """'$1,250', or '$22.50' when there are cents."""
    text = f"${amount:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def figure(amount: float, lower_bound: bool, unverified: bool) -> str:
    """'≥ $495 ?': the amount with its lower-bound sign and unverified marker."""
    return f"{'≥ ' if lower_bound else ''}{dollars(amount)}{' ?' if unverified else ''}"


def _with_unknowns(amount: float, parts: Sequence[CostPart], bound: bool, shaky: bool) -> str:
    """'unknown' when nothing known adds up to it, '≥ $X (fee unknown)' when a fee is unknown.

    An unknown fee is never $0: a total that rests on one says so.
    """
    if any(p.unknown for p in parts):
        if amount <= 0:
            return "unknown"
        return f"{figure(amount, True, shaky)} (fee unknown)"
    high = _range_top(amount, parts) if bound else None
    if high is not None:
        return estimate(amount, high, shaky)
    return figure(amount, bound, shaky)


def estimate(low: float, high: float, unverified: bool) -> str:
    """'≈ $117–129 ?': a figure only quoted as a range, shown as the estimate it is."""
    return f"≈ {dollars(low)}–{dollars(high).removeprefix('$')}{' ?' if unverified else ''}"


def _range_top(amount: float, parts: Sequence[CostPart]) -> float | None:
    """The top of a total whose only uncertainty is quoted ranges; None for anything else."""
    counted = [p for p in parts if p.count]
    loose = [p for p in counted if p.lower_bound]
    if not loose or any(p.unit_amount is None or p.unit_amount_max is None for p in loose):
        return None
    return amount + sum(
        ((p.unit_amount_max or 0.0) - (p.unit_amount or 0.0)) * p.count for p in loose
    )


def first_time_figure(first: FirstTimeCost) -> str:
    """The first-time cost, or 'unknown' when the catalog knows none of its amounts."""
    return _with_unknowns(first.amount, first.parts, first.lower_bound, first.unverified)


def total_figure(cost: TotalCost) -> str:
    """The cost over the horizon as a figure ('unknown' or '≥ $X (fee unknown)' where it must)."""
    parts = [*cost.first_time.parts, *cost.recurring]
    return _with_unknowns(cost.amount, parts, cost.lower_bound, cost.unverified)


def total_unknown(cost: TotalCost) -> bool:
    """Whether the total rests on an unknown fee alone (nothing known adds to it)."""
    parts = [*cost.first_time.parts, *cost.recurring]
    return cost.amount <= 0 and any(p.unknown for p in parts)


def cite_parts(parts: Sequence[CostPart], cites: Citations) -> str:
    """'● [1] ? [2]': the marker and footnote of each part that has a source (once each)."""
    marks = []
    for p in parts:
        ref = cites.ref(p) if p.source else marker(p.confidence)
        if ref and ref not in marks:
            marks.append(ref)
    return " ".join(marks)


def each_text(part: CostPart) -> str:
    """One payment: '$105–$110', '$50' or 'unknown'."""
    if part.unit_amount is None:
        return "unknown"
    if part.unit_amount_max is not None and part.unit_amount_max != part.unit_amount:
        return f"{dollars(part.unit_amount)}–{dollars(part.unit_amount_max)}"
    return dollars(part.unit_amount)


def when_text(part: CostPart, years: int) -> str:
    """When a part falls due, in words."""
    if part.due_years == [0]:
        return "when you apply"
    if part.every_months is None:
        return "each renewal (cycle unknown)"
    every = "every year" if part.every_months == 12 else f"every {part.every_months} months"
    if not part.due_years:
        return f"{every}; not due within {years} years"
    listed = ", ".join(str(y) for y in part.due_years)
    if len(part.due_years) > 2 and part.due_years == list(range(1, len(part.due_years) + 1)):
        listed = f"1–{part.due_years[-1]}"
    return f"{every} (year {listed})"


def basis_line(cost: TotalCost) -> str:
    """What the figures assume: horizon, prices, CE and route."""
    prices = "member prices and dues" if cost.member else "non-member prices"
    ce = (
        f"CE at {dollars(cost.ce_cost_per_point)} a point"
        if cost.ce_cost_per_point is not None
        else "CE not counted"
    )
    text = f"Over {cost.years} years, {prices}, {ce}"
    first = cost.first_time
    if first.basis == "cheapest":
        text += f"; first-time cost by the cheapest route, {first.route}"
    elif first.basis == "given":
        text += f"; first-time cost by route {first.route}"
    return text + "."


def caveats(cost: TotalCost) -> list[str]:
    """Why a total is a lower bound, and what is not counted, in plain lines."""
    lines = [f"Unknown: {u}." for u in cost.unknown]
    lines += [f"{n}." if not n.endswith(".") else n for n in cost.notes]
    for p in cost.first_time.not_counted:
        lines.append(f"Not counted (only if it happens): {p.label}, {each_text(p)}.")
    return lines


def part_rows(cost: TotalCost, cites: Citations) -> list[tuple[str, str, str, str, str, str]]:
    """What, when, each payment, times, counted amount, source — one row per cost part."""
    rows = []
    for p in [*cost.first_time.parts, *cost.recurring]:
        counted = _with_unknowns(p.amount, [p], p.lower_bound, p.unverified and p.count > 0)
        if p.unknown and p.count:
            counted = "unknown"
        src = cites.ref(p) if p.source else marker(p.confidence)
        rows.append(
            (p.label, when_text(p, cost.years), each_text(p), str(p.count), counted, src or "—")
        )
    rows.append(("Total", f"over {cost.years} years", "", "", total_figure(cost), ""))
    return rows


def year_rows(cost: TotalCost) -> list[tuple[str, str, str, str]]:
    """Year, what falls due, that year's amount, running total."""
    rows = []
    for y in cost.by_year:
        label = "0 (getting certified)" if y.year == 0 else str(y.year)
        rows.append(
            (
                label,
                "; ".join(y.items) or "—",
                dollars(y.amount),
                "unknown"
                if y.lower_bound and y.cumulative <= 0
                else figure(y.cumulative, y.lower_bound, False),
            )
        )
    return rows


def print_bullets(console: "Console", lines: Sequence[str]) -> None:
    """Muted bullet lines whose wrapped text hangs under the first word."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row("  •", Text(line))
    console.print(grid, style="muted")


def print_cost_section(console: "Console", cost: TotalCost, cites: Citations) -> None:
    """The cost breakdown and the year-by-year table on a console, fitted to its width."""
    from rich.text import Text

    title = f"Cost over {cost.years} years: {total_figure(cost)}"
    rows = part_rows(cost, cites)
    # an amount is never cut: at a narrow width "each" and "×" go (Counted is their product)
    amount_min = max((len(w) for r in rows for w in r[4].split()), default=1)
    parts, gone = fitted_table(
        console.width,
        [
            Col("Cost", 16, ratio=3),
            Col("When", 10, ratio=2),
            Col("Each", WHOLE, right=True, no_wrap=True),
            Col("×", WHOLE, right=True, no_wrap=True),
            Col("Counted", amount_min, ratio=1, right=True),
            Col("Src", WHOLE, no_wrap=True),
        ],
        (0, 4, 5, 1, 2, 3),
        [[Text(c) for c in cells] for cells in rows],
        title=title,
        title_justify="left",
        caption=basis_line(cost),
        caption_justify="left",
    )
    print_fitted_table(console, parts, gone)
    years, gone = fitted_table(
        console.width,
        [
            Col("Year", 10, ratio=1),
            Col("Falls due", 14, ratio=3),
            Col("Amount", WHOLE, right=True, no_wrap=True),
            Col("Running total", WHOLE, right=True, no_wrap=True),
        ],
        (0, 2, 3, 1),
        [[Text(c) for c in row] for row in year_rows(cost)],
        title="Year by year",
        title_justify="left",
    )
    print_fitted_table(console, years, gone)
    print_bullets(console, [*caveats(cost), LOWER_BOUND_HELP])


def markdown_cost_section(doc: MarkdownDoc, cost: TotalCost) -> None:
    """The cost breakdown and the year-by-year table in a markdown document."""
    doc.heading(f"Cost over {cost.years} years: {total_figure(cost)}", 2)
    doc.paragraph(basis_line(cost))
    doc.table(
        ["Cost", "When", "Each", "Times", "Counted", "Source"], part_rows(cost, doc.citations)
    )
    doc.heading("Year by year", 3)
    doc.table(["Year", "Falls due", "Amount", "Running total"], year_rows(cost))
    doc.bullets([*caveats(cost), LOWER_BOUND_HELP])
