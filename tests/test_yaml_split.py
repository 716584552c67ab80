"""A big YAML cohort is read by several workers and gives exactly what one reader gives.

Any layout or piece the cutting cannot vouch for goes to the ordinary reader, so values and
error messages never depend on how the file was read.
"""

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certadvisor.catalog.yaml_io import load_yaml
from certadvisor.errors import InvalidInputError
from certadvisor.profiles import yaml_split
from certadvisor.profiles.yaml_split import load_cohort_yaml, split_cohort


@pytest.fixture(autouse=True)
def always_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_split, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(yaml_split, "workers", lambda: 2)


def people(n: int) -> list[dict[str, Any]]:
    return [
        {
            "name": f"Person {i}",
            "as_of": "2026-11-26",
            "education": {"highest": "high_school"},
            "programs": [{"field": "phlebotomy", "accreditation": ["NAACLS", "ABHES"]}],
            "procedures": {"venipunctures": i * 7},
        }
        for i in range(n)
    ]


def cohort_text(n: int, **dump: Any) -> str:
    return yaml.safe_dump({"profiles": people(n)}, sort_keys=False, **dump)


def outcome(read: Any, text: str) -> Any:
    """The values read, or the error's words."""
    try:
        return read(text.encode(), "c.yaml")
    except InvalidInputError as exc:
        return f"error: {exc}"


def both(text: str) -> tuple[Any, Any]:
    return outcome(load_cohort_yaml, text), outcome(load_yaml, text)


def test_a_cohort_is_cut_before_each_person() -> None:
    pieces = split_cohort(cohort_text(5))
    assert pieces is not None and len(pieces) == 5
    assert all(p.startswith("- name: Person") for p in pieces)


def test_the_cut_cohort_reads_as_the_whole_one() -> None:
    split, whole = both("# class of 2026\n\n" + cohort_text(40))
    assert split == whole
    assert [p["name"] for p in split["profiles"]] == [f"Person {i}" for i in range(40)]


@pytest.mark.parametrize(
    "text",
    [
        "profiles:\n  - name: A\n  - name: B\n",  # indented items
        "profiles:\n- name: A\n- name: B\nextra: 1\n",  # another top-level key
        "profiles: # a comment\n- name: A\n- name: B\n",
        "---\nprofiles:\n- name: A\n- name: B\n",
        "profiles:\r\n- name: A\r\n- name: B\r\n",
        "profiles: [{name: A}, {name: B}]\n",
        "profiles:\n- name: A\n---\n- name: B\n",
        "profiles:\n  x\n- name: A\n- name: B\n",
        "name: Solo\n",
        "profiles:\n- name: A\n-x: 1\n- name: B\n",  # a first-column line that is no item
    ],
)
def test_other_layouts_are_not_cut(text: str) -> None:
    assert split_cohort(text) is None


@pytest.mark.parametrize(
    "text",
    [
        'profiles:\n- name: "Ann\n- Bob"\n- name: C\n',  # a quoted text across an item line
        "profiles:\n- name: A\n  note: [x,\n- y]\n- name: C\n",  # a flow list across it
        "profiles:\n- name: A\n  note: 'it\n- goes on'\n- name: C\n",
    ],
)
def test_pieces_that_do_not_stand_alone_are_read_whole(text: str) -> None:
    split, whole = both(text)
    assert split == whole


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("profiles:\n- name: A\n- name: B\n  name: C\n", "(lines 3 and 4)"),
        ('profiles:\n- name: A\n- name: "B\\x1b]0;x\\x07"\n', "profiles[1].name"),
        ("profiles:\n- name: A\n- name: [B\n", "c.yaml:"),
    ],
)
def test_errors_are_the_whole_files_errors(text: str, words: str) -> None:
    with pytest.raises(InvalidInputError) as whole:
        load_yaml(text.encode(), "c.yaml")
    with pytest.raises(InvalidInputError) as split:
        load_cohort_yaml(text.encode(), "c.yaml")
    assert str(split.value) == str(whole.value)
    assert words in str(split.value)


@pytest.mark.parametrize(
    "text",
    [
        # the same anchor in two people: the whole file is refused
        "profiles:\n- name: A\n  x: &a [1]\n- name: B\n  x: &a [2]\n",
        # an alias to an anchor a share before
        "profiles:\n- name: A\n  x: &a [1]\n- name: B\n  x: *a\n",
    ],
)
def test_a_file_with_anchors_is_read_whole(text: str) -> None:
    assert split_cohort(text) is None
    split, whole = both(text)
    assert split == whole


def test_a_share_that_does_not_give_one_person_a_piece_is_read_whole() -> None:
    # legal YAML where a quoted text runs over an item line: one person, not two
    text = 'profiles:\n- name: "Ann\n- Bo"\n- name: C\n- name: D\n'
    assert split_cohort(text) is not None
    assert yaml_split.parse_share(split_cohort(text) or []) is None
    split, whole = both(text)
    assert split == whole
    assert [p["name"] for p in whole["profiles"]] == ["Ann - Bo", "C", "D"]


texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=15)
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-1000, 10**6), texts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(texts, inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(st.dictionaries(texts, values, min_size=1, max_size=4), min_size=2, max_size=6),
    width=st.sampled_from([20, 80, 10**6]),
)
def test_any_block_cohort_reads_the_same_cut_or_whole(items: list[Any], width: int) -> None:
    text = yaml.safe_dump({"profiles": items}, sort_keys=False, allow_unicode=True, width=width)
    try:
        whole = load_yaml(text.encode(), "c.yaml")
    except InvalidInputError as exc:
        with pytest.raises(InvalidInputError) as raised:
            load_cohort_yaml(text.encode(), "c.yaml")
        assert str(raised.value) == str(exc)
        return
    assert load_cohort_yaml(text.encode(), "c.yaml") == whole


def test_a_cohort_file_gives_the_same_answers_cut_or_whole(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "class.yaml"
    path.write_text(cohort_text(12))
    args = ["eligible", "--profile", str(path), "--format", "csv", "--as-of", "2026-11-26"]
    cut = run(*args)
    monkeypatch.setattr(yaml_split, "SPLIT_MIN_BYTES", 10**12)
    whole = run(*args)
    assert cut.exit_code == whole.exit_code == 0
    assert cut.stdout == whole.stdout
    assert cut.stdout.count("\nPerson 11,") >= 1


def test_an_item_may_start_with_a_lone_dash() -> None:
    text = "profiles:\n-\n  name: A\n- name: B\n-\n  name: C\n#\n"
    assert split_cohort(text) == ["-\n  name: A\n", "- name: B\n", "-\n  name: C\n#\n"]
    split, whole = both(text)
    assert split == whole == {"profiles": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}
