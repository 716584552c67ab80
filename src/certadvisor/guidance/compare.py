"""Pure: the side-by-side comparison of tracks behind `certadvisor compare`.

`compare_tracks(tracks, years=..., member=..., ce_cost_per_point=..., sort=...)` returns a
`Comparison`: one `ComparisonRow` per track with what it takes, the exam, the first-time cost,
the renewal rules, the cost over the horizon (certadvisor.costs.total) and the time to eligibility,
every figure still carrying its provenance.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.catalog import TrackSummary
from certadvisor.catalog.listing import filter_tracks
from certadvisor.costs import DEFAULT_YEARS, total_cost
from certadvisor.errors import DomainError
from certadvisor.models.base import Field
from certadvisor.models.catalog import CredentialAccreditation, TimeEstimate, Track
from certadvisor.models.common import Confidence, IntFact, Strict, TextFact
from certadvisor.models.costs import CostPart, TotalCost
from certadvisor.models.path import PersonPath, TrackPath
from certadvisor.models.results import EligibilitySummary

if TYPE_CHECKING:
    from certadvisor.catalog.wages import Pay

SORTS = ("cost", "time", "renewal", "name", "pay")


class NationalBrief(Strict):
    """A national median for one period, with its source."""

    median: int
    period: str
    source: str
    confidence: Confidence


class PayBrief(Strict):
    """What the work pays: in the state (when given and known) and nationally, with caveats."""

    soc: str
    title: str
    caveat: str | None = None
    state: str | None = None
    employment: int | None = None
    mean: int | None = None
    median: int | None = None
    period: str | None = None
    source: str | None = None
    confidence: Confidence | None = None
    national: list[NationalBrief] = Field(default_factory=list)
    payback_weeks: float | None = Field(
        default=None,
        description="The fastest path's cost now (low end) in weeks of the state's median pay",
    )
    payback_weeks_cheapest: float | None = Field(
        default=None, description="The same for the cheapest path"
    )
    payback_weeks_max: float | None = Field(
        default=None, description="The fastest path's high end, where its cost is a range"
    )
    payback_weeks_cheapest_max: float | None = Field(
        default=None, description="The cheapest path's high end, where its cost is a range"
    )
    payback_lower_bound: bool = False

    @property
    def sort_median(self) -> int | None:
        """The state's median, else the latest national one (None: unknown)."""
        if self.state is not None:
            return self.median
        latest = max(self.national, key=lambda n: n.period[-4:], default=None)
        return latest.median if latest else None


class OutlookBrief(Strict):
    """Projected growth of the occupation, with its projection cycle."""

    percent: float
    cycle: str | None = Field(description="The projection cycle, e.g. 2024-34; null: not stated")
    source: str
    as_of: str | None = None
    confidence: Confidence
    note: str | None = None


class RouteBrief(Strict):
    """One route in a few words."""

    id: str
    name: str
    summary: str
    source: str
    as_of: str | None
    confidence: Confidence


class ExamBrief(Strict):
    """The exam facts a table has room for."""

    questions: IntFact | None = None
    minutes: IntFact | None = None
    format: TextFact | None = None


class RenewalBrief(Strict):
    """How the credential is kept: cycle, CE, and the recurring fees (one payment each)."""

    cycle_months: IntFact | None = None
    ce_points: float | None = None
    ce_unit: str | None = None
    ce_source: str | None = None
    ce_as_of: str | None = None
    ce_confidence: Confidence | None = None
    fees: list[CostPart] = Field(default_factory=list, description="Dues, annual and renewal fees")


class TimeBrief(Strict):
    """Typical time to eligibility: the fastest route's estimate and the slowest known."""

    months_min: float | None = None
    months_max: float | None = None
    fastest: TimeEstimate | None = None
    estimates: int = Field(default=0, description="How many estimates the catalog has")


