"""Renewal cycles: month arithmetic, the cycle holding a date, and yearly due dates."""

import calendar
import datetime as dt
from collections.abc import Sequence

from certadvisor.models.catalog import CycleAnchor, FixedExpiry
from certadvisor.wallet.model import FiledRenewal, HeldCredential
from certadvisor.wallet.results import CycleInfo, TrackRules


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_end(day: dt.date) -> dt.date:
    """The last day of the day's month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def cycle_end(
    earned: dt.date,
    months: int,
    anchor: CycleAnchor,
    index: int,
    fixed: FixedExpiry | None = None,
) -> dt.date:
    """Last day of cycle ``index`` (0 = the cycle that began when the credential was earned).

    Counted from the date earned, a cycle ends the day before its anniversary; counted from
    the end of the month earned, it ends on the last day of the month ``months`` later; on a
    fixed date, the first cycle ends on the first such date (a short cycle), then every
    ``months`` after it.
    """
    if anchor is CycleAnchor.FIXED_DATE and fixed is not None:
        return fixed.end(earned, index)
    if anchor is CycleAnchor.END_OF_MONTH:
        return month_end(add_months(earned, months * (index + 1)))
    return add_months(earned, months * (index + 1)) - dt.timedelta(days=1)


def cycle_at(
    earned: dt.date,
    months: int,
    anchor: CycleAnchor,
    as_of: dt.date,
    fixed: FixedExpiry | None = None,
) -> tuple[int, dt.date, dt.date]:
    """The cycle holding ``as_of`` (the first one before it begins): index, start, end."""

    def end(i: int) -> dt.date:
        return cycle_end(earned, months, anchor, i, fixed)

    index = max(0, ((as_of.year - earned.year) * 12 + as_of.month - earned.month) // months - 1)
    while index > 0 and end(index - 1) >= as_of:
        index -= 1
    while end(index) < as_of:
        index += 1
    start = earned if index == 0 else end(index - 1)
    start += dt.timedelta(days=1 if index else 0)
    return index, start, end(index)


def fixed_expiry(rules: TrackRules) -> FixedExpiry | None:
    """The one calendar date every licence of the track ends on, when the catalog gives one."""
    anchor = rules.renewal.anchor
    return anchor.fixed if anchor is not None else None


def _anchor(rules: TrackRules) -> tuple[int | None, CycleAnchor, bool]:
    """The cycle's length in months (None: unknown), its anchor, and whether it is assumed."""
    r = rules.renewal
    months = r.cycle_months.value if r.cycle_months else None
    anchor = r.anchor.value if r.anchor and r.anchor.value else None
    fixed = fixed_expiry(rules)
    if fixed is not None and not months:  # the dates alone give the cycle's length
        months = 12 * fixed.step_years
    # Without an anchor the date earned gives the earliest expiry, the safe side of a deadline.
    used = anchor or CycleAnchor.EARNED_DATE
    return (months if months and months > 0 else None), used, anchor is None


def renewal_origin(filed: FiledRenewal, anchor: CycleAnchor) -> dt.date:
    """Where the cycles after a filed renewal count from: AAMA's anchor is the month of the
    most recent recertification; a cycle counted from the date earned keeps its schedule."""
    return filed.filed if anchor is CycleAnchor.END_OF_MONTH else filed.next_start


def next_cycle(
    rules: TrackRules, start: dt.date, end: dt.date, filed: dt.date
) -> tuple[dt.date, dt.date]:
    """The cycle a renewal filed on ``filed`` starts, for the cycle ``start``..``end``."""
    months, anchor, _ = _anchor(rules)
    assert months is not None
    if anchor is CycleAnchor.END_OF_MONTH:
        return min(filed, end) + dt.timedelta(days=1), month_end(add_months(filed, months))
    nxt = end + dt.timedelta(days=1)
    return nxt, add_months(nxt, months) - dt.timedelta(days=1)


def locate_cycle(
    held: HeldCredential,
    rules: TrackRules,
    as_of: dt.date,
    renewals: Sequence[FiledRenewal] = (),
) -> tuple[int, dt.date, dt.date, list[dt.date]] | None:
    """The first cycle not yet renewed whose end is on or after ``as_of``: its index, start,
    end, and the ends of earlier cycles that no filed renewal accounts for (assumed filed)."""
    months, anchor, _ = _anchor(rules)
    if months is None:
        return None
    fixed = fixed_expiry(rules)
    if not renewals:
        index, start, end = cycle_at(held.earned, months, anchor, as_of, fixed)
        earlier = [cycle_end(held.earned, months, anchor, j, fixed) for j in range(index)]
        return index, start, end, earlier
    last = renewals[-1]
    if as_of <= last.next_end:
        return last.cycle_index + 1, last.next_start, last.next_end, []
    origin = renewal_origin(last, anchor)
    k, start, end = cycle_at(origin, months, anchor, as_of, fixed)
    ends = [last.next_end] + [cycle_end(origin, months, anchor, j, fixed) for j in range(1, k)]
    if k == 0:  # as_of is past next_end, so k is at least 1 unless the catalog changed
        return last.cycle_index + 1, last.next_start, last.next_end, []
    return last.cycle_index + 1 + k, start, end, ends


def current_cycle(
    held: HeldCredential,
    rules: TrackRules,
    as_of: dt.date,
    renewals: Sequence[FiledRenewal] = (),
) -> CycleInfo:
    """The cycle holding ``as_of``; its dates are None when the catalog does not know it."""
    r = rules.renewal
    cited = r.cycle_months or None
    found = locate_cycle(held, rules, as_of, renewals)
    if found is None:
        src = cited.model_dump(include={"source", "as_of", "confidence"}) if cited else {}
        return CycleInfo.model_construct(**src)
    months, used, assumed = _anchor(rules)
    index, start, end, unfiled = found
    fixed = fixed_expiry(rules)
    # a licence issued shortly before the fixed date: the sources may not say which date ends it
    later = None
    if fixed is not None and index == 0 and not renewals and fixed.unsure(held.earned):
        later = fixed.end(held.earned, 1)
    confidence = _weakest(
        [r.cycle_months.confidence if r.cycle_months else None]
        + [r.anchor.confidence if r.anchor and not assumed else None]
    )
    return CycleInfo.model_construct(
        source=r.cycle_months.source if r.cycle_months else None,
        as_of=r.cycle_months.as_of if r.cycle_months else None,
        confidence=confidence,
        months=months,
        anchor=str(used),
        anchor_assumed=assumed,
        index=index,
        start=start,
        end=end,
        days_left=(end - as_of).days,
        renewals_filed=len(renewals),
        assumed_filed=unfiled,
        fixed_date=fixed.words() if fixed is not None else None,
        end_unsure_until=later,
    )


def _weakest(confidences: Sequence[str | None]) -> str | None:
    order = ["unverified", "secondary", "government", "official"]
    known = [str(c) for c in confidences if c]
    return min(known, key=order.index) if known else None


def annual_due_dates(earned: dt.date, as_of: dt.date, until: dt.date | None) -> list[dt.date]:
    """Anniversaries of the date earned from ``as_of`` to ``until`` (at least the next one)."""
    dates: list[dt.date] = []
    year = 1
    while True:
        due = add_months(earned, 12 * year)
        year += 1
        if due < as_of:
            continue
        if dates and (until is None or due > until):
            return dates
        dates.append(due)


def day_before(day: dt.date) -> dt.date:
    """The day before."""
    return day - dt.timedelta(days=1)
