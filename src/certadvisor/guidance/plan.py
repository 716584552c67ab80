"""Pure: a dated study and application plan worked backward from an exam date."""

import datetime as dt
import math

from certadvisor.errors import UsageError
from certadvisor.guidance.milestones import aim_to_apply, plan_milestones, weeks_words
from certadvisor.guidance.standing import study_start
from certadvisor.guidance.windows import windows_of
from certadvisor.models.catalog import (
    ExamWindow,
    Fee,
    FeeKind,
    ProgramCondition,
    ResourceKind,
    StudyResource,
    Track,
    WindowKind,
)
from certadvisor.models.guidance import (
    Assumption,
    DomainHours,
    Fit,
    LeftOut,
    PlanStanding,
    PlanWeek,
    StudyPlan,
    TopicHours,
    WeekKind,
)

DEFAULT_HOURS_PER_WEEK = 8.0
MAX_HOURS_PER_WEEK = 112.0  # 16 hours a day: the most a plan accepts
MAX_TOTAL_HOURS = 5000.0
# Judgement, not catalog facts: laboratory exams cover a whole degree's worth of disciplines.
DEFAULT_TOTAL_HOURS = {"laboratory": 120.0}
DEFAULT_TOTAL_HOURS_OTHER = 60.0
_UNIT = 2  # hours are planned in half-hour units so the shares add up exactly

_UPFRONT_FEES = (FeeKind.APPLICATION, FeeKind.EXAM, FeeKind.ELIGIBILITY_REVIEW)


def default_total_hours(track: Track) -> float:
    """The default study-hours assumption for a track's category."""
    return DEFAULT_TOTAL_HOURS.get(str(track.category), DEFAULT_TOTAL_HOURS_OTHER)


def sorted_resources(track: Track) -> list[StudyResource]:
    """The track's study resources, official outline and handbook first."""
    order = list(ResourceKind)
    return sorted(track.study_resources, key=lambda r: order.index(r.kind))


def upfront_fees(track: Track) -> list[Fee]:
    """Application, exam and eligibility-review fees: what is paid to sit the exam."""
    return [f for f in track.fees if f.kind in _UPFRONT_FEES]


def _shares(track: Track) -> tuple[str, list[tuple[str, float, float | None, int | None]]]:
    """How the outline's domains share the hours: basis and (name, share, weight, items)."""
    outline = track.exam.outline
    if outline is None:
        return "none", [("Whole exam", 1.0, None, None)]
    doms = outline.domains
    weights = [d.weight_percent for d in doms]
    items = [d.items for d in doms]
    rows: list[tuple[str, float, float | None, int | None]]
    if all(w is not None for w in weights) and sum(w or 0 for w in weights) > 0:
        total = sum(w or 0 for w in weights)
        rows = [(d.name, (d.weight_percent or 0) / total, d.weight_percent, d.items) for d in doms]
        return "weight_percent", rows
    if all(n is not None for n in items) and sum(n or 0 for n in items) > 0:
        total_items = sum(n or 0 for n in items)
        rows = [(d.name, (d.items or 0) / total_items, d.weight_percent, d.items) for d in doms]
        return "items", rows
    given = sum(w or 0 for w in weights)
    missing = [d for d in doms if d.weight_percent is None]
    if any(w is not None for w in weights) and given < 100 and missing:
        rest = (100 - given) / len(missing)
        rows = [
            (
                d.name,
                (d.weight_percent if d.weight_percent is not None else rest) / 100,
                d.weight_percent,
                d.items,
            )
            for d in doms
        ]
        return "partial", rows
    return "even", [(d.name, 1 / len(doms), d.weight_percent, d.items) for d in doms]


def _split_units(total: int, shares: list[float]) -> list[int]:
    """Whole units in proportion to the shares, adding up to exactly ``total``."""
    raw = [total * s for s in shares]
    units = [math.floor(r) for r in raw]
    left = total - sum(units)
    by_remainder = sorted(range(len(raw)), key=lambda i: (-(raw[i] - units[i]), i))
    for i in by_remainder[:left]:
        units[i] += 1
    return units


