"""`wallet renew`, `wallet pay`, `wallet audit` and `wallet verify`: what was done for a
credential, and the packet an auditor gets."""

from pathlib import Path
from typing import Annotated

import typer

from certadvisor.cli.commands.wallet_options import (
    PersonOpt,
    checked_flag,
    past_day_flag,
    rules_lookup,
)
from certadvisor.cli.common import catalog, emit, note
from certadvisor.cli.options import DayOpt, FormatOpt, OutputOpt, TrackArg
from certadvisor.errors import DomainError
from certadvisor.text import plural
from certadvisor.wallet import open_store, parse_day

_CredentialArg = Annotated[str, typer.Argument(help="A held track (id or abbreviation).")]


def _rules(ctx: typer.Context, track: str):  # type: ignore[no-untyped-def]
    loaded = catalog(ctx)
    track_id = loaded.resolve(track)
    rules = rules_lookup(loaded)(track_id)
    assert rules is not None
    return loaded, rules


def renew(
    ctx: typer.Context,
    credential: TrackArg,
    filed: Annotated[
        str, typer.Option("--filed", help="Date the renewal was filed.", metavar="YYYY-MM-DD")
    ],
    fee: Annotated[
        float | None, typer.Option("--fee", help="Renewal fee paid.", metavar="AMOUNT")
    ] = None,
    person: PersonOpt = "me",
) -> None:
    """Mark a renewal as filed: the next cycle starts, and the history of cycles is kept.

    Example: certadvisor wallet renew CMA --filed 2029-05-02 --fee 125
    """
    from certadvisor.wallet.lifecycle import check_fee, renewed_short
    from certadvisor.wallet.lifecycle import renew as renew_credential

    _, rules = _rules(ctx, credential)
    day = past_day_flag("--filed", filed)
    paid = checked_flag("--fee", lambda: check_fee(fee)) if fee is not None else None
    with open_store(create=False) as store:
        done = renew_credential(store, person, rules, day, paid)
        short = renewed_short(store, person, rules, done)
    note(
        ctx,
        f"Marked the {rules.abbreviation} renewal of cycle {done.cycle_index + 1} "
        f"({done.start} → {done.end}) as filed on {day}. Cycle {done.cycle_index + 2} runs "
        f"{done.next_start} → {done.next_end}.",
    )
    if short:
        note(
            ctx,
            f"Warning: the wallet's CE for that cycle ({done.start} → {day}) falls short of "
            f"what {rules.abbreviation} asks: {short}. If you earned it, add it with "
            "`certadvisor wallet ce add` (dated within the cycle): an audit asks for it.",
        )


def pay(
    ctx: typer.Context,
    credential: TrackArg,
    annual_fee: Annotated[
        str,
        typer.Option("--annual-fee", help="Date the annual fee was paid.", metavar="YYYY-MM-DD"),
    ],
    due: Annotated[
        str | None,
        typer.Option(
            "--due", help="The due date it pays (default: the unpaid one nearest).", metavar="DATE"
        ),
    ] = None,
    amount: Annotated[
        float | None, typer.Option("--amount", help="Amount paid.", metavar="AMOUNT")
    ] = None,
    person: PersonOpt = "me",
) -> None:
    """Mark an annual fee as paid; status and the calendar stop reminding of it.

    Example: certadvisor wallet pay RMA --annual-fee 2026-11-20
    """
    from certadvisor.wallet.lifecycle import check_fee, pay_annual

    _, rules = _rules(ctx, credential)
    if not any(f.kind == "annual" for f in rules.fees):
        raise DomainError(
            f"{rules.abbreviation} has no annual fee in the catalog: there is nothing to mark paid",
            f"`certadvisor show {rules.id}` lists its fees.",
        )
    day = past_day_flag("--annual-fee", annual_fee)
    due_day = checked_flag("--due", lambda: parse_day(due)) if due else None
    paid = checked_flag("--amount", lambda: check_fee(amount)) if amount is not None else None
    with open_store(create=False) as store:
        done = pay_annual(store, person, rules.id, day, due=due_day, amount=paid)
    note(ctx, f"Marked the {rules.abbreviation} annual fee due {done.due} as paid on {day}.")


def audit(
    ctx: typer.Context,
    credential: TrackArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The zip to write.", metavar="FILE")
    ],
    cycle: Annotated[
        int | None,
        typer.Option("--cycle", min=1, help="Cycle number (1 = from earned).", metavar="N"),
    ] = None,
    as_of: DayOpt = None,
    person: PersonOpt = "me",
) -> None:
    """A zip for an auditor: the cycle's certificates, a SHA-256 manifest and a summary in
    markdown, HTML and CSV.

    Example: certadvisor wallet audit RMA --cycle 1 -o rma-audit.zip
    """
    from certadvisor import __version__
    from certadvisor.cli.commands.wallet_options import as_of_flag
    from certadvisor.render.wallet_audit import audit_texts
    from certadvisor.wallet.audit import build_audit, write_packet
    from certadvisor.wallet.store import now_stamp

    loaded, rules = _rules(ctx, credential)
    day = as_of_flag(as_of)
    files = [Path(f).name for f in loaded.sources]
    stamp = now_stamp()
    with open_store(create=False) as store:
        summary, certs = build_audit(
            store, rules, person, cycle, day, (stamp, __version__, loaded.data_as_of, files)
        )
    count = write_packet(output, stamp, certs, audit_texts(summary))
    missing = sum(1 for e in summary.entries if e.missing)
    note(
        ctx,
        f"Wrote {output}: cycle {summary.cycle} ({summary.start} → {summary.end}), "
        f"{plural(len(summary.entries), 'activity', 'activities')}, "
        f"{plural(len(certs), 'certificate')}, {count} files hashed.",
    )
    if missing:
        note(ctx, f"Warning: {missing} certificate file(s) are missing from the wallet's folder.")


def verify(
    ctx: typer.Context,
    packet: Annotated[Path, typer.Argument(help="A zip written by `wallet audit`.")],
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Check every file of an audit packet against its SHA-256 manifest (exit 1 if any differ).

    Example: certadvisor wallet verify rma-audit.zip
    """
    from certadvisor.errors import DomainError
    from certadvisor.render.wallet_audit import verify_rendering
    from certadvisor.wallet.audit import verify_packet

    result = verify_packet(packet)
    emit(ctx, verify_rendering(result), fmt, output)
    if not result.ok:
        bad = sum(1 for c in result.files if not c.ok)
        raise DomainError(f"{packet}: {bad} file(s) do not match the manifest")
