"""What is owed and what was done: unpaid and overdue fees, renewals not marked filed, and
what expiry means, in words with dates."""

import datetime as dt
from collections.abc import Sequence

from certadvisor.wallet.cycles import add_months
from certadvisor.wallet.model import FeePaid, FiledRenewal
from certadvisor.wallet.results import (
    CredentialStatus,
    CycleInfo,
    Deadline,
    FeeDue,
    FeePaidInfo,
    LateRuleInfo,
    RenewalInfo,
)

# Unpaid fees are looked for this far back at least (and back to the cycle's start).
LOOKBACK_DAYS = 365


def unpaid_due_dates(
    earned: dt.date, as_of: dt.date, until: dt.date | None, paid: Sequence[FeePaid]
) -> tuple[list[dt.date], list[dt.date]]:
    """Annual due dates not marked paid: (overdue before ``as_of``, upcoming to ``until``,
    at least the next one)."""
    done = {p.due for p in paid if p.kind == "annual"}
    last_paid = max(done, default=None)
    look_from = as_of - dt.timedelta(days=LOOKBACK_DAYS)
    overdue: list[dt.date] = []
    upcoming: list[dt.date] = []
    year = 1
    while True:
        due = add_months(earned, 12 * year)
        year += 1
        if due in done:
            continue
        if due < as_of:
            if due >= look_from and (last_paid is None or due > last_paid):
                overdue.append(due)
            continue
        if upcoming and (until is None or due > until):
            return overdue, upcoming
        upcoming.append(due)


def overdue_items(
    st: CredentialStatus, annual: Sequence[FeeDue], overdue_fees: Sequence[dt.date]
) -> list[Deadline]:
    """Each past-due item not marked done, dated the day it became overdue."""
    out: list[Deadline] = []
    cy = st.cycle
    if cy.assumed_filed:
        due = cy.assumed_filed[-1]
        out.append(
            Deadline.model_construct(
                source=cy.source,
                as_of=cy.as_of,
                confidence=cy.confidence,
                kind="renewal_overdue",
                key=f"renewal-overdue/{(cy.index or 1) - 1}",
                date=due + dt.timedelta(days=1),
                title=f"{st.abbreviation}: renewal due {due} is not marked as filed",
                detail=(
                    f"If it was filed: certadvisor wallet renew {st.track} --filed DATE. "
                    f"If not, the credential expired after {due}."
                ),
            )
        )
    first_due = add_months(st.earned, 12)
    for due in overdue_fees:
        fee = annual[0]
        out.append(
            Deadline.model_construct(
                source=fee.source,
                as_of=fee.as_of,
                confidence=fee.confidence,
                kind="annual_fee_overdue",
                key=f"annual-fee-overdue/{(due.year - first_due.year) + 1}",
                date=due + dt.timedelta(days=1),
                title=f"{st.abbreviation}: annual fee due {due} is not marked paid",
                detail=f"If it was paid: certadvisor wallet pay {st.track} --annual-fee DATE.",
            )
        )
    return sorted(out, key=lambda d: (d.date, d.key))


def assumed_lines(cy: CycleInfo) -> list[str]:
    """What the cycle's dates rest on that nobody marked or the catalog does not say."""
    out: list[str] = []
    if cy.start is None or cy.end is None:
        return out
    if cy.assumed_filed:
        dues = ", ".join(str(d) for d in cy.assumed_filed[-3:])
        more = f" (and {len(cy.assumed_filed) - 3} earlier)" if len(cy.assumed_filed) > 3 else ""
        out.append(
            f"Assumed: the renewal due {dues}{more} was filed — not marked in the wallet. "
            "The cycle shown follows from that; if it was not filed, the credential has expired."
        )
    if cy.end_unsure_until is not None:
        out.append(
            f"Unsure: issued shortly before {cy.end}, the licence may instead run to "
            f"{cy.end_unsure_until} (every licence ends on {cy.fixed_date}; the sources do not "
            "say where one issued this late ends). The earlier date is used; check with the issuer."
        )
    if cy.anchor_assumed:
        out.append(
            "Assumed: the cycle counts from the date earned (the catalog does not say where it "
            "counts from; this is the earliest reading). Check with the issuer."
        )
    return out


def lapse_lines(abbreviation: str, end: dt.date | None, rules: Sequence[LateRuleInfo]) -> list[str]:
    """What happens if this cycle's renewal is not filed, each rule with its own date."""
    if end is None:
        return []
    after = end + dt.timedelta(days=1)
    out = [
        f"If the renewal is not filed, the {abbreviation} is no longer current from {after} "
        f"(after {end})."
    ]
    for rule in rules:
        if rule.grace_days is not None and rule.grace_end is not None:
            out.append(
                f"From {rule.grace_end + dt.timedelta(days=1)} ({rule.grace_days} days after "
                f"expiry have passed): {rule.text}"
            )
        else:
            out.append(f"After {end}: {rule.text}")
    return out


def history_infos(
    renewals: Sequence[FiledRenewal], payments: Sequence[FeePaid]
) -> tuple[list[RenewalInfo], list[FeePaidInfo]]:
    """The filed renewals and paid fees as status shows them (cycles numbered from 1)."""
    return (
        [
            RenewalInfo.model_construct(
                cycle=r.cycle_index + 1,
                start=r.start,
                end=r.end,
                filed=r.filed,
                fee=r.fee,
                next_start=r.next_start,
                next_end=r.next_end,
                recorded_at=r.recorded_at,
            )
            for r in renewals
        ],
        [
            FeePaidInfo.model_construct(
                due=p.due, paid=p.paid, amount=p.amount, recorded_at=p.recorded_at
            )
            for p in payments
        ],
    )
