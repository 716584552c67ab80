"""The wallet joined to the catalog: the rules that apply, the categories a credential takes,
the status of each credential, and what an import file holds (checked before anything is written).
"""

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from certadvisor.errors import InvalidInputError, UsageError
from certadvisor.wallet.checks import (
    check_not_future,
    check_points,
    clean_text,
    parse_day,
    person_key,
    required_text,
)
from certadvisor.wallet.model import HeldCredential
from certadvisor.wallet.results import PersonStatus, TrackRules, WalletStatus

if TYPE_CHECKING:  # the export models load only for the commands that need them
    from certadvisor.catalog.loader import LoadedCatalog
    from certadvisor.wallet.documents import CERecord, PersonRecord, WalletRecords
    from certadvisor.wallet.store import WalletStore

T = TypeVar("T")
EXPORT_COMMAND = "wallet export"
_IMPORT_HINT = "`wallet import` reads the file `certadvisor wallet export --format json` writes."


def track_rules(loaded: "LoadedCatalog", track_id: str) -> TrackRules | None:
    """The renewal rules and fees of a track, or None when the catalog has no such track."""
    if track_id not in loaded.ids:
        return None
    return TrackRules.from_track(loaded.track(track_id))


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def category_for(rules: TrackRules, category: str) -> str:
    """The category id a credential takes for what was typed (its id or its name)."""
    cats = rules.categories()
    wanted = _norm(category)
    for cid, name in cats.items():
        if wanted and wanted in (_norm(cid), _norm(name)):
            return cid
    raise ValueError(
        f"{category!r} is not a CE category of {rules.id}; choose one of: {', '.join(cats)}"
    )


def checked_flag(name: str, check: Callable[[], T]) -> T:
    """The value ``check`` returns; its ValueError becomes a usage error naming the flag."""
    try:
        return check()
    except ValueError as exc:
        raise UsageError(f"{name}: {exc}") from None


def day_flag(name: str, text: str) -> dt.date:
    """A date given on the command line, which must not be in the future."""
    return checked_flag(name, lambda: check_not_future(parse_day(text)))


def ce_record(
    rules: TrackRules,
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
        date=day_flag("--date", date),
        points=checked_flag("--points", lambda: check_points(points)),
        category=checked_flag("--category", lambda: category_for(rules, category)),
        title=checked_flag("--title", lambda: required_text(title)),
        provider=checked_flag("--provider", lambda: clean_text(provider, max_len=200)),
        approved_by=checked_flag("--approved-by", lambda: clean_text(approved_by, max_len=200)),
        certificate=None,
        added_at=None,
    )


def wallet_status(
    store: "WalletStore", loaded: "LoadedCatalog", person: str | None, as_of: dt.date
) -> WalletStatus:
    """Every credential of one person (or everyone) as of a date."""
    from certadvisor.wallet.records import status_rows
    from certadvisor.wallet.rules import credential_status, current_cycle

    rules: dict[str, TrackRules | None] = {}

    def window(cred: HeldCredential) -> tuple[dt.date | None, dt.date | None]:
        if cred.track not in rules:
            rules[cred.track] = track_rules(loaded, cred.track)
        found = rules[cred.track]
        if found is None:
            return None, None
        cycle = current_cycle(cred, found, as_of)
        return cycle.start, cycle.end

    people = []
    for name, held in status_rows(store, person, window):
        creds = [credential_status(c, rules[c.track], tallies, as_of) for c, tallies in held]
        people.append(PersonStatus.model_construct(name=name, credentials=creds))
    return WalletStatus.model_construct(as_of=as_of, people=people)


def export_document(store: "WalletStore", person: str | None) -> "WalletRecords":
    """Every record of one person (or everyone), ready for the json envelope."""
    from certadvisor.wallet.documents import WalletRecords
    from certadvisor.wallet.store import now_stamp
    from certadvisor.wallet.transfer import export_records

    return WalletRecords.model_construct(
        format="certadvisor-wallet",
        version=1,
        exported_at=now_stamp(),
        people=export_records(store, person),
    )


def read_import(path: Path, loaded: "LoadedCatalog") -> list["PersonRecord"]:
    """The people of a json export, every record checked; any problem refuses the whole file."""
    from pydantic import ValidationError

    from certadvisor.catalog.yaml_io import read_text, validation_lines
    from certadvisor.render.output import SCHEMA_VERSION
    from certadvisor.wallet.documents import WalletRecords

    raw = read_text(path)
    label = str(path)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"{label}: not UTF-8 text ({exc.reason})", _IMPORT_HINT) from None
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{label}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}", _IMPORT_HINT
        ) from None
    if not isinstance(doc, dict) or doc.get("command") != EXPORT_COMMAND or "data" not in doc:
        raise InvalidInputError(
            f"{label}: not a wallet export (no 'command': {EXPORT_COMMAND!r} envelope)",
            _IMPORT_HINT,
        )
    if doc.get("schema_version") != SCHEMA_VERSION:
        raise InvalidInputError(
            f"{label}: schema_version {doc.get('schema_version')!r} is not {SCHEMA_VERSION}",
            "It was written by another version of certadvisor; export it again with this one.",
        )
    try:
        records = WalletRecords.model_validate(doc["data"])
    except ValidationError as exc:
        lines = validation_lines(exc, doc, raw, label, prefix=("data",))
        raise InvalidInputError(lines[0], "Nothing was imported. " + _IMPORT_HINT, lines) from None
    problems = _catalog_problems(records, loaded)
    if problems:
        lines = [_where(raw, label, loc) + f": {what}" for loc, what in problems]
        raise InvalidInputError(lines[0], "Nothing was imported. " + _IMPORT_HINT, lines)
    return records.people


def _where(raw: bytes, label: str, loc: list[int | str]) -> str:
    from certadvisor.catalog.yaml_io import locate

    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    pos = locate(raw, loc)
    return f"{label}:{pos[0]}:{pos[1]}: {path}" if pos else f"{label}: {path}"


def _catalog_problems(records: "WalletRecords", loaded: "LoadedCatalog") -> list[tuple[Any, str]]:
    problems: list[tuple[Any, str]] = []
    seen_people: set[str] = set()
    rules: dict[str, TrackRules | None] = {}
    for pi, person in enumerate(records.people):
        at: list[int | str] = ["data", "people", pi]
        if person_key(person.name) in seen_people:
            problems.append(([*at, "name"], f"{person.name!r} appears twice"))
        seen_people.add(person_key(person.name))
        seen_tracks: set[str] = set()
        for ci, cred in enumerate(person.credentials):
            where = [*at, "credentials", ci]
            if cred.track in seen_tracks:
                problems.append(([*where, "track"], f"{cred.track} appears twice for this person"))
            seen_tracks.add(cred.track)
            if cred.track not in rules:
                rules[cred.track] = track_rules(loaded, cred.track)
            found = rules[cred.track]
            if found is None:
                problems.append(
                    (
                        [*where, "track"],
                        f"{cred.track!r} is not a track in the "
                        "catalog (pass its catalog file with --data)",
                    )
                )
                continue
            cats = found.categories()
            for ei, rec in enumerate(cred.ce):
                if rec.category not in cats:
                    problems.append(
                        (
                            [*where, "ce", ei, "category"],
                            f"{rec.category!r} is not a CE category of {cred.track}; "
                            f"choose one of: {', '.join(cats)}",
                        )
                    )
        for mi, mark in enumerate(person.checklist):
            if mark.track not in loaded.ids:
                problems.append(
                    (
                        [*at, "checklist", mi, "track"],
                        f"{mark.track!r} is not a track in the catalog",
                    )
                )
    return problems
