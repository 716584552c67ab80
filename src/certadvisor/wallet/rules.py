"""Pure renewal arithmetic: cycles, CE progress, fees, deadlines and the next action.

Nothing here reads the store or the catalog files: the inputs are a held credential, its CE
entries and the track's rules, and the outputs are the models of `wallet.model`. A rule the
catalog leaves out stays unknown; the one reading chosen without a rule is the cycle's anchor
when the catalog omits it, and then the earliest possible expiry is used and flagged.
Results are built with ``model_construct``, every field given (a default factory costs a
signature inspection each time): they come from validated inputs, and validating them again
would cost `wallet status` a good part of its time budget.
"""

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import TypedDict

from certadvisor.models.catalog import CycleAnchor, Fee, FeeKind
from certadvisor.wallet.model import CETally, HeldCredential
from certadvisor.wallet.progress import ce_progress, shortfall_words
from certadvisor.wallet.results import (
    CredentialStatus,
    CycleInfo,
    Deadline,
    FeeDue,
    LateRuleInfo,
    NextAction,
    TrackRules,
    Urgency,
    WindowInfo,
)

URGENT_DAYS = 30
SOON_DAYS = 90


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_end(day: dt.date) -> dt.date:
    """The last day of the day's month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def cycle_end(earned: dt.date, months: int, anchor: CycleAnchor, index: int) -> dt.date:
    """Last day of cycle ``index`` (0 = the cycle that began when the credential was earned).

    Counted from the date earned, a cycle ends the day before its anniversary; counted from
    the end of the month earned, it ends on the last day of the month ``months`` later.
    """
    if anchor is CycleAnchor.END_OF_MONTH:
        return month_end(add_months(earned, months * (index + 1)))
    return add_months(earned, months * (index + 1)) - dt.timedelta(days=1)


def cycle_at(
    earned: dt.date, months: int, anchor: CycleAnchor, as_of: dt.date
) -> tuple[int, dt.date, dt.date]:
    """The cycle holding ``as_of`` (the first one before it begins): index, start, end."""
    index = max(0, ((as_of.year - earned.year) * 12 + as_of.month - earned.month) // months - 1)
    while index > 0 and cycle_end(earned, months, anchor, index - 1) >= as_of:
        index -= 1
    while cycle_end(earned, months, anchor, index) < as_of:
        index += 1
    start = earned if index == 0 else cycle_end(earned, months, anchor, index - 1)
    start += dt.timedelta(days=1 if index else 0)
    return index, start, cycle_end(earned, months, anchor, index)


def current_cycle(held: HeldCredential, rules: TrackRules, as_of: dt.date) -> CycleInfo:
    """The cycle holding ``as_of``; its dates are None when the catalog does not know it."""
    r = rules.renewal
    months = r.cycle_months.value if r.cycle_months else None
    cited = r.cycle_months or None
    if months is None or months <= 0:
        src = cited.model_dump(include={"source", "as_of", "confidence"}) if cited else {}
        return CycleInfo.model_construct(**src)
    anchor = r.anchor.value if r.anchor and r.anchor.value else None
    # Without an anchor the date earned gives the earliest expiry, the safe side of a deadline.
    used = anchor or CycleAnchor.EARNED_DATE
    index, start, end = cycle_at(held.earned, months, used, as_of)
    confidence = _weakest(
        [r.cycle_months.confidence if r.cycle_months else None]
        + [r.anchor.confidence if r.anchor and anchor else None]
    )
    return CycleInfo.model_construct(
        source=r.cycle_months.source if r.cycle_months else None,
        as_of=r.cycle_months.as_of if r.cycle_months else None,
        confidence=confidence,
        months=months,
        anchor=str(used),
        anchor_assumed=anchor is None,
        index=index,
        start=start,
        end=end,
        days_left=(end - as_of).days,
    )


def _weakest(confidences: Sequence[str | None]) -> str | None:
    order = ["unverified", "secondary", "government", "official"]
    known = [str(c) for c in confidences if c]
    return min(known, key=order.index) if known else None


def _fee(fee: Fee, due: dt.date | None = None) -> FeeDue:
    return FeeDue.model_construct(
        source=fee.source,
        as_of=fee.as_of,
        confidence=str(fee.confidence),
        kind=str(fee.kind),
        label=fee.label,
        amount=fee.amount,
        amount_max=fee.amount_max,
        member=fee.member,
        due=due,
    )


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


def _window(rules: TrackRules, end: dt.date | None) -> WindowInfo | None:
    w = rules.renewal.submit_window
    if w is None:
        return None
    opens = closes = None
    if end is not None and w.opens_days_before is not None:
        opens = end - dt.timedelta(days=w.opens_days_before)
    if end is not None and w.closes_days_before is not None:
        closes = end - dt.timedelta(days=w.closes_days_before)
    return WindowInfo.model_construct(
        source=w.source,
        as_of=w.as_of,
        confidence=str(w.confidence),
        opens=opens,
        closes=closes,
        opens_days_before=w.opens_days_before,
        closes_days_before=w.closes_days_before,
    )


def _amounts(fees: Sequence[FeeDue]) -> str:
    from certadvisor.eligibility.wording import money

    parts = []
    for f in fees:
        amount = money(f.amount) + (f"–{money(f.amount_max)}" if f.amount_max is not None else "")
        parts.append(f"{f.label} {amount}")
    return "; ".join(parts)


def _deadlines(
    st: CredentialStatus, annual: list[FeeDue], due_dates: list[dt.date], as_of: dt.date
) -> list[Deadline]:
    out: list[Deadline] = []
    name = st.abbreviation
    first_due = add_months(st.earned, 12)
    for due in due_dates:
        n = (due.year - first_due.year) + 1
        out.append(
            Deadline.model_construct(
                **_cite(annual[0]),
                kind="annual_fee",
                key=f"annual-fee/{n}",
                date=due,
                title=f"{name}: annual fee due",
                detail=_amounts(annual),
            )
        )
    c = st.cycle
    if c.end is not None:
        k = c.index
        w = st.submit_window
        if w and w.opens:
            out.append(
                Deadline.model_construct(
                    **_cite(w),
                    kind="window_opens",
                    key=f"window-opens/{k}",
                    date=w.opens,
                    title=f"{name}: renewal filing opens",
                    detail=f"File from {w.opens_days_before} days before expiry.",
                )
            )
        if w and w.closes:
            out.append(
                Deadline.model_construct(
                    **_cite(w),
                    kind="window_closes",
                    key=f"window-closes/{k}",
                    date=w.closes,
                    title=f"{name}: last day to file the renewal",
                    detail=f"Filing closes {w.closes_days_before} days before expiry.",
                )
            )
        out.append(
            Deadline.model_construct(
                **_cite(c),
                kind="cycle_end",
                key=f"cycle-end/{k}",
                date=c.end,
                title=f"{name}: credential expires unless renewed",
                detail=f"End of the {c.months}-month cycle that began {c.start}."
                + (
                    " Counted from the date earned: assumed, as the catalog does "
                    "not say; check with the issuer."
                    if c.anchor_assumed
                    else ""
                ),
            )
        )
        for i, rule in enumerate(st.late_rules):
            if rule.grace_end is not None:
                out.append(
                    Deadline.model_construct(
                        **_cite(rule),
                        kind="grace_end",
                        key=f"grace-end/{k}/{i}",
                        date=rule.grace_end,
                        title=f"{name}: grace period ends",
                        detail=rule.text,
                    )
                )
            if k and c.start and rule.grace_days is not None:
                # A renewal assumed filed may not have been: its grace period can still be open.
                prev_end = c.start - dt.timedelta(days=1)
                out.append(
                    Deadline.model_construct(
                        **_cite(rule),
                        kind="grace_end",
                        key=f"grace-end/{k - 1}/{i}",
                        date=prev_end + dt.timedelta(days=rule.grace_days),
                        title=f"{name}: grace period ends for the renewal due {prev_end}",
                        detail=f"Only if that renewal was not filed: {rule.text}",
                    )
                )
    return sorted((d for d in out if d.date >= as_of), key=lambda d: (d.date, d.key))


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1)


class _Cite(TypedDict):
    source: str | None
    as_of: str | None
    confidence: str | None


def _cite(item: object) -> _Cite:
    return _Cite(
        source=getattr(item, "source", None),
        as_of=getattr(item, "as_of", None),
        confidence=getattr(item, "confidence", None),
    )


def urgency(days: int | None, ce_short: bool, days_left: int | None) -> Urgency:
    """How pressing the next action is; CE still owed close to expiry makes it more so."""
    if days is None:
        return "unknown"
    if days <= URGENT_DAYS or (ce_short and days_left is not None and days_left <= SOON_DAYS):
        return "urgent"
    if days <= SOON_DAYS or (ce_short and days_left is not None and days_left <= 2 * SOON_DAYS):
        return "soon"
    return "ok"


def _next_action(st: CredentialStatus, as_of: dt.date) -> NextAction:
    short = shortfall_words(st.ce)
    texts = {
        "annual_fee": "Pay the annual fee",
        "window_opens": "Renewal filing opens",
        "window_closes": "File the renewal",
        "cycle_end": "Renew before expiry",
        "grace_end": "Last day of the grace period",
    }
    if st.deadlines:
        d = st.deadlines[0]
        c = st.cycle
        if c.start and c.index and d.key.startswith(f"grace-end/{c.index - 1}/"):
            texts["grace_end"] = f"Check that the renewal due {_day_before(c.start)} was filed"
        days = (d.date - as_of).days
        renewing = d.kind in ("window_opens", "window_closes", "cycle_end")
        detail = f"first earn {short}" if short and renewing else None
        return NextAction.model_construct(
            text=texts[d.kind],
            detail=detail,
            date=d.date,
            days=days,
            urgency=urgency(days, bool(short), st.cycle.days_left),
        )
    if not st.in_catalog:
        text = f"{st.track} is not in the catalog: pass its catalog file with --data"
    else:
        text = f"Check the renewal rules with {st.issuer}: the catalog does not know the cycle"
    return NextAction.model_construct(text=text)


def credential_status(
    held: HeldCredential,
    rules: TrackRules | None,
    tallies: Sequence[CETally],
    as_of: dt.date,
) -> CredentialStatus:
    """Everything `wallet status` shows for one credential, computed from its earned date.

    ``tallies`` are the CE dated inside `current_cycle` (no rollover), or all CE when the
    cycle is unknown.
    """
    if rules is None:
        st = CredentialStatus.model_construct(
            track=held.track,
            credential=held.track,
            abbreviation=held.track,
            issuer="its issuer",
            number=held.number,
            earned=held.earned,
            in_catalog=False,
            cycle=CycleInfo.model_construct(),
            ce=None,
            annual_fees=[],
            renewal_fees=[],
            submit_window=None,
            late_rules=[],
            deadlines=[],
            next_action=NextAction.model_construct(text=""),
            notes=[],
        )
        return st.model_copy(update={"next_action": _next_action(st, as_of)})
    cycle = current_cycle(held, rules, as_of)
    notes = []
    if cycle.start is not None and cycle.end is not None:
        if cycle.index:
            notes.append(
                f"Assumes the renewal due {_day_before(cycle.start)} (and any before it) "
                "was filed; if not, the credential has expired. A recertification "
                "that restarted the count: `wallet add TRACK --earned DATE --replace`."
            )
        if cycle.anchor_assumed:
            notes.append(
                "The catalog does not say where the cycle counts from: dates use the "
                "earliest reading (from the date earned). Check with the issuer."
            )
    else:
        notes.append("The catalog does not know the renewal cycle: CE is shown for all dates.")
    ce = ce_progress(rules.renewal.ce, tallies)
    if ce is not None and ce.rollover:
        notes.append("The catalog allows rollover; only CE inside this cycle is counted here.")
    annual = [_fee(f) for f in rules.fees if f.kind is FeeKind.ANNUAL]
    renewal = [_fee(f) for f in rules.fees if f.kind is FeeKind.RENEWAL]
    due_dates = annual_due_dates(held.earned, as_of, cycle.end) if annual else []
    if due_dates:
        annual = [f.model_copy(update={"due": due_dates[0]}) for f in annual]
    late = [
        LateRuleInfo.model_construct(
            **_cite(rule),
            text=rule.text,
            grace_days=rule.grace_days,
            grace_end=cycle.end + dt.timedelta(days=rule.grace_days)
            if cycle.end is not None and rule.grace_days is not None
            else None,
        )
        for rule in rules.renewal.late_rules
    ]
    st = CredentialStatus.model_construct(
        track=held.track,
        credential=rules.credential,
        abbreviation=rules.abbreviation,
        issuer=rules.issuer.abbreviation,
        number=held.number,
        earned=held.earned,
        cycle=cycle,
        ce=ce,
        annual_fees=annual,
        renewal_fees=renewal,
        submit_window=_window(rules, cycle.end),
        late_rules=late,
        deadlines=[],
        next_action=NextAction.model_construct(text=""),
        notes=notes,
    )
    st = st.model_copy(update={"deadlines": _deadlines(st, annual, due_dates, as_of)})
    return st.model_copy(update={"next_action": _next_action(st, as_of)})
