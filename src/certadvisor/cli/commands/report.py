"""`certadvisor report --profile FILE -o FILE.md`: one advising packet per person."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.common import AsOfDateOpt, DocFormatOpt, OutputOpt, catalog, emit, note
from certadvisor.errors import InvalidInputError

if TYPE_CHECKING:
    from certadvisor.catalog.loader import LoadedCatalog
    from certadvisor.profiles.load import Person


def report(
    ctx: typer.Context,
    profile: Annotated[
        Path, typer.Option(metavar="FILE", help="Profile, or a cohort (then -o is a folder).")
    ],
    person: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only this person of a cohort.")
    ] = None,
    track: Annotated[
        str | None,
        typer.Option(metavar="TRACK", help="Detail this track (default: the best-ranked one)."),
    ] = None,
    goal: Annotated[
        str, typer.Option(metavar="GOAL", help="clinical, laboratory or either.")
    ] = "either",
    setting: Annotated[
        str | None,
        typer.Option(metavar="SETTING", help="clinic, hospital, laboratory or public health."),
    ] = None,
    budget: Annotated[
        int | None, typer.Option(min=0, metavar="DOLLARS", help="Most you can pay to sit it.")
    ] = None,
    months: Annotated[
        float | None, typer.Option(min=0, metavar="MONTHS", help="Months available.")
    ] = None,
    state: Annotated[
        str | None, typer.Option(metavar="XX", help="State code (default: the profile's).")
    ] = None,
    member: Annotated[bool, typer.Option(help="Count member prices.")] = False,
    exam_date: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Adds a study plan."),
    ] = None,
    hours_per_week: Annotated[
        float | None, typer.Option(metavar="H", help="For the plan (default 8, an assumption).")
    ] = None,
    total_hours: Annotated[
        float | None, typer.Option(metavar="H", help="For the plan (default 60 or 120).")
    ] = None,
    as_of: AsOfDateOpt = None,
    fmt: DocFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """One markdown advising packet: who, eligibility, the tracks that fit, checklist, plan.

    With a cohort, -o names a folder and each person gets a file in it. Exit 3 when some
    people of a cohort are invalid (they are named on stderr; the others still get a report).

    Example: certadvisor report --profile maria.yaml --exam-date 2027-03-15 -o maria.md
    """
    from certadvisor.catalog.states import check_state, state_block, state_notes
    from certadvisor.cli.inputs import plan_flag_error
    from certadvisor.guidance.advising import evaluation_date
    from certadvisor.guidance.plan import PlanInputError
    from certadvisor.guidance.recommend import Request, parse_goal, parse_setting
    from certadvisor.guidance.report import PlanOptions, build_report, file_names
    from certadvisor.render.report import report_rendering
    from certadvisor.wallet.store import open_store

    loaded = catalog(ctx)
    people, problems, entries = _people(loaded, profile, person)
    folder = _folder(output, 1 if person is not None else entries)
    tracks = loaded.tracks()
    focus = loaded.resolve(track) if track else None
    day = as_of.date() if as_of else None
    names = file_names([p.label for p in people], ".json" if fmt and fmt.value == "json" else ".md")
    with open_store(create=False) as store:
        for someone, name in zip(people, names, strict=True):
            code = state or someone.profile.state
            code = check_state(code) if code else None
            request = Request(
                goal=parse_goal(goal),
                setting=parse_setting(setting) if setting else None,
                budget=budget,
                months=months,
                state=code,
                member=member,
                person=someone.label,
            )
            when = evaluation_date(someone, day)
            plan = (
                PlanOptions(
                    exam_date=exam_date.date(),
                    hours_per_week=hours_per_week,
                    total_hours=total_hours,
                )
                if exam_date
                else None
            )
            try:
                built = build_report(
                    someone.label,
                    someone.profile,
                    tracks,
                    request,
                    when,
                    as_of_given=day is not None or someone.profile.as_of is not None,
                    state=state_notes(code) if code else None,
                    plan=plan,
                    focus=focus,
                    marks={t.id: store.checklist_marks(someone.label, t.id) for t in tracks},
                )
            except PlanInputError as exc:
                raise plan_flag_error(exc) from None
            ranked = built.recommendation.ranking
            cats, ids = [r.category for r in ranked], [r.track for r in ranked]
            block = state_block(code, cats, ids) if code else None
            rendering = report_rendering(built, loaded.data_as_of, block)
            target = str(folder / name) if folder else output
            emit(ctx, rendering, fmt, target)
    if folder:
        note(ctx, f"{len(people)} report{'s' if len(people) != 1 else ''} in {folder}")
    if problems:
        for line in problems:
            note(ctx, line)
        done = (
            f"the report for {people[0].label} was written"
            if person is not None
            else f"{len(people)} valid {'person' if len(people) == 1 else 'people'} got a report"
        )
        raise InvalidInputError(
            f"{len(problems)} problem(s) in {profile}; {done}",
            "Fix the rows or people named above and run again (or `certadvisor data validate`).",
        )


def _people(
    loaded: "LoadedCatalog", path: Path, name: str | None
) -> "tuple[list[Person], list[str], int]":
    """The valid people to report on, the problems with the others, the entries in the file.

    Like `eligible`, a bad person does not stop the others; with none valid (or the one
    named by --person invalid) it is an error at once.
    """
    from certadvisor.errors import CertAdvisorError
    from certadvisor.guidance.advising import pick_person
    from certadvisor.profiles.load import read_profiles

    found = read_profiles(path, loaded.resolve)
    hint = "Fix the entries named and run `certadvisor data validate FILE`."
    if not found.people:
        raise InvalidInputError(found.problems[0], hint, found.problems)
    try:
        if name is not None or found.entries == 1:
            return [pick_person(found.people, name)], found.problems, found.entries
    except CertAdvisorError as exc:
        if not found.problems:
            raise
        message = (
            f"{exc.message} among its valid people; the {len(found.problems)} problem(s) "
            "below may be why"
        )
        raise InvalidInputError(message, hint, [message, *found.problems]) from None
    return found.people, found.problems, found.entries


def _folder(output: str | None, count: int) -> Path | None:
    """The folder a cohort's reports go to; one person writes to -o as given."""
    from certadvisor.errors import UsageError

    if count == 1:
        return None
    if not output or output == "-":
        raise UsageError(
            f"the profile file holds {count} people: give -o FOLDER for one report each",
            "Or pick one with --person NAME.",
        )
    folder = Path(output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; a cohort needs a folder for its reports")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    return folder
