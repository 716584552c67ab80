"""Eligibility: every route of every track for a person, three-valued, with gaps and dates.

Pure (no Typer, no Rich). Public API:

- ``evaluate_track(track, person, as_of) -> TrackResult`` and
  ``evaluate(tracks, person, as_of) -> list[TrackResult]``, where ``person`` is a
  ``Profile`` (models/profile.py) or the shorthand flags as ``Assertions``
  (eligibility/facts.py), together an ``Applicant``, and ``as_of`` is the evaluation date.
- ``Evaluator(tracks)`` compiles the tracks once (identical conditions are evaluated once per
  person): ``.results(person, as_of)`` gives full ``TrackResult`` objects, ``.briefs(person,
  as_of)`` the fast ``EligibilitySummary`` objects (status, route, closest, missing) for big
  cohorts. (``eligibility.cohort.Report`` runs the people of one `eligible` command through it.)
- The result types live in models/results.py.
- ``TrackResult``: ``status`` ('eligible' | 'not_eligible' | 'unknown'), ``route`` (first
  eligible route id or None), ``closest`` (the route ``missing`` speaks of, None when
  eligible) with ``closest_reason``, ``months_needed`` and ``months_needed_max`` (estimated
  months still needed at best and at worst, see eligibility.effort), ``missing`` (plain
  words), ``opens_on`` (earliest date a route opens by time alone), ``closes_on`` (last
  day the person stays eligible, None when no window closes),
  ``unverified`` and ``notes``; ``routes`` lists every ``RouteResult`` with its
  ``ConditionResult`` list (``status`` met/unmet/unknown, ``gap``, dates, source).

Rules: a condition is met, unmet or unknown; a route is eligible when every condition is met,
not eligible when one is unmet, else unknown; a track is eligible when a route is, not
eligible when every route is not, else unknown. The closest route needs the least estimated
time to close its gaps at worst, then at best (eligibility.effort: unknowns are unknown
effort, a renewal route is never a way in), then comes first in the catalog. Documentation
notes of a route are carried, never evaluated. A route resting on an unverified fact is
flagged and says so in plain words; a condition whose own source is unverified cannot make a
route not eligible alone (unmet becomes unknown, "confirm with the body: ...", its time still
counted at best); a condition the sources read two ways is evaluated both ways
(eligibility.verdicts).
"""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from certadvisor.eligibility.effort import (
    RENEWAL,
    Effort,
    about,
    closest_reason,
    default_months,
    finite,
    ladder_months,
    route_effort,
)
from certadvisor.eligibility.facts import (
    MET,
    UNKNOWN,
    UNMET,
    Assertions,
    Check,
    Outcome,
    facts_from_assertions,
    facts_from_profile,
)
from certadvisor.eligibility.rules import prepare
from certadvisor.eligibility.verdicts import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    is_clinical,
    route_flag,
    soft_unmet,
    soften,
    time_only,
    verdict,
)
from certadvisor.eligibility.wording import describe
from certadvisor.models.catalog import Condition, Route, Track
from certadvisor.models.profile import Profile
from certadvisor.models.results import (
    ConditionResult,
    EligibilitySummary,
    RouteResult,
    TrackResult,
    Verdict,
)

Applicant = Profile | Assertions
"""A person as the engine evaluates them: a full profile, or what the shorthand flags say."""
_WORDING = {"text", "note", "source", "confidence"}
_MEMO_MAX = 150_000  # summaries remembered (about 0.75 KB each with their outcomes)


