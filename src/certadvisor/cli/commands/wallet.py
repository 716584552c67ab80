"""`certadvisor wallet ...`: credentials held, CE earned and renewal deadlines, kept locally."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.common import (
    FormatChoiceIcs,
    FormatIcsOpt,
    FormatOpt,
    OutputOpt,
    catalog,
    emit,
    note,
)

if TYPE_CHECKING:
    import datetime as dt

    from certadvisor.catalog.loader import LoadedCatalog
    from certadvisor.wallet.results import WalletStatus

app = typer.Typer(
    rich_markup_mode="markdown",
    help="Credentials held, CE earned and renewal deadlines, kept in a local SQLite file "
    "(CERTADVISOR_HOME or the platform's user data folder).\n\n"
    "Example: certadvisor wallet status --all",
    no_args_is_help=True,
)
ce_app = typer.Typer(
    rich_markup_mode="markdown",
    help="Continuing-education activities, each counted toward one credential.\n\n"
    "Example: certadvisor wallet ce list --credential CMA",
    no_args_is_help=True,
)
app.add_typer(ce_app, name="ce")


def _person(value: str) -> str:
    from certadvisor.wallet.checks import check_person

    try:
        return check_person(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PersonOpt = Annotated[
    str,
    typer.Option(
        "--person",
        "-p",
        help="Whose wallet: several people can share one store.",
        metavar="NAME",
        callback=_person,
    ),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Everyone in the wallet (a caseload).")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Work out the cycle on this date (default today).", metavar="YYYY-MM-DD"
    ),
]
TrackArg = Annotated[str, typer.Argument(help="Track id or unambiguous abbreviation, e.g. CMA.")]


def _as_of(text: str | None) -> "dt.date":
    import datetime as dt

    from certadvisor.wallet.checks import parse_day
    from certadvisor.wallet.service import checked_flag

    return dt.date.today() if text is None else checked_flag("--as-of", lambda: parse_day(text))


def _status(
    ctx: typer.Context, person: str, everyone: bool, as_of: str | None
) -> "tuple[LoadedCatalog, WalletStatus]":
    """The catalog and the wallet's status on the day --as-of names (status, calendar)."""
    from certadvisor.wallet.service import wallet_status
    from certadvisor.wallet.store import open_store

    day = _as_of(as_of)
    loaded = catalog(ctx)
    with open_store(create=False) as store:
        return loaded, wallet_status(store, loaded, None if everyone else person, day)


def _names(ctx: typer.Context) -> dict[str, str]:
    return {s.id: s.abbreviation for s in catalog(ctx).summaries}


@app.command("add")
def add(
    ctx: typer.Context,
    track: TrackArg,
    earned: Annotated[
        str, typer.Option("--earned", help="Date earned or last recertified.", metavar="YYYY-MM-DD")
    ],
    number: Annotated[
        str | None, typer.Option("--number", help="Certificate number.", metavar="ID")
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Change the date or number of a credential already held (its CE is kept).",
        ),
    ] = False,
    person: PersonOpt = "me",
) -> None:
    """Record a credential held, to follow its renewal.

    Example: certadvisor wallet add cma-aama --earned 2024-06-15 --number 123456
    """
    from certadvisor.wallet.checks import clean_text
    from certadvisor.wallet.records import add_credential
    from certadvisor.wallet.service import checked_flag, day_flag
    from certadvisor.wallet.store import open_store

    track_id = catalog(ctx).resolve(track)
    day = day_flag("--earned", earned)
    num = checked_flag("--number", lambda: clean_text(number, max_len=64))
    with open_store() as store:
        held = add_credential(store, person, track_id, day, num, replace=replace)
    note(ctx, f"{'Updated' if replace else 'Added'} {track_id} for {held.person}, earned {day}.")


