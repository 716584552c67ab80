"""Pure renewal arithmetic: where one held credential stands, from its rules and its CE.

Nothing here reads the store or the catalog files: the inputs are a held credential, its CE
entries and the track's rules, and the outputs are the models of `wallet.results`. A rule the
catalog leaves out stays unknown; the one reading chosen without a rule is the cycle's anchor
when the catalog omits it, and then the earliest possible expiry is used and flagged.
Results are built with ``model_construct``, every field given (a default factory costs a
signature inspection each time): they come from validated inputs, and validating them again
would cost `wallet status` a good part of its time budget.
"""

import datetime as dt
from collections.abc import Sequence

from certadvisor.models.catalog import Fee, FeeKind
from certadvisor.wallet.cycles import current_cycle
from certadvisor.wallet.deadlines import SOON_DAYS, cite, deadlines, next_action
from certadvisor.wallet.model import CETally, HeldCredential
from certadvisor.wallet.obligations import (
    assumed_lines,
    history_infos,
    lapse_lines,
    overdue_items,
    unpaid_due_dates,
)
from certadvisor.wallet.progress import ce_progress
from certadvisor.wallet.records import History
from certadvisor.wallet.results import (
    CEProgress,
    CredentialStatus,
    CycleInfo,
    FeeDue,
    LateRuleInfo,
    NextAction,
    TrackRules,
    WindowInfo,
)


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


def _late_rules(rules: TrackRules, end: dt.date | None) -> list[LateRuleInfo]:
    return [
        LateRuleInfo.model_construct(
            **cite(rule),
            text=rule.text,
            grace_days=rule.grace_days,
            grace_end=end + dt.timedelta(days=rule.grace_days)
            if end is not None and rule.grace_days is not None
            else None,
        )
        for rule in rules.renewal.late_rules
    ]


def _notes(cycle: CycleInfo, ce: CEProgress | None) -> list[str]:
    """What else to know about the figures: an unknown cycle, rollover, earlier CE."""
    notes = []
    if cycle.start is None or cycle.end is None:
        notes.append("The catalog does not know the renewal cycle: CE is shown for all dates.")
    if ce is not None and ce.rollover:
        notes.append("The catalog allows rollover; only CE inside this cycle is counted here.")
    if ce is not None and ce.earlier_entries and not ce.rollover and cycle.start is not None:
        why = (
            "the catalog says there is no carry-over"
            if ce.rollover is False
            else "the catalog does not say whether CE carries over (check with the body)"
        )
        notes.append(
            f"{ce.earlier_points:g} {ce.unit} from {ce.earlier_entries} earlier "
            f"activit{'y' if ce.earlier_entries == 1 else 'ies'} (before {cycle.start}) do not "
            f"count toward this cycle: {why}."
        )
    return notes


def _not_in_catalog(held: HeldCredential, as_of: dt.date) -> CredentialStatus:
    """A credential whose track the catalog lacks: every rule unknown."""
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
        overdue=[],
        due_soon=[],
        assumed=[],
        lapse=[],
        renewals=[],
        fees_paid=[],
    )
    return st.model_copy(update={"next_action": next_action(st, as_of)})


def _annual_fees(
    held: HeldCredential,
    rules: TrackRules,
    cycle_end: dt.date | None,
    history: History,
    as_of: dt.date,
) -> tuple[list[FeeDue], list[dt.date], list[dt.date]]:
    """The annual fees, due on the first date not marked paid; the dates gone unpaid and due."""
    annual = [_fee(f) for f in rules.fees if f.kind is FeeKind.ANNUAL]
    if not annual:
        return annual, [], []
    late, due_dates = unpaid_due_dates(held.earned, as_of, cycle_end, history.payments)
    if due_dates:
        annual = [f.model_copy(update={"due": due_dates[0]}) for f in annual]
    return annual, late, due_dates


def credential_status(
    held: HeldCredential,
    rules: TrackRules | None,
    tallies: Sequence[CETally],
    as_of: dt.date,
    history: History | None = None,
    earlier: CETally | None = None,
) -> CredentialStatus:
    """Everything `wallet status` shows for one credential: its cycle follows the renewals
    marked filed (else counts from the date earned), its fees the payments marked.

    ``tallies`` are the CE dated inside `current_cycle` (no rollover), or all CE when the
    cycle is unknown; ``earlier`` the CE dated before that cycle.
    """
    if rules is None:
        return _not_in_catalog(held, as_of)
    history = history or History([], [])
    cycle = current_cycle(held, rules, as_of, history.renewals)
    ce = ce_progress(rules.renewal.ce, tallies)
    if ce is not None and earlier is not None and cycle.start is not None:
        ce = ce.model_copy(
            update={"earlier_points": round(earlier.points, 4), "earlier_entries": earlier.entries}
        )
    waived = rules.renewal.ce.first_cycle if rules.renewal.ce is not None else None
    if ce is not None and waived and cycle.index == 0 and not history.renewals:
        ce = ce.model_copy(update={"first_cycle": waived})
    annual, late, due_dates = _annual_fees(held, rules, cycle.end, history, as_of)
    renewals, paid = history_infos(history.renewals, history.payments)
    late_rules = _late_rules(rules, cycle.end)
    st = CredentialStatus.model_construct(
        track=held.track,
        credential=rules.credential,
        abbreviation=rules.abbreviation,
        issuer=rules.issuer.abbreviation,
        number=held.number,
        earned=held.earned,
        in_catalog=True,
        cycle=cycle,
        ce=ce,
        annual_fees=annual,
        renewal_fees=[_fee(f) for f in rules.fees if f.kind is FeeKind.RENEWAL],
        submit_window=_window(rules, cycle.end),
        late_rules=late_rules,
        deadlines=[],
        next_action=NextAction.model_construct(text=""),
        notes=_notes(cycle, ce),
        overdue=[],
        due_soon=[],
        assumed=assumed_lines(cycle),
        lapse=lapse_lines(rules.abbreviation, cycle.end, late_rules),
        renewals=renewals,
        fees_paid=paid,
    )
    dated = deadlines(st, annual, due_dates, as_of)
    st = st.model_copy(
        update={
            "deadlines": dated,
            "due_soon": [d for d in dated if (d.date - as_of).days <= SOON_DAYS],
            "overdue": overdue_items(st, annual, late),
        }
    )
    return st.model_copy(update={"next_action": next_action(st, as_of)})
