"""The work-experience rule: FTE months or hours in a window, duties, and the dates they change.

Counting follows eligibility.facts (calendar months, inclusive end dates, fte weighting,
full time at most per day). When a person is short only of time and still works in the
field, `opens_on` is the first day the amount is reached if they keep working as now; when
an eligible window will close, `closes_on` is the last day it still holds.
"""

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from certadvisor.eligibility.effort import DEFAULT_MONTHS
from certadvisor.eligibility.facts import (
    HOURS_PER_DAY,
    MET,
    ONE_DAY,
    UNKNOWN,
    UNMET,
    Check,
    Facts,
    Outcome,
    Span,
    add_months,
    all_of,
    months_ago,
    months_between,
    work_done,
)
from certadvisor.eligibility.wording import either, months_words
from certadvisor.models.catalog import ExperienceCondition
from certadvisor.models.results import Status

_EPS = 1e-6
_WORK_WORDS = {
    "medical_assisting": "medical assisting",
    "phlebotomy": "phlebotomy",
    "clinical_laboratory": "clinical laboratory",
    "patient_care": "patient care",
    "ekg": "EKG",
}
_DUTY_WORDS = {"blood_bank": "blood banking", "lab_operations": "laboratory operations"}
_MET = Outcome(MET)


@dataclass(frozen=True, slots=True)
class _ExperienceRule:
    """An experience condition with its wording worked out once."""

    cond: ExperienceCondition
    fields: str
    window: str
    field_list: list[str]
    ask: Outcome
    duties: Callable[[Sequence[Span], bool], Outcome] | None

    def measure(self, facts: Facts, as_of: dt.date, dates: bool, jobs: list[Span]) -> Outcome:
        """The amount worked in the window and the duties, with the dates they change."""
        cond = self.cond
        since = months_ago(as_of, cond.within_months) if cond.within_months else None
        months, hours = work_done(jobs, since, as_of) if jobs else (0.0, 0.0)
        short = cond.min_months - months if cond.min_months is not None else 0.0
        short_h = cond.min_hours - hours if cond.min_hours is not None else 0.0
        enough = short <= _EPS and short_h <= _EPS
        complete = facts.jobs_complete_for(self.field_list)
        counted = _counted(jobs, as_of, since)
        amount_status: Status = MET if enough else UNMET if complete else UNKNOWN
        duty = self.duties(counted, complete) if self.duties else _MET
        status = all_of([amount_status, duty.status])
        assumption = None
        if any(not j.fte_given for j in counted):
            assumption = "a job without fte was counted as full time"
        if status == MET:
            closes = _experience_closes(cond, jobs, as_of) if dates and since else None
            return Outcome(MET, closes_on=closes, assumption=assumption)
        gaps = self._gaps(amount_status, short, short_h)
        if duty.gap:
            gaps.append(duty.gap)
        waits = amount_status == UNMET and duty.status == MET and _reachable(cond, jobs)
        opens = _experience_opens(cond, jobs, as_of) if waits and dates else None
        need = _months_needed(short, short_h, jobs if waits else [])
        if enough:
            # Time enough, duties lacking: the rule counts duties over the whole window, so
            # taking them on is what is left (DEFAULT_MONTHS says how long, by judgement).
            need = DEFAULT_MONTHS["duties"]
        return Outcome(status, "; ".join(gaps), opens, None, waits, assumption, need)

    def _gaps(self, amount_status: Status, short: float, short_h: float) -> list[str]:
        """What is still needed of the amount, in words."""
        if amount_status == UNKNOWN:
            return [self.ask.gap or ""]
        if amount_status != UNMET:
            return []
        if short > _EPS:
            n = _more(short)
            plural = "s" if n != 1 else ""
            return [f"{n} more month{plural} of full-time experience in {self.fields}{self.window}"]
        h = _more(short_h)
        return [f"{h:,} more hour{'s' if h != 1 else ''} of {self.fields} work{self.window}"]


