"""``json.dumps(value, indent=2, ensure_ascii=False)``, byte for byte, several times faster.

Python's json module encodes in C only without indentation; with ``indent=2`` it falls back to
a generator per value, which is most of the time of a large `wallet export`. Here every
container whose members are all plain values (a CE entry, a list of steps) is encoded by the C
encoder in one call, with the newline and the indentation of its depth as the item separator;
only the containers above those are walked in Python. A raw newline can come only from a
separator (the encoder escapes it inside strings), which is what makes the splicing exact.
Anything but plain JSON data (dicts with string keys, lists, str, int, float, bool, None) goes
to ``json.dumps`` itself. `Rows` (objects kept as tuples) are written as the list of objects
they stand for: column by column where each column holds one plain kind of value (`_by_column`),
else every value encoded by one C call, then set into a template of the objects.
"""

import json
import math
import re
from collections.abc import Callable, Iterable
from itertools import chain, repeat
from typing import Any

from certadvisor.json_rows import Rows

_SCALARS = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})
_Encode = Callable[[Any], str]
_by_depth: dict[int, _Encode] = {}


class _NotPlain(Exception):
    pass


def _encoder(depth: int) -> _Encode:
    """The C encoder whose item separator starts a new line ``depth`` levels in."""
    found = _by_depth.get(depth)
    if found is None:
        found = json.JSONEncoder(
            ensure_ascii=False, check_circular=False, separators=(",\n" + "  " * depth, ": ")
        ).encode
        _by_depth[depth] = found
    return found


def dumps_indented(value: Any) -> str:
    """What ``json.dumps(value, indent=2, ensure_ascii=False)`` returns."""
    out: list[str] = []
    try:
        _write(value, 0, out)
    except _NotPlain:
        return json.dumps(_expanded(value), indent=2, ensure_ascii=False)
    return "".join(out)


def _expanded(value: Any) -> Any:
    """The value with every `Rows` made the dicts it stands for (for ``json.dumps``)."""
    if isinstance(value, Rows):
        return [_expanded(d) for d in value.as_dicts()]
    if isinstance(value, dict):
        return {k: _expanded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_expanded(v) for v in value]
    return value


def _plain(values: Any) -> bool:
    """Whether every value is a plain one (in C: no Python call per value)."""
    return _SCALARS.issuperset(map(type, values))


def _flat_dict(value: Any) -> bool:
    return type(value) is dict and bool(value) and _plain(value.values())


def _write(value: Any, depth: int, out: list[str]) -> None:
    kind = type(value)
    if kind in _SCALARS:
        out.append(_encoder(0)(value))
    elif kind is dict:
        _write_dict(value, depth, out)
    elif kind is list:
        _write_list(value, depth, out)
    elif kind is Rows:
        _write_rows(value, depth, out)
    else:
        raise _NotPlain


