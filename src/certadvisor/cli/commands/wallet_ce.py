"""`certadvisor wallet ce ...`: continuing-education activities, each counted toward one credential.

Records, rules and renderers are imported inside each command, as in `wallet`: each is paid
for only by the command that needs it.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from certadvisor.cli.commands.wallet_options import (
    AllOpt,
    PersonOpt,
    checked_flag,
    past_day_flag,
    rules_lookup,
    track_names,
)
from certadvisor.cli.common import catalog, emit, note
from certadvisor.cli.options import FormatOpt, OutputOpt
from certadvisor.errors import UsageError
from certadvisor.wallet import check_points, clean_text, open_store, required_text

if TYPE_CHECKING:
    from certadvisor.wallet.documents import CERecord
    from certadvisor.wallet.results import TrackRules

T = TypeVar("T")

ce_app = typer.Typer(
    rich_markup_mode="markdown",
    help="Continuing-education activities, each counted toward one credential.\n\n"
    "Example: certadvisor wallet ce list --credential CMA",
    no_args_is_help=True,
)

_CategoryOpt = Annotated[
    str,
    typer.Option(
        "--category",
        help="A CE category of that credential (`general` when it has none).",
        metavar="CAT",
    ),
]
_ApprovedByOpt = Annotated[
    str | None,
    typer.Option("--approved-by", help="Body that approved it, e.g. AAMA.", metavar="BODY"),
]
_CertificateOpt = Annotated[
    Path | None,
    typer.Option("--certificate", help="Certificate file to keep a copy of.", metavar="FILE"),
]
_MaxSizeOpt = Annotated[
    int,
    typer.Option(
        "--max-certificate-mb",
        min=1,
        max=2048,
        help="Largest certificate file to keep, in MB.",
        metavar="MB",
    ),
]
_IdArg = Annotated[int, typer.Argument(help="The entry's id from `wallet ce list`.", metavar="ID")]


def _date_warning(ctx: typer.Context, person: str, rules: "TrackRules", day: "dt.date") -> None:
    """Refuse CE dated before the credential was earned; warn when outside the current cycle."""
    from certadvisor.wallet.lifecycle import ce_date_warning

    with open_store(create=False) as store:
        warning = checked_flag(
            "--date", lambda: ce_date_warning(store, person, rules, day, dt.date.today())
        )
    if warning:
        note(ctx, f"Warning: {warning}")


def _keep(action: "Callable[[], T]") -> "T":
    """Run a certificate copy; its file problems name --certificate or FILE."""
    from certadvisor.wallet.ce import CertificateFileError

    try:
        return action()
    except CertificateFileError as exc:
        raise CertificateFileError(
            f"certificate {exc.message}", exc.hint, option=exc.option
        ) from None


def _ce_record(
    rules: "TrackRules",
    *,
    date: str,
    points: float,
    category: str,
    title: str,
    provider: str | None,
    approved_by: str | None,
) -> "CERecord":
    """A CE activity from `wallet ce add`'s flags, each checked and named when wrong."""
    from certadvisor.wallet.documents import CERecord

    return CERecord.model_construct(
        date=past_day_flag("--date", date),
        points=checked_flag("--points", lambda: check_points(points)),
        category=checked_flag("--category", lambda: rules.category_id(category)),
        title=checked_flag("--title", lambda: required_text(title)),
        provider=checked_flag("--provider", lambda: clean_text(provider, max_len=200)),
        approved_by=checked_flag("--approved-by", lambda: clean_text(approved_by, max_len=200)),
        certificate=None,
        added_at=None,
    )


@ce_app.command("add")
def ce_add(
    ctx: typer.Context,
    credential: Annotated[
        str, typer.Option("--credential", help="The held track it counts for.", metavar="TRACK")
    ],
    points: Annotated[
        float, typer.Option("--points", help="Points, CEUs or hours earned.", metavar="N")
    ],
    category: _CategoryOpt,
    date: Annotated[
        str, typer.Option("--date", help="When it was completed.", metavar="YYYY-MM-DD")
    ],
    title: Annotated[str, typer.Option("--title", help="What the activity was.", metavar="TEXT")],
    provider: Annotated[str | None, typer.Option("--provider", metavar="P")] = None,
    approved_by: _ApprovedByOpt = None,
    certificate: _CertificateOpt = None,
    max_mb: _MaxSizeOpt = 25,
    person: PersonOpt = "me",
) -> None:
    """Record a CE activity; a certificate is copied into the wallet with its SHA-256.

    Example: certadvisor wallet ce add --credential CMA --points 2 --category clinical \
--date 2026-03-01 --title "Flu update" --approved-by AAMA
    """
    from certadvisor.wallet.ce import add_ce

    loaded = catalog(ctx)
    track_id = loaded.resolve(credential)
    rules = rules_lookup(loaded)(track_id)
    assert rules is not None
    rec = _ce_record(
        rules,
        date=date,
        points=points,
        category=category,
        title=title,
        provider=provider,
        approved_by=approved_by,
    )
    _date_warning(ctx, person, rules, rec.date)
    with open_store(create=False) as store:
        entry = _keep(lambda: add_ce(store, person, track_id, rec, certificate, max_mb << 20))
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

    track_id = catalog(ctx).resolve(credential) if credential else None
    with open_store(create=False) as store:
        people = ce_entries(store, None if everyone else person, track_id)
    emit(ctx, ce_list_rendering(people, track_names(ctx), catalog(ctx).data_as_of), fmt, output)


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

    with open_store(create=False) as store:
        gone = remove_ce(store, person, entry_id)
    note(ctx, f"Removed CE entry {gone.id} ({gone.date}, {gone.title}).")


