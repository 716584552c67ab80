"""Safe YAML reading: limits on size, nesting, aliases, duplicate keys and values."""

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from certadvisor.catalog.reading import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Refused,
    check_digits,
    check_number,
    check_string,
    decode_text,
    read_text,
)
from certadvisor.catalog.yaml_events import FAST_SCALARS, PLAIN_TAG, UNUSUAL, events_tree
from certadvisor.catalog.yaml_import import import_yaml
from certadvisor.errors import InvalidInputError

__all__ = ["MAX_FILE_BYTES", "decode_text", "load_yaml", "read_text", "validation_lines"]

# Aliases may repeat at most this many nodes in all, or this many times the file's own nodes
# when that is more: anchors for shared blocks stay usable in a large catalog (the benchmark's
# anchored catalogs repeat about 22 times their nodes), while a small file that would expand
# to gigabytes once validated (an alias bomb) is refused before it is built
_MAX_ALIASED_NODES = 100_000
_MAX_ALIAS_RATIO = 25

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_RESOLVED_KEPT = 100_000  # distinct scalar texts whose tags one run remembers
_LOADER: Any = None


def _loader() -> Any:
    """The safe loader (libyaml's when present) with dates left as text and values checked.

    YAML would turn 2026-02-30 into an exception inside the parser, losing the file's other
    records; as text, the models parse each date and name the record and field instead.
    Duplicate keys, control characters in text and absurd numbers are refused where they are.
    """
    global _LOADER
    if _LOADER is None:
        yaml = import_yaml()

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        resolvers = {
            first: [(tag, rx) for tag, rx in pairs if tag != _TIMESTAMP]
            for first, pairs in base.yaml_implicit_resolvers.items()
        }
        loader: Any = type(
            "CheckedLoader",
            (base,),
            {"yaml_implicit_resolvers": resolvers, "construct_mapping": _construct_mapping},
        )
        loader.__init__ = _quick_hooks(loader, base.__init__)
        loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
        loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
        loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
        _LOADER = loader
    return _LOADER


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _checked(node: Any, check: Any, value: Any) -> Any:
    try:
        check(value)
    except Refused as exc:
        exc.line, exc.column = _mark(node)
        raise
    return value


def _construct_str(self: Any, node: Any) -> Any:
    return _checked(node, check_string, self.construct_scalar(node))


def _construct_int(self: Any, node: Any) -> Any:
    yaml = import_yaml()

    _checked(node, check_digits, str(node.value))
    return _checked(node, check_number, yaml.SafeLoader.construct_yaml_int(self, node))


def _construct_float(self: Any, node: Any) -> Any:
    yaml = import_yaml()

    _checked(node, check_digits, str(node.value).split(".")[0])
    return _checked(node, check_number, yaml.SafeLoader.construct_yaml_float(self, node))