class ComparisonRow(Strict):
    """One track, side by side with the others."""

    track: str
    credential: str
    abbreviation: str
    issuer: str
    issuer_name: str
    category: str
    routes: list[RouteBrief]
    exam: ExamBrief
    renewal: RenewalBrief
    cost: TotalCost
    time_to_eligible: TimeBrief
    accreditation: list[CredentialAccreditation]
    eligibility: EligibilitySummary | None = Field(
        default=None, description="The person's standing, when a profile is given"
    )
    path: PersonPath | None = Field(
        default=None, description="The person's fastest and cheapest path, with a profile"
    )
    pay: PayBrief | None = Field(default=None, description="What the work pays")
    outlook: OutlookBrief | None = None
    state_path: str | None = Field(
        default=None,
        description="With --state: the state credential this work needs there and the path's "
        "first-time cost ('CPT (NHA) + CA CPT I: at least $117 + $100 = at least $217'), or "
        "why the national credential does not count for it",
    )


class Comparison(Strict):
    """Every compared track, in the order asked for."""

    years: int
    member: bool
    ce_cost_per_point: float | None
    sort: str | None
    rows: list[ComparisonRow]
    sort_note: str | None = Field(default=None, description="Which rows sort last, and why")
    pay_state: str | None = Field(default=None, description="The state whose pay is shown")


def select_track_ids(
    summaries: Sequence[TrackSummary],
    resolve: Callable[[str], str],
    queries: Sequence[str],
    category: str | None,
) -> list[str]:
    """The tracks named (in that order), narrowed to a category when one is given; else all.

    Raises:
        UnknownTrackError: a name matches no track (the message names the closest ids).
        UsageError: an unknown category.
        DomainError: nothing is left to compare.
    """
    ids = [resolve(q) for q in queries] if queries else [s.id for s in summaries]
    if category is not None:
        in_category = {s.id for s in filter_tracks(summaries, category=category)}
        ids = [i for i in ids if i in in_category]
    if not ids:
        where = f" in category {category!r}" if category else ""
        raise DomainError(
            f"nothing to compare{where}",
            "Name tracks (`certadvisor tracks` lists them) or pick another category.",
        )
    return ids


# The results are built with `model_construct`: every field is given with its type (floats as
# floats), and validating would build each result model's schema on every run.
def _time(track: Track) -> TimeBrief:
    # the military's own course is no civilian's fastest way in (all of them, where only it is)
    stated = track.civilian_times() or track.time_to_eligible
    timed = [t for t in stated if t.months_min is not None]
    if not timed:
        return TimeBrief.model_construct(estimates=len(track.time_to_eligible))
    fastest = min(timed, key=lambda t: t.months_min or 0)
    slowest = max((t.months_max if t.months_max is not None else t.months_min) or 0 for t in timed)
    known_max = all(t.months_max is not None for t in timed)
    return TimeBrief.model_construct(
        months_min=fastest.months_min,
        months_max=float(slowest) if known_max or slowest > (fastest.months_min or 0) else None,
        fastest=fastest,
        estimates=len(track.time_to_eligible),
    )


def _renewal(track: Track, cost: TotalCost) -> RenewalBrief:
    ce = track.renewal.ce
    return RenewalBrief.model_construct(
        cycle_months=track.renewal.cycle_months,
        ce_points=ce.total_points if ce else None,
        ce_unit=ce.unit if ce else None,
        ce_source=ce.source if ce else None,
        ce_as_of=ce.as_of if ce else None,
        ce_confidence=ce.confidence if ce else None,
        fees=[p for p in cost.recurring if p.kind != "ce"],
    )


