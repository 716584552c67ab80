"""`certadvisor wallet ce ...`: continuing-education activities, each counted toward one credential.

Records, rules and renderers are imported inside each command, as in `wallet`: each is paid
for only by the command that needs it.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from certadvisor.wallet import check_points, clean_text, open_store, required_text

if TYPE_CHECKING:
    from certadvisor.wallet.documents import CERecord
    from certadvisor.wallet.results import TrackRules

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
    person: PersonOpt = "me",
) -> None:
    """Record a CE activity; a certificate is copied into the wallet with its SHA-256.

    Example: certadvisor wallet ce add --credential CMA --points 2 --category clinical \
--date 2026-03-01 --title "Flu update" --approved-by AAMA
    """
    from certadvisor.wallet.ce import CertificateFileError, add_ce

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
    with open_store(create=False) as store:
        try:
            entry = add_ce(store, person, track_id, rec, certificate)
        except CertificateFileError as exc:
            raise CertificateFileError(f"--certificate: {exc.message}", exc.hint) from None
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
