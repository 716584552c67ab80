"""`certadvisor wallet ...`: credentials held, CE earned and renewal deadlines, kept locally.

The wallet's records, rules and renderers are imported inside each command: this module is
loaded for every `wallet` command line, and each of those imports costs start-up time
(pydantic models, the catalog's models, rich's widgets) that only some commands need.
"""

import datetime as dt
import functools
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
    CalendarFormatChoice,
    CalendarFormatOpt,
    DayOpt,
    ExportFormatOpt,
    FormatOpt,
    OutputOpt,
    TrackArg,
)
from certadvisor.errors import UnknownTrackError, UsageError
from certadvisor.text import plural
from certadvisor.wallet import CERTIFICATES, clean_text, open_store, store_path

if TYPE_CHECKING:
    import datetime as dt
    from enum import StrEnum

    from certadvisor.catalog.loader import LoadedCatalog
    from certadvisor.render.output import Rendering
    from certadvisor.wallet import WalletStore
    from certadvisor.wallet.documents import WalletRecords
    from certadvisor.wallet.results import WalletStatus

app = typer.Typer(
    rich_markup_mode="markdown",
    help="Credentials held, CE earned and renewal deadlines, kept in a local SQLite file "
    "(CERTADVISOR_HOME or the platform's user data folder). The wallet reads no profile: "
    "here -p is short for --person.\n\n"
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
    as_of: DayOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Each credential's cycle, days left, CE progress, fees, late rules and next action.

    Example: certadvisor wallet status --all
    """
    if not store_path().expanduser().exists():
        # no wallet yet: nothing to evaluate, so neither the rules nor the models are loaded
        from certadvisor.render.wallet_empty import empty_status_rendering
        from certadvisor.wallet.checks import check_person

        names = [] if everyone else [check_person(person)]
        day = as_of_flag(as_of)
        emit(ctx, empty_status_rendering(names, day, catalog(ctx).data_as_of), fmt, output)
        return
    from certadvisor.render.wallet_status import status_rendering

    loaded, result = _status(ctx, person, everyone, as_of)
    emit(ctx, status_rendering(result, loaded.data_as_of), fmt, output)


@app.command("export")
def export(
    ctx: typer.Context,
    person: PersonOpt = "me",
    everyone: AllOpt = False,
    as_of: DayOpt = None,
    fmt: ExportFormatOpt = None,
    output: OutputOpt = None,
    with_files: Annotated[
        bool,
        typer.Option(
            "--with-files",
            help="Write a zip with the json export (wallet.json) and every certificate file "
            "it names (certificates/SHA256.pdf); `wallet import` reads it back. Needs -o FILE.",
        ),
    ] = False,
) -> None:
    """An audit-ready record: json (what `wallet import` reads), csv or markdown; with
    --with-files, a zip of the json and the certificate files.

    Example: certadvisor wallet export --all --with-files -o wallet.zip
    """
    from certadvisor.render.wallet_export import export_rendering
    from certadvisor.wallet.export_plain import export_data

    def records(store: "WalletStore") -> "WalletRecords":
        from certadvisor.wallet.transfer import export_document

        return export_document(store, who)

    def status(store: "WalletStore") -> "WalletStatus":
        from certadvisor.wallet.status import wallet_status

        return wallet_status(store, rules_lookup(loaded), who, day)

    day = as_of_flag(as_of)
    loaded = catalog(ctx)
    who = None if everyone else person
    if with_files:
        _check_bundle_flags(fmt, output)
    with open_store(create=False) as store:
        rendering = export_rendering(
            functools.cache(lambda: export_data(store, who)),
            lambda: records(store),
            lambda: status(store),
            loaded.data_as_of,
        )
        if with_files:
            assert output is not None
            _export_bundle(ctx, store, rendering, Path(output))
            return
        emit(ctx, rendering, fmt, output)


def _check_bundle_flags(fmt: "StrEnum | None", output: str | None) -> None:
    if fmt is not None and fmt.value != "json":
        raise UsageError(
            f"--with-files writes the json export in a zip, not --format {fmt.value}",
            "Leave out --format, or export csv or markdown without --with-files.",
        )
    if output in (None, "-"):
        raise UsageError(
            "--with-files writes a zip: name it with -o FILE (wallet.zip)",
            "For the records alone on standard output, leave out --with-files.",
        )


def _export_bundle(
    ctx: typer.Context, store: "WalletStore", rendering: "Rendering", target: Path
) -> None:
    """The json export and the certificate files it names, as one zip."""
    from certadvisor.render.output import OutputFormat, render_text
    from certadvisor.wallet.bundle import bundle_members, write_bundle
    from certadvisor.wallet.export_plain import certificates_named

    data = render_text(rendering, OutputFormat.JSON, to_terminal=False, no_color=True)
    assert data is not None
    payload = rendering.payload()
    files, missing = bundle_members(store, certificates_named(payload.model_dump()))
    write_bundle(target, data, files)
    note(ctx, f"saved to {target}: the records and {len(files)} certificate file(s)")
    if missing:
        note(
            ctx,
            f"Warning: {len(missing)} certificate file(s) the records name are not in "
            f"{store.certificate_dir} and are not in the zip: {', '.join(missing[:5])}",
        )


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(help="A json file written by `wallet export`, or its zip (--with-files)."),
    ],
) -> None:
    """Read an export back: every record (and every certificate of a zip, by its SHA-256) is
    checked first, then all are written, or none.

    Example: certadvisor wallet import wallet.zip
    """
    # no Pydantic up front: a file this program wrote is checked without models, and any
    # other is checked by Pydantic's (the process restarts for them before writing anything)
    from certadvisor.render.output import SCHEMA_VERSION
    from certadvisor.wallet.bundle import is_bundle
    from certadvisor.wallet.transfer import import_bundle, import_records, read_bundle, read_import

    rules = rules_lookup(catalog(ctx))
    today = dt.date.today()
    zipped = is_bundle(file)
    read = read_bundle if zipped else read_import
    people = read(file, rules, envelope_version=SCHEMA_VERSION, today=today)
    with open_store() as store:  # made only once the records are known to be good
        done = import_bundle(store, file, people) if zipped else import_records(store, people)
    restored = (
        f"; {plural(done.certificates, 'certificate file')} restored" if done.certificates else ""
    )
    note(
        ctx,
        f"Imported {plural(done.people, 'new person')}, {plural(done.credentials, 'credential')}, "
        f"{plural(done.ce, 'CE entry', 'CE entries')} and "
        f"{plural(done.checklist_marks, 'checklist mark')}{restored}; "
        f"{_skipped(done.already_present)}.",
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
    as_of: DayOpt = None,
    fmt: CalendarFormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """Every upcoming deadline as a calendar event, with alarms 90, 60, 30 and 7 days before.

    Example: certadvisor wallet calendar -o deadlines.ics
    """
    from certadvisor.render.wallet_calendar import calendar_rendering

    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if fmt is None and suffix not in ("", ".ics", ".json"):
        raise UsageError(
            f"{output}: the calendar is written as ics or json, not as {suffix}",
            "Name the file .ics (or .json), or give --format ics.",
        )
    loaded, result = _status(ctx, person, everyone, as_of)
    if fmt is None and suffix != ".json":
        fmt = CalendarFormatChoice.ics
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


def _skipped(count: int) -> str:
    """What an import left alone, said so that a re-import's count is not a puzzle."""
    if not count:
        return "nothing was in the wallet already"
    return (
        f"{plural(count, 'record')} (credentials, CE entries, renewals, fees paid, checklist "
        f"marks) {'was' if count == 1 else 'were'} in the wallet already and kept as they were"
    )
