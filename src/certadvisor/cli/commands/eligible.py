"""`certadvisor eligible [TRACK...]`: every route of every track for one profile or a cohort."""

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.clicks import Command, flag_with_value
from certadvisor.cli.common import catalog, emit, note, state
from certadvisor.cli.inputs import (
    duty_list,
    is_field_word,
    is_military_word,
    military_training,
    program_fields,
    resolve_as_of,
)
from certadvisor.cli.options import (
    AsOfOpt,
    HandoutFormatOpt,
    OutputOpt,
    PersonOpt,
    ProfileOpt,
    StateOpt,
    TracksArg,
    day_opt,
)
from certadvisor.errors import CertAdvisorError, InvalidInputError, UsageError
from certadvisor.models.vocab import EducationLevel
from certadvisor.text import plural

if TYPE_CHECKING:
    from certadvisor.eligibility import Assertions, Report, Subject
    from certadvisor.models.catalog import Track
    from certadvisor.models.states import StateBlock
    from certadvisor.profiles.load import Scan
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
        help="Finished an accredited training program within its recency window: "
        "--program FIELD (medical_assisting, phlebotomy, mlt, mls, patient_care, ekg; a comma "
        "list) counts it for the tracks of that field; bare --program for each track checked "
        "/ no such program (finished or under way).",
    ),
]
# Filled by `--program FIELD` and `--military FIELD[:DATE]` (see adjust_command).
ProgramFieldOpt = Annotated[list[str] | None, typer.Option("--program-field", hidden=True)]
MilitaryFieldOpt = Annotated[list[str] | None, typer.Option("--military-field", hidden=True)]
BirthDateOpt = Annotated[dt.date | None, day_opt("--birth-date", "Date of birth (for age rules).")]
AgeOpt = Annotated[
    int | None,
    typer.Option("--age", min=0, max=130, metavar="N", help="Age in years (for age rules)."),
]
DutiesOpt = Annotated[
    str | None,
    typer.Option(
        "--duties",
        metavar="LIST",
        help="Duties of that work, e.g. clinical,administrative (needs --experience-months).",
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
        help="Trained in a US military medical program; --military FIELD[:DATE] says its field "
        "and when it ended (bare, conditions on either stay unknown).",
    ),
]
BlankMeansNoneOpt = Annotated[
    bool,
    typer.Option(
        "--blank-means-none",
        help="In a CSV cohort, an empty cell means none (no programs, jobs, credentials, "
        "procedures, military training; education none) instead of unknown.",
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
    birth_date: BirthDateOpt = None,
    age: AgeOpt = None,
    duties: DutiesOpt = None,
    blank_means_none: BlankMeansNoneOpt = False,
    program_field: ProgramFieldOpt = None,
    military_field: MilitaryFieldOpt = None,
    as_of: AsOfOpt = None,
    state: StateOpt = None,
    person: PersonOpt = None,
    explain: ExplainOpt = False,
    fmt: HandoutFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Which exams you can sit for, route by route, and exactly what is missing for the others.

    Give a profile or cohort with --profile, or describe one person with the shorthand flags;
    what the flags leave unsaid is unknown. A CSV cohort uses flat column names (name,
    education.highest, programs.0.field, experience.0.started, credentials.0.id, ...): an
    empty cell is unknown, and `none` in a list column (experience) means an empty list;
    several values in one cell (accreditation, state_approved, duties) are separated by | or ;.
    Exit 3 when some people of a cohort are invalid (the others are still evaluated and
    printed).

    Example: certadvisor eligible cma-aama rma-amt --diploma --experience-months 14

    Example: certadvisor eligible --diploma --program phlebotomy --age 17

    Example: certadvisor eligible --profile class.csv --person "Dana Reyes" --explain
    """
    # The engine and its Pydantic models are imported only when the command runs, not for
    # `--help` or a usage error (they cost tens of milliseconds).
    from certadvisor.catalog.states import check_state
    from certadvisor.eligibility import Assertions, Report, Subject
    from certadvisor.render.eligibility import eligibility_rendering

    loaded = catalog(ctx)
    chosen = loaded.tracks(tracks or None)
    trained = military_training(military_field) if military_field else (None, None)
    # Built without validation (which would build the model's schema on every run): Typer
    # has already checked each flag's type and bounds (--age 0-130, --experience-months >= 0).
    claims = Assertions.model_construct(
        diploma=diploma,
        degree=degree,
        program=program,
        experience_months=experience_months,
        military=military,
        credentials=_resolve_all(loaded.resolve, credential or []),
        program_fields=program_fields(program_field) if program_field else None,
        birth_date=birth_date,
        age=age,
        duties=duty_list(duties) if duties is not None else None,
        military_field=trained[0],
        military_date=trained[1],
    )
    _check_claims(claims, profile is not None)
    if program and claims.program_fields is None:
        note(
            ctx,
            "--program was taken as a program for each track checked; say --program FIELD "
            "(e.g. --program phlebotomy) for the one you finished.",
        )

    def every() -> "list[Track]":
        return loaded.tracks(with_state=True)

    code = check_state(state) if state else None
    if person is not None and profile is None:
        raise UsageError("--person picks one person of a --profile cohort file; give --profile")
    if profile is not None:
        report = _cohort(
            chosen,
            profile,
            loaded.resolve,
            as_of,
            code,
            every,
            blank_means_none=blank_means_none,
            name=person,
        )
    else:
        if claims.is_empty():
            note(
                ctx,
                "No --profile or flags given: every condition is unknown. "
                "Try --diploma, --program or --experience-months N.",
            )
        subject = Subject("you", None, claims, resolve_as_of(as_of), code)
        report = Report(chosen, [subject], state_catalog=every)
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
    fmt: HandoutFormatOpt,
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
    every: "Callable[[], list[Track]]" = list,
    blank_means_none: bool = False,
    name: str | None = None,
) -> "Report":
    """The people of a profile or cohort file, validated as they are evaluated; with
    ``name``, the one person of that name alone.

    A one-person file that does not validate is simply an invalid file: its problem lines
    and a hint, nothing on stdout (a cohort still prints the people that are valid).
    """
    from certadvisor.eligibility import Report, Subject
    from certadvisor.profiles import scan_profiles

    # a big YAML cohort's people are parsed by the workers that evaluate them
    scan = scan_profiles(path, resolve, blank_means_none=blank_means_none, defer=name is None)

    def admit(entry: object) -> tuple[Subject | None, list[str]]:
        person, found = scan.admit(entry)
        if person is None:
            return None, found
        p = person.profile
        when = resolve_as_of(as_of, p.as_of)
        return Subject(person.label, p.name, p, when, code or p.state), found

    if name is not None:
        subject, found = _named(scan, name, admit)
    elif scan.single:
        subject, found = admit(scan.entries[0])
    if name is not None or scan.single:
        if subject is None or found:
            raise InvalidInputError(
                found[0],
                "Fix it and run again (`certadvisor data schema profile` shows the format).",
                found,
            )
        return Report(tracks, [subject], state_catalog=every)
    deferred = scan.deferred
    return Report(
        tracks,
        pending=deferred.people if deferred else scan.entries,
        admit=admit,
        problems=scan.problems,
        locate=scan.locate,
        state_catalog=every,
        prepare=deferred.prepare if deferred else None,
        reread=deferred.read if deferred else None,
    )


def _named(
    scan: "Scan",
    name: str,
    admit: "Callable[[object], tuple[Subject | None, list[str]]]",
) -> "tuple[Subject | None, list[str]]":
    """The one valid person of the file with that name (case-insensitive), and their problems."""
    wanted = name.strip().casefold()
    labels: list[str] = []
    matches = []
    for entry in scan.entries:
        subject, found = admit(entry)
        if subject is None:
            continue
        labels.append(subject.label)
        if subject.label.casefold() == wanted:
            matches.append((subject, found))
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(labels[:10]) + (", ..." if len(labels) > 10 else "")
    raise UsageError(
        f"{'no' if not matches else 'more than one'} valid person named {name!r} in the "
        "profile file",
        f"People in it: {listed}." if labels else None,
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
    names = report.labels() if report.people() < 5000 else []
    counts = Counter(label.casefold() for label in names)
    first = {label.casefold(): label for label in reversed(names)}
    for key, count in counts.items():
        if count > 1:
            note(ctx, f"Warning: {count} people are named {first[key]!r}; tell them apart.")
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
    if claims.program is False and claims.program_fields:
        raise UsageError("--no-program contradicts --program FIELD")
    if claims.military is False and claims.military_field:
        raise UsageError("--no-military contradicts --military FIELD")
    if claims.birth_date is not None and claims.age is not None:
        raise UsageError("give --birth-date or --age, not both")
    if claims.duties is not None and claims.experience_months is None:
        raise UsageError(
            "--duties describes the work of --experience-months",
            "Give both, e.g. --experience-months 14 --duties administrative.",
        )


def adjust_command(command: Command) -> None:
    """`--program FIELD` and `--military FIELD[:DATE]`: the flags take a field when one follows."""
    flag_with_value(command, "--program", "program_field", is_field_word)
    flag_with_value(command, "--military", "military_field", is_military_word)