def _quick_hooks(loader: Any, init: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """`init`, then the hooks the composer calls for every node made quick (C callables).

    A node's implicit tag depends on its kind, text and quoting alone (this loader has no
    path resolvers, whose bookkeeping the descend and ascend hooks do), and a big file
    repeats the same keys and values thousands of times: the tags are remembered by a C
    cache, and the two hooks do nothing in C (`operator.is_` and `int` take their arguments
    and return at once), where each was a Python call for every node.
    """
    resolve = loader.resolve

    @lru_cache(maxsize=_RESOLVED_KEPT)
    def remembered(kind: Any, value: Any, implicit: Any) -> Any:
        return resolve(loader, kind, value, implicit)  # class attributes only: no path resolvers

    def quick(self: Any, stream: Any) -> None:
        init(self, stream)
        self.resolve = remembered
        self.descend_resolver = operator.is_
        self.ascend_resolver = int

    return quick


def _construct_mapping(self: Any, node: Any, deep: bool = False) -> Any:
    yaml = import_yaml()

    _refuse_duplicate_keys(node)
    return yaml.SafeLoader.construct_mapping(self, node, deep=deep)


def _refuse_duplicate_keys(node: Any) -> None:
    yaml = import_yaml()

    seen: dict[Any, Any] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
            continue
        key = (key_node.tag, key_node.value)
        if key in seen:
            first, second = _mark(seen[key])[0], _mark(key_node)[0]
            line, column = _mark(key_node)
            raise Refused(
                f"key {key_node.value!r} appears twice (lines {first} and {second}); keep one",
                line,
                column,
            )
        seen[key] = key_node


def load_yaml(raw: bytes, label: str) -> Any:
    """Parse YAML safely (libyaml when present); syntax errors and refusals become one line."""
    yaml = import_yaml()

    text = decode_text(raw, label)
    if "&" not in text:  # no anchor: maybe plain enough to build from the events alone
        quick = _loader()(text)
        try:
            data = events_tree(quick)
        finally:
            quick.dispose()
        if data is not UNUSUAL:
            return data
    loader = _loader()(text)
    root = None
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        if "&" in text:  # anchors: what their aliases repeat is checked before building
            _check_tree(root)
            return _construct(loader, root)
        return _construct_tree(loader, root)
    except Refused as exc:
        if exc.line is not None and root is not None:
            exc.what = f"{_path_at(root, exc.line, exc.column)}: {exc.what}"
        raise exc.at(label) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{label}:{mark.line + 1}:{mark.column + 1}" if mark else label
        problem = exc.problem or exc.context or "invalid YAML"
        raise InvalidInputError(f"{where}: YAML syntax error: {problem}") from None
    except yaml.YAMLError as exc:
        raise InvalidInputError(f"{label}: YAML error: {exc}") from None
    finally:
        loader.dispose()


_PLAIN = PLAIN_TAG
_FAST_SCALARS = FAST_SCALARS


def _construct(loader: Any, root: Any) -> Any:
    """The document's values, as `loader.construct_document(root)` builds them, faster.

    Plain maps, lists and the five plain scalar types are built here directly, through the
    loader's own (checked) scalar constructors and duplicate-key refusal; anything else
    (merge keys, other tags, a key that is not a scalar) goes to the loader's generic
    constructor, which also gives its errors. A node reached twice (an alias) is built once.
    """
    yaml = import_yaml()

    scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    constructors = loader.yaml_constructors
    map_tag, seq_tag = _PLAIN + "map", _PLAIN + "seq"
    str_tag, text_of = _PLAIN + "str", _plain_texts(loader)
    built: dict[int, Any] = {}

    def build(node: Any) -> Any:
        kind = type(node)
        if kind is scalar:
            tag = node.tag
            if tag == str_tag:
                return text_of(node)
            if tag in _FAST_SCALARS:
                return constructors[tag](loader, node)
            return generic(node)
        known = built.get(id(node), built)
        if known is not built:
            return known
        if kind is sequence and node.tag == seq_tag:
            value: Any = [build(child) for child in node.value]
        elif kind is mapping and node.tag == map_tag and _simple_keys(node, scalar):
            _refuse_duplicate_keys(node)
            value = {build(k): build(v) for k, v in node.value}
        else:
            value = generic(node)
        built[id(node)] = value
        return value

    def generic(node: Any) -> Any:
        return loader.construct_object(node, deep=True)

    return build(root)


def _plain_texts(loader: Any) -> Callable[[Any], str]:
    """The text of a plain string node; each distinct text goes through the loader once."""
    make_str = loader.yaml_constructors[_PLAIN + "str"]
    passed: set[str] = set()  # texts already checked: keys repeat in every record

    def text_of(node: Any) -> str:
        text: str = node.value
        if text not in passed:
            text = make_str(loader, node)
            passed.add(text)
        return text

    return text_of


class _Unusual(Exception):
    """A node the tree builder leaves to the general path (a tag it does not build)."""


def _construct_tree(loader: Any, root: Any) -> Any:
    """`_check_tree` then `_construct`, in one pass, for a document without anchors.

    Without an anchor no node is reached twice, so only nesting needs a limit: it is checked
    on the way down. Whatever goes wrong (or looks unusual) is handed to the two-pass path,
    which gives the error it always gives, in the order it finds them.
    """
    yaml = import_yaml()

    scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    constructors = loader.yaml_constructors
    map_tag, seq_tag = _PLAIN + "map", _PLAIN + "seq"
    str_tag, text_of = _PLAIN + "str", _plain_texts(loader)
    made: dict[tuple[str, str], Any] = {}  # other plain scalars by tag and text

    def build(node: Any, depth: int) -> Any:
        kind = type(node)
        if kind is scalar:
            tag = node.tag
            if tag == str_tag:
                return text_of(node)
            key = (tag, node.value)
            value = made.get(key, made)
            if value is made:
                if tag not in _FAST_SCALARS:
                    raise _Unusual
                value = made[key] = constructors[tag](loader, node)
            return value
        pairs = node.value
        if pairs and depth >= MAX_DEPTH:
            raise _Unusual
        if kind is sequence and node.tag == seq_tag:
            return [build(child, depth + 1) for child in pairs]
        if kind is mapping and node.tag == map_tag and _simple_keys(node, scalar):
            if len({k.value for k, _ in pairs}) != len(pairs):
                _refuse_duplicate_keys(node)
            return {build(k, depth + 1): build(v, depth + 1) for k, v in pairs}
        raise _Unusual

    try:
        return build(root, 1)
    except Exception:  # noqa: BLE001 - the two-pass path says what is wrong, or builds it
        _check_tree(root)
        return _construct(loader, root)


def _simple_keys(node: Any, scalar: Any) -> bool:
    """Keys that are plain scalars built here (no merge key, nothing unhashable)."""
    return all(type(k) is scalar and k.tag in _FAST_SCALARS for k, _ in node.value)


def _check_tree(root: Any) -> None:
    """Refuse nesting past MAX_DEPTH and aliases that repeat too much, in one linear pass.

    Each distinct node is visited once: its expanded size (what it stands for once every
    alias is written out) is computed from its children's, so the check costs the file's
    nodes, not the expansion's. A node that contains itself expands without end.
    """
    yaml = import_yaml()

    mapping, sequence = yaml.MappingNode, yaml.SequenceNode
    size: dict[int, int] = {}  # the expanded size of each finished collection
    open_nodes: set[int] = set()
    distinct = 0
    stack: list[tuple[Any, int, list[Any] | None]] = [(root, 1, None)]
    while stack:
        node, depth, children = stack.pop()
        key = id(node)
        if depth < 0:  # every child is finished: the node's own size
            open_nodes.discard(key)
            size[key] = 1 + sum(size.get(id(c), 1) for c in children or ())
            continue
        if key in size:
            continue
        kind = type(node)
        children = (
            ([n for pair in node.value for n in pair] if kind is mapping else node.value)
            if kind is mapping or kind is sequence
            else None
        )
        if key in open_nodes:
            raise _too_repetitive(distinct)
        if depth > MAX_DEPTH or (children and depth == MAX_DEPTH):
            line, column = _mark(node if depth > MAX_DEPTH else children[-1])  # type: ignore[index]
            raise Refused(f"nested more than {MAX_DEPTH} levels deep", line, column)
        distinct += 1
        if children is None:
            continue
        open_nodes.add(key)
        stack.append((node, -1, children))
        for child in children:
            if type(child) is mapping or type(child) is sequence:
                if id(child) not in size:
                    stack.append((child, depth + 1, None))
            else:
                distinct += 1  # a scalar (one written once, or an alias to one)
    if size.get(id(root), 1) - distinct > _alias_limit(distinct):
        raise _too_repetitive(distinct)


def _alias_limit(distinct: int) -> int:
    return max(_MAX_ALIASED_NODES, _MAX_ALIAS_RATIO * distinct)


def _too_repetitive(distinct: int) -> Refused:
    limit = _alias_limit(distinct)
    return Refused(
        f"refused: its aliases expand to more than {limit:,} repeated nodes "
        f"({_MAX_ALIAS_RATIO} times its own); write the repeated parts out instead"
    )


def _path_at(root: Any, line: int, column: int | None) -> str:
    """The readable path (``profiles[0].name``) of the node that starts at line:column."""
    yaml = import_yaml()

    stack: list[tuple[Any, str]] = [(root, "")]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if _mark(node) == (line, column or 1):
            return path or "(top level)"
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                name = f"{path}.{k.value}" if path else str(k.value)
                stack.extend(((k, name), (v, name)))
    return "(top level)"


def locate(raw: bytes, loc: Sequence[int | str]) -> tuple[int, int] | None:
    """Line and column (1-based) of the YAML node at a validation error's location."""
    yaml = import_yaml()

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
    exc: Any,
    data: Any,
    raw: bytes | None,
    label: str,
    prefix: Sequence[int | str] = (),
    line_offset: int = 0,
) -> list[str]:
    """One ``file:line:col: where: what`` line per error of a pydantic ValidationError.

    `line_offset`: what to add to a line of `raw` to make it a line of the file named (`raw`
    is part of that file).
    """
    lines = []
    for err in exc.errors(include_url=False):
        loc = [*prefix, *err["loc"]]
        path, real = data_path(data, loc)
        where = label
        if raw is not None:
            pos = locate(raw, real)
            if pos:
                where = f"{label}:{pos[0] + line_offset}:{pos[1]}"
        lines.append(f"{where}: {path or '(top level)'}: {_explain(err)}{_given(err)}")
    return lines


_GIVEN_MAX = 40  # characters of a bad value repeated in its message


def _given(err: Any) -> str:
    """' (given: 'high school')': the value found wrong, where it is one value; nothing for a
    missing or unknown key, or a whole mapping or list (its own lines say what is wrong)."""
    if err["type"] in ("missing", "extra_forbidden"):
        return ""
    value = err.get("input")
    if value is None:
        return " (given: null)"
    if isinstance(value, bool):
        return f" (given: {'true' if value else 'false'})"
    if isinstance(value, int | float):
        return f" (given: {value})"
    if isinstance(value, dt.date):
        return f" (given: {value.isoformat()})"
    if not isinstance(value, str):
        return ""
    shown = value if len(value) <= _GIVEN_MAX else value[: _GIVEN_MAX - 1] + "…"
    # repr escapes what a terminal would act on (control and formatting characters)
    return f" (given: {shown!r})"
