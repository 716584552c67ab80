"""Writers for `compare`: the side-by-side table in table, markdown, csv and json."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.guidance.compare import Comparison, ComparisonRow
from certadvisor.models.states import StateBlock
from certadvisor.render.compare_cells import (
    COLUMNS,
    allot_widths,
    cells,
    column_keys,
    fit_columns,
    headers,
)
from certadvisor.render.compare_path import path_notes, pay_caveats
from certadvisor.render.costs import LOWER_BOUND_HELP, dollars, each_text, print_bullets
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import LEGEND, Citations, print_sources
from certadvisor.render.output import Rendering
from certadvisor.render.state_notes import markdown_state_notes, print_state_notes

if TYPE_CHECKING:
    from rich.console import Console


def title(comparison: Comparison) -> str:
    """What the table compares and on what terms."""
    n = len(comparison.rows)
    prices = "member prices and dues" if comparison.member else "non-member prices"
    ce = (
        f"CE at {dollars(comparison.ce_cost_per_point)} a point"
        if comparison.ce_cost_per_point is not None
        else "CE not counted"
    )
    order = f", sorted by {comparison.sort}" if comparison.sort else ""
    if comparison.sort in ("cost", "renewal") and any(
        p.unknown for r in comparison.rows for p in [*r.cost.first_time.parts, *r.cost.recurring]
    ):
        order += " (totals resting on an unknown fee come after the known ones)"
    return (
        f"{n} track{'s' if n != 1 else ''}: costs over {comparison.years} years, {prices}, "
        f"{ce}{order}"
    )


def caveat_lines(comparison: Comparison) -> list[str]:
    """Per track, what its total leaves out or rounds down."""
    lines = []
    for row in comparison.rows:
        for u in row.cost.unknown:
            lines.append(f"{row.track}: {u}")
        for n in row.cost.notes:
            if not n.startswith("Continuing education is not counted"):
                lines.append(f"{row.track}: {n}")
    if comparison.ce_cost_per_point is None and comparison.years > 0:
        lines.append("Continuing education is not counted: add --ce-cost-per-point to price it.")
    lines += path_notes(comparison.rows)
    lines += pay_caveats(comparison.rows)
    if comparison.pay_state is not None:
        lines += [
            f"In {comparison.pay_state}: {row.state_path}"
            for row in comparison.rows
            if row.state_path is not None
        ]
    return lines


def compare_rendering(
    comparison: Comparison, data_as_of: str | None, state: StateBlock | None = None
) -> Rendering:
    """The comparison in every format."""
    return Rendering(
        command="compare",
        data_as_of=data_as_of,
        payload=lambda: _payload(comparison, state),
        table=lambda console: _print_comparison(console, comparison, data_as_of, state),
        markdown=lambda: _comparison_doc(comparison, data_as_of, state).render(),
        csv=lambda: _csv(comparison, state),
        html=lambda: _html(_comparison_doc(comparison, data_as_of, state).render()),
        sources=lambda: _comparison_doc(comparison, data_as_of, state).citations,
    )


def _html(markdown: str) -> str:
    from certadvisor.render.html import html_document

    return html_document(markdown)


class _RowCells:
    """Each row's cells, with the most expensive total and the tracks the state refuses."""

    def __init__(self, comparison: Comparison, state: StateBlock | None) -> None:
        self.most = max((r.cost.amount for r in comparison.rows), default=0.0)
        self.state = state
        self.refused = state.not_accepted() if state is not None else set()

    def __call__(
        self, row: ComparisonRow, wanted: list[str], cites: Citations
    ) -> dict[str, list[str]]:
        refused_in = self.state.code if self.state and row.track in self.refused else None
        return cells(row, wanted, cites, self.most, refused_in)


