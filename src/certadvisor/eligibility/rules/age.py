"""The age rule: at least so many years old on the evaluation date."""

import datetime as dt

from certadvisor.eligibility.facts import (
    MET,
    UNKNOWN,
    UNMET,
    Check,
    Facts,
    Outcome,
    add_months,
    age_on,
)
from certadvisor.models.catalog import AgeCondition


def age_check(cond: AgeCondition) -> Check:
    """The check for an age condition; short of it, the birthday is when it opens."""
    years = cond.min_years
    met = Outcome(MET)
    unknown = Outcome(UNKNOWN, f"confirm you are at least {years} years old")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.birth_date is None:
            if facts.age is None:
                return unknown
            if facts.age >= years:
                return met
            # Only the age is known, not the birthday: the wait is at most this long.
            wait = years - facts.age
            return Outcome(
                UNMET,
                f"turn {years} (you are {facts.age}; within {wait} year{'s' if wait > 1 else ''})",
                None,
                None,
                True,
                months=12.0 * wait,
            )
        if age_on(facts.birth_date, as_of) >= years:
            return met
        birthday = add_months(facts.birth_date, 12 * years)
        return Outcome(UNMET, f"turn {years} (on {birthday.isoformat()})", birthday, None, True)

    return run