@ce_app.command("edit")
def ce_edit(
    ctx: typer.Context,
    entry_id: _IdArg,
    points: Annotated[float | None, typer.Option("--points", metavar="N")] = None,
    category: Annotated[str | None, typer.Option("--category", metavar="CAT")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT")] = None,
    provider: Annotated[str | None, typer.Option("--provider", metavar="P")] = None,
    approved_by: _ApprovedByOpt = None,
    person: PersonOpt = "me",
) -> None:
    """Change fields of a CE entry, checked as on add; the change is recorded with its time.
    An empty --provider or --approved-by clears it.

    Example: certadvisor wallet ce edit 12 --title "Flu vaccine update" --points 1.5
    """
    from certadvisor.wallet.ce_edit import edit_ce, entry_track

    loaded = catalog(ctx)
    with open_store(create=False) as store:
        track_id = entry_track(store, person, entry_id)
    rules = rules_lookup(loaded)(track_id)
    changes: dict[str, object] = {}
    if date is not None:
        changes["date"] = past_day_flag("--date", date)
        if rules is not None:
            _date_warning(ctx, person, rules, changes["date"])  # type: ignore[arg-type]
    if points is not None:
        changes["points"] = checked_flag("--points", lambda: check_points(points))
    if category is not None:
        if rules is None:
            raise UsageError(f"--category: {track_id} is not in the catalog")
        changes["category"] = checked_flag("--category", lambda: rules.category_id(category))
    if title is not None:
        changes["title"] = checked_flag("--title", lambda: required_text(title))
    if provider is not None:
        changes["provider"] = checked_flag("--provider", lambda: clean_text(provider, max_len=200))
    if approved_by is not None:
        changes["approved_by"] = checked_flag(
            "--approved-by", lambda: clean_text(approved_by, max_len=200)
        )
    if not changes:
        raise UsageError("nothing to change", "Give at least one of --date, --points, ...")
    with open_store(create=False) as store:
        entry = edit_ce(store, person, entry_id, changes)
    note(ctx, f"Updated CE entry {entry.id} ({entry.date}, {entry.title}).")


@ce_app.command("attach")
def ce_attach(
    ctx: typer.Context,
    entry_id: _IdArg,
    file: Annotated[Path, typer.Argument(help="The certificate file.", metavar="FILE")],
    max_mb: _MaxSizeOpt = 25,
    person: PersonOpt = "me",
) -> None:
    """Keep a certificate for a CE entry recorded without one (or replace it).

    Example: certadvisor wallet ce attach 12 ~/Downloads/flu-update.pdf
    """
    from certadvisor.wallet.ce_edit import attach_certificate

    with open_store(create=False) as store:
        entry = _keep(lambda: attach_certificate(store, person, entry_id, file, max_mb << 20))
    sha = entry.certificate_sha256 or ""
    note(ctx, f"Attached {file.name} to CE entry {entry.id}; kept as {sha[:12]}.")


@ce_app.command("show")
def ce_show(
    ctx: typer.Context,
    entry_id: _IdArg,
    person: PersonOpt = "me",
    fmt: FormatOpt = None,
    output: OutputOpt = None,
) -> None:
    """One CE entry in full, with its certificate and every recorded change.

    Example: certadvisor wallet ce show 12
    """
    from certadvisor.render.wallet_audit import ce_show_rendering
    from certadvisor.wallet.ce import certificate_file
    from certadvisor.wallet.ce_edit import show_ce

    with open_store(create=False) as store:
        entry, changes = show_ce(store, person, entry_id)
        kept = None
        if entry.certificate_sha256 and entry.certificate_name:
            path = certificate_file(store, entry.certificate_sha256, entry.certificate_name)
            kept = (str(path), path.is_file())
    emit(ctx, ce_show_rendering(entry, changes, kept, catalog(ctx).data_as_of), fmt, output)
