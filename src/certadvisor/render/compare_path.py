"""Cells of the compare table for a person's path and for pay: when, what in all, what it pays."""

from certadvisor.guidance.compare import ComparisonRow, PayBrief
from certadvisor.models.path import PathCost, TrackPath, WindowStep
from certadvisor.render.costs import dollars
from certadvisor.render.marks import Citations

PAY_CAVEAT = "Occupation pay is not the pay of the credential alone."


def _span(low: float | None, high: float | None, lower_bound: bool) -> str:
    if low is None:
        return "unknown"
    text = dollars(low) if high is None or high == low else f"{dollars(low)}–{dollars(high)}"
    return f"≥ {text}" if lower_bound else text


def cost_words(cost: PathCost) -> list[str]:
    """The path's cost now and over the horizon; a part unknown says so, never $0."""
    if cost.now_min is None:
        fees = f"fees {dollars(cost.fees)}" if cost.fees > 0 else "fees unknown"
        return [f"{fees} + {cost.tuition_unknown or 'unknown'}"]
    lines = [f"now {_span(cost.now_min, cost.now_max, cost.fees_lower_bound)}"]
    lines.append(
        f"{cost.years} yrs {_span(cost.horizon_min, cost.horizon_max, cost.horizon_lower_bound)}"
    )
    return lines


def hold_words(path: TrackPath) -> str:
    """'hold 2027-04+' (the '+': the body's processing time is not known)."""
    if path.hold_month is None:
        return "hold: unknown"
    return f"hold {path.hold_month}{'+' if path.hold_lower_bound else ''}"


_WINDOW_WORDS = {
    "processing": ("processing about {d} days", "processing time not stated"),
    "apply_before_completion": (
        "may apply {d} days before finishing",
        "may apply before finishing",
    ),
    "testing_period": ("test within {d} days of approval", "testing period not stated"),
    "application_valid": ("application valid {d} days", "application validity not stated"),
    "voucher_valid": ("voucher valid {d} days", "voucher validity not stated"),
}


def window_words(window: WindowStep, cites: Citations) -> str:
    """'test within 90 days of approval (disputed) ● [4]': one window, cited."""
    known, unknown = _WINDOW_WORDS.get(window.kind, ("{d} days", window.kind))
    text = known.format(d=window.days) if window.days is not None else unknown
    disputed = " (disputed)" if window.disputed else ""
    mark = cites.mark(window.source, window.as_of, str(window.confidence))
    return f"{text}{disputed} {mark}".strip()


def via_words(path: TrackPath, cites: Citations) -> str:
    """'by category-4, Accelerated certificate (est.) ○ [3]': the route and program, cited."""
    if path.program is None:
        return f"by {path.route}"
    p = path.program
    mark = cites.mark(p.source, p.as_of, str(p.confidence))
    return f"by {path.route}, {p.name}{' (est.)' if p.estimate else ''} {mark}".strip()


def path_cell(row: ComparisonRow, cites: Citations) -> list[str]:
    """The fastest path (when, how, what it costs) and the cheapest when it differs."""
    person = row.path
    if person is None:
        return ["—"]
    if person.held:
        return person.notes
    fast, cheap = person.fastest, person.cheapest
    if fast is None or cheap is None:
        return ["no open route known"]
    lines = [f"fastest: {hold_words(fast)}", via_words(fast, cites), *cost_words(fast.cost)]
    lines += [window_words(w, cites) for w in fast.windows]
    if cheap != fast:
        lines += [
            f"cheapest: {hold_words(cheap)}",
            via_words(cheap, cites),
            *cost_words(cheap.cost),
        ]
    return lines


def _cite(pay_source: str | None, confidence: str | None, cites: Citations) -> str:
    return cites.mark(pay_source, None, confidence) if pay_source else ""


