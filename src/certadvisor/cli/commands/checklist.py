"""`certadvisor checklist TRACK`: the steps from choosing a track to keeping it."""

from pathlib import Path
from typing import Annotated

import typer

from certadvisor.cli.common import AsOfDateOpt, FormatOpt, OutputOpt, catalog, emit, note


def checklist(
    ctx: typer.Context,
    track: Annotated[str, typer.Argument(help="Track id or unambiguous abbreviation, e.g. CMA.")],
    profile: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Profile: ticks what you have done.")
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Whose progress (a cohort's person; default: me)."),
    ] = None,
    mark: Annotated[
        list[int] | None, typer.Option(metavar="N", help="Mark step N done (repeatable).")
    ] = None,
    unmark: Annotated[
        list[int] | None, typer.Option(metavar="N", help="Mark step N not done (repeatable).")
    ] = None,
    state: Annotated[
        str | None, typer.Option(metavar="XX", help="State code; adds its rules to step 1.")
    ] = None,
    member: Annotated[bool, typer.Option(help="Show member prices.")] = False,
    as_of: AsOfDateOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """The steps from choosing a track to keeping it, ticked from your profile and your marks.

    Example: certadvisor checklist cma-aama --profile me.yaml --mark 3 --format markdown
    """
    from certadvisor.catalog.dated import fees_on
    from certadvisor.cli.inputs import people_of, state_section
    from certadvisor.eligibility.evaluate import evaluate_track
    from certadvisor.errors import UsageError
    from certadvisor.guidance.advising import evaluation_date, pick_person
    from certadvisor.guidance.checklist import STEP_COUNT, build_checklist
    from certadvisor.render.checklist import checklist_rendering
    from certadvisor.wallet.model import DEFAULT_PERSON
    from certadvisor.wallet.store import open_store

    loaded = catalog(ctx)
    chosen = loaded.track(track)
    changes = [(n, True) for n in mark or []] + [(n, False) for n in unmark or []]
    bad = [n for n, _ in changes if not 1 <= n <= STEP_COUNT]
    if bad:
        raise UsageError(f"there is no step {bad[0]}", f"Steps are numbered 1 to {STEP_COUNT}.")
    people = people_of(loaded, profile)
    someone = pick_person(people, person) if people else None
    who = person or (someone.label if someone else DEFAULT_PERSON)
    with open_store(create=bool(changes)) as store:
        for number, done in changes:
            changed = store.set_checklist_mark(who, chosen.id, number, done)
            verb = "marked" if done else "unmarked"
            note(ctx, f"step {number} {verb} for {who}" + ("" if changed else " (no change)"))
        marks = store.checklist_marks(who, chosen.id)
    when = evaluation_date(someone, as_of.date() if as_of else None)
    chosen = fees_on(chosen, when)  # the fees in force on that date
    result = evaluate_track(chosen, someone.profile, when) if someone else None
    code = state or (someone.profile.state if someone else None)
    section = state_section(code, [str(chosen.category)], [chosen.id])
    built = build_checklist(
        chosen,
        someone.profile if someone else None,
        result,
        marks,
        section[2] if section else (),
        member=member,
        as_of=when if someone else None,
        person=who,
    )
    emit(ctx, checklist_rendering(built, loaded.data_as_of), fmt, output)
