"""A requirement no profile records (a nursing licence, an employer's endorsement): unknown."""

import datetime as dt

from certadvisor.eligibility.facts import UNKNOWN, Check, Facts, Outcome
from certadvisor.models.catalog import UnrecordedCondition


def unrecorded_check(cond: UnrecordedCondition) -> Check:
    """Always unknown, asking the person to confirm it: never eligible on what is not known."""
    ask = Outcome(UNKNOWN, cond.confirm)

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        return ask

    return run