def pay_cell(row: ComparisonRow, cites: Citations) -> list[str]:
    """The state's median and mean, the national medians, payback, outlook with its cycle."""
    lines = []
    pay = row.pay
    if pay is not None:
        lines += _pay_lines(pay, cites)
    o = row.outlook
    if o is not None:
        cycle = o.cycle or "cycle not stated"
        # BLS's own page, or a third party quoting it: the reader should know which.
        who = "" if str(o.confidence) in ("government", "official") else ", third party citing BLS"
        lines.append(
            f"outlook {o.percent:+g}% ({cycle}{who}) "
            f"{cites.mark(o.source, o.as_of, str(o.confidence))}"
        )
    return lines or ["unknown"]


def _pay_lines(pay: PayBrief, cites: Citations) -> list[str]:
    lines = []
    if pay.state is not None:
        if pay.median is None and pay.mean is None:
            lines.append(f"{pay.state}: no state figure")
        else:
            median = dollars(pay.median) if pay.median is not None else "unknown"
            mean = dollars(pay.mean) if pay.mean is not None else "unknown"
            lines.append(
                f"{pay.state} median {median}, mean {mean} ({pay.period}) "
                f"{_cite(pay.source, pay.confidence, cites)}".strip()
            )
    for n in pay.national:
        lines.append(
            f"US median {dollars(n.median)} ({n.period}) "
            f"{_cite(n.source, str(n.confidence), cites)}".strip()
        )
    at_least = "≥ " if pay.payback_lower_bound else ""
    fast = _weeks(pay.payback_weeks, pay.payback_weeks_max)
    cheap = _weeks(pay.payback_weeks_cheapest, pay.payback_weeks_cheapest_max)
    if fast is not None:
        lines.append(f"payback {at_least}{fast} wk")
    if cheap is not None and cheap != fast:
        lines.append(f"(cheapest {at_least}{cheap} wk)")
    return lines


def _weeks(low: float | None, high: float | None) -> str | None:
    """'16.5' or '16.5–68.2' (a cost range), None when unknown."""
    if low is None:
        return None
    return f"{low:g}" if high is None else f"{low:g}–{high:g}"


def pay_caveats(rows: list[ComparisonRow]) -> list[str]:
    """The caveats of the occupations shown, each once."""
    shown = {r.pay.soc: r.pay for r in rows if r.pay is not None}
    if not shown:
        return []
    lines = [
        PAY_CAVEAT + " Payback: the path's cost now in weeks of the state's median pay "
        "(gross, before tax); a range where the cost is one (tuition from–to)."
    ]
    lines += [f"{p.title} (SOC {soc}): {p.caveat}" for soc, p in shown.items() if p.caveat]
    cycles = sorted({r.outlook.cycle or "not stated" for r in rows if r.outlook is not None})
    if len(cycles) > 1:
        lines.append(
            "Outlook figures come from different BLS projection cycles "
            f"({', '.join(cycles)}); compare them with care."
        )
    return lines


def path_notes(rows: list[ComparisonRow]) -> list[str]:
    """What the path figures rest on: judgement estimates, a hold month's unknown processing."""
    lines = []
    if any(r.path and r.path.fastest and r.path.fastest.hold_lower_bound for r in rows):
        lines.append(
            "hold YYYY-MM+: the earliest month, before the body's processing and testing "
            "time, which the catalog does not state for that track."
        )
    if any(w.disputed for r in rows if r.path and r.path.fastest for w in r.path.fastest.windows):
        lines.append(
            "(disputed): the body's own pages disagree on that window; confirm every date "
            "with the body."
        )
    for r in rows:
        fast = r.path.fastest if r.path else None
        cheap = r.path.cheapest if r.path else None
        if fast is not None and fast.judgement:
            lines.append(f"{r.track}: {'; '.join(fast.judgement)}.")
        if fast is not None and fast.unknowns:
            lines.append(
                f"{r.track}: {fast.unknowns} condition(s) the profile does not answer are "
                "counted as still to do."
            )
        # the cheapest path's hold month rests on its own estimates, said as the fastest's are
        if cheap is not None and cheap != fast and cheap.judgement:
            lines.append(f"{r.track}, cheapest path: {'; '.join(cheap.judgement)}.")
    return lines
