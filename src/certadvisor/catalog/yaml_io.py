"""Safe YAML reading with size and alias-bomb limits; errors as 'file:line:col: where: what'."""

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from certadvisor.errors import InvalidInputError

MAX_FILE_BYTES = 256 * 1024 * 1024
_MAX_EXPANSION_RATIO = 50
_ALIAS = re.compile(rb"(^|[\s\[{,:-])\*[^\s\[\]{},]+", re.MULTILINE)


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_LOADER: Any = None


def _loader() -> Any:
    """The safe loader (libyaml's when present) with dates left as text.

    YAML would turn 2026-02-30 into an exception inside the parser, losing the file's other
    records; as text, the models parse each date and name the record and field instead.
    """
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        resolvers = {
            first: [(tag, rx) for tag, rx in pairs if tag != _TIMESTAMP]
            for first, pairs in base.yaml_implicit_resolvers.items()
        }
        _LOADER = type("DatesAsTextLoader", (base,), {"yaml_implicit_resolvers": resolvers})
    return _LOADER


def read_text(path: Path, label: str | None = None) -> bytes:
    """Read a file as bytes, refusing one that is missing, unreadable or absurdly large."""
    name = label or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInputError(
                f"{name}: the file is {size // (1024 * 1024)} MiB, over the "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB limit",
                "Split it into several files and pass each with --data.",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInputError(f"{name}: no such file", "Check the path.") from None
    except IsADirectoryError:
        raise InvalidInputError(f"{name}: is a folder, not a file") from None
    except PermissionError:
        raise InvalidInputError(f"{name}: permission denied") from None


def decode_text(raw: bytes, label: str) -> str:
    """UTF-8 text (a byte-order mark dropped); anything else is refused naming the byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{label}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None


def load_yaml(raw: bytes, label: str) -> Any:
    """Parse YAML safely (libyaml when present); syntax errors and alias bombs become one line."""
    import yaml

    text = decode_text(raw, label)
    try:
        if _ALIAS.search(raw):
            _refuse_alias_bomb(text, label)
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{label}:{mark.line + 1}:{mark.column + 1}" if mark else label
        problem = exc.problem or exc.context or "invalid YAML"
        raise InvalidInputError(f"{where}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"{label}: YAML error: {exc}") from None


def _refuse_alias_bomb(text: str, label: str) -> None:
    """Refuse a document whose aliases expand to far more nodes than it holds."""
    import yaml

    root = yaml.compose(text, Loader=_loader())
    if root is None:
        return
    sizes: dict[int, int] = {}
    distinct: set[int] = set()

    def expanded(node: Any) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        distinct.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(expanded(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(expanded(k) + expanded(v) for k, v in node.value)
        sizes[key] = total
        return total

    size = expanded(root)
    if size > 10_000 and size > _MAX_EXPANSION_RATIO * len(distinct):
        raise InvalidInputError(
            f"{label}: refused: its aliases expand {len(distinct):,} nodes to {size:,}",
            "Write the repeated parts out instead of using anchors and aliases.",
        )


def locate(raw: bytes, loc: Sequence[int | str]) -> tuple[int, int] | None:
    """Line and column (1-based) of the YAML node at a validation error's location."""
    import yaml

    try:
        node: Any = yaml.compose(raw.decode("utf-8-sig"), Loader=_loader())
    except yaml.YAMLError:
        return None
    found = node
    for i, part in enumerate(loc):
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if match is None:
                break
            node = match[1]
            # the last key itself is where an editor should jump (its value may be a block)
            found = match[0] if i == len(loc) - 1 else node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
            found = node
        else:
            break
    if found is None:
        return None
    return found.start_mark.line + 1, found.start_mark.column + 1


def data_path(data: Any, loc: Sequence[int | str]) -> tuple[str, list[int | str]]:
    """Readable path (``tracks[3].fees[0].amount``) and the keys that really are in the data.

    Pydantic puts union tags and validator names into a location; they are not keys of the
    document, so they are left out unless they are the last part (a missing or unknown key).
    """
    out = ""
    real: list[int | str] = []
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(part, int):
            out += f"[{part}]"
            real.append(part)
            node = node[part] if isinstance(node, list) and part < len(node) else None
        elif isinstance(node, dict) and part in node:
            out += f".{part}" if out else part
            real.append(part)
            node = node[part]
        elif last and not part.startswith("function-"):
            out += f".{part}" if out else part
            real.append(part)
    return out, real


def _explain(err: Any) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    simple = {
        "missing": "is required",
        "extra_forbidden": "is not a known key (check the spelling)",
        "int_parsing": "must be a whole number",
        "int_type": "must be a whole number",
        "int_from_float": "must be a whole number",
        "float_parsing": "must be a number",
        "float_type": "must be a number",
        "bool_parsing": "must be true or false",
        "bool_type": "must be true or false",
        "string_type": "must be text",
        "list_type": "must be a list",
        "dict_type": "must be a mapping of keys to values",
        "model_type": "must be a mapping of keys to values",
        "model_attributes_type": "must be a mapping of keys to values",
        "union_tag_not_found": "needs a 'kind'",
    }
    if kind in simple:
        return simple[kind]
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}"
    if kind == "less_than":
        return f"must be less than {ctx.get('lt')}"
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected')}"
    if kind == "union_tag_invalid":
        return f"kind {ctx.get('tag')!r} is not one of {ctx.get('expected_tags')}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "must be a real date written YYYY-MM-DD"
    if kind == "string_pattern_mismatch":
        return f"does not have the expected form ({ctx.get('pattern')})"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    msg = str(err.get("msg", "is invalid"))
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    return msg[:1].lower() + msg[1:]


def validation_lines(
    exc: Any, data: Any, raw: bytes | None, label: str, prefix: Sequence[int | str] = ()
) -> list[str]:
    """One ``file:line:col: where: what`` line per error of a pydantic ValidationError."""
    lines = []
    for err in exc.errors(include_url=False):
        loc = [*prefix, *err["loc"]]
        path, real = data_path(data, loc)
        where = label
        if raw is not None:
            pos = locate(raw, real)
            if pos:
                where = f"{label}:{pos[0]}:{pos[1]}"
        lines.append(f"{where}: {path or '(top level)'}: {_explain(err)}")
    return lines
