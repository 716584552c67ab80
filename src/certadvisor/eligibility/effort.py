"""How much a route still asks of a person, in estimated months: the measure of "closest".

Each condition that is not met costs months. Where the profile says how long (a program that
ends on a date, a birthday, so many months of work still short) that figure is used; where it
does not, a default by kind of condition (`DEFAULT_MONTHS`, this tool's judgement, said so in
every output), and a route that asks for another credential costs that credential's own
fastest time in the catalog. A condition the profile cannot answer costs nothing at best and
its full estimate at worst: unknowns are unknown effort, never half met. Waiting conditions
run side by side (the longest wait counts), work to be done adds up, and the route needs the
larger of the two. A route that asks for the very credential sought is a renewal route: it is
never a way in for someone not known to hold that credential.
"""

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from certadvisor.eligibility.facts import MET, UNMET, Outcome, months_between
from certadvisor.eligibility.wording import either, months_words
from certadvisor.models.catalog import (
    Condition,
    CredentialCondition,
    ExperienceCondition,
    MilitaryCondition,
    ProgramCondition,
    Track,
    TrainingHoursCondition,
)

HOURS_PER_MONTH = 40 * 52 / 12
# Judgement: months a condition takes when the profile does not say (a training program about
# a year, a degree two, a term of coursework, a few weeks of documented procedures, half a
# year to take on duties a job lacks).
DEFAULT_MONTHS: dict[str, float] = {
    "duties": 6.0,
    "program": 12.0,
    "education": 24.0,
    "semester_hours": 6.0,
    "procedures": 2.0,
    # an age the profile does not give is the person's to confirm, not a wait: a birth date
    # gives the exact day, and a missing one must not push a path back a year
    "age": 0.0,
    "credential": 24.0,
    # work experience whose amount no source read gives: a year, as the bodies' stated ones
    "experience": 12.0,
    # a requirement the profile cannot record (a licence, an endorsement): a year at worst
    "unrecorded": 12.0,
    # a state's training hours: a short approved course; a national or state exam to pass
    "training_hours": 6.0,
    "exam": 3.0,
    "state_exam": 3.0,
}
RENEWAL = math.inf
# Training only the military gives (a military course, military medical training) is no way in
# for someone who does not have it: unmet, it is out of reach; unknown, it may be met.
OUT_OF_REACH = 1e6
# Judgement: closeness weighs time and cost, and these are paid for (tuition, fees) while work
# experience is paid work: their months count one and a half when routes are compared.
TUITION = {"program": 1.5, "education": 1.5, "semester_hours": 1.5}


class Effort(NamedTuple):
    """A route's estimated months still needed: at best and at worst (unknowns decide).

    A named tuple: the engine makes one per route of every track it judges."""

    best: float
    worst: float
    unknowns: int
    cost_best: float = 0.0
    cost_worst: float = 0.0

    @property
    def key(self) -> tuple[float, float, int]:
        """Order of closeness: the least worst case, then the least best case (time and cost)."""
        return (self.cost_worst, self.cost_best, self.unknowns)


def track_months(track: Track) -> float | None:
    """The fastest time to eligibility the catalog states for a track, in months."""
    known = [t.months_min for t in track.time_to_eligible if t.months_min is not None]
    return min(known) if known else None


def default_months(cond: Condition, track: Track, route: str, ladder: Mapping[str, float]) -> float:
    """What an unmet condition is estimated to take when the person's facts do not say.

    A program takes the time the catalog states for its route, where it states one.
    """
    if isinstance(cond, MilitaryCondition) or (
        isinstance(cond, ProgramCondition) and list(cond.accreditation) == ["military"]
    ):
        return OUT_OF_REACH
    if isinstance(cond, ProgramCondition):
        stated = [
            t.months_min
            for t in track.time_to_eligible
            if t.months_min is not None and t.routes and route in t.routes
        ]
        if stated:
            return min(stated)
    if isinstance(cond, CredentialCondition):
        if track.id in cond.any_of:
            return RENEWAL
        known = [ladder[c] for c in cond.any_of if c in ladder]
        return min(known) if known else DEFAULT_MONTHS["credential"]
    if isinstance(cond, TrainingHoursCondition):
        # Judgement: a state's approved course of N hours runs at about 40 hours a month part
        # time, so a 20-hour course is closer than a 40 + 40-hour one.
        hours = (cond.min_didactic_hours or 0) + (cond.min_practical_hours or 0)
        return max(0.5, hours / 40)
    if isinstance(cond, ExperienceCondition):
        if cond.amount_unstated:
            return DEFAULT_MONTHS["experience"]
        if cond.min_months is not None:
            return cond.min_months
        return (cond.min_hours or 0) / HOURS_PER_MONTH
    return DEFAULT_MONTHS.get(cond.kind, 12.0)


