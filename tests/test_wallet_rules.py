"""Renewal arithmetic: cycles, CE progress, fees, deadlines and the next action (pure functions)."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from certadvisor.models.catalog import Catalog, CycleAnchor
from certadvisor.wallet.cycles import add_months, annual_due_dates, cycle_at, cycle_end
from certadvisor.wallet.deadlines import urgency
from certadvisor.wallet.documents import CERecord
from certadvisor.wallet.lifecycle import annual_dues
from certadvisor.wallet.model import CETally, FeePaid, HeldCredential
from certadvisor.wallet.progress import ce_progress, shortfall_words
from certadvisor.wallet.records import History
from certadvisor.wallet.results import TrackRules
from certadvisor.wallet.rules import credential_status

FIXTURE = Path(__file__).parent / "fixtures" / "wallet_catalog.yaml"
D = dt.date


@pytest.fixture(scope="module")
def rules() -> dict[str, TrackRules]:
    catalog = Catalog.model_validate(yaml.safe_load(FIXTURE.read_text()))
    return {t.id: TrackRules.from_track(t) for t in catalog.tracks}


def held(track: str, earned: dt.date) -> HeldCredential:
    return HeldCredential(person="me", track=track, earned=earned, added_at="x")


def ce(points: float, category: str = "general", by: str | None = None, n: int = 1) -> CETally:
    return CETally(category, by, points, n)


# Months and cycles


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2021, 6, 15), 60, D(2026, 6, 15)),
        (D(2021, 12, 1), 1, D(2022, 1, 1)),
        (D(2022, 1, 1), -1, D(2021, 12, 1)),
    ],
)
def test_add_months_clamps_to_the_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_end_of_month_anchor_counts_from_the_month_end() -> None:
    # AAMA: 60 months from the end of the month earned.
    assert cycle_at(D(2021, 6, 15), 60, CycleAnchor.END_OF_MONTH, D(2026, 3, 1)) == (
        0,
        D(2021, 6, 15),
        D(2026, 6, 30),
    )
    assert cycle_at(D(2021, 6, 15), 60, CycleAnchor.END_OF_MONTH, D(2026, 7, 1)) == (
        1,
        D(2026, 7, 1),
        D(2031, 6, 30),
    )


def test_earned_date_anchor_ends_the_day_before_the_anniversary() -> None:
    assert cycle_at(D(2021, 6, 1), 36, CycleAnchor.EARNED_DATE, D(2024, 5, 31)) == (
        0,
        D(2021, 6, 1),
        D(2024, 5, 31),
    )
    assert cycle_at(D(2021, 6, 1), 36, CycleAnchor.EARNED_DATE, D(2024, 6, 1)) == (
        1,
        D(2024, 6, 1),
        D(2027, 5, 31),
    )


def test_a_leap_day_credential_expires_at_the_end_of_february() -> None:
    assert cycle_end(D(2024, 2, 29), 12, CycleAnchor.END_OF_MONTH, 0) == D(2025, 2, 28)
    assert cycle_end(D(2024, 2, 29), 48, CycleAnchor.END_OF_MONTH, 0) == D(2028, 2, 29)


@given(
    earned=st.dates(D(1990, 1, 1), D(2030, 12, 31)),
    months=st.sampled_from([1, 12, 24, 36, 60]),
    anchor=st.sampled_from(list(CycleAnchor)),
    later=st.integers(0, 365 * 30),
)
def test_the_current_cycle_holds_the_date_and_cycles_tile(
    earned: dt.date, months: int, anchor: CycleAnchor, later: int
) -> None:
    as_of = earned + dt.timedelta(days=later)
    index, start, end = cycle_at(earned, months, anchor, as_of)
    assert start <= as_of <= end
    if index:
        assert cycle_end(earned, months, anchor, index - 1) + dt.timedelta(days=1) == start
    else:
        assert start == earned
    assert add_months(start, months) - dt.timedelta(days=40) <= end


# CE progress


def test_no_rollover_only_ce_dated_inside_the_cycle_counts(tmp_path: Path) -> None:
    from certadvisor import catalog
    from certadvisor.cli.commands.wallet_options import rules_lookup
    from certadvisor.wallet import records
    from certadvisor.wallet.ce import add_ce
    from certadvisor.wallet.status import wallet_status
    from certadvisor.wallet.store import open_store

    with open_store(tmp_path / "wallet.sqlite3") as store:
        records.add_credential(store, "me", "wx-plain", D(2022, 3, 10), None)
        # cycle 1 runs 2024-03-10 .. 2026-03-09; the first entry is the day before
        for day, pts in (
            (D(2024, 3, 9), 1.0),
            (D(2024, 3, 10), 2.0),
            (D(2026, 3, 9), 4.0),
            (D(2025, 1, 1), 8.0),
        ):
            rec = CERecord(date=day, points=pts, category="general", title="x")
            add_ce(store, "me", "wx-plain", rec)
        # on the cycle's last day, so that every entry inside it has happened by then
        result = wallet_status(store, rules_lookup(catalog.load([FIXTURE])), "me", D(2026, 3, 9))
    (status,) = result.people[0].credentials
    assert (status.cycle.start, status.cycle.end) == (D(2024, 3, 10), D(2026, 3, 9))
    assert status.ce is not None and status.ce.counted == 14 and status.ce.entries == 3


def test_category_minimums_maximums_and_approved_points(rules: dict[str, TrackRules]) -> None:
    req = rules["wx-eom"].renewal.ce
    entries = [
        ce(50, "clinical", "WFB"),  # at most 40 clinical count
        ce(10, "administrative", "other body"),
        ce(4, "general", "wfb"),  # approval matched ignoring case
    ]
    p = ce_progress(req, entries)
    assert p is not None
    clinical = next(c for c in p.categories if c.id == "clinical")
    assert (clinical.earned, clinical.counted, clinical.short) == (50, 40, 0)
    general = next(c for c in p.categories if c.id == "general")
    assert general.short == 6
    assert p.counted == 54 and p.short == 6
    assert p.approved == 54 and p.approved_short == 0
    assert p.needed == 6 and p.met is False
    assert shortfall_words(p) == "6 more CEUs (General 6)"


def test_approved_shortfall_can_exceed_the_total_shortfall(rules: dict[str, TrackRules]) -> None:
    entries = [ce(20, c) for c in ("clinical", "administrative", "general")]
    p = ce_progress(rules["wx-eom"].renewal.ce, entries)
    assert p is not None and p.short == 0 and p.approved_short == 30 and p.needed == 30
    assert "30 approved by WFB" in (shortfall_words(p) or "")


def test_met_when_every_limit_is_met(rules: dict[str, TrackRules]) -> None:
    entries = [ce(20, c, "WFB") for c in ("clinical", "administrative", "general")]
    p = ce_progress(rules["wx-eom"].renewal.ce, entries)
    assert p is not None and p.met is True and p.needed == 0
    assert shortfall_words(p) is None


def test_fractional_points_add_up_without_float_noise(rules: dict[str, TrackRules]) -> None:
    p = ce_progress(rules["wx-plain"].renewal.ce, [ce(0.1, by=b) for b in (None, "a", "b")])
    assert p is not None and p.counted == 0.3 and p.short == 9.7


# Unknown rules stay unknown


def test_a_null_cycle_is_unknown_not_guessed(rules: dict[str, TrackRules]) -> None:
    s = credential_status(held("wx-nocycle", D(2020, 1, 1)), rules["wx-nocycle"], [], D(2026, 1, 1))
    assert s.cycle.start is None and s.cycle.end is None and s.cycle.days_left is None
    assert s.cycle.confidence == "secondary"
    assert s.deadlines == [] and s.ce is None
    assert s.next_action.urgency == "unknown" and s.next_action.date is None
    assert "does not know the cycle" in s.next_action.text


def test_a_missing_anchor_uses_the_earliest_expiry_and_says_so(
    rules: dict[str, TrackRules],
) -> None:
    s = credential_status(held("wx-plain", D(2024, 3, 10)), rules["wx-plain"], [], D(2025, 1, 1))
    assert s.cycle.anchor == "earned_date" and s.cycle.anchor_assumed
    assert s.cycle.end == D(2026, 3, 9)
    assert s.cycle.confidence == "unverified"
    assert any("does not say where it counts from" in n for n in s.assumed)


def test_a_track_missing_from_the_catalog_is_reported() -> None:
    s = credential_status(held("gone", D(2020, 1, 1)), None, [], D(2026, 1, 1))
    assert not s.in_catalog and s.cycle.end is None
    assert "not in the catalog" in s.next_action.text


# Deadlines, fees and the next action


def paid_until(earned: dt.date, upto: dt.date) -> History:
    """Every annual fee due up to ``upto`` marked paid on its due date."""
    return History([], [FeePaid("annual", d, d, None, "") for d in annual_dues(earned, upto)])


def test_deadlines_of_a_full_rule_set(rules: dict[str, TrackRules]) -> None:
    e, day = D(2021, 6, 15), D(2026, 1, 1)
    s = credential_status(held("wx-eom", e), rules["wx-eom"], [], day, paid_until(e, day))
    got = {d.kind: d.date for d in s.deadlines if d.kind != "annual_fee"}
    assert got == {
        "window_opens": D(2026, 4, 1),  # 90 days before 2026-06-30
        "window_closes": D(2026, 5, 31),
        "cycle_end": D(2026, 6, 30),
        "grace_end": D(2026, 9, 28),
    }
    assert s.overdue == []
    assert [d.date for d in s.deadlines if d.kind == "annual_fee"] == [D(2026, 6, 15)]
    assert s.annual_fees[0].due == D(2026, 6, 15) and s.annual_fees[0].amount == 40
    assert s.renewal_fees[0].confidence == "unverified"
    assert s.next_action.text == "Renewal filing opens" and s.next_action.date == D(2026, 4, 1)
    assert s.next_action.detail and "60 more CEUs" in s.next_action.detail


def test_inside_the_window_the_next_action_is_to_file(rules: dict[str, TrackRules]) -> None:
    entries = [ce(20, c, "WFB") for c in ("clinical", "administrative", "general")]
    e, day = D(2021, 6, 15), D(2026, 5, 20)
    s = credential_status(held("wx-eom", e), rules["wx-eom"], entries, day, paid_until(e, day))
    assert s.next_action.text == "File the renewal" and s.next_action.date == D(2026, 5, 31)
    assert s.next_action.detail is None and s.next_action.urgency == "urgent"


def test_after_a_cycle_end_the_old_grace_period_is_flagged(rules: dict[str, TrackRules]) -> None:
    e, day = D(2021, 6, 15), D(2026, 7, 10)
    s = credential_status(held("wx-eom", e), rules["wx-eom"], [], day, paid_until(e, day))
    assert s.cycle.index == 1 and s.cycle.start == D(2026, 7, 1)
    assert s.cycle.assumed_filed == [D(2026, 6, 30)]
    assert s.next_action.text.startswith("Overdue since 2026-07-01: renewal due 2026-06-30")
    assert s.next_action.urgency == "urgent"
    late = [d for d in s.deadlines if d.key == "grace-end/0/0"]
    assert late and late[0].date == D(2026, 9, 28) and "2026-06-30" in late[0].title
    assert any("renewal due 2026-06-30" in n and "not marked" in n for n in s.assumed)


def test_annual_fees_fall_on_each_anniversary_until_the_cycle_ends() -> None:
    assert annual_due_dates(D(2020, 3, 31), D(2021, 1, 1), D(2023, 3, 30)) == [
        D(2021, 3, 31),
        D(2022, 3, 31),
    ]
    # at least the next one, even after the cycle's end
    assert annual_due_dates(D(2020, 3, 31), D(2023, 3, 1), D(2023, 3, 30)) == [D(2023, 3, 31)]


@pytest.mark.parametrize(
    ("days", "short", "left", "expected"),
    [
        (None, False, None, "unknown"),
        (10, False, 400, "urgent"),
        (60, False, 400, "soon"),
        (200, False, 400, "ok"),
        (200, True, 80, "urgent"),
        (200, True, 150, "soon"),
    ],
)
def test_urgency(days: int | None, short: bool, left: int | None, expected: str) -> None:
    assert urgency(days, short, left) == expected
