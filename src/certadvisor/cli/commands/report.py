"""`certadvisor report --profile FILE -o FILE.md`: one advising packet per person."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.common import catalog, emit, note
from certadvisor.cli.inputs import pick_person, resolve_as_of
from certadvisor.cli.options import (
    AsOfOpt,
    BudgetOpt,
    DocHandoutFormatOpt,
    MemberOpt,
    MonthsOpt,
    OutputOpt,
    PersonOpt,
    RequiredProfileOpt,
    SettingOpt,
    StateOpt,
)
from certadvisor.errors import CertAdvisorError, InvalidInputError, UsageError
from certadvisor.text import plural

if TYPE_CHECKING:
    from certadvisor.catalog import LoadedCatalog
    from certadvisor.guidance.recommend import Request
    from certadvisor.guidance.report import PlanOptions
    from certadvisor.profiles import Person
    from certadvisor.render.output import Rendering

TrackOpt = Annotated[
    str | None,
    typer.Option(metavar="TRACK", help="Detail this track (default: the best-ranked one)."),
]
GoalOpt = Annotated[str, typer.Option(metavar="GOAL", help="clinical, laboratory or either.")]
ExamDateOpt = Annotated[
    dt.datetime | None,
    typer.Option(formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help="Adds a study plan."),
]
HoursPerWeekOpt = Annotated[
    float | None, typer.Option(metavar="H", help="For the plan (default 8, an assumption).")
]
TotalHoursOpt = Annotated[
    float | None, typer.Option(metavar="H", help="For the plan (default 60 or 120).")
]
_HINT = "Fix the rows or people named above and run again (or `certadvisor data validate`)."


def report(
    ctx: typer.Context,
    profile: RequiredProfileOpt,
    person: PersonOpt = None,
    track: TrackOpt = None,
    goal: GoalOpt = "either",
    setting: SettingOpt = None,
    budget: BudgetOpt = None,
    months: MonthsOpt = None,
    state: StateOpt = None,
    member: MemberOpt = False,
    exam_date: ExamDateOpt = None,
    hours_per_week: HoursPerWeekOpt = None,
    total_hours: TotalHoursOpt = None,
    as_of: AsOfOpt = None,
    fmt: DocHandoutFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """One markdown advising packet: who, eligibility, the tracks that fit, checklist, plan.

    With a cohort, -o names a folder and each person gets a file in it. Exit 3 when some
    people of a cohort are invalid (they are named on stderr; the others still get a report).

    Example: certadvisor report --profile maria.yaml --exam-date 2027-03-15 -o maria.md
    """
    # Engine, Pydantic and SQLite imports cost tens of ms: only when the command really runs.
    from certadvisor.guidance.report import file_names
    from certadvisor.wallet.store import open_store

    loaded = catalog(ctx)
    people, problems, entries = _people(loaded.resolve, profile, person)
    folder = _folder(output, 1 if person is not None else entries)
    tracks = loaded.tracks()
    focus = loaded.resolve(track) if track else None
    plan = _plan_options(exam_date, hours_per_week, total_hours)
    suffix = {"json": ".json", "html": ".html"}.get(fmt.value if fmt else "", ".md")
    names = file_names([p.label for p in people], suffix)
    with open_store(create=False) as store:
        for someone, name in zip(people, names, strict=True):
            request = _request(someone, state, goal, setting, budget, months, member)
            marks = {t.id: store.checklist_marks(someone.label, t.id) for t in tracks}
            rendering = _packet(loaded, someone, request, as_of, plan, focus, marks)
            emit(ctx, rendering, fmt, str(folder / name) if folder else output)
    if folder:
        note(ctx, f"{len(people)} report{'s' if len(people) != 1 else ''} in {folder}")
    _fail_on_problems(ctx, problems, profile, people, person is not None)


def _packet(
    loaded: "LoadedCatalog",
    someone: "Person",
    request: "Request",
    as_of: "dt.date | None",
    plan: "PlanOptions | None",
    focus: str | None,
    marks: "dict[str, frozenset[int]]",
) -> "Rendering":
    """One person's advising packet, ready to write."""
    from certadvisor.catalog.programs import program_table
    from certadvisor.catalog.states import state_block, state_notes
    from certadvisor.cli.inputs import plan_flag_error
    from certadvisor.guidance.plan import PlanInputError
    from certadvisor.guidance.report import build_report
    from certadvisor.render.report import report_rendering

    code = request.state
    try:
        built = build_report(
            someone.label,
            someone.profile,
            loaded.tracks(),
            request,
            resolve_as_of(as_of, someone.profile.as_of),
            as_of_given=as_of is not None or someone.profile.as_of is not None,
            state=state_notes(code) if code else None,
            plan=plan,
            focus=focus,
            marks=marks,
            catalog_tracks=loaded.tracks(with_state=True) if code else (),
            programs=program_table(),
        )
    except PlanInputError as exc:
        raise plan_flag_error(exc) from None
    ranked = built.recommendation.ranking
    cats, ids = [r.category for r in ranked], [r.track for r in ranked]
    block = state_block(code, cats, ids) if code else None
    return report_rendering(built, loaded.data_as_of, block)


