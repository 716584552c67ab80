"""Pure: a person's path to each credential, the fastest and the cheapest, from their profile.

For every route still open to the person, the months until eligible come from the
eligibility engine (the gaps, the dates a route opens, eligibility.effort's estimates), with a
program the person has yet to take timed by its usual form in data/programs.yaml; the body's
processing window, where the catalog states one, leads to the earliest month they could hold
the credential. The cost is the program's tuition range plus the exam fees (certadvisor.costs),
now and over a horizon. What no source gives stays unknown (null), never zero, and sorts last.
"""

import datetime as dt
import itertools
import math
from collections.abc import Mapping, Sequence
from typing import Any

from certadvisor.costs import DEFAULT_YEARS, first_time_cost, total_cost
from certadvisor.eligibility.effort import OUT_OF_REACH, RENEWAL, route_effort
from certadvisor.eligibility.engine import Applicant, Evaluator, RouteStanding
from certadvisor.eligibility.facts import MET, UNMET, Outcome, add_months, held_credentials
from certadvisor.guidance.windows import windows_of
from certadvisor.models.catalog import EducationCondition, ProgramCondition, Track, WindowKind
from certadvisor.models.path import PathCost, PersonPath, ProgramChoice, TrackPath, WindowStep
from certadvisor.models.programs import ProgramForm, ProgramTable
from certadvisor.models.vocab import EducationLevel

DAYS_PER_MONTH = 365.25 / 12
# Paid for, but the catalog has no price for it: a degree, coursework, another credential.
_UNPRICED = {
    "education": "the degree's cost is not in the catalog",
    "semester_hours": "the coursework's cost is not in the catalog",
    "training_hours": "the training's cost is not in the catalog",
    "credential": "the other credential's cost is not counted here",
}
# Accreditation a form must state to count for a route; institutional accreditation (USDE,
# CHEA) belongs to the school, which the program forms do not describe.
_PROGRAMMATIC = {"CAAHEP", "ABHES", "NAACLS"}


def _forms_for(cond: ProgramCondition, programs: ProgramTable) -> list[ProgramForm]:
    """The forms of the condition's field that can meet it, as far as the data says."""
    program = programs.of(str(cond.field))
    if program is None:
        return []
    wanted = {str(a) for a in cond.accreditation} & _PROGRAMMATIC
    out = []
    for form in program.forms:
        if wanted and not wanted & {str(a) for a in form.accreditation}:
            continue
        if (
            cond.min_contact_hours is not None
            and form.hours_kind == "clock"
            and (form.hours_max or form.hours or 0) < cond.min_contact_hours
        ):
            continue
        out.append(form)
    return out


def _choice(field: str, form: ProgramForm) -> ProgramChoice:
    return ProgramChoice(
        field=field,
        form=form.id,
        name=form.name,
        months_min=form.months_min,
        months_max=form.months_max,
        hours=form.hours,
        hours_kind=str(form.hours_kind) if form.hours_kind else None,
        tuition_min=form.tuition_min,
        tuition_max=form.tuition_max,
        estimate=form.estimate,
        source=form.source,
        as_of=form.as_of,
        confidence=form.confidence,
        note=form.note,
    )


def window_steps(track: Track, route: str) -> list[WindowStep]:
    """The body's application and testing windows that apply to a route, each with its source
    (none when the catalog states none)."""
    return [
        WindowStep(
            kind=str(w.kind),
            days=w.days,
            text=w.text,
            source=w.source,
            as_of=w.as_of,
            confidence=w.confidence,
            disputed=w.disputed,
        )
        for w in windows_of(track, route)
    ]


def _wait_after(windows: Sequence[WindowStep], program_last: bool) -> float | None:
    """Months from eligibility to the earliest day to sit the exam; None when the body states
    no processing time.

    A testing period only bounds how late the exam may be: the earliest day is the first day
    of it, so it adds nothing here. Applying before finishing a program (where the body
    allows it) overlaps the processing.
    """
    processing = [w.days for w in windows if w.kind == WindowKind.PROCESSING and w.days is not None]
    if not processing:
        return None
    early = [w.days for w in windows if w.kind == WindowKind.APPLY_BEFORE_COMPLETION and w.days]
    ahead = max(early) if early and program_last else 0
    return max(0, max(processing) - ahead) / DAYS_PER_MONTH


def _steps(standing: RouteStanding, covered: set[int]) -> list[str]:
    return [
        o.gap
        for i, o in enumerate(standing.outcomes)
        if o.status != MET and o.gap and i not in covered
    ]


