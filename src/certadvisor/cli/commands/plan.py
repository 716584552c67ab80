"""`certadvisor plan TRACK --exam-date DATE`: a dated study and application plan."""

import datetime as dt
from typing import Annotated

import typer

from certadvisor.cli.common import catalog, emit
from certadvisor.cli.inputs import people_of, pick_person, plan_flag_error, resolve_as_of
from certadvisor.cli.options import (
    AsOfOpt,
    FormatIcsOpt,
    OutputOpt,
    PersonOpt,
    ProfileOpt,
    TrackArg,
)

ExamDateOpt = Annotated[
    dt.datetime,
    typer.Option(
        "--exam-date",
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="The day you sit the exam; the plan works backward from it.",
    ),
]
HoursPerWeekOpt = Annotated[
    float | None,
    typer.Option(
        "--hours-per-week",
        metavar="H",
        help="Hours you can study each week (default 8, an assumption).",
    ),
]
TotalHoursOpt = Annotated[
    float | None,
    typer.Option(
        "--total-hours",
        metavar="H",
        help="Study hours the exam needs (default 60, 120 for laboratory; assumptions).",
    ),
]
StartOpt = Annotated[
    dt.datetime | None,
    typer.Option(
        "--start",
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="First day of the plan (default today, or --as-of).",
    ),
]


def plan(
    ctx: typer.Context,
    track: TrackArg,
    exam_date: ExamDateOpt,
    hours_per_week: HoursPerWeekOpt = None,
    total_hours: TotalHoursOpt = None,
    start: StartOpt = None,
    as_of: AsOfOpt = None,
    profile: ProfileOpt = None,
    person: PersonOpt = None,
    fmt: FormatIcsOpt = None,
    output: OutputOpt = None,
) -> None:
    """A dated plan backward from the exam: apply and pay, study weeks by domain, practice, buffer.

    With --profile the plan starts when the person's route opens (or warns when the exam
    comes first) and uses that route's windows.

    Example: certadvisor plan cma-aama --exam-date 2027-03-15 --hours-per-week 6 -o plan.ics
    """
    # Lazy: the engine and its pydantic models load only when the command runs, so that
    # `certadvisor --help` (which imports every command module) stays quick.
    from certadvisor.guidance.plan import PlanInputError, build_plan
    from certadvisor.render.plan import plan_rendering

    loaded = catalog(ctx)
    chosen = loaded.track(track)
    standing = None
    people = people_of(loaded, profile)
    someone = pick_person(people, person) if people else None
    day = resolve_as_of(start or as_of, someone.profile.as_of if someone else None)
    if someone is not None:
        from certadvisor.guidance.standing import standing_for

        evaluated_on = resolve_as_of(as_of, someone.profile.as_of)
        standing = standing_for(
            loaded.tracks(), chosen.id, someone.profile, someone.label, evaluated_on
        )
    try:
        result = build_plan(
            chosen,
            exam_date.date(),
            day,
            hours_per_week=hours_per_week,
            total_hours=total_hours,
            standing=standing,
        )
    except PlanInputError as exc:
        raise plan_flag_error(exc) from None
    emit(ctx, plan_rendering(result, loaded.data_as_of), fmt, output)
