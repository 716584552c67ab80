"""Pure: the dated steps of a study plan (apply, schedule, study, practice, buffer, exam)."""

import datetime as dt

from certadvisor.guidance.windows import (
    before_completion,
    earliest_by_validity,
    processing_deadline,
)
from certadvisor.models.catalog import ExamWindow, ResourceKind, Track
from certadvisor.models.guidance import Cited, Milestone, MilestoneKind, PlanWeek, WeekKind


def weeks_words(count: int, noun: str = "week") -> str:
    """'1 week', '3 weeks'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def plan_milestones(
    track: Track,
    start: dt.date,
    exam: dt.date,
    weeks: list[PlanWeek],
    hours_per_week: float,
    warnings: list[str],
    windows: list[ExamWindow] | None = None,
    opens_on: dt.date | None = None,
) -> list[Milestone]:
    """Every dated step in date order; a too-late application adds a warning.

    ``start`` is the first day the person can act (applying may come before the study
    weeks); ``opens_on`` the day the person's route opens, when it is still ahead.
    """
    milestones = application_milestones(track, start, exam, warnings, windows, opens_on)
    study = [w for w in weeks if w.kind is WeekKind.STUDY]
    if study:
        milestones.append(
            Milestone.model_construct(
                date=study[0].starts,
                kind=MilestoneKind.STUDY_STARTS,
                title="Study starts",
                details=[
                    Cited.model_construct(
                        text=f"{weeks_words(len(study))} at up to {hours_per_week:g} hours a week"
                    )
                ],
            )
        )
    milestones += _review_weeks(track, weeks)
    milestones.append(
        Milestone.model_construct(
            date=exam,
            kind=MilestoneKind.EXAM,
            title=f"{track.abbreviation} exam",
            details=_exam_details(track),
        )
    )
    milestones.sort(key=lambda m: (m.date, list(MilestoneKind).index(m.kind)))
    return milestones


def application_milestones(
    track: Track,
    start: dt.date,
    exam: dt.date,
    warnings: list[str],
    windows: list[ExamWindow] | None = None,
    opens_on: dt.date | None = None,
) -> list[Milestone]:
    """When to apply (and schedule), from the body's lead time and windows."""
    wins = track.windows if windows is None else windows
    out = earliest_by_validity(track, wins, start, exam) or _apply_opens(track, start, exam)
    early = before_completion(track, wins, start, opens_on)
    if early is not None:
        out.append(early)
    elif opens_on is not None and opens_on > start:
        out.append(_route_opens(track, opens_on))
    lead = track.application.lead_days
    due = processing_deadline(track, wins, start, exam, warnings)
    if lead and lead.value is not None:
        out.append(_apply_by(track, start, exam, warnings))
    elif due is not None:
        out.append(due)
    else:
        out.append(_apply_soon(track, max([start, *(m.date for m in out)])))
    scheduling = track.application.scheduling
    if scheduling and scheduling.value:
        out.append(
            Milestone.model_construct(
                date=out[-1].date,
                kind=MilestoneKind.SCHEDULE,
                title="Schedule the exam once approved",
                details=[Cited.model_construct(text=scheduling.value, source=scheduling)],
            )
        )
    return out


def aim_to_apply(milestones: list[Milestone], start: dt.date) -> dt.date:
    """The application date to aim for: the earliest sensible day, never past a deadline."""
    earliest = max([start, *(m.date for m in milestones if m.kind is MilestoneKind.APPLY_OPENS)])
    deadlines = [m.date for m in milestones if m.kind is MilestoneKind.APPLY_BY]
    return min([earliest, *deadlines])


def _route_opens(track: Track, opens_on: dt.date) -> Milestone:
    return Milestone.model_construct(
        date=opens_on,
        kind=MilestoneKind.APPLY_OPENS,
        title="Your route opens: apply from this day",
        details=[
            Cited.model_construct(
                text=f"{track.issuer.abbreviation} accepts the application once you meet "
                "the route; the catalog gives no window to apply earlier"
            )
        ],
    )


def _apply_opens(track: Track, start: dt.date, exam: dt.date) -> list[Milestone]:
    valid = track.application.valid_days
    if not valid or valid.value is None:
        return []
    opens = exam - dt.timedelta(days=valid.value)
    if opens <= start:
        return []
    return [
        Milestone.model_construct(
            date=opens,
            kind=MilestoneKind.APPLY_OPENS,
            title="Earliest sensible day to apply",
            details=[
                Cited.model_construct(
                    text=f"{track.issuer.abbreviation} applications stay valid {valid.value} "
                    "days; applying earlier risks expiry before the exam",
                    source=valid,
                )
            ],
        )
    ]


def _apply_by(track: Track, start: dt.date, exam: dt.date, warnings: list[str]) -> Milestone:
    lead = track.application.lead_days
    assert lead is not None and lead.value is not None
    issuer = track.issuer.abbreviation
    due = exam - dt.timedelta(days=lead.value)
    if due < start:
        warnings.append(
            f"Too late to apply for this date: {issuer} needs the application "
            f"{lead.value} days before the exam, so the deadline was {due}."
        )
    return Milestone.model_construct(
        date=max(due, start),
        kind=MilestoneKind.APPLY_BY,
        title="Apply and pay by this date",
        details=[
            Cited.model_construct(
                text=f"{issuer} needs the application {lead.value} days before the exam",
                source=lead,
            )
        ],
    )


def _apply_soon(track: Track, start: dt.date) -> Milestone:
    how = track.application.how
    details = [
        Cited.model_construct(
            text=f"The catalog does not know how long {track.issuer.abbreviation} needs between "
            "application and exam, so no deadline is given; ask before you book"
        )
    ]
    if how and how.value:
        details.append(Cited.model_construct(text=how.value, source=how))
    return Milestone.model_construct(
        date=start,
        kind=MilestoneKind.APPLY,
        title="Apply and pay as soon as you are eligible",
        details=details,
    )


def _review_weeks(track: Track, weeks: list[PlanWeek]) -> list[Milestone]:
    """The practice-exam and buffer weeks, in plan order."""
    practice = _practice_detail(track)
    buffer = [
        Cited.model_construct(
            text="Light review of weak domains; confirm the appointment, ID "
            "and the way to the test site"
        )
    ]
    out = []
    for w in weeks:
        if w.kind is WeekKind.PRACTICE:
            out.append(
                Milestone.model_construct(
                    date=w.starts,
                    kind=MilestoneKind.PRACTICE,
                    title="Practice-exam week",
                    details=practice,
                )
            )
        elif w.kind is WeekKind.BUFFER:
            out.append(
                Milestone.model_construct(
                    date=w.starts, kind=MilestoneKind.BUFFER, title="Buffer week", details=buffer
                )
            )
    return out


def _practice_detail(track: Track) -> list[Cited]:
    official = [r for r in track.study_resources if r.kind is ResourceKind.PRACTICE_EXAM]
    if official:
        return [
            Cited.model_construct(
                text=f"Sit a full timed practice exam ({official[0].title}), then review "
                "the misses",
                source=official[0],
            )
        ]
    return [
        Cited.model_construct(
            text="Sit a full timed practice exam and review the misses (the catalog lists "
            "no practice exam from the body)"
        )
    ]


def _exam_details(track: Track) -> list[Cited]:
    e = track.exam
    out = []
    for fact, unit in ((e.questions, " questions"), (e.minutes, " minutes"), (e.delivery, "")):
        if fact is not None and fact.value is not None:
            out.append(Cited.model_construct(text=f"{fact.value}{unit}", source=fact))
    return out
