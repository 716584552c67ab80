"""The fast path of an import: a file this program wrote, parsed without a Python call per
string. `fast_json` answers None on any doubt, and the careful reader (`load_json`) then reads
the file and says what is wrong.
"""

import json
from typing import Any

from certadvisor.catalog.reading import MAX_NUMBER
from certadvisor.text import control_char


class _NotPlain(Exception):
    """Something `fast_json` leaves to `load_json`, which refuses it with its own words."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _NotPlain
    return found


def _plain_float(text: str) -> float:
    value = float(text)
    if not abs(value) <= MAX_NUMBER:  # also refuses inf and nan
        raise _NotPlain
    return value


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
    (the export's model, which has no free-form field, checks the ``data`` part).
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if "\\u" in text or control_char(text) is not None:
        return None
    try:
        doc = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_float=_plain_float,
            parse_int=_plain_int,
            parse_constant=_refuse,
        )
    except (_NotPlain, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or any(_deep(v) for k, v in doc.items() if k != "data"):
        return None
    return doc


def _deep(value: Any, depth: int = 1) -> bool:
    if depth > 8:
        return True
    if isinstance(value, dict):
        return any(_deep(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_deep(v, depth + 1) for v in value)
    return False
