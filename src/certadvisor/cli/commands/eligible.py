"""`certadvisor eligible [TRACK...]`: every route of every track for one profile or a cohort."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.common import catalog, emit, note, state
from certadvisor.cli.inputs import resolve_as_of
from certadvisor.cli.options import AsOfOpt, FormatOpt, OutputOpt, ProfileOpt, StateOpt, TracksArg
from certadvisor.errors import CertAdvisorError, InvalidInputError, UsageError
from certadvisor.models.vocab import EducationLevel
from certadvisor.text import plural

if TYPE_CHECKING:
    from certadvisor.eligibility import Assertions, Report
    from certadvisor.models.catalog import Track
    from certadvisor.models.states import StateBlock
    from certadvisor.render.output import Rendering

DiplomaOpt = Annotated[
    bool | None,
    typer.Option(
        "--diploma/--no-diploma",
        help="A high-school diploma or GED at least / none.",
        show_default=False,
    ),
]
ProgramOpt = Annotated[
    bool | None,
    typer.Option(
        "--program/--no-program",
        show_default=False,
        help="Finished the accredited training program of each track checked, within "
        "its recency window / no such program (finished or under way).",
    ),
]
DegreeOpt = Annotated[
    EducationLevel | None,
    typer.Option("--degree", help="Highest education completed.", case_sensitive=False),
]
ExperienceMonthsOpt = Annotated[
    float | None,
    typer.Option(
        "--experience-months",
        min=0,
        metavar="N",
        help="Months of full-time work in each track's field, up to now.",
    ),
]
CredentialOpt = Annotated[
    list[str] | None,
    typer.Option("--credential", metavar="ID", help="A credential you hold (repeatable)."),
]
MilitaryOpt = Annotated[
    bool | None,
    typer.Option(
        "--military/--no-military",
        show_default=False,
        help="Trained in a US military medical program.",
    ),
]
ExplainOpt = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show every route, condition by condition, for every track (the table shows "
        "them for one track only; markdown and json always have them).",
    ),
]


def eligible(
    ctx: typer.Context,
    tracks: TracksArg = None,
    profile: ProfileOpt = None,
    diploma: DiplomaOpt = None,
    program: ProgramOpt = None,
    degree: DegreeOpt = None,
    experience_months: ExperienceMonthsOpt = None,
    credential: CredentialOpt = None,
    military: MilitaryOpt = None,
    as_of: AsOfOpt = None,
    state: StateOpt = None,
    explain: ExplainOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Which exams you can sit for, route by route, and exactly what is missing for the others.

    Give a profile or cohort with --profile, or describe one person with the shorthand flags;
    what the flags leave unsaid is unknown. A CSV cohort uses flat column names (name,
    education.highest, programs.0.field, experience.0.started, credentials.0.id, ...): an
    empty cell is unknown, and `none` in a list column (experience) means an empty list.
    Exit 3 when some people of a cohort are invalid (the others are still evaluated and
    printed).

    Example: certadvisor eligible cma-aama rma-amt --diploma --experience-months 14
    """
    # The engine and its Pydantic models are imported only when the command runs, not for
    # `--help` or a usage error (they cost tens of milliseconds).
    from certadvisor.catalog.states import check_state
    from certadvisor.eligibility import Assertions, Report, Subject
    from certadvisor.render.eligibility import eligibility_rendering

    loaded = catalog(ctx)
    chosen = loaded.tracks(tracks or None)
    claims = Assertions(
        diploma=diploma,
        degree=degree,
        program=program,
        experience_months=experience_months,
        military=military,
        credentials=_resolve_all(loaded.resolve, credential or []),
    )
    _check_claims(claims, profile is not None)
    code = check_state(state) if state else None
    if profile is not None:
        report = _cohort(chosen, profile, loaded.resolve, as_of, code)
    else:
        if claims.is_empty():
            note(
                ctx,
                "No --profile or flags given: every condition is unknown. "
                "Try --diploma, --program or --experience-months N.",
            )
        report = Report(chosen, [Subject("you", None, claims, resolve_as_of(as_of), code)])
    rendering = eligibility_rendering(
        report, loaded.data_as_of, lambda: _states(report), explain=explain
    )
    if profile is None:
        emit(ctx, rendering, fmt, output)
    else:
        _emit_cohort(ctx, report, rendering, fmt, output)
    _fail_on_problems(ctx, report, profile)