def _print_comparison(
    console: "Console", comparison: Comparison, data_as_of: str | None, state: StateBlock | None
) -> None:
    """The side-by-side table as wide as the terminal allows, then caveats, state and sources."""
    # rich only here: json, markdown and csv output skip its import (tens of ms at start-up)
    from rich.table import Table
    from rich.text import Text

    shown, hidden = fit_columns(console.width, column_keys(comparison))
    cites = Citations()
    row_cells = _RowCells(comparison, state)
    grid = [row_cells(row, [c.key for c in shown], cites) for row in comparison.rows]
    names = headers(comparison, shown)
    natural = [
        max([len(h), *(len(line) for one in grid for line in one[c.key])])
        for c, h in zip(shown, names, strict=True)
    ]
    widths = allot_widths(shown, natural, console.width - 3 * len(shown) - 1)
    t = Table(title=title(comparison), title_justify="left")
    if comparison.sort_note:
        t.caption, t.caption_justify = comparison.sort_note, "left"
    for col, header, width in zip(shown, names, widths, strict=True):
        t.add_column(
            header,
            width=width,
            overflow="fold",
            justify="right" if col.key == "cost" else "left",
        )
    for one in grid:
        t.add_row(*(Text("\n".join(one[c.key])) for c in shown))
    console.print(t)
    if hidden:
        dropped = ", ".join(c.header.lower() for c in hidden)
        console.print(
            Text(
                f"Not shown at {console.width} columns: {dropped}. Widen the "
                "terminal or use --format markdown."
            ),
            style="muted",
        )
    print_bullets(console, caveat_lines(comparison))
    if state is not None:
        print_state_notes(console, state.code, state.name, state.notes, cites)
    print_sources(console, cites, data_as_of, f"{LOWER_BOUND_HELP} Markers: {LEGEND}.")


def _comparison_doc(
    comparison: Comparison, data_as_of: str | None, state: StateBlock | None
) -> MarkdownDoc:
    """The comparison as markdown; its citations are the workbook's Sources sheet too."""
    doc = MarkdownDoc()
    doc.heading("Certification tracks compared")
    doc.paragraph(title(comparison) + ".")
    if comparison.sort_note:
        doc.paragraph(comparison.sort_note)
    keys = column_keys(comparison)
    cols = [c for c in COLUMNS if c.key in keys]
    row_cells = _RowCells(comparison, state)
    rows = []
    for row in comparison.rows:
        one = row_cells(row, keys, doc.citations)
        one["track"] = [" — ".join(one["track"][:2]), *one["track"][2:]]
        rows.append(["; ".join(one[c.key]) for c in cols])
    doc.table(headers(comparison, cols), rows)
    doc.paragraph(LOWER_BOUND_HELP)
    lines = caveat_lines(comparison)
    if lines:
        doc.heading("What the totals leave out", 2)
        doc.bullets(lines)
    if state is not None:
        markdown_state_notes(doc, state.code, state.name, state.notes)
    doc.sources_footer(data_as_of)
    return doc


def _payload(comparison: Comparison, state: StateBlock | None) -> dict[str, Any]:
    data = comparison.model_dump(mode="json")
    data["tracks"] = data.pop("rows")
    data["state"] = state.model_dump(mode="json") if state is not None else None
    return data


_CSV_HEADERS = (
    "track",
    "credential",
    "issuer",
    "category",
    "routes",
    "exam_questions",
    "exam_minutes",
    "exam_format",
    "first_time_cost",
    "first_time_lower_bound",
    "first_time_unverified",
    "first_time_route",
    "renewal_cycle_months",
    "ce_points",
    "ce_unit",
    "recurring_fees",
    "years",
    "member",
    "total_cost",
    "total_lower_bound",
    "total_unverified",
    "unknown",
    "time_min_months",
    "time_max_months",
    "accreditation",
)


