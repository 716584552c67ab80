"""The fast path of an import: a file this program wrote, parsed without a Python call per
string. `fast_json` answers None on any doubt, and the careful reader (`load_json`) then reads
the file and says what is wrong.
"""

import datetime as dt
import json
import re
from collections.abc import Collection, Sequence
from math import isnan
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from certadvisor.catalog.reading import MAX_NUMBER
from certadvisor.text import control_char
from certadvisor.wallet.checks import CONTROL, MAX_POINTS
from certadvisor.wallet.plain_people import Tally, count_strings

if TYPE_CHECKING:
    from certadvisor.wallet.documents import PersonRecord


class _NotPlain(Exception):
    """Something `fast_json` leaves to `load_json`, which refuses it with its own words."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _NotPlain
    return found


def _plain_int(text: str) -> int:
    if len(text) > 20 or abs(value := int(text)) > MAX_NUMBER:
        raise _NotPlain
    return value


def _refuse(_: str) -> Any:
    raise _NotPlain


def fast_json(raw: bytes) -> Any:
    """The document, parsed without a Python call per string, when it is plainly within
    `load_json`'s limits; None when it may not be (then `load_json` reads it and says why).

    Plainly within: UTF-8 with no unsafe character written as is (one regex over the text)
    nor as an escape (no ``\\u`` at all: this program's exports write text as it is), no key
    twice in an object, numbers within the limits, nesting as deep as a wallet export's
    (the export's model, which has no free-form field, checks the ``data`` part: every float
    there is in a field bounded far below the limit, so floats are parsed with no call each).
    """
    doc, quotes = fast_json_counted(raw)
    if quotes is not None and doc is not None and quotes != 2 * count_strings(doc):
        return None  # a key twice in an object
    return doc


def fast_json_counted(raw: bytes) -> tuple[Any, int | None]:
    """`fast_json`, and the number of double quotes in the file when no object of it was
    checked for a key written twice (else None), for the caller to check as `fast_json` does.

    Without a backslash in the file every double quote opens or closes a string, so the file
    has twice as many as the strings (keys and values) of its document exactly when no key
    was written twice: the object that keeps one of two keys loses a string. Counting them
    in C is much quicker than a Python call per object that would look for twins.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, None
    # one byte is searched in C at memory speed; the pair only where a backslash is at all
    escaped = b"\\" in raw
    if (escaped and b"\\u" in raw) or _unsafe(raw, text):
        return None, None
    try:
        doc = json.loads(
            text,
            object_pairs_hook=_no_duplicates if escaped else None,
            parse_int=_plain_int,
            parse_constant=_refuse,
        )
    except (_NotPlain, ValueError, RecursionError):
        return None, None
    if not isinstance(doc, dict) or any(_deep(v) for k, v in doc.items() if k != "data"):
        return None, None
    return doc, None if escaped else raw.count(b'"')


def _unsafe(raw: bytes, text: str) -> bool:
    """Whether the text has a character `control_char` refuses (its regex runs only where a
    lead byte of a non-ASCII one it refuses, C1 controls or bidi marks, is there at all).

    Of the ASCII controls it refuses, `json.loads` itself refuses all but two anywhere in a
    document (in a string any control; outside, all but the whitespace tab, newline and
    carriage return): only the carriage return and DEL are looked for, each in one pass in C
    at memory speed (deleting every safe byte, as before, took ten times as long)."""
    if b"\r" in raw or b"\x7f" in raw:
        return True
    if b"\xc2" in raw or b"\xe2" in raw:
        return control_char(text) is not None
    return False


def _deep(value: Any, depth: int = 1) -> bool:
    """Nested past a wallet export's depth, or a float past the limits (inf too)."""
    if depth > 8:
        return True
    if isinstance(value, float):
        return not abs(value) <= MAX_NUMBER
    if isinstance(value, dict):
        return any(_deep(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_deep(v, depth + 1) for v in value)
    return False


class CheckedPeople(list["PersonRecord"]):
    """The people of an import file checked the fast way: their credentials' ``ce`` lists are
    left empty, and each activity is in ``ce_rows`` instead (per person, per credential) as
    the store keeps it: `ce.stored_values` and added_at. 50,000 activities build no model."""

    def __init__(self, people: list["PersonRecord"], ce_rows: list[list[list["_Row"]]]) -> None:
        super().__init__(people)
        self.ce_rows = ce_rows


# A CE activity as this program exports it: every key, in this order (`export_plain`).
CE_KEYS = ("date", "points", "category", "title", "provider", "approved_by", "certificate",
           "added_at")  # fmt: skip
_CE_COLUMNS = [itemgetter(key) for key in CE_KEYS]
_CERTIFICATE_KEYS = {"sha256", "name"}
_DATES = re.compile(r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}\n)*")
_STAMPS = re.compile(r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\n)*")
_CATEGORY = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
# what `checks.clean_text` refuses (Unicode's Cc and Cs), for text that is not all ASCII
_Row = tuple[Any, ...]


def plain_ce_rows(
    ces: Any, categories: Collection[str], today: dt.date, tally: Tally | None = None
) -> list[_Row] | None:
    """A credential's CE activities as the store's rows (`ce.stored_values` and added_at),
    checked in bulk without a model; None on any doubt, for the models to check and word.

    Accepted is only what `documents.CERecord` takes unchanged (every key written, text
    already trimmed, points a float, ASCII digits in dates and stamps), with categories among
    ``categories``: a file this program wrote. Anything else goes the careful way.
    """
    if type(ces) is not list:
        return None
    if not ces:
        return []
    # every check a pass in C (map, filter, count): no Python bytecode per activity
    if set(map(type, ces)) != {dict} or set(map(len, ces)) != {len(CE_KEYS)}:
        return None
    try:  # a column at a time: one call in C each, no tuple per activity
        columns = [list(map(get, ces)) for get in _CE_COLUMNS]
    except KeyError:
        return None
    dates, points, cats, titles, providers, approvers, certs, added = columns
    certificates = _certificates(certs)
    optional = _present([*providers, *approvers])
    stamps = _present(added)
    if (
        certificates is None
        or not _days(dates, today)
        or optional is None
        or stamps is None
        or set(map(type, points)) != {float}
        or not (min(points) > 0 and max(points) <= MAX_POINTS)
        or isnan(sum(points))  # min and max pass over a NaN that is not first
        or not _categories(cats, categories)
        or not _texts(titles, 300)
        or not _texts(optional, 200)
        or not _stamps(stamps)
    ):
        return None
    shas, names = certificates
    if tally is not None:  # keys, date, category and title; the text there is; certificates'
        found = len(ces) * (len(CE_KEYS) + 3) + len(optional) + len(stamps)
        tally.strings += found + 4 * (len(shas) - shas.count(None))
    out = [dates, points, cats, titles, providers, approvers, shas, names, added]
    return list(zip(*out, strict=True))


def _present(values: list[Any]) -> list[Any] | None:
    """The values that are not None; None (a doubt) when another false one is there ('')."""
    found = list(filter(None, values))
    return found if len(found) == len(values) - values.count(None) else None


def _days(dates: Sequence[Any], today: dt.date) -> bool:
    """Dates written YYYY-MM-DD, real, none after ``today``."""
    if set(map(type, dates)) != {str}:
        return False
    joined = "\n".join(dates) + "\n"
    if len(joined) != 11 * len(dates) or not _DATES.fullmatch(joined):
        return False
    try:
        set(map(dt.date.fromisoformat, set(dates)))
    except ValueError:
        return False
    return bool(max(dates) <= today.isoformat())


def _stamps(stamps: Sequence[Any]) -> bool:
    if not stamps:
        return True
    if set(map(type, stamps)) != {str}:
        return False
    joined = "\n".join(stamps) + "\n"
    return len(joined) == 21 * len(stamps) and _STAMPS.fullmatch(joined) is not None


def _categories(cats: Sequence[Any], allowed: Collection[str]) -> bool:
    return all(
        type(c) is str and _CATEGORY.fullmatch(c) is not None and c in allowed for c in set(cats)
    )


def _texts(texts: Sequence[Any], max_len: int) -> bool:
    """Text that `checks.clean_text` keeps as it is: trimmed, not empty, one line, short."""
    if not texts:
        return True
    if set(map(type, texts)) != {str}:
        return False
    if list(map(str.strip, texts)) != list(texts) or not all(texts):
        return False
    if max(map(len, texts)) > max_len:
        return False
    joined = "".join(texts)
    if joined.isascii():
        return not joined.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return CONTROL.search(joined) is None


def _certificates(certs: Sequence[Any]) -> tuple[Sequence[Any], Sequence[Any]] | None:
    """(sha256, name) columns of the certificates (None where there is none), or None."""
    none: list[Any] = [None] * len(certs)
    if certs.count(None) == len(certs):
        return none, none
    shas, names = list(none), list(none)
    for i, cert in enumerate(certs):
        if cert is None:
            continue
        if type(cert) is not dict or cert.keys() != _CERTIFICATE_KEYS:
            return None
        sha, name = cert["sha256"], cert["name"]
        if type(sha) is not str or not _SHA256.fullmatch(sha) or not _texts([name], 255):
            return None
        shas[i], names[i] = sha, name
    return shas, names