def _emit_cohort(
    ctx: typer.Context,
    report: "Report",
    rendering: "Rendering",
    fmt: FormatOpt,
    output: str | None,
) -> None:
    """Emit, with a progress bar while a big cohort is evaluated (never over its own output)."""
    import sys

    if not sys.stderr.isatty():  # no bar to show: nothing to work out ahead
        emit(ctx, rendering, fmt, output)
        return
    from certadvisor.render.progress import slow_work

    with slow_work("Evaluating the cohort", state(ctx).no_color):
        if output not in (None, "-"):
            emit(ctx, rendering, fmt, output)
            return
        if fmt is None:
            report.briefs()  # what the grid shows, worked out before it is printed
    emit(ctx, rendering, fmt, output)


def _cohort(
    tracks: "list[Track]",
    path: Path,
    resolve: Callable[[str], str],
    as_of: dt.date | None,
    code: str | None,
) -> "Report":
    """The people of a profile or cohort file, validated as they are evaluated.

    A one-person file that does not validate is simply an invalid file: its problem lines
    and a hint, nothing on stdout (a cohort still prints the people that are valid).
    """
    from certadvisor.eligibility import Report, Subject
    from certadvisor.profiles import scan_profiles

    scan = scan_profiles(path, resolve)

    def admit(entry: object) -> tuple[Subject | None, list[str]]:
        person, found = scan.admit(entry)
        if person is None:
            return None, found
        p = person.profile
        when = resolve_as_of(as_of, p.as_of)
        return Subject(person.label, p.name, p, when, code or p.state), found

    if scan.single:
        subject, found = admit(scan.entries[0])
        if subject is None or found:
            raise InvalidInputError(
                found[0],
                "Fix it and run again (`certadvisor data schema profile` shows the format).",
                found,
            )
        return Report(tracks, [subject])
    return Report(
        tracks, pending=scan.entries, admit=admit, problems=scan.problems, locate=scan.locate
    )


def _states(report: "Report") -> "list[StateBlock]":
    """Each state of the report's people: code, name and the notes on the tracks shown."""
    from certadvisor.catalog.states import state_block

    categories = [str(t.category) for t in report.tracks]
    ids = [t.id for t in report.tracks]
    codes = dict.fromkeys(s.state for s in report.subjects() if s.state)
    return [state_block(code, categories, ids) for code in codes]


def _fail_on_problems(ctx: typer.Context, report: "Report", profile: Path | None) -> None:
    """Name the invalid people of a cohort on stderr and exit 3 (after the others printed).

    Two people of one name are warned about: a handout could mix them up.
    """
    names = [s.label for s in report.subjects()] if report.people() < 5000 else []
    seen: set[str] = set()
    for label in names:
        key = label.casefold()
        if key in seen:
            note(ctx, f"Warning: more than one person is named {label!r}; tell them apart.")
        seen.add(key)
    problems = report.problems()
    if problems:
        for line in problems:
            note(ctx, line)
        raise InvalidInputError(
            f"{plural(len(problems), 'problem')} in {profile}; "
            f"{plural(report.people(), 'valid person')} "
            f"{'was' if report.people() == 1 else 'were'} evaluated",
            "Fix the rows or people named above and run again (or `certadvisor data validate`).",
        )


def _resolve_all(resolve: Callable[[str], str], ids: list[str]) -> tuple[str, ...]:
    """Credential ids as track ids; an unknown one is a usage error naming --credential."""
    out = []
    for raw in ids:
        try:
            out.append(resolve(raw))
        except CertAdvisorError as exc:
            raise UsageError(f"--credential: {exc.message}", exc.hint) from None
    return tuple(out)


def _check_claims(claims: "Assertions", with_profile: bool) -> None:
    """The shorthand flags must not contradict each other or come with a profile."""
    if with_profile and not claims.is_empty():
        raise UsageError(
            "--profile cannot be combined with the shorthand flags",
            "Put those facts in the profile file, or leave out --profile.",
        )
    if claims.diploma is False and claims.degree not in (None, EducationLevel.NONE):
        raise UsageError(f"--no-diploma contradicts --degree {claims.degree}")
    if claims.diploma is True and claims.degree == EducationLevel.NONE:
        raise UsageError("--diploma contradicts --degree none")
