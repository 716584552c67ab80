"""A list of JSON objects that share their keys, kept as the rows of a table.

`wallet export` reads 50,000 CE activities from SQLite as tuples; a dict for each, only for
the json writer to take it apart again, was most of the export's time. `Rows` keeps the
tuples, and `render.json_indent` writes them as the list of objects they stand for.
"""

from typing import Any


class Rows:
    """``[dict(zip(keys, row)) for row in rows]``, without building those dicts."""

    __slots__ = ("keys", "rows")

    def __init__(self, keys: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        self.keys = keys
        self.rows = rows

    def as_dicts(self) -> list[dict[str, Any]]:
        """The objects themselves (what a reader of the json gets back)."""
        return [dict(zip(self.keys, row, strict=True)) for row in self.rows]

    def column(self, key: str) -> list[Any]:
        """One key's value in every object, in order."""
        at = self.keys.index(key)
        return [row[at] for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rows):
            other = other.as_dicts()
        return isinstance(other, list) and self.as_dicts() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Rows({self.keys!r}, {len(self.rows)} rows)"
