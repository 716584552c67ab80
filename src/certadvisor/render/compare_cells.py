"""Cells and columns of the compare table: what each column shows, and which fit a width."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from certadvisor.eligibility.wording import months_words
from certadvisor.guidance.compare import Comparison, ComparisonRow
from certadvisor.render.columns import keep_by_priority, share_room
from certadvisor.render.compare_path import path_cell, pay_cell
from certadvisor.render.costs import cite_parts, dollars, each_text, first_time_figure, total_figure
from certadvisor.render.marks import Citations

BAR_WIDTH = 10
_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class Column:
    """A column of the compare table: its place when width is short, and its narrowest width."""

    key: str
    header: str
    min_width: int
    ratio: int


# Display order; PRIORITY decides which columns stay when the terminal is narrow.
COLUMNS = (
    Column("track", "Track", 11, 2),
    Column("eligibility", "You", 13, 2),
    Column("takes", "What it takes", 24, 5),
    Column("exam", "Exam", 16, 3),
    Column("first", "First time", 14, 2),
    Column("renewal", "Renewal", 14, 3),
    Column("cost", "Cost", 11, 2),
    Column("time", "Time to eligible", 11, 2),
    Column("accreditation", "Accredited", 12, 2),
    Column("path", "Your path", 22, 4),
    Column("pay", "Pay", 20, 3),
)
PRIORITY = (
    "track",
    "path",
    "pay",
    "eligibility",
    "cost",
    "first",
    "renewal",
    "time",
    "exam",
    "takes",
    "accreditation",
)


def fit_columns(width: int, keys: Sequence[str]) -> tuple[list[Column], list[Column]]:
    """Columns that fit `width` (kept by PRIORITY, shown in display order) and those dropped."""
    wanted = [c for c in COLUMNS if c.key in keys]
    by_priority = [c for key in PRIORITY for c in wanted if c.key == key]
    kept = {
        c.key for c in by_priority[: keep_by_priority(width, [c.min_width for c in by_priority])]
    }
    return [c for c in wanted if c.key in kept], [c for c in wanted if c.key not in kept]


def allot_widths(cols: Sequence[Column], natural: Sequence[int], room: int) -> list[int]:
    """Each column's width: its minimum, then the room left shared by ratio, never wider than
    its longest line."""
    widths = [min(c.min_width, n) for c, n in zip(cols, natural, strict=True)]
    return share_room(widths, natural, [c.ratio for c in cols], room - sum(widths))


def bar(amount: float, most: float, lower_bound: bool) -> str:
    """A bar of up to BAR_WIDTH cells in eighths; '+' marks a lower bound."""
    if most <= 0:
        return ""
    eighths = round(amount / most * BAR_WIDTH * 8)
    text = "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")
    return (text or "▏") + ("+" if lower_bound else "")


def _months(m: float) -> str:
    if m == 12:
        return "year"
    return months_words(m).replace(" months", " mo").replace(" month", " mo")


def _track(row: ComparisonRow, refused_in: str | None) -> list[str]:
    abbr = row.abbreviation
    if row.issuer.lower() not in abbr.lower():
        abbr = f"{abbr} · {row.issuer}"
    lines = [row.track, abbr]
    if refused_in:
        lines.append(f"not accepted in {refused_in}")
    return lines


def _eligibility(row: ComparisonRow, cites: Citations) -> list[str]:
    e = row.eligibility
    if e is None:
        return ["—"]
    lines = [e.status.replace("_", " ")]
    if e.route:
        lines.append(f"by {e.route}")
    elif e.closest:
        lines.append(f"closest: {e.closest}")
    lines += e.missing[:2]
    return lines


def _takes(row: ComparisonRow, cites: Citations) -> list[str]:
    if not row.routes:
        return ["routes unknown"]
    return [f"• {r.summary} {cites.mark(r.source, r.as_of, r.confidence)}" for r in row.routes]


def _exam(row: ComparisonRow, cites: Citations) -> list[str]:
    e = row.exam
    size = []
    if e.questions and e.questions.value is not None:
        size.append(f"{e.questions.value} questions {cites.ref(e.questions)}")
    if e.minutes and e.minutes.value is not None:
        size.append(f"{e.minutes.value} min {cites.ref(e.minutes)}")
    lines = [", ".join(size)] if size else []
    if e.format and e.format.value:
        lines.append(f"{e.format.value} {cites.ref(e.format)}")
    return lines or ["unknown"]


def _first(row: ComparisonRow, cites: Citations) -> list[str]:
    first = row.cost.first_time
    counted = [p for p in first.parts if p.count]
    shown = first_time_figure(first).removesuffix(" ?")  # the parts' own markers say it
    lines = [f"{shown} {cite_parts(counted, cites)}".strip()]
    if first.basis == "cheapest":
        lines.append(f"cheapest: {first.route}")
        highs = [r.amount for r in first.by_route if not r.lower_bound]
        if max([first.amount, *highs]) > first.amount:
            lines.append(f"up to {dollars(max(highs))} by route")
    elif first.basis == "given" and row.eligibility is None:
        lines.append(f"route {first.route}")
    return lines


def _renewal(row: ComparisonRow, cites: Citations) -> list[str]:
    r = row.renewal
    lines = []
    if r.cycle_months and r.cycle_months.value is not None:
        every = _months(r.cycle_months.value)
        lines.append(f"every {every} {cites.ref(r.cycle_months)}")
    else:
        lines.append("cycle unknown")
    if r.ce_points is not None:
        ref = cites.mark(r.ce_source, r.ce_as_of, r.ce_confidence)
        lines.append(f"{r.ce_points:g} {r.ce_unit or 'CE'} {ref}")
    for fee in r.fees:
        yearly = fee.every_months == 12
        what = "dues " if fee.kind == "membership" else ""
        if fee.unit_amount is None:
            text = f"{what or ('yearly ' if yearly else 'renewal ')}fee unknown"
        else:
            text = f"{what}{each_text(fee)}{'/yr' if yearly else '/renewal'}"
        lines.append(f"{text} {cite_parts([fee], cites)}".strip())
    return lines


def _time(row: ComparisonRow, cites: Citations) -> list[str]:
    t = row.time_to_eligible
    if t.months_min is None or t.fastest is None:
        return ["see `show`" if t.estimates else "unknown"]
    span = f"{t.months_min:g}"
    if t.months_max is None:
        span += "+"
    elif t.months_max != t.months_min:
        span += f"–{t.months_max:g}"
    lines = [f"{span} months {cites.ref(t.fastest)}"]
    if t.fastest.routes and len(row.routes) > 1:
        more = " …" if len(t.fastest.routes) > 1 else ""
        lines.append(f"fastest: {t.fastest.routes[0]}{more}")
    return lines


def _accreditation(row: ComparisonRow, cites: Citations) -> list[str]:
    return [f"{a.name} {cites.ref(a)}" for a in row.accreditation] or ["none listed"]


def _cost(row: ComparisonRow, most: float) -> list[str]:
    return [total_figure(row.cost), bar(row.cost.amount, most, row.cost.lower_bound)]


def cells(
    row: ComparisonRow,
    keys: Sequence[str],
    cites: Citations,
    most: float,
    refused_in: str | None = None,
) -> dict[str, list[str]]:
    """The cells of one row, citing sources in reading order (only for the columns shown).

    `most` is the largest total (the full bar); `refused_in` names a state that does not
    accept this track.
    """
    makers: dict[str, Callable[[], list[str]]] = {
        "track": lambda: _track(row, refused_in),
        "eligibility": lambda: _eligibility(row, cites),
        "takes": lambda: _takes(row, cites),
        "exam": lambda: _exam(row, cites),
        "first": lambda: _first(row, cites),
        "renewal": lambda: _renewal(row, cites),
        "cost": lambda: _cost(row, most),
        "time": lambda: _time(row, cites),
        "accreditation": lambda: _accreditation(row, cites),
        "path": lambda: path_cell(row, cites),
        "pay": lambda: pay_cell(row, cites),
    }
    return {k: makers[k]() for k in keys}


def column_keys(comparison: Comparison) -> list[str]:
    """The columns this comparison has (the eligibility column only with a profile)."""
    has_profile = any(r.eligibility is not None for r in comparison.rows)
    has_path = any(r.path is not None for r in comparison.rows)
    has_pay = any(r.pay is not None for r in comparison.rows)
    hidden = {"eligibility": not has_profile, "path": not has_path, "pay": not has_pay}
    return [c.key for c in COLUMNS if not hidden.get(c.key, False)]


def headers(comparison: Comparison, cols: Sequence[Column]) -> list[str]:
    """Column headers; the cost header names the horizon."""
    out = []
    for c in cols:
        if c.key == "cost":
            out.append(f"{comparison.years}-year cost")
        else:
            out.append(c.header)
    return out
