"""Safe JSON reading with the YAML loader's limits: duplicate keys, nesting, numbers, text.

`load_json(raw, label)` is for every JSON input (a wallet import): it refuses what
`yaml_io.load_yaml` refuses, each as one line naming the file, the line and the key.
"""

import json
import re
from typing import Any

from certadvisor.catalog.reading import (
    MAX_DEPTH,
    Refused,
    check_digits,
    check_number,
    check_string,
    decode_text,
)
from certadvisor.errors import InvalidInputError
from certadvisor.text import safe_line

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def load_json(raw: bytes, label: str) -> Any:
    """The JSON document of ``raw``; anything malformed or out of limits is InvalidInputError."""
    text = decode_text(raw, label)
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in items:
            if key in found:
                duplicates.append(key)
            try:
                check_string(key)
                if isinstance(value, str):
                    check_string(value)
            except Refused as exc:
                exc.what = f"{safe_line(key)}: {exc.what}"
                raise
            found[key] = value
        return found

    try:
        doc = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{label}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None
    except Refused as exc:
        exc.line = exc.line or _line_of(text, exc.token)
        raise exc.at(label) from None
    except RecursionError:
        raise InvalidInputError(f"{label}: nested more than {MAX_DEPTH} levels deep") from None
    if _too_deep(doc):
        _, line = _max_depth(text)
        raise InvalidInputError(f"{label}:{line}: nested more than {MAX_DEPTH} levels deep")
    if duplicates:
        raise InvalidInputError(_duplicate_message(text, label, duplicates[0]))
    if isinstance(doc, str):
        try:
            check_string(doc)
        except Refused as exc:
            raise exc.at(label) from None
    return doc


def _too_deep(doc: Any) -> bool:
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


def _line_of(text: str, token: str | None) -> int | None:
    """The line of the first number written as ``token`` (numbers are refused while parsed)."""
    if not token:
        return None
    found = re.search(rf"(?<![\w.]){re.escape(token)}(?![\w.])", text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _number(text: str, convert: Any) -> Any:
    try:
        check_digits(re.split(r"[.eE]", text)[0])
        value = convert(text)
        check_number(value)
    except Refused as exc:
        exc.token = text
        raise
    return value


def _parse_int(text: str) -> int:
    return int(_number(text, int))


def _parse_float(text: str) -> float:
    return float(_number(text, float))


def _refuse_constant(name: str) -> float:
    exc = Refused(f"{name} is not a number JSON allows here")
    exc.token = name
    raise exc


def _tokens(text: str) -> Any:
    """The strings and punctuation of a JSON text with their line numbers, in order."""
    line, last = 1, 0
    for match in _TOKEN.finditer(text):
        line += text.count("\n", last, match.start())
        last = match.start()
        yield match.group(), line


def _max_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of the text and the line where it is first reached (on error)."""
    depth = deepest = 0
    where = 1
    for token, line in _tokens(text):
        if token in "{[":
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif token in "}]":
            depth -= 1
    return deepest, where


def _duplicate_message(text: str, label: str, key: str) -> str:
    """Where a key appears twice in one object: both lines (only read on that error)."""
    stack: list[dict[str, int]] = []
    previous = ""
    for token, line in _tokens(text):
        if token == "{":
            stack.append({})
        elif token in "}":
            stack.pop()
        elif token == ":" and stack and previous.startswith('"'):
            name = json.loads(previous)
            if name in stack[-1] and name == key:
                first = stack[-1][name]
                return (
                    f"{label}:{line}: {key}: key {key!r} appears twice "
                    f"(lines {first} and {line}); keep one"
                )
            stack[-1][name] = line
        previous = token
    return f"{label}: key {key!r} appears twice in one object; keep one"
