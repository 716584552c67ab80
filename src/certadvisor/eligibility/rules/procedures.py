"""The procedures rule: documented successful procedures, at least so many of each."""

import datetime as dt

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.eligibility.wording import either, procedure_words
from certadvisor.models.catalog import ProceduresCondition

MEMO_MAX = 10_000


def procedures_check(cond: ProceduresCondition) -> Check:
    """The check for a procedures condition."""
    want = [(str(p), n, procedure_words(str(p), short=True)) for p, n in cond.minimums.items()]
    counts = either([f"{n} {words}" for _, n, words in want], "and")
    ask = Outcome(UNKNOWN, f"confirm your documented counts: {counts}")
    met = Outcome(MET)
    # The outcome depends on the counts of the procedures wanted alone, and people share them.
    known: dict[tuple[int | None, ...], Outcome] = {}

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.procedures is None:
            return ask
        counts = tuple([facts.procedures.get(p) for p, _, _ in want])
        out = known.get(counts)
        if out is None:
            if len(known) > MEMO_MAX:
                known.clear()
            out = known[counts] = judge(counts)
        return out

    def judge(counts: tuple[int | None, ...]) -> Outcome:
        short, unknown = [], []
        for (_, n, words), have in zip(want, counts, strict=True):
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
