"""Reading an import file: the envelope, then every record checked against the models and the
catalog; any problem refuses the whole file, with the file, line and field in its message.

A file this program wrote (the usual case) takes a fast path, `fast_json` then the models; on
any doubt the file is read again the careful way (`load_json`), so that a refusal always says
what it always said.
"""

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any

from certadvisor.catalog.json_io import load_json
from certadvisor.catalog.yaml_io import locate, read_text, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models.base import ValidationError
from certadvisor.wallet.checks import person_key
from certadvisor.wallet.documents import CredentialRecord, PersonRecord, WalletRecords
from certadvisor.wallet.plain_records import CheckedPeople, fast_json, plain_ce_rows
from certadvisor.wallet.results import TrackRules
from certadvisor.wallet.status import RulesLookup

EXPORT_COMMAND = "wallet export"
_IMPORT_HINT = "`wallet import` reads the file `certadvisor wallet export --format json` writes."
_Problem = tuple[list[int | str], str]


def read_import(
    path: Path, rules_of: RulesLookup, *, envelope_version: int, today: dt.date
) -> list[PersonRecord]:
    """The people of a json export, every record checked; any problem refuses the whole file.

    ``envelope_version`` is the json envelope's schema version this program writes; no date
    may be after ``today``.
    """
    return parse_import(
        read_text(path), str(path), rules_of, envelope_version=envelope_version, today=today
    )


def parse_import(
    raw: bytes, label: str, rules_of: RulesLookup, *, envelope_version: int, today: dt.date
) -> list[PersonRecord]:
    """`read_import` of a json export's bytes (``label`` names them in messages)."""
    doc = fast_json(raw)
    if doc is not None:
        try:  # the usual case, a file this program wrote: no error to place, no second parse
            doc = _check_envelope(doc, label, envelope_version)
            quick = _plain_checked(doc["data"], rules_of, today)
            return quick if quick is not None else _checked(doc, raw, label, rules_of, today)
        except InvalidInputError:
            pass  # read again the careful way, so every message is the one it always was
    doc = _envelope(raw, label, envelope_version)
    return _checked(doc, raw, label, rules_of, today)


def _plain_checked(data: Any, rules_of: RulesLookup, today: dt.date) -> CheckedPeople | None:
    """The people with their CE checked in bulk (`plain_ce_rows`) and the rest by the models;
    None on any doubt, for `_checked` to check it all again and say what is wrong."""
    if type(data) is not dict or type(data.get("people", [])) is not list:
        return None
    shells, ce_lists = [], []
    for person in data.get("people", []):
        creds = person.get("credentials", []) if type(person) is dict else None
        if type(creds) is not list or any(type(c) is not dict for c in creds):
            return None
        ce_lists.append([c.get("ce", []) for c in creds])
        shells.append({**person, "credentials": [{**c, "ce": []} for c in creds]})
    try:
        found = WalletRecords.model_validate({**data, "people": shells}, context={"today": today})
    except ValidationError:
        return None
    if _catalog_problems(found, rules_of):
        return None
    rows: list[list[list[tuple[Any, ...]]]] = []
    categories: dict[str, Collection[str]] = {}
    for person, lists in zip(found.people, ce_lists, strict=True):
        rows.append([])
        for cred, ces in zip(person.credentials, lists, strict=True):
            if cred.track not in categories:
                rules = rules_of(cred.track)
                categories[cred.track] = rules.categories() if rules else ()
            checked = plain_ce_rows(ces, categories[cred.track], today)
            if checked is None:
                return None
            rows[-1].append(checked)
    return CheckedPeople(found.people, rows)


def _checked(
    doc: Any,
    raw: bytes,
    label: str,
    rules_of: RulesLookup,
    today: dt.date,
) -> list[PersonRecord]:
    try:
        found = WalletRecords.model_validate(doc["data"], context={"today": today})
    except ValidationError as exc:
        lines = validation_lines(exc, doc, raw, label, prefix=("data",))
        raise InvalidInputError(lines[0], "Nothing was imported. " + _IMPORT_HINT, lines) from None
    return _in_catalog(found, raw, label, rules_of)


def _in_catalog(
    found: WalletRecords, raw: bytes, label: str, rules_of: RulesLookup
) -> list[PersonRecord]:
    problems = _catalog_problems(found, rules_of)
    if problems:
        lines = [_where(raw, label, loc) + f": {what}" for loc, what in problems]
        raise InvalidInputError(lines[0], "Nothing was imported. " + _IMPORT_HINT, lines)
    return found.people


def _envelope(raw: bytes, label: str, envelope_version: int) -> dict[str, Any]:
    """The json document, which must be a `wallet export` envelope of this version."""
    try:
        doc = load_json(raw, label)
    except InvalidInputError as exc:
        # its own words (bad UTF-8, not JSON, a key twice, too deep, a huge number): nothing
        # of the file was imported
        raise InvalidInputError(exc.message, _IMPORT_HINT, exc.details) from None
    return _check_envelope(doc, label, envelope_version)


def _check_envelope(doc: Any, label: str, envelope_version: int) -> dict[str, Any]:
    if not isinstance(doc, dict) or doc.get("command") != EXPORT_COMMAND or "data" not in doc:
        raise InvalidInputError(
            f"{label}: not a wallet export (no 'command': {EXPORT_COMMAND!r} envelope)",
            _IMPORT_HINT,
        )
    if doc.get("schema_version") != envelope_version:
        raise InvalidInputError(
            f"{label}: schema_version {doc.get('schema_version')!r} is not {envelope_version}",
            "It was written by another version of certadvisor; export it again with this one.",
        )
    return doc


def _where(raw: bytes, label: str, loc: list[int | str]) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
    pos = locate(raw, loc)
    return f"{label}:{pos[0]}:{pos[1]}: {path}" if pos else f"{label}: {path}"


def _catalog_problems(found: WalletRecords, rules_of: RulesLookup) -> list[_Problem]:
    """Twice-named people and tracks, tracks the catalog lacks and categories a track lacks."""
    problems: list[_Problem] = []
    seen_people: set[str] = set()
    rules: dict[str, TrackRules | None] = {}
    for pi, person in enumerate(found.people):
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
                rules[cred.track] = rules_of(cred.track)
            problems += _credential_problems(cred, rules[cred.track], where)
        for mi, mark in enumerate(person.checklist):
            if mark.track not in rules:
                rules[mark.track] = rules_of(mark.track)
            if rules[mark.track] is None:
                what = f"{mark.track!r} is not a track in the catalog"
                problems.append(([*at, "checklist", mi, "track"], what))
    return problems


def _credential_problems(
    cred: CredentialRecord, found: TrackRules | None, where: list[int | str]
) -> list[_Problem]:
    if found is None:
        what = f"{cred.track!r} is not a track in the catalog (pass its catalog file with --data)"
        return [([*where, "track"], what)]
    cats = found.categories()
    return [
        (
            [*where, "ce", ei, "category"],
            f"{rec.category!r} is not a CE category of {cred.track}; "
            f"choose one of: {', '.join(cats)}",
        )
        for ei, rec in enumerate(cred.ce)
        if rec.category not in cats
    ]