def _plan_options(
    exam_date: dt.datetime | None, hours_per_week: float | None, total_hours: float | None
) -> "PlanOptions | None":
    """What the plan is asked for, when an exam date asks for one."""
    from certadvisor.guidance.report import PlanOptions

    if exam_date is None:
        return None
    return PlanOptions(
        exam_date=exam_date.date(), hours_per_week=hours_per_week, total_hours=total_hours
    )


def _request(
    someone: "Person",
    state: str | None,
    goal: str,
    setting: str | None,
    budget: int | None,
    months: float | None,
    member: bool,
) -> "Request":
    """What the person asks for: the flags, with the profile's state when --state is not given."""
    from certadvisor.catalog.states import check_state
    from certadvisor.guidance.recommend import Request, parse_goal, parse_setting

    code = state or someone.profile.state
    code = check_state(code) if code else None
    return Request(
        goal=parse_goal(goal),
        setting=parse_setting(setting) if setting else None,
        budget=budget,
        months=months,
        state=code,
        member=member,
        person=someone.label,
    )


def _fail_on_problems(
    ctx: typer.Context,
    problems: list[str],
    profile: Path,
    people: "list[Person]",
    one: bool,
) -> None:
    """Name the invalid people of a cohort on stderr and exit 3 (after the others' reports)."""
    if not problems:
        return
    for line in problems:
        note(ctx, line)
    done = (
        f"the report for {people[0].label} was written"
        if one
        else f"{len(people)} valid {'person' if len(people) == 1 else 'people'} got a report"
    )
    raise InvalidInputError(f"{plural(len(problems), 'problem')} in {profile}; {done}", _HINT)


def _people(
    resolve: Callable[[str], str], path: Path, name: str | None
) -> "tuple[list[Person], list[str], int]":
    """The valid people to report on, the problems with the others, the entries in the file.

    Like `eligible`, a bad person does not stop the others; with none valid (or the one
    named by --person invalid) it is an error at once.
    """
    from certadvisor.profiles import read_profiles

    found = read_profiles(path, resolve)
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
    if count == 1:
        return None
    if not output or output == "-":
        raise UsageError(
            f"the profile file holds {count} people: give -o FOLDER for one report each",
            "Or pick one with --person NAME.",
        )
    from certadvisor.render.output import is_document_name

    folder = Path(output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; a cohort needs a folder for its reports")
    if not folder.exists() and is_document_name(folder):
        raise UsageError(
            f"{folder} names a file, but the profile file holds {count} people: give -o FOLDER "
            "for one report each",
            "Or pick one with --person NAME.",
        )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    return folder
