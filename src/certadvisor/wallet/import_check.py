"""Reading an import file: the envelope, then every record checked against the models and the
catalog; any problem refuses the whole file, with the file, line and field in its message.

A file this program wrote (the usual case) takes a fast path with no model at all
(`fast_json_counted`, `plain_people`, `plain_ce_rows`); on any doubt the file is read again
the careful way (`load_json`, then the models), so that a refusal always says what it always
said.
"""

import datetime as dt
from collections.abc import Collection
from pathlib import Path
from typing import Any

from certadvisor.catalog.json_io import load_json
from certadvisor.catalog.yaml_io import locate, read_text, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models import mode
from certadvisor.models.base import ValidationError
from certadvisor.wallet.checks import person_key
from certadvisor.wallet.documents import (
    ChecklistRecord,
    CredentialRecord,
    FeePaymentRecord,
    PersonRecord,
    RenewalRecord,
    WalletRecords,
)
from certadvisor.wallet.plain_people import Tally, count_strings, plain_people
from certadvisor.wallet.plain_records import CheckedPeople, fast_json_counted, plain_ce_rows
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
    doc, quotes = fast_json_counted(raw)
    if doc is not None:
        try:  # the usual case, a file this program wrote: no model, no second parse
            doc = _check_envelope(doc, label, envelope_version)
            quick = _plain_checked(doc, rules_of, today, quotes)
            if quick is not None:
                return quick
            if quotes is None:  # parsed with every key checked: the models check it as it is
                mode.need_pydantic()
                return _checked(doc, raw, label, rules_of, today)
        except InvalidInputError:
            pass  # read again the careful way, so every message is the one it always was
    # the models word what is wrong: Pydantic's (a process with the plain ones restarts, before
    # anything was written)
    mode.need_pydantic()
    doc = _envelope(raw, label, envelope_version)
    return _checked(doc, raw, label, rules_of, today)


def _plain_checked(
    doc: dict[str, Any], rules_of: RulesLookup, today: dt.date, quotes: int | None
) -> CheckedPeople | None:
    """The people checked without a model (`plain_people`, and `plain_ce_rows` for the CE in
    bulk); None on any doubt, for the models to check it all again and say what is wrong.
    ``quotes``: the file's double quotes when no object was checked for a key written twice
    (`fast_json_counted`)."""
    tally = Tally()
    tally.strings = len(doc) + sum(count_strings(v) for k, v in doc.items() if k != "data")
    people = plain_people(doc["data"], today, tally)
    if people is None:
        return None
    found = [_person_record(person) for person, _ in people]
    if _catalog_problems(WalletRecords.model_construct(people=found), rules_of):
        return None
    rows: list[list[list[tuple[Any, ...]]]] = []
    categories: dict[str, Collection[str]] = {}
    for person, (_, ce_lists) in zip(found, people, strict=True):
        rows.append([])
        for cred, ces in zip(person.credentials, ce_lists, strict=True):
            if cred.track not in categories:
                rules = rules_of(cred.track)
                categories[cred.track] = rules.categories() if rules else ()
            checked = plain_ce_rows(ces, categories[cred.track], today, tally)
            if checked is None:
                return None
            rows[-1].append(checked)
    if quotes is not None and quotes != 2 * tally.strings:
        return None  # a key written twice somewhere: the careful reader says where
    return CheckedPeople(found, rows)


def _person_record(person: dict[str, Any]) -> PersonRecord:
    """The records of a person `plain_people` checked, built as they are (its CE left out)."""
    return PersonRecord.model_construct(
        name=person["name"],
        credentials=[
            CredentialRecord.model_construct(
                **{k: v for k, v in c.items() if k not in ("renewals", "fees_paid")},
                ce=[],
                renewals=[RenewalRecord.model_construct(**r) for r in c["renewals"]],
                fees_paid=[FeePaymentRecord.model_construct(**f) for f in c["fees_paid"]],
            )
            for c in person["credentials"]
        ],
        checklist=[ChecklistRecord.model_construct(**m) for m in person["checklist"]],
    )


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
