"""`certadvisor recommend`: rank tracks for a person's goal, setting, budget, time and state."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from certadvisor.cli.common import AsOfDateOpt, FormatOpt, OutputOpt, catalog, emit
from certadvisor.cli.common import state as state_of
from certadvisor.errors import UsageError


def _stdin_is_terminal() -> bool:
    """Whether questions can be asked (tests replace this)."""
    return sys.stdin.isatty()


def recommend(
    ctx: typer.Context,
    goal: Annotated[
        str | None,
        typer.Option(metavar="GOAL", help="clinical, laboratory or either.", show_default=False),
    ] = None,
    setting: Annotated[
        str | None,
        typer.Option(metavar="SETTING", help="clinic, hospital, laboratory or public health."),
    ] = None,
    budget: Annotated[
        int | None, typer.Option(min=0, metavar="DOLLARS", help="Most you can pay to sit the exam.")
    ] = None,
    months: Annotated[
        float | None,
        typer.Option(
            min=0, metavar="MONTHS", help="Months you have until you want the credential."
        ),
    ] = None,
    state: Annotated[
        str | None, typer.Option(metavar="XX", help="Two-letter state code; adds its rules.")
    ] = None,
    profile: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Profile or cohort: adds eligibility.")
    ] = None,
    person: Annotated[
        str | None, typer.Option(metavar="NAME", help="Which person of a cohort file.")
    ] = None,
    member: Annotated[bool, typer.Option(help="Count member prices.")] = False,
    as_of: AsOfDateOpt = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; a missing option is an error.")
    ] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Rank tracks for your goal, setting, budget, time, state and (with --profile) eligibility.

    On a terminal with no options it asks the questions; with --no-input or piped input it
    never asks and names what is missing.

    Example: certadvisor recommend --goal clinical --setting hospital --budget 300 --months 12
    """
    from certadvisor.catalog.states import check_state, state_notes
    from certadvisor.cli.inputs import people_of, resolve_as_of, state_section
    from certadvisor.eligibility import summarize
    from certadvisor.guidance.advising import pick_person
    from certadvisor.guidance.recommend import (
        Request,
        held_ids,
        parse_goal,
        parse_setting,
        rank_tracks,
    )
    from certadvisor.render.recommend import recommend_rendering

    answers: dict[str, Any] = dict(
        goal=goal, setting=setting, budget=budget, months=months, state=state
    )
    if goal is None:
        if no_input or not _stdin_is_terminal():
            raise UsageError(
                "missing option --goal (clinical, laboratory or either)",
                "recommend asks no questions with --no-input or when stdin is not a terminal; "
                "give --goal (and optionally --setting, --budget, --months, --state).",
            )
        from certadvisor.render.recommend import ask_questions

        asked_nothing = all(v is None for v in answers.values()) and profile is None
        answers |= ask_questions(ask_all=asked_nothing, no_color=state_of(ctx).no_color)
    loaded = catalog(ctx)
    people = people_of(loaded, profile)
    someone = pick_person(people, person) if people else None
    code = answers["state"] or (someone.profile.state if someone else None)
    code = check_state(code) if code else None
    request = Request(
        goal=parse_goal(answers["goal"]),
        setting=parse_setting(answers["setting"]) if answers["setting"] else None,
        budget=answers["budget"],
        months=answers["months"],
        state=code,
        member=member,
        person=someone.label if someone else None,
    )
    tracks = loaded.tracks()
    when = resolve_as_of(as_of, someone.profile.as_of if someone else None)
    views = summarize(tracks, someone.profile, when) if someone else None
    held = held_ids(someone.profile) if someone else set()
    rec = rank_tracks(tracks, request, state_notes(code) if code else None, views, held)
    section = state_section(code, [r.category for r in rec.ranking], [r.track for r in rec.ranking])
    emit(ctx, recommend_rendering(rec, loaded.data_as_of, section), fmt, output)