def _plain(value: Any) -> Any:
    """Spreadsheet-friendly cells: true/false, whole dollars without a trailing .0."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _csv(
    comparison: Comparison, state: StateBlock | None
) -> tuple[Sequence[str], Sequence[Sequence[Any]]]:
    headers = list(_CSV_HEADERS)
    has_profile = any(r.eligibility is not None for r in comparison.rows)
    if has_profile:
        headers += ["eligibility_status", "eligibility_route", "eligibility_closest"]
    if state is not None:
        headers += ["state", "state_notes"]
    has_path = any(r.path is not None for r in comparison.rows)
    has_pay = any(r.pay is not None for r in comparison.rows)
    if has_path:
        headers += _PATH_HEADERS
    if has_pay:
        headers += _PAY_HEADERS
    has_state_path = any(r.state_path is not None for r in comparison.rows)
    if has_state_path:
        headers += ["state_path"]
    rows = []
    for r in comparison.rows:
        first, cost, e = r.cost.first_time, r.cost, r.exam
        fees = "; ".join(
            f"{f.label}: {each_text(f)} every {f.every_months or '?'} months"
            for f in r.renewal.fees
        )
        row: list[Any] = [
            r.track,
            r.credential,
            r.issuer,
            r.category,
            "; ".join(x.summary for x in r.routes),
            e.questions.value if e.questions else None,
            e.minutes.value if e.minutes else None,
            e.format.value if e.format else None,
            first.amount,
            first.lower_bound,
            first.unverified,
            first.route,
            r.renewal.cycle_months.value if r.renewal.cycle_months else None,
            r.renewal.ce_points,
            r.renewal.ce_unit,
            fees,
            cost.years,
            cost.member,
            cost.amount,
            cost.lower_bound,
            cost.unverified,
            "; ".join(cost.unknown),
            r.time_to_eligible.months_min,
            r.time_to_eligible.months_max,
            "; ".join(a.name for a in r.accreditation),
        ]
        if has_profile:
            el = r.eligibility
            row += [el.status, el.route, el.closest] if el else [None, None, None]
        if state is not None:
            row += [state.code, " | ".join(n.text for n in state.by_track.get(r.track, []))]
        if has_path:
            row += _path_values(r)
        if has_pay:
            row += _pay_values(r)
        if has_state_path:
            row += [r.state_path]
        rows.append([_plain(v) for v in row])
    return headers, rows


_PATH_HEADERS = [
    "fastest_route",
    "fastest_program",
    "fastest_hold_month",
    "fastest_hold_lower_bound",
    "fastest_cost_now_min",
    "fastest_cost_now_max",
    "cheapest_route",
    "cheapest_program",
    "cheapest_hold_month",
    "cheapest_cost_now_min",
    "cheapest_cost_now_max",
]
_PAY_HEADERS = [
    "pay_soc",
    "pay_state",
    "pay_median",
    "pay_mean",
    "pay_period",
    "pay_source",
    "national_median",
    "national_period",
    "payback_weeks",
    "outlook_percent",
    "outlook_cycle",
]


def _path_values(r: ComparisonRow) -> list[Any]:
    out: list[Any] = []
    fast = r.path.fastest if r.path else None
    cheap = r.path.cheapest if r.path else None
    for p, bound in ((fast, True), (cheap, False)):
        if p is None:
            out += [None] * (6 if bound else 5)
            continue
        out += [p.route, p.program.form if p.program else None, p.hold_month]
        if bound:
            out.append(p.hold_lower_bound)
        out += [p.cost.now_min, p.cost.now_max]
    return out


def _pay_values(r: ComparisonRow) -> list[Any]:
    pay, o = r.pay, r.outlook
    latest = pay.national[-1] if pay and pay.national else None
    return [
        pay.soc if pay else None,
        pay.state if pay else None,
        pay.median if pay else None,
        pay.mean if pay else None,
        pay.period if pay else None,
        pay.source if pay else None,
        latest.median if latest else None,
        latest.period if latest else None,
        pay.payback_weeks if pay else None,
        o.percent if o else None,
        o.cycle if o else None,
    ]
