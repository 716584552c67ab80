"""Pure: a dated study and application plan worked backward from an exam date."""

import datetime as dt
import math

from certadvisor.errors import UsageError
from certadvisor.models.catalog import Fee, FeeKind, ResourceKind, StudyResource, Track
from certadvisor.models.guidance import (
    Assumption,
    Cited,
    DomainHours,
    Fit,
    Milestone,
    MilestoneKind,
    PlanWeek,
    StudyPlan,
    TopicHours,
    WeekKind,
)

DEFAULT_HOURS_PER_WEEK = 8.0
MAX_HOURS_PER_WEEK = 112.0  # 16 hours a day: the most --hours-per-week accepts
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


def _hours(units: int) -> float:
    return units / _UNIT


def _weeks(count: int, noun: str = "week") -> str:
    """'1 week', '3 weeks'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


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
        Assumption(
            name="hours_per_week",
            value=hours_per_week,
            unit="hours a week",
            given=hpw_given,
            text=hpw_text,
        ),
        Assumption(
            name="total_hours",
            value=total_hours,
            unit="study hours in all",
            given=total_given,
            text=total_text,
        ),
    ]


def _application_milestones(
    track: Track, start: dt.date, exam: dt.date, warnings: list[str]
) -> list[Milestone]:
    app = track.application
    out: list[Milestone] = []
    issuer = track.issuer.abbreviation
    if app.valid_days and app.valid_days.value is not None:
        opens = exam - dt.timedelta(days=app.valid_days.value)
        if opens > start:
            out.append(
                Milestone(
                    date=opens,
                    kind=MilestoneKind.APPLY_OPENS,
                    title="Earliest sensible day to apply",
                    details=[
                        Cited(
                            text=f"{issuer} applications stay valid {app.valid_days.value} "
                            "days; applying earlier risks expiry before the exam",
                            source=app.valid_days,
                        )
                    ],
                )
            )
    if app.lead_days and app.lead_days.value is not None:
        due = exam - dt.timedelta(days=app.lead_days.value)
        out.append(
            Milestone(
                date=max(due, start),
                kind=MilestoneKind.APPLY_BY,
                title="Apply and pay by this date",
                details=[
                    Cited(
                        text=f"{issuer} needs the application {app.lead_days.value} days "
                        "before the exam",
                        source=app.lead_days,
                    )
                ],
            )
        )
        if due < start:
            warnings.append(
                f"Too late to apply for this date: {issuer} needs the application "
                f"{app.lead_days.value} days before the exam, so the deadline was {due}."
            )
    else:
        details = [
            Cited(
                text=f"The catalog does not know how long {issuer} needs between "
                "application and exam, so no deadline is given; ask before you book"
            )
        ]
        if app.how and app.how.value:
            details.append(Cited(text=app.how.value, source=app.how))
        out.append(
            Milestone(
                date=start,
                kind=MilestoneKind.APPLY,
                title="Apply and pay as soon as you are eligible",
                details=details,
            )
        )
    if app.scheduling and app.scheduling.value:
        out.append(
            Milestone(
                date=out[-1].date,
                kind=MilestoneKind.SCHEDULE,
                title="Schedule the exam once approved",
                details=[Cited(text=app.scheduling.value, source=app.scheduling)],
            )
        )
    return out


def build_plan(
    track: Track,
    exam_date: dt.date,
    start: dt.date,
    hours_per_week: float | None = None,
    total_hours: float | None = None,
) -> StudyPlan:
    """Work backward from the exam: buffer week, practice week, study weeks, application dates."""
    if exam_date <= start:
        raise UsageError(
            f"the exam date {exam_date} is not after the start date {start}",
            "Give an --exam-date in the future (or an earlier --start).",
        )
    hpw_given, total_given = hours_per_week is not None, total_hours is not None
    hpw = hours_per_week if hours_per_week is not None else DEFAULT_HOURS_PER_WEEK
    total = total_hours if total_hours is not None else default_total_hours(track)
    if hpw < 0.5 or hpw > MAX_HOURS_PER_WEEK:
        raise UsageError(
            f"--hours-per-week {hpw:g} is out of range",
            f"Give 0.5 to {MAX_HOURS_PER_WEEK:g} hours.",
        )
    if total < 0.5 or total > 5000:
        raise UsageError(f"--total-hours {total:g} is out of range", "Give 0.5 to 5000 hours.")
    warnings: list[str] = []
    notes: list[str] = []

    basis, shares = _shares(track)
    total_units = round(total * _UNIT)
    per_week = max(1, round(hpw * _UNIT))
    units = _split_units(total_units, [s for _, s, _, _ in shares])
    domains = [
        DomainHours(
            name=name,
            share_percent=round(share * 100, 1),
            hours=_hours(u),
            weight_percent=w,
            items=n,
        )
        for (name, share, w, n), u in zip(shares, units, strict=True)
    ]
    if basis == "none":
        notes.append(
            "The catalog has no content outline for this exam, so the hours are not "
            "split by topic; get the official outline first."
        )
    elif basis == "even":
        notes.append(
            "The outline publishes no weights, so hours are shared evenly among its domains."
        )
    elif basis == "partial":
        notes.append("Some domains have no published weight; they share the rest evenly.")

    full_weeks = (exam_date - start).days // 7
    tail = [WeekKind.BUFFER, WeekKind.PRACTICE][: min(full_weeks, 2)]
    available = max(full_weeks - 2, 0)
    needed = math.ceil(total_units / per_week)
    used = min(needed, available)
    filled = _fill_weeks([(d.name, u) for d, u in zip(domains, units, strict=True)], per_week, used)

    # Weeks counted back from the exam: index 0 ends the day before the exam.
    kinds = tail + [WeekKind.STUDY] * used
    weeks: list[PlanWeek] = []
    for back, kind in enumerate(kinds):
        ends = exam_date - dt.timedelta(days=7 * back + 1)
        weeks.append(
            PlanWeek(
                number=0,
                kind=kind,
                starts=ends - dt.timedelta(days=6),
                ends=ends,
                hours=0 if kind is WeekKind.BUFFER else hpw,
            )
        )
    weeks.reverse()
    for i, week in enumerate(weeks):
        update: dict[str, object] = {"number": i + 1}
        if week.kind is WeekKind.STUDY:
            topics = [TopicHours(domain=name, hours=_hours(u)) for name, u in filled[i]]
            update |= {"topics": topics, "hours": sum(t.hours for t in topics)}
        weeks[i] = week.model_copy(update=update)

    lead = track.application.lead_days.value if track.application.lead_days else None
    fit_date = start + dt.timedelta(days=7 * (needed + 2))
    if lead is not None:
        fit_date = max(fit_date, start + dt.timedelta(days=lead))
    fits = needed <= available
    # Only a pace the plan would accept is suggested; beyond it, only a later date fits.
    pace = math.ceil(total_units / available) / _UNIT if available else None
    fit = Fit(
        needed_hours=_hours(total_units),
        available_hours=_hours(available * per_week),
        study_weeks_needed=needed,
        study_weeks_available=available,
        fits=fits,
        exam_date_that_fits=fit_date,
        hours_per_week_that_fits=pace if pace is not None and pace <= MAX_HOURS_PER_WEEK else None,
    )
    if not fits:
        short = _hours(total_units - available * per_week)
        msg = (
            f"The plan needs {fit.needed_hours:g} study hours ({_weeks(needed)} at {hpw:g} h) "
            f"but only {_weeks(available, 'study week')} fit before {exam_date}: "
            f"{short:g} {'hour is' if short == 1 else 'hours are'} left over. "
            f"An exam on or after {fit_date} fits"
        )
        if fit.hours_per_week_that_fits is not None:
            msg += f", or study {fit.hours_per_week_that_fits:g} hours a week"
        warnings.append(msg + ".")
    if full_weeks < 2:
        warnings.append(
            "Less than two weeks remain: there is no room for a practice-exam week "
            "and a buffer week."
        )

    milestones = _application_milestones(track, start, exam_date, warnings)
    study = [w for w in weeks if w.kind is WeekKind.STUDY]
    if study:
        milestones.append(
            Milestone(
                date=study[0].starts,
                kind=MilestoneKind.STUDY_STARTS,
                title="Study starts",
                details=[Cited(text=f"{_weeks(len(study))} at up to {hpw:g} hours a week")],
            )
        )
    practice = _practice_detail(track)
    for w in weeks:
        if w.kind is WeekKind.PRACTICE:
            milestones.append(
                Milestone(
                    date=w.starts,
                    kind=MilestoneKind.PRACTICE,
                    title="Practice-exam week",
                    details=practice,
                )
            )
        elif w.kind is WeekKind.BUFFER:
            milestones.append(
                Milestone(
                    date=w.starts,
                    kind=MilestoneKind.BUFFER,
                    title="Buffer week",
                    details=[
                        Cited(
                            text="Light review of weak domains; confirm the appointment, ID "
                            "and the way to the test site"
                        )
                    ],
                )
            )
    milestones.append(
        Milestone(
            date=exam_date,
            kind=MilestoneKind.EXAM,
            title=f"{track.abbreviation} exam",
            details=_exam_details(track),
        )
    )
    milestones.sort(key=lambda m: (m.date, list(MilestoneKind).index(m.kind)))

    return StudyPlan(
        track=track.id,
        credential=track.credential,
        abbreviation=track.abbreviation,
        start=start,
        exam_date=exam_date,
        assumptions=_assumptions(hpw, total, hpw_given, total_given, track),
        domain_basis=basis,
        outline=track.exam.outline,
        domains=domains,
        weeks=weeks,
        milestones=milestones,
        fees=upfront_fees(track),
        resources=sorted_resources(track),
        fit=fit,
        notes=notes,
        warnings=warnings,
    )


def _practice_detail(track: Track) -> list[Cited]:
    official = [r for r in track.study_resources if r.kind is ResourceKind.PRACTICE_EXAM]
    if official:
        return [
            Cited(
                text=f"Sit a full timed practice exam ({official[0].title}), then review "
                "the misses",
                source=official[0],
            )
        ]
    return [
        Cited(
            text="Sit a full timed practice exam and review the misses (the catalog lists "
            "no practice exam from the body)"
        )
    ]


def _exam_details(track: Track) -> list[Cited]:
    e = track.exam
    out = []
    for fact, unit in ((e.questions, " questions"), (e.minutes, " minutes"), (e.delivery, "")):
        if fact is not None and fact.value is not None:
            out.append(Cited(text=f"{fact.value}{unit}", source=fact))
    return out
