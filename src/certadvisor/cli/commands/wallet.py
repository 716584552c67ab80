"""`certadvisor wallet ...`: credentials held, CE earned and renewal deadlines, kept locally.

The wallet's records, rules and renderers are imported inside each command: this module is
loaded for every `wallet` command line, and each of those imports costs start-up time
(pydantic models, the catalog's models, rich's widgets) that only some commands need.
"""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from certadvisor.cli.commands import wallet_life
from certadvisor.cli.commands.wallet_ce import ce_app
from certadvisor.cli.commands.wallet_options import (
    AllOpt,
    PersonOpt,
    as_of_flag,
    checked_flag,
    past_day_flag,
    rules_lookup,
    track_names,
)
from certadvisor.cli.common import catalog, emit, note
from certadvisor.cli.options import (
    AsOfOpt,
    FormatChoiceIcs,
    FormatIcsOpt,
    FormatOpt,
    OutputOpt,
    TrackArg,
)
from certadvisor.errors import UnknownTrackError
from certadvisor.text import plural
from certadvisor.wallet import CERTIFICATES, clean_text, open_store, store_path

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
app.add_typer(ce_app, name="ce")
for _name in ("renew", "pay", "audit", "verify"):
    app.command(_name)(getattr(wallet_life, _name))


def _status(
    ctx: typer.Context, person: str, everyone: bool, as_of: "dt.date | None"
) -> "tuple[LoadedCatalog, WalletStatus]":
    """The catalog and the wallet's status on the day --as-of names (status, calendar)."""
    from certadvisor.wallet.status import wallet_status

    day = as_of_flag(as_of)
    loaded = catalog(ctx)
    with open_store(create=False) as store:
        return loaded, wallet_status(store, rules_lookup(loaded), None if everyone else person, day)


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
    from certadvisor.wallet.records import add_credential

    track_id = catalog(ctx).resolve(track)
    day = past_day_flag("--earned", earned)
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

    with open_store(create=False) as store:
        people = held_credentials(store, None if everyone else person)
    emit(ctx, list_rendering(people, track_names(ctx), catalog(ctx).data_as_of), fmt, output)


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
    from certadvisor.wallet.records import remove_credential

    try:
        track_id = catalog(ctx).resolve(track)
    except UnknownTrackError:
        track_id = track.strip().lower()  # a track since dropped from the catalog
    with open_store(create=False) as store:
        removed = remove_credential(store, person, track_id, with_ce=with_ce)
    note(ctx, f"Removed {track_id}" + (f" and {removed} CE entries." if removed else "."))


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
    from certadvisor.render.wallet_export import export_rendering
    from certadvisor.wallet.status import wallet_status
    from certadvisor.wallet.transfer import export_document

    day = as_of_flag(as_of)
    loaded = catalog(ctx)
    who = None if everyone else person
    with open_store(create=False) as store:
        records = export_document(store, who)
        result = wallet_status(store, rules_lookup(loaded), who, day)
    emit(ctx, export_rendering(records, result, loaded.data_as_of), fmt, output)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A json file written by `wallet export`.")],
) -> None:
    """Read a json export back: every record is checked first, then all are written, or none.

    Example: certadvisor wallet import wallet.json
    """
    from certadvisor.render.output import SCHEMA_VERSION
    from certadvisor.wallet.transfer import import_records, read_import

    people = read_import(
        file,
        rules_lookup(catalog(ctx)),
        envelope_version=SCHEMA_VERSION,
        today=dt.date.today(),
    )
    with open_store() as store:
        done = import_records(store, people)
    note(
        ctx,
        f"Imported {plural(done.people, 'new person')}, {plural(done.credentials, 'credential')}, "
        f"{plural(done.ce, 'CE entry', 'CE entries')} and "
        f"{plural(done.checklist_marks, 'checklist mark')}; {done.already_present} "
        f"{'was' if done.already_present == 1 else 'were'} already in the wallet.",
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
    from certadvisor.render.wallet_calendar import calendar_rendering

    loaded, result = _status(ctx, person, everyone, as_of)
    if fmt is None and not (output and Path(output).suffix.lower() == ".json"):
        fmt = FormatChoiceIcs.ics
    emit(ctx, calendar_rendering(result, loaded.data_as_of), fmt, output)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Where the wallet file and its certificates folder are.

    Example: certadvisor wallet path
    """
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
    from certadvisor.wallet.backup import backup_store

    with open_store(create=False) as store:
        backup_store(store, file, force=force)
        folder = store.certificate_dir
    note(ctx, f"Saved a copy of the wallet to {file}; certificates stay in {folder}.")