class _Pricing:
    """Fees by route, computed once per track."""

    def __init__(self, track: Track, years: int, member: bool) -> None:
        self.track, self.years, self.member = track, years, member
        self._memo: dict[str, tuple[Any, Any]] = {}

    def __call__(self, route: str) -> tuple[Any, Any]:
        if route not in self._memo:
            self._memo[route] = (
                first_time_cost(self.track, member=self.member, route=route),
                total_cost(self.track, years=self.years, member=self.member, route=route),
            )
        return self._memo[route]


def _cost(
    pricing: _Pricing, route: str, tuition: tuple[int, int] | None, why_unknown: str | None
) -> PathCost:
    first, total = pricing(route)
    if first.amount <= 0 and any(p.unknown for p in first.parts):
        why_unknown = why_unknown or "the exam fees are not known"  # unknown, not $0
    known = tuition is not None and why_unknown is None
    lo, hi = tuition if tuition is not None else (0, 0)
    fee_sources = [p.source for p in first.parts if p.count and p.source]
    return PathCost(
        tuition_min=lo if known else None,
        tuition_max=hi if known else None,
        tuition_unknown=None if known else why_unknown or "tuition is not known",
        fees=first.amount,
        fees_lower_bound=first.lower_bound,
        now_min=lo + first.amount if known else None,
        now_max=hi + first.amount if known else None,
        years=pricing.years,
        horizon_min=lo + total.amount if known else None,
        horizon_max=hi + total.amount if known else None,
        horizon_lower_bound=total.lower_bound,
        fees_source=fee_sources[0] if fee_sources else None,
    )


def _covers(form: ProgramForm | None, cond: object) -> bool:
    """A program that awards a degree meets an education condition at or below that degree."""
    if form is None or form.award is None or not isinstance(cond, EducationCondition):
        return False
    return EducationLevel(form.award).rank >= EducationLevel(cond.min_level).rank


def route_paths(
    track: Track,
    standing: RouteStanding,
    programs: ProgramTable,
    as_of: dt.date,
    pricing: _Pricing,
) -> list[TrackPath]:
    """Every way through one route: one per combination of program forms it may need."""
    route, outs = standing.route, standing.outcomes
    conds = route.conditions
    open_ = [i for i, o in enumerate(outs) if o.status != MET]
    if any(standing.defaults[i] in (RENEWAL, OUT_OF_REACH) for i in open_):
        return []  # a renewal route, or training only the military gives
    # a program of the person's own (one under way, or a wait after it) carries its months:
    # they time the route, and no new program is priced in its place
    programs_needed = [
        i for i in open_ if isinstance(conds[i], ProgramCondition) and outs[i].months is None
    ]
    options: list[list[ProgramForm | None]] = []
    for i in programs_needed:
        cond = conds[i]
        assert isinstance(cond, ProgramCondition)
        options.append(list(_forms_for(cond, programs)) or [None])
    paths = []
    for combo in itertools.product(*options) if options else [()]:
        forms = dict(zip(programs_needed, combo, strict=True))
        paths.append(_one_path(track, standing, forms, programs_needed, as_of, pricing))
    return [p for p in paths if p is not None]


