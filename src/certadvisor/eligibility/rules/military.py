"""The military rule: trained in a US military medical program."""

import datetime as dt

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.models.vocab import Accreditation


def military_check() -> Check:
    """The check for a military condition (it has nothing to configure)."""
    met = Outcome(MET)
    unmet = Outcome(UNMET, "training in a US military medical program")
    unknown = Outcome(UNKNOWN, "confirm whether you trained in a US military medical program")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.military is True:
            return met
        if facts.programs and any(
            p.accreditation and Accreditation.MILITARY in p.accreditation for p in facts.programs
        ):
            return met
        return unmet if facts.military is False else unknown

    return run
