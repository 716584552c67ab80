"""`certadvisor recommend`: rank tracks for a person's goal, setting, budget, time and state."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from certadvisor.cli.common import catalog, emit
from certadvisor.cli.common import state as state_of
from certadvisor.cli.inputs import people_of, pick_person, resolve_as_of
from certadvisor.cli.options import (
    AsOfOpt,
    BudgetOpt,
    FormatOpt,
    MemberOpt,
    MonthsOpt,
    OutputOpt,
    PersonOpt,
    ProfileOpt,
    SettingOpt,
    StateOpt,
)
from certadvisor.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from certadvisor.eligibility.engine import Evaluator
    from certadvisor.guidance.compare import PayBrief
    from certadvisor.guidance.recommend import Request
    from certadvisor.models.catalog import Track
    from certadvisor.models.path import PersonPath
    from certadvisor.models.profile import Profile

GoalOpt = Annotated[
    str | None,
    typer.Option(metavar="GOAL", help="clinical, laboratory or either.", show_default=False),
]
WeighPayOpt = Annotated[
    bool,
    typer.Option(
        "--weigh-pay",
        help="Weigh what the work pays (the state's median, else the national one) as a "
        "factor of the score; off unless asked.",
    ),
]
NoInputOpt = Annotated[
    bool, typer.Option("--no-input", help="Never ask; a missing option is an error.")
]


def _stdin_is_terminal() -> bool:
    """Whether questions can be asked (tests replace this)."""
    return sys.stdin.isatty()


def recommend(
    ctx: typer.Context,
    goal: GoalOpt = None,
    setting: SettingOpt = None,
    budget: BudgetOpt = None,
    months: MonthsOpt = None,
    state: StateOpt = None,
    profile: ProfileOpt = None,
    person: PersonOpt = None,
    member: MemberOpt = False,
    as_of: AsOfOpt = None,
    no_input: NoInputOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    weigh_pay: WeighPayOpt = False,
) -> None:
    """Rank tracks for your goal, setting, budget, time, state and (with --profile) eligibility.

    On a terminal with no options it asks the questions; with --no-input or piped input it
    never asks and names what is missing.

    Example: certadvisor recommend --goal clinical --setting hospital --budget 300 --months 12
    """
    # Lazy: the engine and its pydantic models load only when the command runs, so that
    # `certadvisor --help` (which imports every command module) stays quick.
    from certadvisor.catalog.states import check_state, state_block, state_notes
    from certadvisor.eligibility.engine import Evaluator
    from certadvisor.guidance.recommend import held_ids, rank_tracks, with_paths
    from certadvisor.render.recommend import recommend_rendering

    answers: dict[str, Any] = dict(
        goal=goal, setting=setting, budget=budget, months=months, state=state
    )
    if goal is None:
        answers |= _asked(ctx, no_input, ask_all=_nothing_given(answers, profile))
    loaded = catalog(ctx)
    people = people_of(loaded, profile)
    someone = pick_person(people, person) if people else None
    code = answers["state"] or (someone.profile.state if someone else None)
    code = check_state(code) if code else None
    request = _request(answers, code, member, someone.label if someone else None)
    request = request.model_copy(update={"weigh_pay": weigh_pay})
    tracks = loaded.tracks()
    when = resolve_as_of(as_of, someone.profile.as_of if someone else None)
    # one compiled evaluator for the summaries (without dates) and the paths (with)
    evaluator = Evaluator(tracks) if someone else None
    views = (
        {s.track: s for s in evaluator.briefs(someone.profile, when)}
        if evaluator is not None and someone is not None
        else None
    )
    held = held_ids(someone.profile) if someone else set()
    every = loaded.tracks(with_state=True) if code else []
    pay = _pay(tracks, code) if weigh_pay else None
    rec = rank_tracks(
        tracks, request, state_notes(code) if code else None, views, held, every, pay=pay
    )
    if someone is not None and evaluator is not None:
        rec = with_paths(rec, _paths(tracks, someone.profile, when, member, evaluator))
    ranked = rec.ranking
    block = (
        state_block(code, [r.category for r in ranked], [r.track for r in ranked]) if code else None
    )
    emit(ctx, recommend_rendering(rec, loaded.data_as_of, block), fmt, output)


def _pay(tracks: "list[Track]", code: str | None) -> "dict[str, PayBrief]":
    """Each track's pay in the state (else nationally), where the wage table maps it."""
    # Lazy: the wage table loads only when pay is weighed.
    from certadvisor.catalog.wages import pay_for
    from certadvisor.guidance.compare import pay_brief

    found = {t.id: pay_for(t.id, code) for t in tracks}
    return {i: pay_brief(p, code) for i, p in found.items() if p is not None}


def _paths(
    tracks: "list[Track]",
    profile: "Profile",
    when: "dt.date",
    member: bool,
    evaluator: "Evaluator",
) -> "dict[str, PersonPath]":
    """The person's path to each track (its earliest hold month and its whole cost)."""
    from certadvisor.catalog.programs import program_table
    from certadvisor.guidance.path import person_paths

    standings = evaluator.standings(profile, when)
    return person_paths(tracks, profile, when, program_table(), member=member, standings=standings)


def _request(
    answers: dict[str, Any], code: str | None, member: bool, person: str | None
) -> "Request":
    """What the person asked for, parsed from the options and answers."""
    # Lazy, as in recommend().
    from certadvisor.guidance.recommend import Request, parse_goal, parse_setting

    return Request(
        goal=parse_goal(answers["goal"]),
        setting=parse_setting(answers["setting"]) if answers["setting"] else None,
        budget=answers["budget"],
        months=answers["months"],
        state=code,
        member=member,
        person=person,
    )


def _nothing_given(answers: dict[str, Any], profile: Path | None) -> bool:
    return all(v is None for v in answers.values()) and profile is None


def _asked(ctx: typer.Context, no_input: bool, ask_all: bool) -> dict[str, object]:
    """The answers to recommend's questions, or a usage error when none may be asked."""
    if no_input or not _stdin_is_terminal():
        raise UsageError(
            "missing option --goal (clinical, laboratory or either)",
            "recommend asks no questions with --no-input or when stdin is not a terminal; "
            "give --goal (and optionally --setting, --budget, --months, --state).",
        )
    # Lazy: rich's prompts load only when a question is asked.
    from certadvisor.cli.prompts import ask_questions

    return ask_questions(ask_all=ask_all, no_color=state_of(ctx).no_color)
