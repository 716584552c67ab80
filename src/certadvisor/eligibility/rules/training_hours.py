"""The training-hours rule: a finished program with enough didactic and practical hours.

A state may also require that its agency approved the program (`approved_in`); a profile's
program says which states approved it in `state_approved`. Of several programs in the field,
the one closest to the requirement decides. The shorthand `--program` flag claims the track's
own program, so it meets (or, when false, fails) the condition.
"""

import datetime as dt

from certadvisor.eligibility.effort import HOURS_PER_MONTH
from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.eligibility.wording import either, field_words
from certadvisor.models.catalog import TrainingHoursCondition
from certadvisor.models.profile import Program


def _hours(n: float) -> str:
    return f"{n:g} hour{'s' if n != 1 else ''}"


def training_hours_check(cond: TrainingHoursCondition) -> Check:
    """The check for a training-hours condition."""
    approved = f"{cond.approved_in}-approved " if cond.approved_in else ""
    want = []
    if cond.min_didactic_hours:
        want.append(f"{cond.min_didactic_hours:g} didactic")
    if cond.min_practical_hours:
        want.append(f"{cond.min_practical_hours:g} practical")
    program = f"a {approved}{field_words(cond.field)} program with {either(want, 'and')} hours"
    ask = Outcome(UNKNOWN, f"confirm you finished {program}")
    unmet = Outcome(UNMET, f"finish {program}")

    def one(p: Program) -> Outcome:
        if p.completed is None:
            return Outcome(UNMET, f"finish your {field_words(cond.field)} program", waits=True)
        if cond.approved_in:
            if p.state_approved is None:
                return Outcome(UNKNOWN, f"confirm your program is {cond.approved_in}-approved")
            if cond.approved_in not in p.state_approved:
                return Outcome(UNMET, f"your program is not {cond.approved_in}-approved: {program}")
        short, unknown, hours_short = [], [], 0.0
        for label, need, have in (
            ("didactic", cond.min_didactic_hours, p.didactic_hours),
            ("practical", cond.min_practical_hours, p.practicum_hours),
        ):
            if need is None:
                continue
            if have is None:
                unknown.append(f"{label} hours ({_hours(need)} needed)")
            elif have < need:
                short.append(f"{_hours(need)} {label} needed, {have:g} given: {need - have:g} more")
                hours_short += need - have
        if short:
            # the hours still to train, as months of full-time study (how close the route is)
            return Outcome(UNMET, "; ".join(short), months=hours_short / HOURS_PER_MONTH)
        if unknown:
            return Outcome(UNKNOWN, f"confirm your program's {either(unknown, 'and')}")
        return Outcome(MET)

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.programs is None:
            if facts.program_claim is None:
                return ask
            return Outcome(MET) if facts.program_claim else unmet
        outcomes = [one(p) for p in facts.programs if p.field == cond.field]
        if not outcomes:
            return unmet
        for status in (MET, UNKNOWN):
            found = next((o for o in outcomes if o.status == status), None)
            if found is not None:
                return found
        return outcomes[0]

    return run
