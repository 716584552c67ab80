"""A big YAML cohort read in parallel: its people parsed a share per worker, the same values.

A cohort file laid out as `profiles:` followed by a block list whose items start at the
first column ("- name: ...") can be cut before each item: in block YAML an item that starts
at the first column ends the one before it. Each worker parses its consecutive share of the
items (the file's own text, after a `profiles:` line) and the people are put back together
in file order.

Nothing is taken on trust: a file laid out any other way, one with anchors (an alias may
refer across shares, an anchor may be defined twice), or any share that does not parse into
exactly its items sends the whole file to the ordinary reader, which gives the values or
the exact error it always gives.
"""

import re
from collections.abc import Sequence
from typing import Any

from certadvisor.catalog.yaml_io import decode_text, load_yaml
from certadvisor.parallel import fork_map, workers

SPLIT_MIN_BYTES = 1_000_000  # below this, one reader is quicker than forking workers
_HEAD = re.compile(r"\A(?:[ ]*(?:#[^\n]*)?\n)*profiles:[ ]*\n")
# Both searched in the body after a newline put before it, so that every line start is a
# newline: a literal the search engine finds quickly, where `^` is tried at every place.
# an item's start: "- " or a lone "-" at the first column
_ITEM = re.compile(r"\n-(?= |\n|\Z)")
# a line at the first column that is not a list item, a comment or blank
_OTHER = re.compile(r"\n(?:[^\- #\n]|-[^ \n])")
# an anchor, or text that might be one (a false alarm only costs the parallel reading)
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&\S")
PREFIX = "profiles:\n"


def load_cohort_yaml(raw: bytes, label: str) -> Any:
    """The file's data, as `load_yaml` gives it, read by several workers when it is big."""
    if len(raw) < SPLIT_MIN_BYTES or workers() < 2:
        return load_yaml(raw, label)
    pieces = split_cohort(decode_text(raw, label))
    if pieces is None:
        return load_yaml(raw, label)
    parts = fork_map(parse_share, pieces, workers())
    if any(part is None for part in parts):
        return load_yaml(raw, label)
    return {"profiles": [item for part in parts if part is not None for item in part]}


def split_people(raw: bytes, label: str) -> tuple[list[str], list[int]] | None:
    """A big cohort file laid out to be cut, for workers to parse a share each: the text of
    each person and the line (from 1) it starts on; None for a small file, one machine
    worker, or any other layout."""
    if len(raw) < SPLIT_MIN_BYTES or workers() < 2:
        return None
    text = decode_text(raw, label)
    pieces = split_cohort(text)
    if pieces is None:
        return None
    line = text.count("\n", 0, len(text) - sum(map(len, pieces))) + 1
    first_lines = []
    for piece in pieces:
        first_lines.append(line)
        line += piece.count("\n")
    return pieces, first_lines


def split_cohort(text: str) -> list[str] | None:
    """The text of each person of a cohort file laid out to be cut, or None."""
    if "\r" in text or "\t" in text or any(c in text for c in "\x85\u2028\u2029"):
        return None
    head = _HEAD.match(text)
    if head is None:
        return None
    body = text[head.end() :]
    lines = "\n" + body
    # the newline before each line stands where the line starts in the body
    starts = [m.start() for m in _ITEM.finditer(lines)]
    if len(starts) < 2 or _OTHER.search(lines) or ("&" in body and _ANCHOR.search(body)):
        return None
    lead = body[: starts[0]]
    if any(line.strip() and not line.startswith("#") for line in lead.split("\n")):
        return None
    ends = [*starts[1:], len(body)]
    return [body[a:b] for a, b in zip(starts, ends, strict=True)]


def parse_share(pieces: Sequence[str]) -> list[Any] | None:
    """Consecutive pieces (a stretch of the file's own text) as their people; None when
    they do not parse, or not into exactly one person per piece."""
    try:
        data = load_yaml((PREFIX + "".join(pieces)).encode(), "share")
    except Exception:  # noqa: BLE001 - any doubt goes to the ordinary reader
        return None
    if not isinstance(data, dict) or list(data) != ["profiles"]:
        return None
    items = data["profiles"]
    if not isinstance(items, list) or len(items) != len(pieces):
        return None
    return items