def _write_dict(value: dict[Any, Any], depth: int, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
    if _plain(value.values()):
        if not _STR.issuperset(map(type, value)):
            raise _NotPlain
        out.append("{" + inner + _encoder(depth + 1)(value)[1:-1] + outer + "}")
        return
    key = _encoder(0)
    out.append("{")
    first = True
    for k, v in value.items():
        if type(k) is not str:
            raise _NotPlain
        out.append((inner if first else "," + inner) + key(k) + ": ")
        first = False
        _write(v, depth + 1, out)
    out.append(outer + "}")


def _write_list(value: list[Any], depth: int, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner, outer = "\n" + "  " * (depth + 1), "\n" + "  " * depth
    if _plain(value):
        out.append("[" + inner + _encoder(depth + 1)(value)[1:-1] + outer + "]")
        return
    out.append("[")
    i, n = 0, len(value)
    while i < n:
        out.append(inner if i == 0 else "," + inner)
        j = i
        while j < n and _flat_dict(value[j]):
            j += 1
        if j > i:  # a run of flat objects: one C call, the objects' boundaries re-indented
            _flat_run(value[i:j], depth + 1, out)
            i = j
        else:
            _write(value[i], depth + 1, out)
            i += 1
    out.append(outer + "]")


def _flat_run(items: list[dict[Any, Any]], depth: int, out: list[str]) -> None:
    """Objects of plain values at ``depth``, in one call: ``[{..}S{..}]`` with S the separator
    of their fields, where ``}S{`` can only be the boundary between two objects."""
    if not all(_STR.issuperset(map(type, d)) for d in items):
        raise _NotPlain
    sep = ",\n" + "  " * (depth + 1)
    body = _encoder(depth + 1)(items)[2:-2]
    own, field = "\n" + "  " * depth, "\n" + "  " * (depth + 1)
    body = body.replace("}" + sep + "{", own + "}," + own + "{" + field)
    out.append("{" + field + body + own + "}")


# the values of a run of objects, one line each: a raw newline is only ever a separator
_lines = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=("\n", ": ")).encode


def _write_rows(value: Rows, depth: int, out: list[str]) -> None:
    """The objects at ``depth + 1``: the values encoded at once, split at the newlines, and
    set with ``%`` into the objects' template; a value that is not plain is written on its
    own (a certificate's object) and put in its place."""
    keys, rows = value.keys, value.rows
    if not rows:
        out.append("[]")
        return
    if not keys or not _STR.issuperset(map(type, keys)):
        raise _NotPlain
    by_column = _by_column(keys, rows, depth)
    if by_column is not None:
        out.append(by_column)
        return
    flat = list(chain.from_iterable(rows))
    if len(flat) != len(keys) * len(rows):
        raise _NotPlain
    nested: dict[int, str] = {}
    if not _plain(flat):
        for i, cell in enumerate(flat):
            if type(cell) not in _SCALARS:
                part: list[str] = []
                _write(cell, depth + 2, part)
                nested[i], flat[i] = "".join(part), None
    parts = _lines(flat)[1:-1].split("\n")
    for i, text in nested.items():
        parts[i] = text
    field, own = "\n" + "  " * (depth + 2), "\n" + "  " * (depth + 1)
    key = _encoder(0)
    one = "{" + ",".join(field + key(k).replace("%", "%%") + ": %s" for k in keys) + own + "}"
    body = ("," + own).join([one] * len(rows)) % tuple(parts)
    out.append("[" + own + body + "\n" + "  " * depth + "]")


# what ``json.dumps(ensure_ascii=False)`` escapes in a string: nothing else is changed
_ESCAPED = re.compile(r'["\\\x00-\x1f]')
_NONE = type(None)


# the ASCII bytes json.dumps writes as they are (DEL too: `render.output` escapes it later)
_RAW_ASCII = bytes(range(0x20, 0x80))


def _quotable(texts: "Iterable[str]") -> bool:
    """Whether ``json.dumps`` writes each text as it is between quotes: ASCII text in three
    passes in C at memory speed (a regex takes ten times as long), other text by the regex."""
    joined = "".join(texts)
    if not joined.isascii():
        return _ESCAPED.search(joined) is None
    raw = joined.encode("ascii")
    return b'"' not in raw and b"\\" not in raw and not raw.translate(None, _RAW_ASCII)


def _float_reprs(column: tuple[float, ...]) -> "Iterable[str]":
    """``repr`` of each float (what ``json.dumps`` writes), each distinct value's once: a CE
    list has a few values of points, and ``repr`` is a call of its own for each value."""
    distinct = set(column)
    if 0.0 in distinct:  # 0.0 and -0.0 are one key of a dict, but two texts
        return map(float.__repr__, column)
    return map({v: repr(v) for v in distinct}.__getitem__, column)


def _by_column(keys: tuple[str, ...], rows: list[tuple[Any, ...]], depth: int) -> str | None:
    """`_write_rows`'s text, built a column at a time when every column holds one kind of
    value that needs no call per value: text with nothing to escape (set between the quotes
    of the text around it), finite floats and ints (their ``repr``, as ``json.dumps``), None
    (``null``, folded into the text around it) or text and None; else None.

    The objects are the pieces in turn, the text between the values and each column's
    values, joined once: no Python bytecode per value (the export of 50,000 CE activities)."""
    if set(map(len, rows)) != {len(keys)}:
        return None
    field, own = "\n" + "  " * (depth + 2), "\n" + "  " * (depth + 1)
    key = _encoder(0)
    pieces: list[Iterable[str]] = []
    text = "," + own + "{"  # before every object; the first one's comma is cut off below
    for i, (name, column) in enumerate(zip(keys, zip(*rows, strict=True), strict=True)):
        text += ("," if i else "") + field + key(name) + ": "
        kinds = set(map(type, column))
        if kinds == {_NONE}:
            text += "null"
            continue
        if kinds == {str} and _quotable(column):
            pieces += [repeat(text + '"'), column]
            text = '"'
            continue
        if kinds == {float} and all(map(math.isfinite, column)):
            values: Iterable[str] = _float_reprs(column)
        elif kinds == {int}:
            values = map(int.__repr__, column)
        elif kinds == {str, _NONE} and _quotable(v for v in column if v is not None):
            values = ["null" if v is None else '"' + v + '"' for v in column]
        else:
            return None
        pieces += [repeat(text), values]
        text = ""
    pieces.append([text + own + "}"] * len(rows))  # finite: ends the zip, even with no column
    body = "".join(chain.from_iterable(zip(*pieces, strict=False)))  # repeat() never ends
    return "[" + body[1:] + "\n" + "  " * depth + "]"