def _one_path(
    track: Track,
    standing: RouteStanding,
    forms: dict[int, ProgramForm | None],
    programs_needed: list[int],
    as_of: dt.date,
    pricing: _Pricing,
) -> TrackPath | None:
    route, conds = standing.route, standing.route.conditions
    outs: list[Outcome] = list(standing.outcomes)
    defaults = list(standing.defaults)
    covered = {
        i
        for i, cond in enumerate(conds)
        if outs[i].status != MET and any(_covers(f, cond) for f in forms.values())
    }
    for i in covered:
        outs[i] = Outcome(MET)
    months_known = True
    for i, form in forms.items():
        if form is None or form.months_min is None:
            months_known = False
        else:
            defaults[i] = form.months_min
    effort = route_effort(outs, defaults, standing.kinds, as_of)
    if effort.worst >= OUT_OF_REACH:
        return None
    judgement = sorted(
        {
            f"{k.replace('_', ' ')}: about {defaults[i]:g} months (this tool's estimate)"
            for i, (o, k) in enumerate(zip(outs, standing.kinds, strict=True))
            if o.status != MET
            and o.months is None
            and o.opens_on is None
            and i not in forms
            and defaults[i] > 0
        }
    )
    unpriced = [
        _UNPRICED[standing.kinds[i]]
        for i, o in enumerate(outs)
        if o.status == UNMET and standing.kinds[i] in _UNPRICED
    ]
    tuition: tuple[int, int] | None = (0, 0)
    why: str | None = unpriced[0] if unpriced else None
    for form in forms.values():
        if form is None or form.tuition_min is None:
            tuition, why = None, why or "no tuition figure for this program was found"
        elif tuition is not None:
            tuition = (tuition[0] + form.tuition_min, tuition[1] + (form.tuition_max or 0))
            tuition = (tuition[0], max(tuition[1], tuition[0]))
    months = effort.worst if months_known else None
    windows = window_steps(track, route.id)
    after = _wait_after(windows, bool(forms))
    hold = None if months is None else months + (after or 0.0)
    waits = [o.opens_on for o in outs if o.status == UNMET and o.waits and o.opens_on]
    picked = [(i, f) for i, f in forms.items() if f is not None]
    program = None
    if picked:
        cond = conds[picked[0][0]]
        assert isinstance(cond, ProgramCondition)
        program = _choice(str(cond.field), picked[0][1])
    return TrackPath(
        route=route.id,
        route_name=route.name,
        program=program,
        months=None if months is None else round(months, 1),
        months_best=round(effort.best, 1) if months_known else None,
        unknowns=effort.unknowns,
        opens_on=max(waits) if waits else None,
        eligible_on=None if months is None else _after(as_of, months),
        hold_months=None if hold is None else round(hold, 1),
        hold_month=None if hold is None else _after(as_of, hold).strftime("%Y-%m"),
        hold_lower_bound=after is None,
        windows=windows,
        steps=_steps(standing, covered),
        judgement=judgement,
        cost=_cost(pricing, route.id, tuition, why),
    )


def _after(day: dt.date, months: float) -> dt.date:
    """The day `months` (rounded up to whole months) after `day`."""
    return add_months(day, math.ceil(months - 1e-9))


def _fastest_key(p: TrackPath) -> tuple[Any, ...]:
    cost = p.cost.now_min
    return (p.hold_months is None, p.hold_months or 0.0, cost is None, cost or 0.0)


def _cheapest_key(p: TrackPath) -> tuple[Any, ...]:
    cost = p.cost.now_min
    return (cost is None, cost or 0.0, p.cost.fees, p.hold_months is None, p.hold_months or 0.0)


def track_path(
    track: Track,
    routes: Sequence[RouteStanding],
    programs: ProgramTable,
    as_of: dt.date,
    *,
    years: int = DEFAULT_YEARS,
    member: bool = False,
) -> PersonPath:
    """The fastest and the cheapest of a track's paths for one person."""
    pricing = _Pricing(track, years, member)
    eligible = [r for r in routes if r.verdict == "eligible"]
    considered = eligible or list(routes)
    paths = [p for r in considered for p in route_paths(track, r, programs, as_of, pricing)]
    verdicts = {r.verdict for r in routes}
    status = (
        "eligible" if eligible else "not_eligible" if verdicts == {"not_eligible"} else "unknown"
    )
    notes = []
    if not paths:
        notes.append("No route is open to this person as far as the profile says.")
    return PersonPath(
        track=track.id,
        abbreviation=track.abbreviation,
        status=status,
        fastest=min(paths, key=_fastest_key) if paths else None,
        cheapest=min(paths, key=_cheapest_key) if paths else None,
        notes=notes,
    )


def person_paths(
    tracks: Sequence[Track],
    person: Applicant,
    as_of: dt.date,
    programs: ProgramTable,
    *,
    years: int = DEFAULT_YEARS,
    member: bool = False,
    standings: Mapping[str, Sequence[RouteStanding]] | None = None,
) -> dict[str, PersonPath]:
    """Each track's fastest and cheapest path for one person, by track id; a credential the
    person holds already has none (it is kept up, not earned again).

    ``standings``: the person's standings on these tracks when the caller has evaluated
    them already (`Evaluator.assess`), so that one evaluation serves both."""
    held = held_credentials(person)
    if standings is None:
        standings = Evaluator(tracks).standings(person, as_of)
    return {
        t.id: _held(t, held[t.id])
        if t.id in held
        else track_path(t, standings[t.id], programs, as_of, years=years, member=member)
        for t in tracks
    }


def _held(track: Track, earned: dt.date | None) -> PersonPath:
    since = f" since {earned}" if earned else ""
    return PersonPath(
        track=track.id,
        abbreviation=track.abbreviation,
        status="held",
        fastest=None,
        cheapest=None,
        held=True,
        notes=[f"you hold {track.abbreviation}{since}: keep it up (certadvisor wallet)"],
    )


__all__ = ["person_paths", "route_paths", "track_path", "window_steps"]