def ladder_months(tracks: Iterable[Track]) -> dict[str, float]:
    """Each track's fastest stated time, for routes that ask for another credential.

    Times stated only for military routes are left out: a civilian cannot take them, so the
    50-week military MLT course must not make "earn MLT first" look like a year's work.
    """
    out = {}
    for t in tracks:
        known = [e.months_min for e in t.civilian_times() if e.months_min is not None]
        if known:
            out[t.id] = min(known)
    return out


def route_effort(
    outs: Sequence[Outcome], defaults: Sequence[float], kinds: Sequence[str], as_of: dt.date
) -> Effort:
    """The months a route still needs, from its conditions' outcomes (and time with cost)."""
    wait = 0.0  # the longest wait: waits run at once, while the rest is done one by one
    best = worst = cost_best = cost_worst = 0.0
    unknowns = 0
    for out, default, kind in zip(outs, defaults, kinds, strict=True):
        status = out.status
        if status == MET:
            continue
        est = _estimate(out, default, as_of)
        # months of the person's own (a program already under way) are not schooling to buy
        cost = est if out.months is not None else est * TUITION.get(kind, 1.0)
        if status == UNMET and out.waits:
            wait = max(wait, est)
        elif status == UNMET:
            best, worst, cost_best, cost_worst = (
                best + est,
                worst + est,
                cost_best + cost,
                cost_worst + cost,
            )
        else:
            unknowns += 1
            # Never a way in for someone not known to hold it, not even at best. A rule only
            # an unverified source states still counts at best: the best case is about what the
            # person confirms of themselves, not about the rule being otherwise.
            lo, lo_cost = (
                (RENEWAL, RENEWAL)
                if default == RENEWAL
                else (est, cost)
                if out.soft
                else (0.0, 0.0)
            )
            best, worst, cost_best, cost_worst = (
                best + lo,
                worst + est,
                cost_best + lo_cost,
                cost_worst + cost,
            )
    return Effort(
        max(wait, best), max(wait, worst), unknowns, max(wait, cost_best), max(wait, cost_worst)
    )


def _estimate(out: Outcome, default: float, as_of: dt.date) -> float:
    if out.months is not None:
        return out.months
    if out.opens_on is not None:
        return months_between(as_of, out.opens_on)
    return default


def about(months: float) -> str:
    """'about 8 months', 'less than a month', 'nothing more'."""
    if months <= 0:
        return "nothing more"
    if months < 1:
        return "less than a month"
    return f"about {months_words(math.ceil(months - 1e-6))}"


def closest_reason(
    chosen: str,
    effort: Effort,
    renewals: Sequence[str],
    others: int,
    abbreviation: str,
    tied: Sequence[str] = (),
) -> str:
    """Why a route was chosen as closest, in one sentence; ``tied``: routes estimated to take
    as long that it was preferred to because they cost tuition."""
    if effort.worst == effort.best and effort.best <= 0 and effort.unknowns:
        text = f"{chosen} needs nothing more than what you must confirm"
    elif effort.worst == effort.best:
        text = f"{chosen} needs the least estimated time: {about(effort.best)}"
    elif effort.worst >= OUT_OF_REACH:
        text = f"{chosen} needs at least {about(effort.best)}; the rest depends on what you confirm"
    else:
        text = (
            f"{chosen} needs the least estimated time: {about(effort.best)} at best, "
            f"{about(effort.worst)} at worst, depending on what you confirm"
        )
    if others:
        text += f" (of {others + 1} routes)"
    if renewals:
        text += f"; {', '.join(renewals)} is for renewing {abbreviation} holders"
    if tied and effort.worst < OUT_OF_REACH:
        verbs = ("is", "needs") if len(tied) == 1 else ("are", "need")
        text += f"; {either(list(tied), 'and')} {verbs[0]} estimated to take as long but "
        text += f"{verbs[1]} schooling, which costs tuition"
    return text


def finite(value: float) -> float | None:
    """A month count for JSON: None where no way in is known."""
    return None if value >= OUT_OF_REACH else round(value, 1)


__all__ = [
    "DEFAULT_MONTHS",
    "OUT_OF_REACH",
    "RENEWAL",
    "Effort",
    "about",
    "closest_reason",
    "default_months",
    "finite",
    "ladder_months",
    "route_effort",
    "track_months",
]