def share_what_fits(
    names: list[str], needed: list[int], capacity: int
) -> tuple[list[int], list[LeftOut]]:
    """Units per domain that fit ``capacity``: all it needs, else its share of what fits.

    A domain whose share comes to nothing is left out, with why; none is dropped silently.
    """
    total = sum(needed)
    if capacity <= 0:
        why = "no study week fits before the exam"
        return [0] * len(needed), [LeftOut.model_construct(domain=n, reason=why) for n in names]
    fits = total <= capacity
    planned = list(needed) if fits else _split_units(capacity, [n / total for n in needed])
    pool = f"the {_hours(total if fits else capacity):g} hours {'planned' if fits else 'that fit'}"
    left = [
        LeftOut.model_construct(domain=name, reason=f"its share of {pool} is under half an hour")
        for name, got in zip(names, planned, strict=True)
        if got == 0
    ]
    return planned, left


def _fill_weeks(
    domain_units: list[tuple[str, int]], per_week: int, weeks: int
) -> list[list[tuple[str, int]]]:
    """Domains in outline order, poured into weeks of ``per_week`` units each."""
    filled: list[list[tuple[str, int]]] = [[] for _ in range(weeks)]
    week, room = 0, per_week
    for name, units in domain_units:
        while units > 0 and week < weeks:
            take = min(units, room)
            filled[week].append((name, take))
            units -= take
            room -= take
            if room == 0:
                week, room = week + 1, per_week
    return filled


# The results are built with `model_construct`: each field is given with its type (numbers
# as floats where the model says float), and validating would build each model's schema
# on every run.
def _hours(units: int) -> float:
    return units / _UNIT


def _assumptions(
    hours_per_week: float, total_hours: float, hpw_given: bool, total_given: bool, track: Track
) -> list[Assumption]:
    hpw_text = (
        "your figure (--hours-per-week)"
        if hpw_given
        else "default assumption, not a catalog fact; change it with --hours-per-week"
    )
    if total_given:
        total_text = "your figure (--total-hours)"
    else:
        total_text = (
            f"default assumption for a {str(track.category).replace('_', ' ')} exam, "
            "not a catalog fact; change it with --total-hours"
        )
    return [
        Assumption.model_construct(
            name="hours_per_week",
            value=float(hours_per_week),
            unit="hours a week",
            given=hpw_given,
            text=hpw_text,
        ),
        Assumption.model_construct(
            name="total_hours",
            value=float(total_hours),
            unit="study hours in all",
            given=total_given,
            text=total_text,
        ),
    ]


