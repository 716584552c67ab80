"""The import's fast path for everything but the CE activities: people, credentials, renewals,
fees paid and checklist marks checked without Pydantic, so that a `wallet import` of a file
this program wrote imports no Pydantic at all (about a fifth of the command's time).

Accepted is only what `documents.WalletRecords` takes unchanged, checked with the same
functions its validators call (`parse_day`, `check_not_future`, `clean_text`, `check_person`);
anything else (a missing required key, a whole number where a float is written, padded text,
a date that is not plainly YYYY-MM-DD) answers None, and the models check the file again and
word the refusal. `plain_people` also counts the strings it saw, for `fast_json`'s test for
keys written twice.
"""

import datetime as dt
import re
from typing import Any

from certadvisor.dates import parse_day
from certadvisor.wallet.checks import (
    EXPORT_FORMAT,
    check_not_future,
    check_person,
    clean_text,
)

_TRACK = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAX_FEE = 100_000


class _Doubt(Exception):
    """What the models are left to check and word."""


class Tally:
    """The strings (keys and text values) of the checked objects, for `fast_json`."""

    __slots__ = ("strings",)

    def __init__(self) -> None:
        self.strings = 0


def _object(
    value: Any, required: frozenset[str], allowed: frozenset[str], tally: Tally
) -> dict[str, Any]:
    """A dict with every ``required`` key and no key outside ``allowed`` (extra='forbid')."""
    if type(value) is not dict or not required <= value.keys() <= allowed:
        raise _Doubt
    tally.strings += len(value)
    return value


def _text(value: Any, tally: Tally) -> str:
    if type(value) is not str:
        raise _Doubt
    tally.strings += 1
    return value


def _day(value: Any, tally: Tally) -> dt.date:
    """`documents.Day`: the date `parse_day` reads, when the text is plainly the date."""
    if not _DAY.fullmatch(_text(value, tally)):
        raise _Doubt
    try:
        return parse_day(value)
    except ValueError:
        raise _Doubt from None


def _past_day(value: Any, today: dt.date, tally: Tally) -> dt.date:
    try:
        return check_not_future(_day(value, tally), today)
    except ValueError:
        raise _Doubt from None


def _stamp(value: Any, tally: Tally) -> str | None:
    if value is None:
        return None
    text = _text(value, tally)
    if not _STAMP.fullmatch(text):
        raise _Doubt
    return text


def _short_text(value: Any, max_len: int, tally: Tally) -> str | None:
    """Text `clean_text` keeps as it is (trimmed, one line, short), or None."""
    if value is None:
        return None
    text = _text(value, tally)
    try:
        kept = clean_text(text, max_len=max_len)
    except ValueError:
        raise _Doubt from None
    if kept != text:
        raise _Doubt
    return text


def _track(value: Any, tally: Tally) -> str:
    text = _text(value, tally)
    if not _TRACK.fullmatch(text):
        raise _Doubt
    return text


def _int(value: Any, low: int, high: int) -> int:
    """A strict int (no bool, no float) within ``low``..``high``."""
    if type(value) is not int or not low <= value <= high:
        raise _Doubt
    return value


def _money(value: Any) -> float | None:
    """A fee or an amount as the export writes it: None, or a float within 0..100,000."""
    if value is None:
        return None
    if type(value) is not float or not 0 <= value <= _MAX_FEE:
        raise _Doubt
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Doubt
    return value


_RENEWAL_KEYS = frozenset(
    ("cycle_index", "start", "end", "filed", "fee", "next_start", "next_end", "recorded_at")
)
_RENEWAL_REQUIRED = _RENEWAL_KEYS - {"fee", "recorded_at"}
_FEE_KEYS = frozenset(("due", "paid", "amount", "recorded_at"))
_FEE_REQUIRED = frozenset(("due", "paid"))
_CREDENTIAL_KEYS = frozenset(
    ("track", "earned", "number", "added_at", "ce", "renewals", "fees_paid")
)
_CREDENTIAL_REQUIRED = frozenset(("track", "earned"))
_CHECKLIST_KEYS = frozenset(("track", "steps"))
_PERSON_KEYS = frozenset(("name", "credentials", "checklist"))
_PERSON_REQUIRED = frozenset(("name",))
_DATA_KEYS = frozenset(("format", "version", "exported_at", "people"))
_NONE: frozenset[str] = frozenset()


