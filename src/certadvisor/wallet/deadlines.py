"""Dated deadlines of a credential (fees, filing window, expiry, grace) and the next action."""

import datetime as dt
from collections.abc import Sequence
from typing import TypedDict

from certadvisor.eligibility.wording import money
from certadvisor.wallet.cycles import add_months
from certadvisor.wallet.progress import shortfall_words
from certadvisor.wallet.results import (
    CredentialStatus,
    CycleInfo,
    Deadline,
    DeadlineKind,
    FeeDue,
    NextAction,
    Urgency,
)

URGENT_DAYS = 30
SOON_DAYS = 90
_ACTION = {
    "annual_fee": "Pay the annual fee",
    "window_opens": "Renewal filing opens",
    "window_closes": "File the renewal",
    "cycle_end": "Renew before expiry",
    "grace_end": "Last day before a late rule applies",
}


class Provenance(TypedDict):
    """Where a figure comes from, as every `Cited` result carries it."""

    source: str | None
    as_of: str | None
    confidence: str | None


def cite(item: object) -> Provenance:
    """The source, date and confidence of a catalog rule (None where it has none)."""
    return Provenance(
        source=getattr(item, "source", None),
        as_of=getattr(item, "as_of", None),
        confidence=getattr(item, "confidence", None),
    )


def fee_amount(fee: FeeDue) -> str:
    """'$125' or a range '$125–$175'."""
    return money(fee.amount) + (f"–{money(fee.amount_max)}" if fee.amount_max is not None else "")


def _amounts(fees: Sequence[FeeDue]) -> str:
    return "; ".join(f"{f.label} {fee_amount(f)}" for f in fees)


def deadlines(
    st: CredentialStatus, annual: list[FeeDue], due_dates: list[dt.date], as_of: dt.date
) -> list[Deadline]:
    """Every deadline on or after ``as_of``, by date."""
    out = _annual_fee_deadlines(st, annual, due_dates)
    if st.cycle.end is not None:
        out += _window_deadlines(st) + [_expiry(st, st.cycle.end)] + _grace_deadlines(st)
    return sorted((d for d in out if d.date >= as_of), key=lambda d: (d.date, d.key))


def _annual_fee_deadlines(
    st: CredentialStatus, annual: list[FeeDue], due_dates: list[dt.date]
) -> list[Deadline]:
    first_due = add_months(st.earned, 12)
    return [
        Deadline.model_construct(
            **cite(annual[0]),
            kind="annual_fee",
            key=f"annual-fee/{(due.year - first_due.year) + 1}",
            date=due,
            title=f"{st.abbreviation}: annual fee due",
            detail=_amounts(annual),
        )
        for due in due_dates
    ]


def _window_deadlines(st: CredentialStatus) -> list[Deadline]:
    w, name = st.submit_window, st.abbreviation
    if w is None:
        return []
    ends: list[tuple[DeadlineKind, dt.date | None, str, str]] = [
        (
            "window_opens",
            w.opens,
            f"{name}: renewal filing opens",
            f"File from {w.opens_days_before} days before expiry.",
        ),
        (
            "window_closes",
            w.closes,
            f"{name}: last day to file the renewal",
            f"Filing closes {w.closes_days_before} days before expiry.",
        ),
    ]
    return [
        Deadline.model_construct(
            **cite(w),
            kind=kind,
            key=f"{kind.replace('_', '-')}/{st.cycle.index}",
            date=day,
            title=title,
            detail=detail,
        )
        for kind, day, title, detail in ends
        if day
    ]


def _expiry(st: CredentialStatus, end: dt.date) -> Deadline:
    c: CycleInfo = st.cycle
    assumed = (
        " Counted from the date earned: assumed, as the catalog does not say; "
        "check with the issuer."
        if c.anchor_assumed
        else ""
    )
    # a fixed date's first cycle is shorter than the others: no length is said for it
    length = "" if c.fixed_date else f"{c.months}-month "
    return Deadline.model_construct(
        **cite(c),
        kind="cycle_end",
        key=f"cycle-end/{c.index}",
        date=end,
        title=f"{st.abbreviation}: credential expires unless renewed",
        detail=f"End of the {length}cycle that began {c.start}.{assumed}" + _fixed_words(c),
    )


