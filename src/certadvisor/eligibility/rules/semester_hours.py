"""The semester-hours rule: academic credit in one subject."""

import datetime as dt

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.models.catalog import SemesterHoursCondition


def semester_hours_check(cond: SemesterHoursCondition) -> Check:
    """The check for a semester-hours condition."""
    subject, need = cond.subject, cond.min_hours
    met = Outcome(MET)
    unknown = Outcome(UNKNOWN, f"confirm your semester hours of {subject} (at least {need:g})")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        have = None if facts.subject_hours is None else facts.subject_hours.get(subject)
        if have is None:
            return unknown
        if have >= need:
            return met
        more = "more " if have > 0 else ""
        return Outcome(UNMET, f"{need - have:g} {more}semester hours of {subject}")

    return run
