"""The credential rule: holds one of these credentials."""

import datetime as dt

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.eligibility.wording import either
from certadvisor.models.catalog import CredentialCondition


def credential_check(cond: CredentialCondition) -> Check:
    """The check for a credential condition."""
    names = either(list(cond.any_of))
    wanted = frozenset(cond.any_of)
    met = Outcome(MET)
    unmet = Outcome(UNMET, f"earn {names} first")
    unknown = Outcome(UNKNOWN, f"confirm whether you hold {names}")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.credentials and not wanted.isdisjoint(facts.credentials):
            return met
        return unmet if facts.credentials_complete else unknown

    return run
