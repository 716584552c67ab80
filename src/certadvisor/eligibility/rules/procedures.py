"""The procedures rule: documented successful procedures, at least so many of each."""

import datetime as dt

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.eligibility.wording import either, procedure_words
from certadvisor.models.catalog import ProceduresCondition


def procedures_check(cond: ProceduresCondition) -> Check:
    """The check for a procedures condition."""
    want = [(str(p), n, procedure_words(str(p), short=True)) for p, n in cond.minimums.items()]
    counts = either([f"{n} {words}" for _, n, words in want], "and")
    ask = Outcome(UNKNOWN, f"confirm your documented counts: {counts}")
    met = Outcome(MET)

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.procedures is None:
            return ask
        short, unknown = [], []
        for p, n, words in want:
            have = facts.procedures.get(p)
            if have is None:
                unknown.append(f"{n} {words}")
            elif have < n:
                short.append(f"{n} {words} documented, {have:g} given: {n - have:g} more")
        if not short and not unknown:
            return met
        gaps = ["; ".join(short)] if short else []
        if unknown:
            gaps.append(f"confirm your documented counts: {either(unknown, 'and')}")
        return Outcome(UNMET if short else UNKNOWN, "; ".join(gaps))

    return run
