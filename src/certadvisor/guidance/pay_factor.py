"""The `pay` factor of a recommendation (only when asked): what the work pays, relative to the
best-paid track ranked.

Weighing pay at all, its weight, and scoring it relative to the best-paid track are this
tool's judgement (the factor says so); the medians are BLS figures and keep their sources.
"""

from collections.abc import Mapping, Sequence

from certadvisor.eligibility.wording import money
from certadvisor.guidance.compare import PayBrief
from certadvisor.guidance.factors import Factor
from certadvisor.models.catalog import Track
from certadvisor.models.common import provenance
from certadvisor.models.guidance import Cited

PAY_WEIGHT = 10
# Judgement: a track with no pay figure is neither rewarded nor punished.
_UNKNOWN_VALUE = 0.5


def _median(pay: PayBrief) -> tuple[int, str, str | None, str | None] | None:
    """(median, where and when, source, confidence): the state's where a state is given and
    known, else the latest national figure."""
    if pay.state is not None and pay.median:
        return pay.median, f"{pay.state} median, {pay.period}", pay.source, pay.confidence
    latest = max(pay.national, key=lambda n: n.period[-4:], default=None)
    if latest is None:
        return None
    where = "US median" + (f" (no {pay.state} figure)" if pay.state is not None else "")
    return latest.median, f"{where}, {latest.period}", latest.source, str(latest.confidence)


def _factor(value: float, reason: str, facts: Sequence[Cited] = ()) -> Factor:
    return Factor(
        name="pay",
        weight=PAY_WEIGHT,
        value=value,
        points=round(value * PAY_WEIGHT, 1),
        judgement=True,
        reason=reason,
        facts=list(facts),
    )


def pay_factors(tracks: Sequence[Track], pay: Mapping[str, PayBrief]) -> dict[str, Factor]:
    """Each track's pay factor: its median over the best median among `tracks` (the ones
    ranked), a judgement."""
    found = {t.id: _median(pay[t.id]) if t.id in pay else None for t in tracks}
    best = max((m[0] for m in found.values() if m is not None), default=0)
    out = {}
    for track in tracks:
        got = found[track.id]
        if got is None or not best:
            out[track.id] = _factor(_UNKNOWN_VALUE, "no pay figure for this work")
            continue
        median, where, source, confidence = got
        value = round(median / best, 2)
        # the wage table's source and confidence were validated with it
        prov = provenance(source, None, confidence) if source and confidence else None
        facts = [Cited(text=f"{where}: {money(median)} a year", source=prov)]
        title = pay[track.id].title
        out[track.id] = _factor(
            value,
            f"{title} earn {money(median)} ({where}): {value:g} of the best-paid here "
            f"({money(best)}); occupation pay, not the credential's alone",
            facts,
        )
    return out