@app.command("list")
def list_(
    ctx: typer.Context,
    person: PersonOpt = "me",
    everyone: AllOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """The credentials held by one person, or by everyone with --all.

    Example: certadvisor wallet list --all --format csv
    """
    from certadvisor.render.wallet import list_rendering
    from certadvisor.wallet.records import held_credentials
    from certadvisor.wallet.store import open_store

    with open_store(create=False) as store:
        people = held_credentials(store, None if everyone else person)
    emit(ctx, list_rendering(people, _names(ctx), catalog(ctx).data_as_of), fmt, output)


@app.command("remove")
def remove(
    ctx: typer.Context,
    track: TrackArg,
    with_ce: Annotated[bool, typer.Option("--with-ce", help="Also delete its CE entries.")] = False,
    person: PersonOpt = "me",
) -> None:
    """Delete a credential from the wallet (refused while it has CE, unless --with-ce).

    Example: certadvisor wallet remove rma-amt
    """
    from certadvisor.errors import UnknownTrackError
    from certadvisor.wallet.records import remove_credential
    from certadvisor.wallet.store import open_store

    try:
        track_id = catalog(ctx).resolve(track)
    except UnknownTrackError:
        track_id = track.strip().lower()  # a track since dropped from the catalog
    with open_store(create=False) as store:
        removed = remove_credential(store, person, track_id, with_ce=with_ce)
    note(ctx, f"Removed {track_id}" + (f" and {removed} CE entries." if removed else "."))


@ce_app.command("add")
def ce_add(
    ctx: typer.Context,
    credential: Annotated[
        str, typer.Option("--credential", help="The held track it counts for.", metavar="TRACK")
    ],
    points: Annotated[
        float, typer.Option("--points", help="Points, CEUs or hours earned.", metavar="N")
    ],
    category: Annotated[
        str,
        typer.Option(
            "--category",
            help="A CE category of that credential (`general` when it has none).",
            metavar="CAT",
        ),
    ],
    date: Annotated[
        str, typer.Option("--date", help="When it was completed.", metavar="YYYY-MM-DD")
    ],
    title: Annotated[str, typer.Option("--title", help="What the activity was.", metavar="TEXT")],
    provider: Annotated[str | None, typer.Option("--provider", metavar="P")] = None,
    approved_by: Annotated[
        str | None,
        typer.Option("--approved-by", help="Body that approved it, e.g. AAMA.", metavar="BODY"),
    ] = None,
    certificate: Annotated[
        Path | None,
        typer.Option("--certificate", help="Certificate file to keep a copy of.", metavar="FILE"),
    ] = None,
    person: PersonOpt = "me",
) -> None:
    """Record a CE activity; a certificate is copied into the wallet with its SHA-256.

    Example: certadvisor wallet ce add --credential CMA --points 2 --category clinical \
--date 2026-03-01 --title "Flu update" --approved-by AAMA
    """
    from certadvisor.wallet.records import add_ce
    from certadvisor.wallet.service import ce_record, track_rules
    from certadvisor.wallet.store import open_store

    loaded = catalog(ctx)
    track_id = loaded.resolve(credential)
    rules = track_rules(loaded, track_id)
    assert rules is not None
    rec = ce_record(
        rules,
        date=date,
        points=points,
        category=category,
        title=title,
        provider=provider,
        approved_by=approved_by,
    )
    with open_store(create=False) as store:
        entry = add_ce(store, person, track_id, rec, certificate)
    sha = entry.certificate_sha256
    cert = f"; certificate kept as {sha[:12]}" if sha else ""
    note(
        ctx,
        f"Added CE entry {entry.id} for {entry.person}: {entry.points:g} {entry.category} "
        f"toward {track_id}{cert}.",
    )


@ce_app.command("list")
def ce_list(
    ctx: typer.Context,
    credential: Annotated[
        str | None, typer.Option("--credential", help="Only this track's CE.", metavar="TRACK")
    ] = None,
    person: PersonOpt = "me",
    everyone: AllOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """CE entries by date, with the ids `wallet ce remove` takes.

    Example: certadvisor wallet ce list --credential cma-aama --format csv -o ce.csv
    """
    from certadvisor.render.wallet import ce_list_rendering
    from certadvisor.wallet.records import ce_entries
    from certadvisor.wallet.store import open_store

    track_id = catalog(ctx).resolve(credential) if credential else None
    with open_store(create=False) as store:
        people = ce_entries(store, None if everyone else person, track_id)
    emit(ctx, ce_list_rendering(people, _names(ctx), catalog(ctx).data_as_of), fmt, output)


@ce_app.command("remove")
def ce_remove(
    ctx: typer.Context,
    entry_id: Annotated[
        int, typer.Argument(help="The entry's id from `wallet ce list`.", metavar="ID")
    ],
    person: PersonOpt = "me",
) -> None:
    """Delete one CE entry (its certificate file stays in the wallet's folder).

    Example: certadvisor wallet ce remove 12
    """
    from certadvisor.wallet.records import remove_ce
    from certadvisor.wallet.store import open_store

    with open_store(create=False) as store:
        gone = remove_ce(store, person, entry_id)
    note(ctx, f"Removed CE entry {gone.id} ({gone.date}, {gone.title}).")


@app.command("status")
def status(
    ctx: typer.Context,
    person: PersonOpt = "me",
    everyone: AllOpt = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Each credential's cycle, days left, CE progress, fees, late rules and next action.

    Example: certadvisor wallet status --all
    """
    from certadvisor.render.wallet_status import status_rendering

    loaded, result = _status(ctx, person, everyone, as_of)
    emit(ctx, status_rendering(result, loaded.data_as_of), fmt, output)


@app.command("export")
def export(
    ctx: typer.Context,
    person: PersonOpt = "me",
    everyone: AllOpt = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """An audit-ready record: json (what `wallet import` reads), csv or markdown.

    Example: certadvisor wallet export --all -o wallet.json
    """
    from certadvisor.render.wallet import export_rendering
    from certadvisor.wallet.service import export_document, wallet_status
    from certadvisor.wallet.store import open_store

    day = _as_of(as_of)
    loaded = catalog(ctx)
    who = None if everyone else person
    with open_store(create=False) as store:
        records = export_document(store, who)
        result = wallet_status(store, loaded, who, day)
    emit(ctx, export_rendering(records, result, loaded.data_as_of), fmt, output)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A json file written by `wallet export`.")],
) -> None:
    """Read a json export back: every record is checked first, then all are written, or none.

    Example: certadvisor wallet import wallet.json
    """
    from certadvisor.wallet.service import read_import
    from certadvisor.wallet.store import open_store
    from certadvisor.wallet.transfer import import_records

    people = read_import(file, catalog(ctx))
    with open_store() as store:
        done = import_records(store, people)
    note(
        ctx,
        f"Imported {done.people} new people, {done.credentials} credentials, {done.ce} CE "
        f"entries and {done.checklist_marks} checklist marks; {done.already_present} "
        "were already in the wallet.",
    )
    if done.missing_certificates:
        note(
            ctx,
            f"{len(done.missing_certificates)} certificate file(s) are not in "
            f"{store.certificate_dir}: copy them there to keep them with the records.",
        )


@app.command("calendar")
def calendar(
    ctx: typer.Context,
    person: PersonOpt = "me",
    everyone: AllOpt = False,
    as_of: AsOfOpt = None,
    fmt: FormatIcsOpt = None,
    output: OutputOpt = None,
) -> None:
    """Every upcoming deadline as a calendar event, with alarms 90, 60, 30 and 7 days before.

    Example: certadvisor wallet calendar -o deadlines.ics
    """
    from certadvisor.render.wallet_status import calendar_rendering

    loaded, result = _status(ctx, person, everyone, as_of)
    if fmt is None and not (output and Path(output).suffix.lower() == ".json"):
        fmt = FormatChoiceIcs.ics
    emit(ctx, calendar_rendering(result, loaded.data_as_of), fmt, output)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Where the wallet file and its certificates folder are.

    Example: certadvisor wallet path
    """
    from certadvisor.wallet.store import CERTIFICATES, store_path

    where = store_path()
    typer.echo(str(where))
    if not where.exists():
        note(ctx, "No wallet there yet: `certadvisor wallet add` creates it.")
    else:
        note(ctx, f"Certificates are kept in {where.parent / CERTIFICATES}.")


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the copy.")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """A consistent copy of the wallet file, safe to take while it is in use.

    Example: certadvisor wallet backup ~/wallet-2026-11-26.sqlite3
    """
    from certadvisor.wallet.store import open_store

    with open_store(create=False) as store:
        store.backup(file, force=force)
        folder = store.certificate_dir
    note(ctx, f"Saved a copy of the wallet to {file}; certificates stay in {folder}.")