def _fixed_words(c: CycleInfo) -> str:
    """' Every licence ends on 31 August of even years.' and, for a licence issued shortly
    before that date, that the sources leave its first expiry open."""
    if c.fixed_date is None:
        return ""
    text = f" Every licence ends on {c.fixed_date}."
    if c.end_unsure_until is not None:
        text += (
            f" Issued this close to that date, it may instead run to {c.end_unsure_until}: "
            "the sources do not say, so the earlier date is shown; check with the issuer."
        )
    return text


def _grace_deadlines(st: CredentialStatus) -> list[Deadline]:
    c, name = st.cycle, st.abbreviation
    out: list[Deadline] = []
    for i, rule in enumerate(st.late_rules):
        if rule.grace_days is None:
            continue
        after = f"more than {rule.grace_days} days after expiry"
        if rule.grace_end is not None:
            out.append(
                Deadline.model_construct(
                    **cite(rule),
                    kind="grace_end",
                    key=f"grace-end/{c.index}/{i}",
                    date=rule.grace_end,
                    title=f"{name}: last day before the late rule for {after} applies",
                    detail=f"Only if the renewal due {c.end} is not filed. From "
                    f"{rule.grace_end + dt.timedelta(days=1)}: {rule.text}",
                )
            )
        if c.assumed_filed and c.index:
            # A renewal assumed filed may not have been: its late rule may not apply yet.
            prev_end = c.assumed_filed[-1]
            last = prev_end + dt.timedelta(days=rule.grace_days)
            out.append(
                Deadline.model_construct(
                    **cite(rule),
                    kind="grace_end",
                    key=f"grace-end/{c.index - 1}/{i}",
                    date=last,
                    title=f"{name}: last day before the late rule applies to the renewal "
                    f"due {prev_end}",
                    detail=f"Only if that renewal was not filed. From "
                    f"{last + dt.timedelta(days=1)}: {rule.text}",
                )
            )
    return out


def urgency(days: int | None, ce_short: bool, days_left: int | None) -> Urgency:
    """How pressing the next action is; CE still owed close to expiry makes it more so."""
    if days is None:
        return "unknown"
    if days <= URGENT_DAYS or (ce_short and days_left is not None and days_left <= SOON_DAYS):
        return "urgent"
    if days <= SOON_DAYS or (ce_short and days_left is not None and days_left <= 2 * SOON_DAYS):
        return "soon"
    return "ok"


def next_action(st: CredentialStatus, as_of: dt.date) -> NextAction:
    """The first deadline as something to do, or what to check when nothing is dated."""
    if st.overdue:
        late = st.overdue[0]
        return NextAction.model_construct(
            text=f"Overdue since {late.date}: {late.title.split(': ', 1)[-1]}",
            detail=late.detail,
            date=late.date,
            days=(late.date - as_of).days,
            urgency="urgent",
        )
    if not st.deadlines:
        if not st.in_catalog:
            text = f"{st.track} is not in the catalog: pass its catalog file with --data"
        else:
            text = f"Check the renewal rules with {st.issuer}: the catalog does not know the cycle"
        return NextAction.model_construct(text=text)
    short = shortfall_words(st.ce)
    d, c = st.deadlines[0], st.cycle
    text = _ACTION[d.kind]
    if c.assumed_filed and c.index and d.key.startswith(f"grace-end/{c.index - 1}/"):
        text = f"Check that the renewal due {c.assumed_filed[-1]} was filed"
    days = (d.date - as_of).days
    renewing = d.kind in ("window_opens", "window_closes", "cycle_end")
    return NextAction.model_construct(
        text=text,
        detail=f"first earn {short}" if short and renewing else None,
        date=d.date,
        days=days,
        urgency=urgency(days, bool(short), st.cycle.days_left),
    )