def compare_row(
    track: Track,
    *,
    years: int = DEFAULT_YEARS,
    member: bool = False,
    ce_cost_per_point: float | None = None,
    route: str | None = None,
    eligibility: EligibilitySummary | None = None,
) -> ComparisonRow:
    """One track's row; `route` prices that route instead of the cheapest."""
    cost = total_cost(
        track, years=years, member=member, ce_cost_per_point=ce_cost_per_point, route=route
    )
    return ComparisonRow.model_construct(
        track=track.id,
        credential=track.credential,
        abbreviation=track.abbreviation,
        issuer=track.issuer.abbreviation,
        issuer_name=track.issuer.name,
        category=str(track.category),
        routes=[
            RouteBrief.model_construct(
                id=r.id,
                name=r.name,
                summary=r.summary,
                source=r.source,
                as_of=r.as_of,
                confidence=r.confidence,
            )
            for r in track.routes
        ],
        exam=ExamBrief.model_construct(
            questions=track.exam.questions, minutes=track.exam.minutes, format=track.exam.format
        ),
        renewal=_renewal(track, cost),
        cost=cost,
        time_to_eligible=_time(track),
        accreditation=list(track.accreditation),
        eligibility=eligibility,
        outlook=_outlook(track),
    )


def _outlook(track: Track) -> OutlookBrief | None:
    occ = track.occupation
    fact = occ.outlook_percent if occ else None
    if occ is None or fact is None or fact.value is None:
        return None
    return OutlookBrief(
        percent=fact.value,
        cycle=occ.outlook_period,
        source=fact.source,
        as_of=fact.as_of,
        confidence=fact.confidence,
        note=fact.note,
    )


def _nothing_known(cost: TotalCost) -> bool:
    """A total of unknown fees alone: it is unknown, not $0, so it sorts last."""
    return cost.amount <= 0 and any(p.unknown for p in [*cost.first_time.parts, *cost.recurring])


def _unpriced(parts: Sequence[CostPart]) -> bool:
    return any(p.unknown and p.lower_bound for p in parts)


# A total resting on an unknown amount cannot be ranked against known ones, so it goes after them.
_SORT_KEYS: dict[str, Callable[[ComparisonRow], Any]] = {
    "cost": lambda r: (
        _nothing_known(r.cost),
        _unpriced(r.cost.first_time.parts),
        r.cost.amount,
        r.cost.lower_bound,
    ),
    "time": lambda r: (
        (r.path.hold_months is None, r.path.hold_months or 0)
        if r.path is not None
        else (r.time_to_eligible.months_min is None, r.time_to_eligible.months_min or 0)
    ),
    "pay": lambda r: (
        r.pay is None or r.pay.sort_median is None,
        -(r.pay.sort_median or 0) if r.pay else 0,
    ),
    "renewal": lambda r: (_unpriced(r.cost.recurring), r.cost.recurring_amount, r.cost.lower_bound),
    "name": lambda r: (r.abbreviation.lower(), r.track),
}


def sort_rows(rows: Sequence[ComparisonRow], sort: str | None) -> list[ComparisonRow]:
    """Rows by cost (lowest first), time (fastest first), renewal (cheapest to keep) or name.

    For cost, a track whose exam fee is unknown comes after those whose fee is known; for
    renewal, one with an unknown recurring fee after the others. Ties, and no sort at all,
    keep the order the tracks were given in.
    """
    if sort is None:
        return list(rows)
    if sort == "cost" and any(r.path is not None for r in rows):
        return sorted(rows, key=_path_cost_key)
    return sorted(rows, key=_SORT_KEYS[sort])


def _path_cost_key(row: ComparisonRow) -> tuple[Any, ...]:
    cost = row.path.cost_now if row.path else None
    return (cost is None, cost or 0.0, *_SORT_KEYS["cost"](row))


def _unknown_last(rows: Sequence[ComparisonRow], sort: str | None) -> str | None:
    """The line that says which rows went last for want of a figure."""
    if sort == "time":
        has_path = any(r.path is not None for r in rows)
        missing = [
            r.track
            for r in rows
            if not (r.path and r.path.held)
            and (r.path.hold_months if has_path and r.path else r.time_to_eligible.months_min)
            is None
        ]
        what = "when they could hold it" if has_path else "the time to eligibility"
    elif sort == "cost" and any(r.path is not None for r in rows):
        missing = [
            r.track for r in rows if r.path is None or (not r.path.held and r.path.cost_now is None)
        ]
        what = "the path's cost (tuition or fees)"
    elif sort == "pay":
        missing = [r.track for r in rows if r.pay is None or r.pay.sort_median is None]
        what = "the pay"
    else:
        return None
    if not missing:
        return None
    return f"No figure for {what}, so these come last: {', '.join(missing)}."