def _renewal(value: Any, today: dt.date, tally: Tally) -> dict[str, Any]:
    r = _object(value, _RENEWAL_REQUIRED, _RENEWAL_KEYS, tally)
    return {
        "cycle_index": _int(r["cycle_index"], 0, 1000),
        "start": _day(r["start"], tally),
        "end": _day(r["end"], tally),
        "filed": _past_day(r["filed"], today, tally),
        "fee": _money(r.get("fee")),
        "next_start": _day(r["next_start"], tally),
        "next_end": _day(r["next_end"], tally),
        "recorded_at": _stamp(r.get("recorded_at"), tally),
    }


def _fee_paid(value: Any, today: dt.date, tally: Tally) -> dict[str, Any]:
    p = _object(value, _FEE_REQUIRED, _FEE_KEYS, tally)
    return {
        "due": _day(p["due"], tally),
        "paid": _past_day(p["paid"], today, tally),
        "amount": _money(p.get("amount")),
        "recorded_at": _stamp(p.get("recorded_at"), tally),
    }


def _credential(value: Any, today: dt.date, tally: Tally) -> tuple[dict[str, Any], Any]:
    """The credential's fields but its CE, and its CE as written (`plain_ce_rows` checks it)."""
    c = _object(value, _CREDENTIAL_REQUIRED, _CREDENTIAL_KEYS, tally)
    fields = {
        "track": _track(c["track"], tally),
        "earned": _past_day(c["earned"], today, tally),
        "number": _short_text(c.get("number"), 64, tally),
        "added_at": _stamp(c.get("added_at"), tally),
        "renewals": [_renewal(r, today, tally) for r in _list(c.get("renewals", []))],
        "fees_paid": [_fee_paid(p, today, tally) for p in _list(c.get("fees_paid", []))],
    }
    return fields, c.get("ce", [])


def _checklist(value: Any, tally: Tally) -> dict[str, Any]:
    m = _object(value, _CHECKLIST_KEYS, _CHECKLIST_KEYS, tally)
    steps = [_int(s, 1, 1000) for s in _list(m["steps"])]
    return {"track": _track(m["track"], tally), "steps": steps}


def _person(value: Any, today: dt.date, tally: Tally) -> tuple[dict[str, Any], list[Any]]:
    p = _object(value, _PERSON_REQUIRED, _PERSON_KEYS, tally)
    name = _text(p["name"], tally)
    try:
        if check_person(name) != name:
            raise _Doubt
    except ValueError:
        raise _Doubt from None
    creds = [_credential(c, today, tally) for c in _list(p.get("credentials", []))]
    person = {
        "name": name,
        "credentials": [fields for fields, _ in creds],
        "checklist": [_checklist(m, tally) for m in _list(p.get("checklist", []))],
    }
    return person, [ce for _, ce in creds]


PlainPerson = tuple[dict[str, Any], list[Any]]


def plain_people(data: Any, today: dt.date, tally: Tally) -> list[PlainPerson] | None:
    """Each person of an export's ``data`` as the models' field values (dates as dates; each
    credential without its ``ce``), with each credential's ``ce`` as written; None on any
    doubt. ``tally`` counts the strings seen (the CE activities' not among them)."""
    try:
        d = _object(data, _NONE, _DATA_KEYS, tally)
        if d.get("format", EXPORT_FORMAT) != EXPORT_FORMAT:
            raise _Doubt
        version = d.get("version", 1)
        if type(version) is not int or version != 1:
            raise _Doubt
        tally.strings += "format" in d
        if d.get("exported_at") is not None:
            _text(d["exported_at"], tally)
        return [_person(p, today, tally) for p in _list(d.get("people", []))]
    except _Doubt:
        return None


def count_strings(value: Any) -> int:
    """The strings (keys and text values) in plain json data (nested as deep as `fast_json`
    lets the envelope be)."""
    if type(value) is str:
        return 1
    if type(value) is dict:
        return len(value) + sum(map(count_strings, value.values()))
    if type(value) is list:
        return sum(map(count_strings, value))
    return 0