def experience_check(cond: ExperienceCondition, clinical: bool = False) -> Check:
    """The check for an experience condition: amount in the window, duties, and dates.

    `clinical`: the credential is a clinical one (its title says so) while the condition names
    no duties: work whose listed duties include nothing clinical leaves it unknown, to confirm.
    """
    fields = either([_WORK_WORDS.get(f, f) for f in cond.fields])
    window = f" within the last {months_words(cond.within_months)}" if cond.within_months else ""
    if cond.amount_unstated:
        return _unstated_check(cond, fields, window)
    if cond.min_months is not None:
        amount = f"{months_words(cond.min_months)} of full-time experience in {fields}{window}"
    else:
        amount = f"{cond.min_hours:,.0f} hours of {fields} work{window}"
    wanted = frozenset(str(f) for f in cond.fields)
    field_list = list(wanted)
    ask = Outcome(UNKNOWN, f"confirm your work history: {amount}")
    duties = _duties(cond) or (_clinical_duties if clinical else None)
    measure = _ExperienceRule(cond, fields, window, field_list, ask, duties).measure
    # No work in the fields: the verdict depends only on whether the history is complete.
    empty: dict[bool, Outcome] = {}

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.jobs is None:
            return ask
        if facts.job_fields.isdisjoint(wanted):
            jobs: list[Span] = []
        else:
            jobs = [j for j in facts.jobs if j.field in wanted]
        if not jobs:
            complete = facts.jobs_complete_for(field_list)
            if complete not in empty:
                empty[complete] = measure(facts, as_of, dates, jobs)
            return empty[complete]
        return measure(facts, as_of, dates, jobs)

    return run


def _unstated_check(cond: ExperienceCondition, fields: str, window: str) -> Check:
    """Work in the fields when no source gives how much: some is to confirm, none is unmet."""
    wanted = frozenset(str(f) for f in cond.fields)
    field_list = list(wanted)
    # the months the route may still take are this tool's estimate: every output says so
    guess = (
        f"no source read says how much {fields} experience counts; "
        f"the {months_words(DEFAULT_MONTHS['experience'])} counted for it are this tool's estimate"
    )
    ask = Outcome(
        UNKNOWN, f"confirm your work history: experience in {fields}{window}", assumption=guess
    )
    confirm = Outcome(
        UNKNOWN,
        f"confirm how much {fields} experience{window} counts: no source read gives the amount",
        assumption=guess,
    )
    lacking = Outcome(
        UNMET,
        f"work experience in {fields}{window} (how much, no source read says)",
        assumption=guess,
    )

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.jobs is None:
            return ask
        since = months_ago(as_of, cond.within_months) if cond.within_months else None
        if _counted([j for j in facts.jobs if j.field in wanted], as_of, since):
            return confirm
        return lacking if facts.jobs_complete_for(field_list) else ask

    return run


def _counted(jobs: Sequence[Span], as_of: dt.date, since: dt.date | None) -> list[Span]:
    """The jobs begun before ``as_of`` that reach into the window starting ``since``."""
    return [
        j for j in jobs if j.start < as_of and (since is None or j.end is None or j.end > since)
    ]


def _months_needed(short: float, short_h: float, going: Sequence[Span]) -> float:
    """Months of work still short, at the pace of the jobs going on (full time otherwise)."""
    per_month, per_day = _rates(going) if going else (1.0, HOURS_PER_DAY)
    by_months = short / per_month if short > _EPS and per_month > 0 else 0.0
    by_hours = short_h / (per_day * 365.25 / 12) if short_h > _EPS and per_day > 0 else 0.0
    return max(by_months, by_hours)


def _more(short: float) -> int:
    """A shortfall said in whole units, rounded up: saying less would never be enough."""
    return max(1, math.ceil(short - _EPS))


