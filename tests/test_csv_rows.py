"""A cohort CSV without quotes is cut into rows without the CSV reader, with the same rows.

Most exports have no quotes, and finding where each row ends is the part of reading a big
cohort that one process must do alone; the reader's own answer is the reference.
"""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certadvisor.profiles import load


def rows_read(text: str, *, by_reader: bool) -> Any:
    """Header, then each kept row's number and cells (or the problem lines)."""
    with pytest.MonkeyPatch.context() as m:
        if by_reader:
            m.setattr(load, "_unquoted_entries", lambda text, label: None)
        problems: list[str] = []
        header, entries, cells = load._csv_entries(text, "c.csv", problems)
    if by_reader:
        assert cells is load._cells  # every row read again by the CSV reader
    return header, [(n, cells(t)) for n, t in entries], problems


cells = st.text(st.characters(exclude_characters='"\r\n,', codec="utf-8"), max_size=6)
lines = st.lists(st.lists(cells, min_size=1, max_size=4).map(",".join), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(lines=lines, ending=st.sampled_from(["\n", "\r\n"]), last=st.booleans())
def test_unquoted_rows_are_the_readers_rows(lines: list[str], ending: str, last: bool) -> None:
    text = ending.join(["name,education.highest", *lines]) + (ending if last else "")
    assert load._unquoted_entries(text, "c.csv") is not None  # the quick way was taken
    assert rows_read(text, by_reader=False) == rows_read(text, by_reader=True)


@pytest.mark.parametrize(
    "text",
    [
        'name\n"Lee, Bo"\n',  # a quote: the reader reads it
        "name\rAnn\rBo\r",  # old Mac line ends
        "\nname\nAnn\n",  # an empty first line
        "name\n" + "x" * 200_000 + "\n",  # a cell past the reader's limit
    ],
)
def test_files_the_reader_must_read_are_left_to_it(text: str) -> None:
    assert load._unquoted_entries(text, "c.csv") is None


def test_blank_rows_are_skipped_and_rows_keep_their_line_numbers() -> None:
    text = "name,military\nAnn,true\n,\n \t, \u00a0\n\n,\u3000\n, ,x\nBo,false\n"
    assert load._unquoted_entries(text, "c.csv") is not None
    header, rows, _ = rows_read(text, by_reader=False)
    assert (header, rows, _) == rows_read(text, by_reader=True)
    assert header == ["name", "military"]
    assert rows == [(2, ["Ann", "true"]), (7, ["", " ", "x"]), (8, ["Bo", "false"])]