def compare_tracks(
    tracks: Sequence[Track],
    *,
    years: int = DEFAULT_YEARS,
    member: bool = False,
    ce_cost_per_point: float | None = None,
    sort: str | None = None,
    eligibility: Mapping[str, EligibilitySummary] | None = None,
    paths: Mapping[str, PersonPath] | None = None,
    pay: Mapping[str, PayBrief] | None = None,
    state: str | None = None,
    state_paths: Mapping[str, str] | None = None,
) -> Comparison:
    """Compare tracks; `eligibility` maps a track id to the person's standing, whose route (the
    eligible one, else the closest) is the one priced."""
    rows = []
    for track in tracks:
        brief = (eligibility or {}).get(track.id)
        route = (brief.route or brief.closest) if brief is not None else None
        row = compare_row(
            track,
            years=years,
            member=member,
            ce_cost_per_point=ce_cost_per_point,
            route=route,
            eligibility=brief,
        )
        extra: dict[str, Any] = {}
        if paths is not None and track.id in paths:
            extra["path"] = paths[track.id]
        if pay is not None and track.id in pay:
            extra["pay"] = with_payback(pay[track.id], paths.get(track.id) if paths else None)
        if state_paths is not None and track.id in state_paths:
            extra["state_path"] = state_paths[track.id]
        rows.append(row.model_copy(update=extra) if extra else row)
    return Comparison.model_construct(
        years=years,
        member=member,
        ce_cost_per_point=None if ce_cost_per_point is None else float(ce_cost_per_point),
        sort=sort,
        rows=sort_rows(rows, sort),
        sort_note=_unknown_last(rows, sort),
        pay_state=state,
    )


def with_payback(pay: PayBrief, path: PersonPath | None) -> PayBrief:
    """The pay with each path's cost now in weeks of the state's median pay: the low end, and
    the high end where the cost is a range (tuition from–to)."""
    if path is None or not pay.median:
        return pay
    weekly = pay.median / 52

    def weeks(cost: float | None) -> float | None:
        return None if cost is None else round(cost / weekly, 1)

    def high(p: TrackPath | None) -> float | None:
        if p is None or p.cost.now_max is None or p.cost.now_max == p.cost.now_min:
            return None
        return weeks(p.cost.now_max)

    fast, cheap = path.fastest, path.cheapest
    return pay.model_copy(
        update={
            "payback_weeks": weeks(fast.cost.now_min if fast else None),
            "payback_weeks_max": high(fast),
            "payback_weeks_cheapest": weeks(cheap.cost.now_min if cheap else None),
            "payback_weeks_cheapest_max": high(cheap),
            "payback_lower_bound": any(p.cost.fees_lower_bound for p in (fast, cheap) if p),
        }
    )


def pay_brief(pay: "Pay", asked: str | None = None) -> PayBrief:
    """The pay looked up for a track (catalog.wages), as the comparison carries it; `asked`
    is the state asked for (its figures stay unknown when the table has none)."""
    here = pay.state
    return PayBrief(
        soc=pay.occupation.soc,
        title=pay.occupation.title,
        caveat=pay.occupation.caveat,
        state=here.state if here else (asked.upper() if asked else None),
        employment=here.employment if here else None,
        mean=here.mean if here else None,
        median=here.median if here else None,
        period=here.period if here else None,
        source=here.source if here else None,
        confidence=here.confidence if here else None,
        national=[
            NationalBrief(
                median=n.median, period=n.period, source=n.source, confidence=n.confidence
            )
            for n in pay.national
        ],
    )
