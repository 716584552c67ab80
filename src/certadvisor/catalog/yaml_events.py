"""A plain YAML document's values built straight from the parser's events, without nodes.

Composing nodes costs about as much as parsing (a Python object for every key and value),
and a big cohort or catalog without anchors needs none of them: the values are built as the
events arrive. Only the plainest documents are built here (maps, lists, and plain strings,
numbers, booleans and nulls, keys that are plain scalars, none twice, nesting within the
limit); anything else, and any error, is left to the ordinary reader (`UNUSUAL`), which
builds the same values or gives its exact error, with the record and field.
"""

from typing import Any

from certadvisor.catalog.reading import MAX_DEPTH
from certadvisor.catalog.yaml_import import import_yaml

PLAIN_TAG = "tag:yaml.org,2002:"
FAST_SCALARS = frozenset(PLAIN_TAG + t for t in ("str", "int", "float", "bool", "null"))
UNUSUAL: Any = object()  # the document is left to the ordinary reader
_NO_KEY: Any = object()


class _Unusual(Exception):
    """Something the event builder leaves to the ordinary reader."""


def events_tree(loader: Any) -> Any:
    """The values of the loader's single document, or UNUSUAL (see the module's doc).

    `loader` is a fresh checked loader (catalog.yaml_io): its resolver gives the scalars'
    tags and its constructors their values (and their checks), as composing would.
    """
    try:
        return _build(loader)
    except Exception:  # noqa: BLE001 - the ordinary reader gives the error, or builds it
        return UNUSUAL


def _build(loader: Any) -> Any:
    yaml = import_yaml()
    scalar_event, scalar_node = yaml.ScalarEvent, yaml.ScalarNode
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    get, resolve, constructors = loader.get_event, loader.resolve, loader.yaml_constructors
    str_tag = PLAIN_TAG + "str"
    passed: set[str] = set()  # texts already checked: keys repeat in every record
    made: dict[tuple[str, str], Any] = {}  # other plain scalars by tag and text

    def value_of(event: Any, tag: str) -> Any:
        """A scalar's value through the loader's own (checked) constructor, once per text."""
        node = scalar_node(tag, event.value, event.start_mark, event.end_mark, event.style)
        return constructors[tag](loader, node)

    if type(get()) is not yaml.StreamStartEvent or type(get()) is not yaml.DocumentStartEvent:
        raise _Unusual
    # the open collection, its key texts (a mapping's, else None) and the key awaiting its
    # value; `stack` holds the same of the collections around it
    here: Any = None
    keys: set[str] | None = None
    key: Any = _NO_KEY
    stack: list[tuple[Any, set[str] | None, Any]] = []
    root: Any = None
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None:  # anchored or tagged
                raise _Unusual
            text = event.value
            tag = resolve(scalar_node, text, event.implicit)
            if tag == str_tag:
                if text not in passed:
                    text = value_of(event, tag)
                    passed.add(text)
                value: Any = text
            else:
                value = made.get((tag, text), made)
                if value is made:
                    if tag not in FAST_SCALARS:
                        raise _Unusual
                    value = made[tag, text] = value_of(event, tag)
            if keys is not None:
                if key is _NO_KEY:
                    if text in keys:  # a key twice (or two texts alike): the reader decides
                        raise _Unusual
                    keys.add(text)
                    key = value
                else:
                    here[key] = value
                    key = _NO_KEY
            elif here is not None:
                here.append(value)
            else:
                root = value
                break
        elif kind is map_start or kind is seq_start:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual
            new: Any = {} if kind is map_start else []
            if keys is not None:
                if key is _NO_KEY:  # a collection where a key belongs
                    raise _Unusual
                here[key] = new
            elif here is not None:
                here.append(new)
            else:
                root = new
            stack.append((here, keys, _NO_KEY))
            if len(stack) >= MAX_DEPTH:
                raise _Unusual
            here, keys, key = new, set() if kind is map_start else None, _NO_KEY
        elif kind is map_end or kind is seq_end:
            here, keys, key = stack.pop()
            if not stack:
                break
        else:  # an alias, or anything else
            raise _Unusual
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Unusual
    return root
