"""`certadvisor checklist TRACK`: the steps from choosing a track to keeping it."""

from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.common import catalog, emit, note
from certadvisor.cli.inputs import people_of, pick_person, resolve_as_of
from certadvisor.cli.options import (
    AsOfOpt,
    HandoutFormatOpt,
    MemberOpt,
    OutputOpt,
    PersonOpt,
    ProfileOpt,
    StateOpt,
    TrackArg,
)
from certadvisor.errors import UsageError

if TYPE_CHECKING:
    from certadvisor.wallet.store import WalletStore

MarkOpt = Annotated[
    list[int] | None, typer.Option(metavar="N", help="Mark step N done (repeatable).")
]
UnmarkOpt = Annotated[
    list[int] | None, typer.Option(metavar="N", help="Mark step N not done (repeatable).")
]


def checklist(
    ctx: typer.Context,
    track: TrackArg,
    profile: ProfileOpt = None,
    person: PersonOpt = None,
    mark: MarkOpt = None,
    unmark: UnmarkOpt = None,
    state: StateOpt = None,
    member: MemberOpt = False,
    as_of: AsOfOpt = None,
    fmt: HandoutFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """The steps from choosing a track to keeping it, ticked from your profile and your marks.

    Example: certadvisor checklist cma-aama --profile me.yaml --mark 3 --format markdown
    """
    # Lazy: the engine, its pydantic models and the wallet's sqlite3 load only when the
    # command runs, so that `certadvisor --help` (which imports every command) stays quick.
    from certadvisor.catalog.dated import fees_on
    from certadvisor.catalog.states import state_block
    from certadvisor.eligibility import evaluate_track
    from certadvisor.guidance.checklist import build_checklist
    from certadvisor.render.checklist import checklist_rendering
    from certadvisor.wallet.model import DEFAULT_PERSON
    from certadvisor.wallet.store import open_store

    loaded = catalog(ctx)
    chosen = loaded.track(track)
    changes = _changes(mark, unmark)
    people = people_of(loaded, profile)
    someone = pick_person(people, person) if people else None
    who = person or (someone.label if someone else DEFAULT_PERSON)
    with open_store(create=bool(changes)) as store:
        _apply_marks(ctx, store, who, chosen.id, changes)
        marks = store.checklist_marks(who, chosen.id)
    when = resolve_as_of(as_of, someone.profile.as_of if someone else None)
    chosen = fees_on(chosen, when)  # the fees in force on that date
    result = evaluate_track(chosen, someone.profile, when) if someone else None
    code = state or (someone.profile.state if someone else None)
    block = state_block(code, [str(chosen.category)], [chosen.id]) if code else None
    built = build_checklist(
        chosen,
        someone.profile if someone else None,
        result,
        marks,
        block.notes if block else (),
        member=member,
        as_of=when if someone else None,
        person=who,
    )
    emit(ctx, checklist_rendering(built, loaded.data_as_of), fmt, output)


def _changes(mark: list[int] | None, unmark: list[int] | None) -> list[tuple[int, bool]]:
    """The steps to mark done (True) or not done (False), each checked against the step count."""
    from certadvisor.models.guidance import STEP_COUNT  # lazy, as in checklist()

    changes = [(n, True) for n in mark or []] + [(n, False) for n in unmark or []]
    bad = [n for n, _ in changes if not 1 <= n <= STEP_COUNT]
    if bad:
        raise UsageError(f"there is no step {bad[0]}", f"Steps are numbered 1 to {STEP_COUNT}.")
    return changes


def _apply_marks(
    ctx: typer.Context, store: "WalletStore", who: str, track: str, changes: list[tuple[int, bool]]
) -> None:
    """Save the marks, saying on stderr what changed."""
    for number, done in changes:
        changed = store.set_checklist_mark(who, track, number, done)
        verb = "marked" if done else "unmarked"
        note(ctx, f"step {number} {verb} for {who}" + ("" if changed else " (no change)"))
