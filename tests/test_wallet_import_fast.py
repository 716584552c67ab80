"""The import's fast path takes a CE activity only when the models would take it unchanged.

A file `wallet export` wrote is checked in bulk (`plain_ce_rows`); anything that path is not
sure of goes to the models, which word the refusal. So for any activity at all, the fast path
either steps aside (None) or gives exactly the row the models' record gives.
"""

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from certadvisor.wallet.ce import stored_values
from certadvisor.wallet.documents import CERecord
from certadvisor.wallet.plain_records import CE_KEYS, plain_ce_rows

TODAY = dt.date(2026, 6, 30)
CATEGORIES = {"general": "General", "clinical": "Clinical"}


def mostly(
    valid: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]
) -> st.SearchStrategy[Any]:
    """Valid nine times in ten, so that whole activities often pass and the rare field that
    does not is the one under test."""
    return st.integers(0, 9).flatmap(lambda pick: hostile if pick == 0 else valid)


_title = mostly(
    st.sampled_from(["Webinar", "Sepsis – update", "Ünïcode", "x" * 200, 'He said "hi"']),
    st.one_of(
        st.text(max_size=4),
        st.sampled_from([" padded", "", "tab\there", "x" * 301, "\u202e", "\x85", "a\x7f"]),
    ),
)
_optional = st.one_of(st.none(), _title)
_date = mostly(
    st.dates(max_value=TODAY).map(dt.date.isoformat),
    st.one_of(
        st.dates().map(dt.date.isoformat),
        st.sampled_from(["2023-02-29", "2026-07-01", " 2024-01-01", "2024-1-01", "0000-01-01"]),
        st.sampled_from(["٢٠٢٤-01-01", "2024-01-01\n2024-01-02", "2024-01-01T00:00:00", 20240101]),
    ),
)
_points = mostly(
    st.floats(min_value=0.25, max_value=1000.0),
    st.one_of(st.floats(), st.integers(-2, 2000), st.sampled_from([0.0, 1000.5, True, "1.0"])),
)
_stamp = mostly(
    st.sampled_from([None, "2026-01-02T03:04:05Z"]),
    st.sampled_from(["2026-01-02T03:04:05", "٢٠٢٦-01-02T03:04:05Z", "2026-01-02 03:04:05Z", 1]),
)
_cert = mostly(
    st.one_of(st.none(), st.fixed_dictionaries({"sha256": st.just("a" * 64), "name": _title})),
    st.one_of(
        st.fixed_dictionaries({"sha256": st.sampled_from(["A" * 64, "a", None]), "name": _title}),
        st.just({"sha256": "a" * 64}),
        st.just({"sha256": "a" * 64, "name": "x.pdf", "size": 1}),
        st.just("a" * 64),
    ),
)
_category = mostly(st.sampled_from(["general", "clinical"]), st.sampled_from(["other", "Gen", 3]))


def activity() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "date": _date,
            "points": _points,
            "category": _category,
            "title": _title,
            "provider": _optional,
            "approved_by": _optional,
            "certificate": _cert,
            "added_at": _stamp,
        }
    )


def model_row(entry: dict[str, Any]) -> tuple[Any, ...] | None:
    """The store's row the models give for an activity, or None when they refuse it."""
    try:
        rec = CERecord.model_validate(entry, context={"today": TODAY})
    except ValidationError:
        return None
    if rec.category not in CATEGORIES:
        return None
    return (*stored_values(rec), rec.added_at)


@settings(max_examples=400, deadline=None)
@given(st.lists(activity(), max_size=4))
def test_the_fast_path_never_takes_what_the_models_would_refuse_or_change(
    entries: list[dict[str, Any]],
) -> None:
    fast = plain_ce_rows(entries, CATEGORIES, TODAY)
    if fast is not None:
        assert fast == [model_row(e) for e in entries]


def test_a_plain_export_takes_the_fast_path() -> None:
    entry = {
        "date": "2026-01-05",
        "points": 1.5,
        "category": "clinical",
        "title": "Sepsis update – a webinar",
        "provider": "Hospital CE",
        "approved_by": None,
        "certificate": {"sha256": "b" * 64, "name": "cert.pdf"},
        "added_at": "2026-01-06T10:00:00Z",
    }
    assert list(entry) == list(CE_KEYS)
    assert plain_ce_rows([entry], CATEGORIES, TODAY) == [model_row(entry)]


def test_a_missing_or_extra_key_is_left_to_the_models() -> None:
    entry = {k: None for k in CE_KEYS} | {"date": "2026-01-05", "points": 1.0}
    entry |= {"category": "general", "title": "T"}
    assert plain_ce_rows([entry], CATEGORIES, TODAY) is not None
    assert plain_ce_rows([{**entry, "extra": 1}], CATEGORIES, TODAY) is None
    assert (
        plain_ce_rows([{k: v for k, v in entry.items() if k != "provider"}], CATEGORIES, TODAY)
        is None
    )


@pytest.mark.parametrize("odd", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("where", [0, 1, 2])
def test_points_that_are_not_a_number_anywhere_in_the_file_go_to_the_models(
    odd: float, where: int
) -> None:
    entry = {k: None for k in CE_KEYS} | {"date": "2026-01-05", "points": 1.0}
    entry |= {"category": "general", "title": "T"}
    entries = [dict(entry) for _ in range(3)]
    entries[where]["points"] = odd
    assert plain_ce_rows(entries, CATEGORIES, TODAY) is None
    assert model_row(entries[where]) is None