class PlanInputError(UsageError):
    """A plan input out of range; ``field`` names it so that a command can name its flag."""

    def __init__(self, field: str, value: object, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.field = field
        self.value = value


def check_plan_inputs(
    exam_date: dt.date, start: dt.date, hours_per_week: float, total_hours: float
) -> None:
    """Errors for an exam not after the start, or hours out of range."""
    if exam_date <= start:
        raise PlanInputError(
            "exam_date", exam_date, f"the exam date {exam_date} is not after the start date {start}"
        )
    if hours_per_week < 0.5 or hours_per_week > MAX_HOURS_PER_WEEK:
        raise PlanInputError(
            "hours_per_week",
            hours_per_week,
            f"hours per week {hours_per_week:g} is out of range",
            f"Give 0.5 to {MAX_HOURS_PER_WEEK:g} hours.",
        )
    if total_hours < 0.5 or total_hours > MAX_TOTAL_HOURS:
        raise PlanInputError(
            "total_hours",
            total_hours,
            f"total hours {total_hours:g} is out of range",
            f"Give 0.5 to {MAX_TOTAL_HOURS:g} hours.",
        )


_BASIS_NOTES = {
    "none": "The catalog has no content outline for this exam, so the hours are not "
    "split by topic; get the official outline first.",
    "even": "The outline publishes no weights, so hours are shared evenly among its domains.",
    "partial": "Some domains have no published weight; they share the rest evenly.",
}


def _domain_hours(track: Track, total_units: int) -> tuple[str, list[DomainHours], list[int]]:
    """How the outline shares the hours: its basis, each domain's hours and its units."""
    basis, shares = _shares(track)
    units = _split_units(total_units, [s for _, s, _, _ in shares])
    domains = [
        DomainHours.model_construct(
            name=name,
            share_percent=float(round(share * 100, 1)),
            hours=_hours(u),
            weight_percent=None if w is None else float(w),
            items=n,
        )
        for (name, share, w, n), u in zip(shares, units, strict=True)
    ]
    return basis, domains, units


def _plan_weeks(
    exam_date: dt.date,
    full_weeks: int,
    hours_per_week: float,
    filled: list[list[tuple[str, int]]],
) -> list[PlanWeek]:
    """Study weeks, then practice and buffer weeks, ending the day before the exam."""
    tail = [WeekKind.BUFFER, WeekKind.PRACTICE][: min(full_weeks, 2)]
    # Weeks counted back from the exam: index 0 ends the day before the exam.
    kinds = tail + [WeekKind.STUDY] * len(filled)
    weeks: list[PlanWeek] = []
    for back, kind in enumerate(kinds):
        ends = exam_date - dt.timedelta(days=7 * back + 1)
        weeks.append(
            PlanWeek.model_construct(
                number=0,
                kind=kind,
                starts=ends - dt.timedelta(days=6),
                ends=ends,
                hours=0.0 if kind is WeekKind.BUFFER else float(hours_per_week),
            )
        )
    weeks.reverse()
    for i, week in enumerate(weeks):
        update: dict[str, object] = {"number": i + 1}
        if week.kind is WeekKind.STUDY:
            topics = [
                TopicHours.model_construct(domain=name, hours=_hours(u)) for name, u in filled[i]
            ]
            update |= {"topics": topics, "hours": sum(t.hours for t in topics)}
        weeks[i] = week.model_copy(update=update)
    return weeks


def _fit(track: Track, start: dt.date, total_units: int, per_week: int, available: int) -> Fit:
    """Whether the hours fit the study weeks, and the exam date or pace that would fit."""
    needed = math.ceil(total_units / per_week)
    lead = track.application.lead_days.value if track.application.lead_days else None
    fit_date = start + dt.timedelta(days=7 * (needed + 2))
    if lead is not None:
        fit_date = max(fit_date, start + dt.timedelta(days=lead))
    # Only a pace the plan would accept is suggested; beyond it, only a later date fits.
    pace = math.ceil(total_units / available) / _UNIT if available else None
    return Fit.model_construct(
        needed_hours=_hours(total_units),
        available_hours=_hours(available * per_week),
        study_weeks_needed=needed,
        study_weeks_available=available,
        fits=needed <= available,
        exam_date_that_fits=fit_date,
        hours_per_week_that_fits=pace if pace is not None and pace <= MAX_HOURS_PER_WEEK else None,
    )


def _fit_warnings(
    fit: Fit, hours_per_week: float, exam_date: dt.date, full_weeks: int
) -> list[str]:
    warnings = []
    if not fit.fits:
        short = fit.needed_hours - fit.available_hours
        msg = (
            f"The plan needs {fit.needed_hours:g} study hours "
            f"({weeks_words(fit.study_weeks_needed)} at {hours_per_week:g} h) "
            f"but only {weeks_words(fit.study_weeks_available, 'study week')} fit before "
            f"{exam_date}: {short:g} {'hour is' if short == 1 else 'hours are'} left over. "
            f"An exam on or after {fit.exam_date_that_fits} fits"
        )
        if fit.hours_per_week_that_fits is not None:
            msg += f", or study {fit.hours_per_week_that_fits:g} hours a week"
        warnings.append(msg + ".")
    if full_weeks < 2:
        warnings.append(
            "Less than two weeks remain: there is no room for a practice-exam week "
            "and a buffer week."
        )
    return warnings


def _short_notes(domains: list[DomainHours], left_out: list[LeftOut], fit: Fit) -> list[str]:
    """Say how the hours that fit were shared, and what is left out."""
    if fit.fits:
        return []
    notes = [
        f"Only {fit.available_hours:g} of the {fit.needed_hours:g} hours fit before the exam: "
        "every domain gets its share of them ("
        + ", ".join(f"{d.name} {d.planned_hours:g} h" for d in domains)
        + ")."
    ]
    notes += [f"Left out: {x.domain}, because {x.reason}." for x in left_out]
    return notes


def build_plan(
    track: Track,
    exam_date: dt.date,
    start: dt.date,
    hours_per_week: float | None = None,
    total_hours: float | None = None,
    standing: PlanStanding | None = None,
) -> StudyPlan:
    """Work backward from the exam: buffer week, practice week, study weeks, application dates.

    With the person's ``standing`` the study weeks start when their route opens (or a
    warning says the exam comes first), and the windows are those of their route.
    """
    hpw = hours_per_week if hours_per_week is not None else DEFAULT_HOURS_PER_WEEK
    total = total_hours if total_hours is not None else default_total_hours(track)
    check_plan_inputs(exam_date, start, hpw, total)
    first_day, start_notes, warnings = study_start(standing, start, exam_date, track.abbreviation)
    total_units = round(total * _UNIT)
    per_week = max(1, round(hpw * _UNIT))
    basis, domains, units = _domain_hours(track, total_units)
    full_weeks = (exam_date - first_day).days // 7
    available = max(full_weeks - 2, 0)
    fit = _fit(track, first_day, total_units, per_week, available)
    planned, left_out = share_what_fits(
        [d.name for d in domains], units, min(fit.study_weeks_needed, available) * per_week
    )
    domains = [
        d.model_copy(update={"planned_hours": _hours(p)})
        for d, p in zip(domains, planned, strict=True)
    ]
    filled = _fill_weeks(
        [(d.name, p) for d, p in zip(domains, planned, strict=True)],
        per_week,
        min(fit.study_weeks_needed, available),
    )
    weeks = _plan_weeks(exam_date, full_weeks, hpw, filled)
    warnings += _fit_warnings(fit, hpw, exam_date, full_weeks)
    route = standing.route if standing is not None else None
    windows = windows_of(track, route)
    opens = standing.opens_on if standing is not None and standing.status != "eligible" else None
    milestones = plan_milestones(
        track, start, exam_date, weeks, hpw, warnings, _uncounted(track, route, windows), opens
    )
    notes = [_BASIS_NOTES[basis]] if basis in _BASIS_NOTES else []
    return StudyPlan.model_construct(
        track=track.id,
        credential=track.credential,
        abbreviation=track.abbreviation,
        start=first_day,
        exam_date=exam_date,
        assumptions=_assumptions(
            hpw, total, hours_per_week is not None, total_hours is not None, track
        ),
        domain_basis=basis,
        outline=track.exam.outline,
        domains=domains,
        weeks=weeks,
        milestones=milestones,
        fees=upfront_fees(track),
        resources=sorted_resources(track),
        fit=fit,
        notes=start_notes + notes + _short_notes(domains, left_out, fit),
        warnings=warnings,
        left_out=left_out,
        standing=standing,
        windows=windows,
        apply_on=aim_to_apply(milestones, start),
    )


def _uncounted(track: Track, route: str | None, windows: list[ExamWindow]) -> list[ExamWindow]:
    """The windows the route's opening day does not already hold: where the route's own rule
    lets a student in so many days before finishing (AAMA's 30), the day it opens is that
    earliest day, and the window is not counted back from it again."""
    rules = next((r for r in track.routes if r.id == route), None)
    early = rules is not None and any(
        isinstance(c, ProgramCondition) and c.enrolled_within_days for c in rules.conditions
    )
    return [w for w in windows if not (early and w.kind is WindowKind.APPLY_BEFORE_COMPLETION)]