def _duties(cond: ExperienceCondition) -> Callable[[Sequence[Span], bool], Outcome] | None:
    need_all = [str(d) for d in cond.duties_all]
    need_any = frozenset(str(d) for d in cond.duties_any)
    if not need_all and not need_any:
        return None
    any_words = either([_DUTY_WORDS.get(d, d) for d in sorted(need_any)])

    def run(counted: Sequence[Span], complete: bool) -> Outcome:
        known: set[str] = set()
        for j in counted:
            if j.duties is not None:
                known |= j.duties
        lack = [d for d in need_all if d not in known]
        any_ok = not need_any or bool(known & need_any)
        if not lack and any_ok:
            return _MET
        words = either([_DUTY_WORDS.get(d, d) for d in lack], "and")
        if not any_ok:
            words = f"{words} duties and one of {any_words}" if words else any_words
        if not complete or any(j.duties is None for j in counted):
            return Outcome(UNKNOWN, f"confirm your experience includes {words} duties")
        return Outcome(UNMET, f"experience that includes {words} duties")

    return run


_NOT_CLINICAL = Outcome(
    UNKNOWN,
    "confirm your work included clinical duties (this is a clinical credential; the duties "
    "listed are not clinical)",
)


def _clinical_duties(counted: Sequence[Span], complete: bool) -> Outcome:
    """For a clinical credential: work listed with duties, none of them clinical, is in doubt."""
    if not counted or any(j.duties is None for j in counted):
        return _MET
    if any("clinical" in (j.duties or ()) for j in counted):
        return _MET
    return _NOT_CLINICAL


def _rates(jobs: Sequence[Span]) -> tuple[float, float]:
    load = sum(j.fte for j in jobs if j.end is None)
    return min(load, 1.0), load * HOURS_PER_DAY


def _reachable(cond: ExperienceCondition, jobs: Sequence[Span]) -> bool:
    """Whether the jobs going on now would, in time, meet the amount on their own."""
    per_month, per_day = _rates(jobs)
    if per_month <= 0:
        return False
    if cond.within_months is None:
        return True
    ok = cond.min_months is None or per_month * cond.within_months >= cond.min_months - _EPS
    if cond.min_hours is not None:
        ok = ok and per_day * cond.within_months * 365.25 / 12 >= cond.min_hours - _EPS
    return ok


def _amount_ok(cond: ExperienceCondition, jobs: Sequence[Span]) -> Callable[[dt.date], bool]:
    def ok(day: dt.date) -> bool:
        since = add_months(day, -cond.within_months) if cond.within_months else None
        months, hours = work_done(jobs, since, day)
        return (cond.min_months is None or months >= cond.min_months - _EPS) and (
            cond.min_hours is None or hours >= cond.min_hours - _EPS
        )

    return ok


def _search(test: Callable[[dt.date], bool], start: dt.date, months: int) -> dt.date | None:
    """The first day from `start` on, within `months`, on which `test` holds."""
    prev = start
    for step in range(1, months + 2):
        day = add_months(start, step)
        if test(day):
            d = prev + ONE_DAY
            while d < day and not test(d):
                d += ONE_DAY
            return d
        prev = day
    return None


def _experience_opens(
    cond: ExperienceCondition, jobs: Sequence[Span], as_of: dt.date
) -> dt.date | None:
    per_month, _ = _rates(jobs)
    rate = max(per_month, 0.01)
    horizon = cond.within_months or math.ceil((cond.min_months or 0) / rate) + 1
    if cond.min_hours is not None and not cond.within_months:
        horizon = max(horizon, math.ceil(cond.min_hours / 40 / rate / 4) + 1)
    late = max((j.start for j in jobs if j.end is None), default=as_of)
    horizon += math.ceil(months_between(as_of, late))
    return _search(_amount_ok(cond, jobs), as_of, horizon)


def _experience_closes(
    cond: ExperienceCondition, jobs: Sequence[Span], as_of: dt.date
) -> dt.date | None:
    ok = _amount_ok(cond, jobs)
    first_short = _search(lambda d: not ok(d), as_of, cond.within_months or 0)
    return first_short - ONE_DAY if first_short else None
