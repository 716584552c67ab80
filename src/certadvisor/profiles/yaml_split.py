"""A big YAML cohort read in parallel: its people parsed a share per worker, the same values.

A cohort file laid out as `profiles:` followed by a block list whose items start at the
first column ("- name: ...") can be cut before each item: in block YAML an item that starts
at the first column ends the one before it. Each piece is then parsed as a one-person cohort
of its own, by forked workers, and the people are put back together in file order.

Nothing is taken on trust: a file laid out any other way, or any piece that does not parse
on its own (a quoted text or flow list running across an item, an alias to another
person's anchor, any refusal), sends the whole file to the ordinary reader, which gives the
values or the exact error it always gives. Aliases are held to the budget of the whole file.
"""

import re
from collections.abc import Sequence
from typing import Any

from certadvisor.catalog.yaml_io import check_repetition, decode_text, load_yaml, load_yaml_sized
from certadvisor.parallel import fork_map, workers

SPLIT_MIN_BYTES = 1_000_000  # below this, one reader is quicker than forking workers
_HEAD = re.compile(r"\A(?:[ ]*(?:#[^\n]*)?\n)*profiles:[ ]*\n")
_ITEM = re.compile(r"^-(?: |$)", re.MULTILINE)
# a line at the first column that is not a list item, a comment or blank
_OTHER = re.compile(r"^(?!-(?: |$)|#|[ ]|$)", re.MULTILINE)
_PREFIX = "profiles:\n"
_TOP_NODES = 3  # the file's own mapping, its 'profiles' key and the list


def load_cohort_yaml(raw: bytes, label: str) -> Any:
    """The file's data, as `load_yaml` gives it, read by several workers when it is big."""
    if len(raw) < SPLIT_MIN_BYTES or workers() < 2:
        return load_yaml(raw, label)
    pieces = split_cohort(decode_text(raw, label))
    if pieces is None:
        return load_yaml(raw, label)
    parts = fork_map(_parse_share, pieces, workers())
    if any(part is None for part in parts):
        return load_yaml(raw, label)
    return _joined([item for part in parts if part is not None for item in part], raw, label)


def split_cohort(text: str) -> list[str] | None:
    """The text of each person of a cohort file laid out to be cut, or None."""
    if "\r" in text or "\t" in text or any(c in text for c in "\x85\u2028\u2029"):
        return None
    head = _HEAD.match(text)
    if head is None:
        return None
    body = text[head.end() :]
    starts = [m.start() for m in _ITEM.finditer(body)]
    if len(starts) < 2 or _OTHER.search(body):
        return None
    lead = body[: starts[0]]
    if lead.strip() and any(ln.strip() and not ln.startswith("#") for ln in lead.split("\n")):
        return None
    ends = [*starts[1:], len(body)]
    return [body[a:b] for a, b in zip(starts, ends, strict=True)]


def _parse_share(pieces: Sequence[str]) -> list[tuple[Any, int, int]] | None:
    """Each piece as a one-person cohort, with its node counts; None when one does not parse."""
    out = []
    for piece in pieces:
        try:
            data, expanded, distinct = load_yaml_sized((_PREFIX + piece).encode(), "piece")
        except Exception:  # noqa: BLE001 - any doubt goes to the ordinary reader
            return None
        if not isinstance(data, dict) or list(data) != ["profiles"]:
            return None
        items = data["profiles"]
        if not isinstance(items, list) or len(items) != 1:
            return None
        out.append((items[0], expanded, distinct))
    return out


def _joined(parsed: list[tuple[Any, int, int]], raw: bytes, label: str) -> Any:
    """The people as one cohort, within the alias budget of the whole file."""
    distinct = _TOP_NODES + sum(d - _TOP_NODES for _, _, d in parsed)
    repeated = sum(e - d for _, e, d in parsed)
    try:
        check_repetition(repeated, distinct)
    except Exception:  # noqa: BLE001 - the ordinary reader refuses it, in its own words
        return load_yaml(raw, label)
    return {"profiles": [item for item, _, _ in parsed]}
