"""`certadvisor plan TRACK --exam-date DATE`: a dated study and application plan."""

import datetime as dt
from typing import Annotated

import typer

from certadvisor.cli.common import FormatIcsOpt, OutputOpt, catalog, emit


def plan(
    ctx: typer.Context,
    track: Annotated[str, typer.Argument(help="Track id or unambiguous abbreviation, e.g. CMA.")],
    exam_date: Annotated[
        dt.datetime,
        typer.Option(
            "--exam-date",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help="The day you sit the exam; the plan works backward from it.",
        ),
    ],
    hours_per_week: Annotated[
        float | None,
        typer.Option(
            "--hours-per-week",
            metavar="H",
            help="Hours you can study each week (default 8, an assumption).",
        ),
    ] = None,
    total_hours: Annotated[
        float | None,
        typer.Option(
            "--total-hours",
            metavar="H",
            help="Study hours the exam needs (default 60, 120 for laboratory; assumptions).",
        ),
    ] = None,
    start: Annotated[
        dt.datetime | None,
        typer.Option(
            "--start",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help="First day of the plan (default today).",
        ),
    ] = None,
    fmt: FormatIcsOpt = None,
    output: OutputOpt = None,
) -> None:
    """A dated plan backward from the exam: apply and pay, study weeks by domain, practice, buffer.

    Example: certadvisor plan cma-aama --exam-date 2027-03-15 --hours-per-week 6 -o plan.ics
    """
    from certadvisor.guidance.plan import build_plan
    from certadvisor.render.plan import plan_rendering

    loaded = catalog(ctx)
    result = build_plan(
        loaded.track(track),
        exam_date.date(),
        start.date() if start else dt.date.today(),
        hours_per_week=hours_per_week,
        total_hours=total_hours,
    )
    emit(ctx, plan_rendering(result, loaded.data_as_of), fmt, output)