@dataclass(frozen=True, slots=True)
class _Plan:
    """A track with each route's conditions as slots of the evaluator's distinct conditions."""

    track: Track
    ids: tuple[str, ...]
    slots: tuple[tuple[int, ...], ...]
    flagged: tuple[bool, ...]
    used: tuple[int, ...]
    defaults: tuple[tuple[float, ...], ...]
    kinds: tuple[tuple[str, ...], ...]
    # per route and condition: the words asking to confirm a rule only an unverified source
    # states (it cannot make the route not eligible alone), else None
    asks: tuple[tuple[str | None, ...], ...] = ()
    # per route: the slots of its conditions on holding a credential
    credential_slots: tuple[tuple[int, ...], ...] = ()
    # the outcomes of the slots in `used`, as one tuple (a memo key)
    pick: Callable[[Sequence[Outcome]], tuple[Outcome, ...]] = tuple

    # per route: whether one of its rules rests on an unverified source (see `asks`)
    soft: tuple[bool, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        soft = tuple(any(route_asks) for route_asks in self.asks)
        object.__setattr__(self, "soft", soft or (False,) * len(self.slots))

    def route_outs(self, outs: Sequence[Outcome], i: int) -> list[Outcome]:
        """Route i's outcomes, an unverified rule's unmet softened to unknown."""
        if not self.soft[i]:
            return [outs[s] for s in self.slots[i]]
        return [soften(outs[s], ask) for s, ask in zip(self.slots[i], self.asks[i], strict=True)]


class _Judged(NamedTuple):
    """A track's verdict, each route's, the closest route and why."""

    status: Verdict
    verdicts: list[Verdict]
    best: int | None
    effort: Effort | None
    reason: str | None


def _judge(plan: "_Plan", outs: Sequence[Outcome], as_of: dt.date) -> _Judged:
    """The track's verdict, each route's, and the closest route (None when eligible).

    Closest: the least estimated months still needed at worst, then at best (see
    eligibility.effort); a renewal route is never closest for someone not known to hold the
    credential; then the first in the catalog. Only the outcomes' status, waits, opening
    dates and months count (`_judge_key`): never their words.
    """
    verdicts: list[Verdict] = []
    efforts: list[Effort] = []
    for i, (defaults, kinds) in enumerate(zip(plan.defaults, plan.kinds, strict=True)):
        route_outs = plan.route_outs(outs, i)
        verdicts.append(verdict(route_outs))
        efforts.append(route_effort(route_outs, defaults, kinds, as_of))
    if ELIGIBLE in verdicts:
        return _Judged(ELIGIBLE, verdicts, None, Effort(0.0, 0.0, 0), None)
    if not verdicts:
        return _Judged(UNKNOWN, verdicts, None, None, None)
    status: Verdict = NOT_ELIGIBLE if all(v == NOT_ELIGIBLE for v in verdicts) else UNKNOWN
    best = min(range(len(efforts)), key=lambda i: efforts[i].key)
    renewals = [
        plan.ids[i] for i, defaults in enumerate(plan.defaults) if i != best and RENEWAL in defaults
    ]
    chosen = efforts[best]
    # As quick, but ranked after: the route still needs schooling, which costs tuition.
    tied = [
        plan.ids[i]
        for i, e in enumerate(efforts)
        if i != best
        and (e.worst, e.best) == (chosen.worst, chosen.best)
        and (e.cost_worst, e.cost_best) > (chosen.cost_worst, chosen.cost_best)
    ]
    reason = closest_reason(
        plan.ids[best], chosen, renewals, len(verdicts) - 1, plan.track.abbreviation, tied
    )
    # Holding another credential is not a hope worth naming to someone who did not list it.
    hopes = [
        i
        for i, held in enumerate(plan.credential_slots)
        if not held or not any(outs[s].status == UNKNOWN for s in held)
    ]
    quick = min(hopes or [best], key=lambda i: (efforts[i].best, efforts[i].key))
    if efforts[quick].best < chosen.best:
        reason += (
            f"; {plan.ids[quick]} may be quicker ({about(efforts[quick].best)} at best) "
            "if what you must confirm is so"
        )
        chosen = Effort(efforts[quick].best, chosen.worst, chosen.unknowns)
    return _Judged(status, verdicts, best, chosen, reason)


def _judge_key(plan: _Plan, outs: Sequence[Outcome], as_of: dt.date) -> tuple[object, ...]:
    """What `_judge` reads of a track's outcomes: status, opening date, waits and months."""
    return (
        plan.track.id,
        as_of,
        *[(o.status, o.opens_on, o.waits, o.months) for o in [outs[s] for s in plan.used]],
    )


@dataclass(frozen=True, slots=True)
class RouteStanding:
    """One route for one person: its verdict, each condition's outcome and default estimate
    (the inputs of eligibility.effort.route_effort, for a caller that prices other paths)."""

    route: Route
    verdict: Verdict
    outcomes: tuple[Outcome, ...]
    defaults: tuple[float, ...]
    kinds: tuple[str, ...]


class Evaluator:
    """Tracks compiled once, for evaluating one person or many."""

    def __init__(self, tracks: Iterable[Track]) -> None:
        tracks = list(tracks)
        ladder = ladder_months(tracks)
        self._checks: list[Check] = []
        keys: dict[str, int] = {}
        plans = []
        for track in tracks:
            slots = []
            for route in track.routes:
                ids = []
                for cond in route.conditions:
                    clinical = cond.kind == "experience" and is_clinical(track)
                    key = _condition_key(cond, clinical)
                    if key not in keys:
                        keys[key] = len(self._checks)
                        self._checks.append(prepare(cond, clinical))
                    ids.append(keys[key])
                slots.append(tuple(ids))
            used = tuple(sorted({s for route in slots for s in route}))
            plans.append(
                _Plan(
                    track,
                    tuple(r.id for r in track.routes),
                    tuple(slots),
                    tuple(route_flag(r) for r in track.routes),
                    used,
                    tuple(
                        tuple(default_months(c, track, r.id, ladder) for c in r.conditions)
                        for r in track.routes
                    ),
                    tuple(tuple(c.kind for c in r.conditions) for r in track.routes),
                    tuple(
                        tuple(
                            # the condition's own confidence: the rule itself, not the route
                            # text around it, is what only an unverified source states
                            soft_unmet(c.confidence, track.issuer.abbreviation, describe(c))
                            for c in r.conditions
                        )
                        for r in track.routes
                    ),
                    tuple(
                        tuple(
                            s
                            for s, c in zip(route_slots, r.conditions, strict=True)
                            if c.kind == "credential"
                        )
                        for route_slots, r in zip(slots, track.routes, strict=True)
                    ),
                    _picker(used),
                )
            )
        self._plans = plans
        self._brief_memo: dict[tuple[object, ...], EligibilitySummary] = {}
        self._summaries: dict[tuple[object, ...], EligibilitySummary] = {}
        self._judged: dict[tuple[object, ...], _Judged] = {}

    def _outcomes(
        self, person: Applicant, as_of: dt.date, dates: bool
    ) -> Iterator[tuple[_Plan, list[Outcome]]]:
        """Each plan with the outcome of every distinct condition (indexed by slot)."""
        if isinstance(person, Profile):
            facts = facts_from_profile(person)
            outs = [check(facts, as_of, dates) for check in self._checks]
            for plan in self._plans:
                yield plan, outs
            return
        by_category: dict[str, list[Outcome]] = {}
        for plan in self._plans:
            cat = str(plan.track.category)
            if cat not in by_category:
                facts = facts_from_assertions(person, cat, as_of)
                by_category[cat] = [check(facts, as_of, dates) for check in self._checks]
            yield plan, by_category[cat]

    def briefs(self, person: Applicant, as_of: dt.date) -> list[EligibilitySummary]:
        """Status, route, closest route and missing items per track, without dates."""
        out = []
        memo = self._brief_memo
        for plan, outs in self._outcomes(person, as_of, dates=False):
            # A track's summary depends only on its conditions' outcomes, and people share them.
            key = (plan.track.id, as_of, plan.pick(outs))
            brief = memo.get(key)
            if brief is None:
                if len(memo) > _MEMO_MAX:
                    memo.clear()
                    self._summaries.clear()
                    self._judged.clear()
                brief = memo[key] = self._brief(plan, outs, as_of)
            out.append(brief)
        return out

    def _brief(self, plan: _Plan, outs: Sequence[Outcome], as_of: dt.date) -> EligibilitySummary:
        # People whose outcomes differ only in their words share the judgement.
        key = _judge_key(plan, outs, as_of)
        judged = self._judged.get(key)
        if judged is None:
            judged = self._judged[key] = _judge(plan, outs, as_of)
        status, verdicts, best = judged.status, judged.verdicts, judged.best
        route = closest = None
        missing: tuple[str, ...] = ()
        if status == ELIGIBLE:
            won = [i for i, v in enumerate(verdicts) if v == ELIGIBLE]
            route = plan.ids[won[0]]
            flagged = all(plan.flagged[i] for i in won)
        else:
            flagged = any(plan.flagged)
            if best is not None:
                closest = plan.ids[best]
                missing = tuple(
                    o.gap for o in plan.route_outs(outs, best) if o.status != MET and o.gap
                )
        effort = judged.effort
        lo = _months(effort.best) if effort else None
        hi = _months(effort.worst) if effort else None
        fields = (status, route, closest, missing, plan.track.id, flagged, lo, hi, judged.reason)
        # One object per distinct summary: a cohort's thousands of people share a few
        # thousand, and a big cohort's workers send them back pickled.
        summary = self._summaries.get(fields)
        if summary is None:
            summary = self._summaries[fields] = EligibilitySummary.model_construct(
                status=status,
                route=route,
                closest=closest,
                missing=missing,
                track=plan.track.id,
                unverified=flagged,
                months_needed=lo,
                months_needed_max=hi,
                closest_reason=judged.reason,
            )
        return summary

    def standings(self, person: Applicant, as_of: dt.date) -> dict[str, list[RouteStanding]]:
        """Each track's routes, condition outcomes and default estimates, by track id."""
        return {
            plan.track.id: _route_standings(plan, outs)
            for plan, outs in self._outcomes(person, as_of, dates=True)
        }

    def assess(
        self, person: Applicant, as_of: dt.date
    ) -> tuple[list[TrackResult], dict[str, list[RouteStanding]]]:
        """`results` and `standings` from one evaluation of the person (a report needs both:
        the eligibility it shows and the paths it prices)."""
        results, standings = [], {}
        for plan, outs in self._outcomes(person, as_of, dates=True):
            results.append(_track_result(plan, outs, as_of))
            standings[plan.track.id] = _route_standings(plan, outs)
        return results, standings

    def results(self, person: Applicant, as_of: dt.date) -> list[TrackResult]:
        """Full results per track: every route and condition, gaps, dates and notes."""
        return [
            _track_result(plan, outs, as_of)
            for plan, outs in self._outcomes(person, as_of, dates=True)
        ]


def _route_standings(plan: _Plan, outs: Sequence[Outcome]) -> list[RouteStanding]:
    routes = []
    for route, slots, defaults, kinds in zip(
        plan.track.routes, plan.slots, plan.defaults, plan.kinds, strict=True
    ):
        route_outs = tuple(outs[s] for s in slots)
        routes.append(RouteStanding(route, verdict(route_outs), route_outs, defaults, kinds))
    return routes


def _picker(slots: tuple[int, ...]) -> Callable[[Sequence[Outcome]], tuple[Outcome, ...]]:
    """The outcomes at these slots as one tuple, picked in C (a memo key per person and track)."""
    if len(slots) < 2:  # itemgetter of one slot gives the outcome alone, of none fails
        return lambda outs: tuple(outs[s] for s in slots)
    return itemgetter(*slots)


def _condition_key(cond: Condition, clinical: bool) -> str:
    """Conditions with equal keys share one compiled check; wording does not count.

    Built from the field values (not a JSON dump, which would build the condition's
    serializer on every run); nested models' reprs hold all their fields.
    """
    fields = [(k, v) for k, v in cond.__dict__.items() if k not in _WORDING]
    return f"{clinical}:{type(cond).__name__}:{fields!r}"


def _months(value: float) -> float | None:
    """`finite` as the result field holds it: always a float (as validation made it)."""
    months = finite(value)
    return None if months is None else float(months)


# Results are built with `model_construct`: the engine sets every field with its exact
# type, and validating them would build each result model's schema on every run.
def _condition_result(cond: Condition, route: Route, out: Outcome) -> ConditionResult:
    confidence = cond.confidence or route.confidence
    return ConditionResult.model_construct(
        text=describe(cond),
        status=out.status,
        gap=out.gap if out.status != MET else None,
        kind=cond.kind,
        opens_on=out.opens_on if out.status == UNMET else None,
        closes_on=out.closes_on if out.status == MET else None,
        unverified=confidence == "unverified",
        source=cond.source,
        confidence=str(confidence),
        note=cond.note,
        assumption=out.assumption,
    )


def _route_result(route: Route, outs: Sequence[Outcome], flagged: bool) -> RouteResult:
    status = verdict(outs)
    conds = [_condition_result(c, route, o) for c, o in zip(route.conditions, outs, strict=True)]
    opens = closes = None
    if status == ELIGIBLE:
        closes = min((c.closes_on for c in conds if c.closes_on), default=None)
    elif time_only(outs):
        dates = [o.opens_on for o in outs if o.status == UNMET]
        opens = None if None in dates else max(d for d in dates if d is not None)
    return RouteResult.model_construct(
        id=route.id,
        name=route.name,
        status=status,
        conditions=conds,
        summary=route.summary,
        missing=[c.gap for c in conds if c.status != MET and c.gap],
        opens_on=opens,
        closes_on=closes,
        unverified=flagged,
        source=route.source,
        as_of=route.as_of,
        confidence=str(route.confidence),
        notes=list(route.notes),
        documents=list(route.documents),
    )


def _track_result(plan: _Plan, outs: Sequence[Outcome], as_of: dt.date) -> TrackResult:
    track = plan.track
    judged = _judge(plan, outs, as_of)
    status, best, effort = judged.status, judged.best, judged.effort
    results = [
        _route_result(r, plan.route_outs(outs, i), f)
        for i, (r, f) in enumerate(zip(track.routes, plan.flagged, strict=True))
    ]
    route = closest = None
    missing: list[str] = []
    opens = closes = None
    if status == ELIGIBLE:
        winners = [r for r in results if r.status == ELIGIBLE]
        route = winners[0].id
        flagged = all(r.unverified for r in winners)
        ends = [r.closes_on for r in winners]
        closes = None if None in ends else max(e for e in ends if e is not None)
    else:
        flagged = any(r.unverified for r in results)
        if best is not None:
            closest = results[best].id
            missing = list(results[best].missing)
        opens = min((r.opens_on for r in results if r.opens_on), default=None)
    notes = []
    shaky = [
        r.name for r in results if r.unverified and (status != ELIGIBLE or r.status == ELIGIBLE)
    ]
    if flagged and shaky:
        notes.append(
            f"Rests on unverified information ({'; '.join(shaky)}): confirm with "
            f"{track.issuer.abbreviation} before you apply."
        )
    assumed = {c.assumption for r in results for c in r.conditions if c.assumption}
    notes += sorted(f"Assumed: {a}." for a in assumed)
    return TrackResult.model_construct(
        track=track.id,
        status=status,
        route=route,
        routes=results,
        missing=missing,
        closest=closest,
        credential=track.credential,
        abbreviation=track.abbreviation,
        opens_on=opens,
        closes_on=closes,
        unverified=flagged,
        notes=notes,
        months_needed=_months(effort.best) if effort else None,
        months_needed_max=_months(effort.worst) if effort else None,
        closest_reason=judged.reason,
    )


def evaluate(tracks: Iterable[Track], person: Applicant, as_of: dt.date) -> list[TrackResult]:
    """Every track for one person (a profile or the shorthand flags) on a date."""
    return Evaluator(tracks).results(person, as_of)


def evaluate_track(track: Track, person: Applicant, as_of: dt.date) -> TrackResult:
    """One track for one person (a profile or the shorthand flags) on a date."""
    return Evaluator([track]).results(person, as_of)[0]


def summarize(
    tracks: Iterable[Track], person: Applicant, as_of: dt.date
) -> dict[str, EligibilitySummary]:
    """Each track's eligibility summary for one person on a date, by track id."""
    return {s.track: s for s in Evaluator(tracks).briefs(person, as_of)}


__all__ = [
    "Applicant",
    "Evaluator",
    "RouteStanding",
    "evaluate",
    "evaluate_track",
    "summarize",
]
