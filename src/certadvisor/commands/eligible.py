"""`certadvisor eligible [TRACK...]`: every route of every track for one profile or a cohort."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.commands._common import FormatOpt, OutputOpt, catalog, emit, note
from certadvisor.models.vocab import EducationLevel

if TYPE_CHECKING:
    from certadvisor.catalog import LoadedCatalog
    from certadvisor.eligibility import Assertions


def eligible(
    ctx: typer.Context,
    tracks: Annotated[
        list[str] | None,
        typer.Argument(
            help="Track ids or abbreviations (default: every track).", show_default=False
        ),
    ] = None,
    profile: Annotated[
        Path | None,
        typer.Option(
            "--profile", help="Profile (YAML) or cohort (YAML profiles: or CSV).", metavar="FILE"
        ),
    ] = None,
    diploma: Annotated[
        bool | None,
        typer.Option(
            "--diploma/--no-diploma",
            help="A high-school diploma or GED at least / none.",
            show_default=False,
        ),
    ] = None,
    program: Annotated[
        bool | None,
        typer.Option(
            "--program/--no-program",
            show_default=False,
            help="Finished the accredited training program of each track checked, within "
            "its recency window / no such program (finished or under way).",
        ),
    ] = None,
    degree: Annotated[
        EducationLevel | None,
        typer.Option("--degree", help="Highest education completed.", case_sensitive=False),
    ] = None,
    experience_months: Annotated[
        float | None,
        typer.Option(
            "--experience-months",
            min=0,
            metavar="N",
            help="Months of full-time work in each track's field, up to now.",
        ),
    ] = None,
    credential: Annotated[
        list[str] | None,
        typer.Option("--credential", metavar="ID", help="A credential you hold (repeatable)."),
    ] = None,
    military: Annotated[
        bool | None,
        typer.Option(
            "--military/--no-military",
            show_default=False,
            help="Trained in a US military medical program.",
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            metavar="DATE",
            help="Evaluation date (default: the profile's as_of, else today).",
        ),
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", metavar="XX", help="Add this state's rules.")
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Which exams you can sit for, route by route, and exactly what is missing for the others.

    Give a profile or cohort with --profile, or describe one person with the shorthand flags;
    what the flags leave unsaid is unknown. Exit 3 when some people of a cohort are invalid
    (the others are still evaluated and printed).

    Example: certadvisor eligible cma-aama rma-amt --diploma --experience-months 14
    """
    from certadvisor.eligibility import Assertions, Report, Subject
    from certadvisor.errors import InvalidInputError
    from certadvisor.render.eligibility import eligibility_rendering, state_blocks
    from certadvisor.states import check_state

    loaded = catalog(ctx)
    chosen = loaded.tracks(tracks or None)
    claims = Assertions(
        diploma=diploma,
        degree=degree,
        program=program,
        experience_months=experience_months,
        military=military,
        credentials=_resolve_all(loaded, credential or []),
    )
    _check_claims(claims, profile is not None)
    code = check_state(state) if state else None
    day = as_of.date() if as_of else None
    today = dt.date.today()
    problems: list[str] = []
    if profile is not None:
        from certadvisor.profiles import read_profiles

        batch = read_profiles(profile, loaded.resolve)
        problems = batch.problems
        subjects = [
            Subject(
                p.label,
                p.profile.name,
                p.profile,
                day or p.profile.as_of or today,
                code or p.profile.state,
            )
            for p in batch.people
        ]
    else:
        if claims.is_empty():
            note(
                ctx,
                "No --profile or flags given: every condition is unknown. "
                "Try --diploma, --program or --experience-months N.",
            )
        subjects = [Subject("you", None, claims, day or today, code)]
    states = state_blocks([s.state for s in subjects if s.state], chosen)
    emit(
        ctx, eligibility_rendering(Report(chosen, subjects), loaded.data_as_of, states), fmt, output
    )
    if problems:
        for line in problems:
            note(ctx, line)
        raise InvalidInputError(
            f"{len(problems)} problem(s) in {profile}; {len(subjects)} valid people were evaluated",
            "Fix the rows or people named above and run again (or `certadvisor data validate`).",
        )


def _resolve_all(loaded: "LoadedCatalog", ids: list[str]) -> tuple[str, ...]:
    from certadvisor.errors import CertAdvisorError, UsageError

    out = []
    for raw in ids:
        try:
            out.append(loaded.resolve(raw))
        except CertAdvisorError as exc:
            raise UsageError(f"--credential: {exc.message}", exc.hint) from None
    return tuple(out)


def _check_claims(claims: "Assertions", with_profile: bool) -> None:
    from certadvisor.errors import UsageError

    if with_profile and not claims.is_empty():
        raise UsageError(
            "--profile cannot be combined with the shorthand flags",
            "Put those facts in the profile file, or leave out --profile.",
        )
    if claims.diploma is False and claims.degree not in (None, EducationLevel.NONE):
        raise UsageError(f"--no-diploma contradicts --degree {claims.degree}")
