"""`wallet export`'s json writer gives ``json.dumps(..., indent=2)``'s bytes, faster.

The export of 50,000 CE activities keeps them as `Rows` (tuples, no dict each): whatever the
values, the file must be the one ``json.dumps`` writes for the dicts they stand for, since
`wallet import` and people's own scripts read it.
"""

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from certadvisor.json_rows import Rows
from certadvisor.render.json_indent import dumps_indented

_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.sampled_from(["%s", "%%", "a\nb", '"}', ",\n  {", "\u2028", "é", "\x7f", "\\"]),
)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(), inner)),
    max_leaves=6,
)


@st.composite
def rows(draw: st.DrawFn) -> Rows:
    keys = tuple(draw(st.lists(st.one_of(st.text(), st.just("%d")), max_size=4, unique=True)))
    count = draw(st.integers(0, 4))
    return Rows(keys, [tuple(draw(_value) for _ in keys) for _ in range(count)])


def expected(value: Any) -> str:
    def plain(v: Any) -> Any:
        if isinstance(v, Rows):
            return [plain(d) for d in v.as_dicts()]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    return json.dumps(plain(value), indent=2, ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(rows(), _value), max_size=3), st.dictionaries(st.text(), rows()))
def test_rows_are_written_as_the_objects_they_stand_for(
    items: list[Any], named: dict[str, Rows]
) -> None:
    doc = {"people": [{"ce": items}], "named": named}
    assert dumps_indented(doc) == expected(doc)


def test_a_ce_list_with_a_certificate_reads_back_as_its_dicts() -> None:
    keys = ("date", "points", "certificate", "added_at")
    ce = Rows(keys, [("2024-01-01", 1.5, None, None), ("2024-02-01", 2.0, {"sha256": "a"}, "x")])
    doc = {"data": {"people": [{"ce": ce}]}}
    text = dumps_indented(doc)
    assert text == expected(doc)
    assert json.loads(text)["data"]["people"][0]["ce"] == ce.as_dicts() == ce


# Columns of one kind each, as a wallet's CE rows are: written a column at a time when the
# kind allows it, and the bytes are still ``json.dumps``'s whatever the text or the number.
_tricky_text = st.one_of(
    st.text(),
    st.sampled_from(['say "hi"', "back\\slash", "tab\there", "\x00\x1f\x7f", "é ✓ 𝄞", "\u2028"]),
)
_column = st.sampled_from(["text", "float", "int", "none", "text or none", "mixed"]).flatmap(
    lambda kind: {
        "text": st.just(_tricky_text),
        "float": st.just(
            st.one_of(st.floats(), st.sampled_from([1e16, 1e-05, 0.1 + 0.2, -0.0, 5e-324]))
        ),
        "int": st.just(st.one_of(st.integers(), st.just(10**40))),
        "none": st.just(st.none()),
        "text or none": st.just(st.one_of(st.none(), _tricky_text)),
        "mixed": st.just(_scalar),
    }[kind]
)


@st.composite
def column_rows(draw: st.DrawFn) -> Rows:
    keys = tuple(draw(st.lists(st.one_of(st.text(), st.just('"k"')), min_size=1, max_size=5,
                               unique=True)))  # fmt: skip
    kinds = [draw(_column) for _ in keys]
    count = draw(st.integers(1, 5))
    return Rows(keys, [tuple(draw(kind) for kind in kinds) for _ in range(count)])


@settings(max_examples=400, deadline=None)
@given(st.lists(column_rows(), min_size=1, max_size=2))
def test_rows_written_a_column_at_a_time_are_json_dumps_bytes(items: list[Rows]) -> None:
    doc = {"data": {"people": [{"credentials": [{"ce": ce} for ce in items]}]}}
    assert dumps_indented(doc) == expected(doc)


def test_a_plain_ce_list_is_written_a_column_at_a_time() -> None:
    from certadvisor.render.json_indent import _by_column

    keys = ("date", "points", "provider", "certificate", "n")
    ce = Rows(keys, [("2024-01-01", 1.5, None, None, 1), ("2024-02-01", 2.0, "Ünï", None, 2)])
    written = _by_column(keys, ce.rows, 4)
    assert written is not None
    doc = {"a": {"b": {"c": {"ce": ce}}}}
    assert dumps_indented(doc) == expected(doc)
    assert written in dumps_indented(doc)
    quoted = Rows(keys, [("2024-01-01", 1.5, 'a "b"', None, 1)])
    assert _by_column(keys, quoted.rows, 4) is None  # escaped text: the other way
