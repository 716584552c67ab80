"""YAML files are built into values exactly as PyYAML's own constructor builds them.

`load_yaml` builds plain maps, lists and scalars itself (a big cohort or catalog is mostly
that) and hands everything else to PyYAML; what a user's file means must not change.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certadvisor.catalog import yaml_events, yaml_io
from certadvisor.errors import InvalidInputError

DATA = Path(__file__).resolve().parents[1] / "data"


def by_pyyaml(text: str) -> Any:
    """The document as the checked loader's generic constructor builds it."""
    loader = yaml_io._loader()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (1 == 1.0 == True would hide a change)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a != a:
        return b != b
    return bool(a == b)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_file_builds_as_pyyaml_builds_it(path: Path) -> None:
    assert path.stat().st_size > 0
    raw = path.read_bytes()
    assert same(yaml_io.load_yaml(raw, path.name), by_pyyaml(raw.decode("utf-8-sig")))


EDGES = {
    "scalars": "a: yes\nb: off\nc: ~\nd: 0x1F\ne: 0o17\nf: 1_000\ni: 1e3\n"
    "j: '12'\nk: !!str 7\nl: !!int '8'\nm: 2026-02-30\nn: 1:20\n",
    "keys": "1: one\n2.5: two\ntrue: three\n~: four\n'x': five\n",
    "anchors": "base: &b {x: 1, y: [1, 2]}\ncopy: *b\nlist: &l [a, b]\nagain: *l\n",
    "merge": "base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\n",
    "tags": "s: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}]\n"
    "bin: !!binary aGVsbG8=\nts: !!timestamp 2026-01-02\n",
    "complex key": "? [a, b]\n: pair\n",
    "flow and block": "people:\n- {name: Ann, jobs: [{field: ekg}]}\n- name: Bo\n  jobs: []\n",
    "empty": "a:\nb: []\nc: {}\nd: ''\n",
    "infinity (refused)": "a: [1, {b: .inf}]\n",
    "unknown tag (refused)": "a: !!python/name:os.system x\n",
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_edge_cases_build_as_pyyaml_builds_them(name: str) -> None:
    text = EDGES[name]
    try:
        expected = by_pyyaml(text)
    except Exception:  # noqa: BLE001 - refused by PyYAML or the checks: refused here too
        with pytest.raises(InvalidInputError) as raised:
            yaml_io.load_yaml(text.encode(), "edge.yaml")
        assert str(raised.value).startswith("edge.yaml")
        return
    assert same(yaml_io.load_yaml(text.encode(), "edge.yaml"), expected)


def test_an_alias_is_one_object_as_pyyaml_makes_it() -> None:
    data = yaml_io.load_yaml(EDGES["anchors"].encode(), "a.yaml")
    assert data["copy"] is data["base"]
    assert data["again"] is data["list"]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("people:\n- name: A\n  job: {field: x, field: y}\n", "key 'field' appears twice"),
        ('people:\n- name: "A\\x1b[31m"\n', "people[0].name"),
        ("n: 1" + "0" * 5000 + "\n", "n"),
    ],
)
def test_refusals_name_the_place_as_before(text: str, words: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        yaml_io.load_yaml(text.encode(), "cohort.yaml")
    assert words in str(raised.value)
    assert str(raised.value).startswith("cohort.yaml")


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, width=32),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(["yes", "No", "null", "~", "0x10", "1_0", "1:30", "2026-01-01", ".inf"]),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(0, 9)), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, shared=st.booleans(), flow=st.sampled_from([None, True, False]))
def test_any_document_builds_as_pyyaml_builds_it(tree: Any, shared: bool, flow: Any) -> None:
    # a value written twice becomes an anchor and an alias
    doc = {"one": tree, "two": tree} if shared else {"one": tree}
    text = yaml.safe_dump(doc, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    try:
        expected = by_pyyaml(text)
    except Exception:  # noqa: BLE001 - a refusal: the fast builder must refuse as well
        with pytest.raises(InvalidInputError):
            yaml_io.load_yaml(text.encode(), "t.yaml")
        return
    assert same(yaml_io.load_yaml(text.encode(), "t.yaml"), expected)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # nesting is refused before a repeated key, as when the tree is checked before it is built
        ("a: 1\na: 2\nb: " + "[" * 70 + "]" * 70 + "\n", "nested more than 64 levels deep"),
        # a repeated key before a bad text inside the same mapping
        ('a: {x: "\\x1b", x: 2}\n', "key 'x' appears twice"),
        ('a: {y: "\\x1b", x: 2}\n', "a.y"),
    ],
)
def test_a_document_without_anchors_is_refused_for_the_first_problem(text: str, words: str) -> None:
    assert "&" not in text  # the one-pass builder's documents
    with pytest.raises(InvalidInputError) as raised:
        yaml_io.load_yaml(text.encode(), "t.yaml")
    assert words in str(raised.value)


def test_keys_of_one_text_and_different_types_are_two_keys_as_pyyaml_has_them() -> None:
    text = "1: a\n'1': b\nno: c\n"
    assert same(yaml_io.load_yaml(text.encode(), "k.yaml"), by_pyyaml(text))
    assert list(yaml_io.load_yaml(text.encode(), "k.yaml").items()) == [
        (1, "a"),
        ("1", "b"),
        (False, "c"),
    ]


def built_from_events(text: str) -> Any:
    """What the event builder makes of a document on its own (UNUSUAL: left to the reader)."""
    loader = yaml_io._loader()(text)
    try:
        return yaml_events.events_tree(loader)
    finally:
        loader.dispose()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, flow=st.sampled_from([None, True, False]))
def test_a_plain_document_is_built_from_its_events_as_pyyaml_builds_it(
    tree: Any, flow: Any
) -> None:
    text = yaml.safe_dump({"people": [tree, tree]}, default_flow_style=flow, sort_keys=False)
    built = built_from_events(text)
    try:
        expected = by_pyyaml(text)
    except Exception:  # noqa: BLE001 - a refusal is the ordinary reader's to word
        assert built is yaml_events.UNUSUAL
        return
    assert built is yaml_events.UNUSUAL or same(built, expected)


def test_a_cohort_file_is_built_from_its_events() -> None:
    text = (DATA.parent / "examples" / "counselor-cohort.yaml").read_text()
    built = built_from_events(text)
    assert built is not yaml_events.UNUSUAL
    assert same(built, by_pyyaml(text))


@pytest.mark.parametrize("name", ["anchors", "merge", "tags", "complex key", "infinity (refused)"])
def test_what_is_not_plain_is_left_to_the_ordinary_reader(name: str) -> None:
    assert built_from_events(EDGES[name]) is yaml_events.UNUSUAL


@pytest.mark.parametrize(
    "text", ["a: 1\na: 2\n", "1: a\n'1': b\n", "a: [1, 2\n", "a: 1\n---\nb: 2\n", ""]
)
def test_repeated_keys_errors_and_other_shapes_are_left_to_the_ordinary_reader(text: str) -> None:
    assert built_from_events(text) is yaml_events.UNUSUAL
