"""Pay where you live: BLS figures by state, the national fallback, sources that earn them."""

from pathlib import Path

import pytest

from certadvisor.catalog import wages
from certadvisor.catalog.wages import pay_for, wage_table
from certadvisor.errors import InvalidInputError
from certadvisor.paths import bundled_data_dir

CONTRACT_TRACKS = (
    "cma-aama rma-amt ccma-nha ncma-ncct mlt-ascp mls-ascp cpt-nha pbt-ascp rpt-amt "
    "ncpt-ncct cpcta-nha cet-nha"
).split()


def test_every_track_of_the_contract_leads_to_an_occupation() -> None:
    assert all(pay_for(t, None) is not None for t in CONTRACT_TRACKS)


@pytest.mark.parametrize(
    ("track", "state", "mean", "median"),
    [
        # the research sheet's focus-state table (paths-timing-wages.md, part B.2)
        ("cma-aama", "WA", 55_050, 55_120),
        ("cpt-nha", "CA", 55_360, 55_460),
        ("cet-nha", "TX", 59_000, 47_970),
        ("cpcta-nha", "LA", 31_700, 30_240),
    ],
)
def test_state_pay_is_the_sheets_figure(track: str, state: str, mean: int, median: int) -> None:
    pay = pay_for(track, state.lower())
    assert pay is not None and pay.state is not None
    assert (pay.state.state, pay.state.mean, pay.state.median) == (state, mean, median)
    assert pay.state.period == "May 2024"
    assert pay.state.confidence == "government"


def test_every_state_and_dc_has_the_four_occupations() -> None:
    table = wage_table()
    assert len(table.states) == 51
    assert all(len(row) == 4 for row in table.states.values())


def test_laboratory_work_falls_back_to_the_national_figure() -> None:
    pay = pay_for("mls-ascp", "WA")
    assert pay is not None
    assert pay.state is None
    assert [(n.median, n.period, n.confidence) for n in pay.national] == [
        (60_780, "May 2023", "government")
    ]
    assert pay.occupation.caveat and "not in the extract" in pay.occupation.caveat


def test_ekg_pay_says_it_includes_higher_paid_technologists() -> None:
    pay = pay_for("cet-nha", "WA")
    assert pay is not None and pay.occupation.caveat
    assert "echocardiography" in pay.occupation.caveat


def test_a_third_party_national_median_is_marked_unverified() -> None:
    pay = pay_for("cma-aama", None)
    assert pay is not None
    assert {(n.median, n.confidence) for n in pay.national} == {(44_200, "unverified")}


def test_payback_uses_the_states_median_week() -> None:
    pay = pay_for("cma-aama", "WA")
    assert pay is not None and pay.weekly_median == pytest.approx(55_120 / 52)
    assert pay_for("cma-aama", None).weekly_median is None  # type: ignore[union-attr]


def test_a_figure_claiming_more_than_its_source_earns_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = bundled_data_dir()
    text = (bundled / "wages.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "source: startrightcareers-ma-wages\n    confidence: unverified",
        "source: startrightcareers-ma-wages\n    confidence: government",
    )
    (tmp_path / "wages.yaml").write_text(text, encoding="utf-8")
    for name in ("sources.yaml", "state_codes.yaml"):
        (tmp_path / name).write_bytes((bundled / name).read_bytes())
    monkeypatch.setattr(wages, "bundled_data_dir", lambda: tmp_path)
    wage_table.cache_clear()
    try:
        with pytest.raises(InvalidInputError, match="startrightcareers-ma-wages.*government"):
            wage_table()
    finally:
        wage_table.cache_clear()
