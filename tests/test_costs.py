"""The cost engine: what counts, when it falls due, and how honest the total is about gaps."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certadvisor.costs import TotalCost, first_time_cost, total_cost
from certadvisor.errors import DomainError
from certadvisor.models.catalog import FeeKind, Track

SRC = "https://example.org/fees"


def fee(kind: str, amount: int | None, **extra: Any) -> dict[str, Any]:
    """A catalog fee entry (official unless said otherwise)."""
    return {
        "kind": kind,
        "label": extra.pop("label", f"{kind} fee"),
        "amount": amount,
        "source": SRC,
        "as_of": "2026-01",
        "confidence": "official",
        **extra,
    }


def track(
    fees: list[dict[str, Any]],
    *,
    cycle: int | None = 24,
    ce: float | None = 10,
    routes: tuple[str, ...] = ("r1",),
) -> Track:
    """A one-track fixture with the fees, renewal cycle and CE points given."""
    renewal: dict[str, Any] = {}
    if cycle is not None:
        renewal["cycle_months"] = {"value": cycle, "source": SRC, "confidence": "official"}
    if ce is not None:
        renewal["ce"] = {
            "total_points": ce,
            "unit": "CE credits",
            "source": SRC + "/ce",
            "confidence": "secondary",
        }
    return Track.model_validate(
        {
            "id": "demo-x",
            "credential": "Demo",
            "abbreviation": "DX",
            "category": "phlebotomy",
            "issuer": {"name": "Demo Body", "abbreviation": "DB"},
            "routes": [
                {
                    "id": r,
                    "name": r,
                    "summary": r,
                    "source": SRC,
                    "confidence": "official",
                    "conditions": [{"kind": "education", "min_level": "high_school"}],
                }
                for r in routes
            ],
            "fees": fees,
            "renewal": renewal,
        }
    )


def cents(x: float) -> int:
    return round(x * 100)


# --- what counts and when -----------------------------------------------------------------------


def test_known_fees_add_up_with_annual_fee_each_year() -> None:
    cost = total_cost(track([fee("exam", 100), fee("annual", 50, per="year")]), years=5)
    assert cost.amount == 350
    assert not cost.lower_bound and not cost.unverified and cost.unknown == []
    assert [y.amount for y in cost.by_year] == [100, 50, 50, 50, 50, 50]
    assert cost.by_year[-1].cumulative == 350


def test_renewal_fee_falls_due_at_the_end_of_each_cycle_inside_the_horizon() -> None:
    t = track([fee("exam", 100), fee("renewal", 80, per="cycle")], cycle=24)
    assert total_cost(t, years=5).recurring[0].due_years == [2, 4]
    assert total_cost(t, years=4).recurring[0].due_years == [2, 4]  # month 48 is inside 4 years
    assert total_cost(t, years=3).recurring[0].due_years == [2]
    assert total_cost(t, years=1).amount == 100


def test_renewal_not_due_within_a_short_horizon_is_not_counted_nor_a_gap() -> None:
    t = track([fee("exam", 125), fee("renewal", None, per="cycle")], cycle=60)
    cost = total_cost(t, years=4)
    assert cost.amount == 125 and not cost.lower_bound
    assert total_cost(t, years=5).lower_bound


def test_years_zero_is_the_first_time_cost() -> None:
    t = track([fee("application", 40), fee("exam", 100), fee("annual", 50, per="year")])
    assert total_cost(t, years=0).amount == first_time_cost(t).amount == 140


def test_negative_horizon_or_ce_cost_is_refused() -> None:
    t = track([fee("exam", 100)])
    with pytest.raises(ValueError, match="years"):
        total_cost(t, years=-1)
    with pytest.raises(ValueError, match="ce_cost_per_point"):
        total_cost(t, ce_cost_per_point=-0.5)


def test_contingent_fees_are_listed_never_added() -> None:
    t = track(
        [
            fee("exam", 100),
            fee("retake", 90, per="attempt"),
            fee("reinstatement", 125),
            fee("renewal", 0, per="cycle"),
        ]
    )
    cost = total_cost(t, years=5)
    assert cost.amount == 100
    assert {p.kind for p in cost.first_time.not_counted} == {"retake", "reinstatement"}


# --- honesty: unknown, ranges, unverified ------------------------------------------------------


def test_unknown_exam_fee_makes_a_named_lower_bound() -> None:
    t = track([fee("exam", None, label="CPT exam fee"), fee("renewal", 59, per="cycle")])
    cost = total_cost(t, years=5)
    assert cost.amount == 118 and cost.lower_bound
    assert cost.unknown == ["CPT exam fee: the amount is not in the catalog"]
    assert cost.first_time.lower_bound and cost.first_time.amount == 0


def test_renewal_with_no_fee_listed_is_an_unknown_part() -> None:
    cost = total_cost(track([fee("exam", 100)], cycle=24), years=5)
    assert cost.lower_bound
    assert cost.unknown == ["Renewal fee ×2: the catalog lists no renewal or annual fee"]


def test_no_exam_or_application_fee_at_all_is_unknown() -> None:
    first = first_time_cost(track([fee("eligibility_review", 0)]))
    assert first.lower_bound and any("Exam or application fee" in u for u in first.unknown)


def test_unknown_renewal_amount_is_named_with_how_many_times() -> None:
    t = track(
        [fee("exam", 100), fee("renewal", None, per="year", label="Annual renewal")], cycle=12
    )
    assert total_cost(t, years=5).unknown == ["Annual renewal ×5: the amount is not in the catalog"]


def test_quoted_range_counts_its_low_end_with_a_note() -> None:
    t = track(
        [fee("application", 215, amount_max=225), fee("renewal", 105, amount_max=110, per="cycle")],
        cycle=36,
    )
    cost = total_cost(t, years=5)
    assert cost.amount == 320 and cost.lower_bound and cost.unknown == []
    assert any("$215–$225" in n and "low end" in n for n in cost.notes)
    assert cost.recurring[0].unit_amount_max == 110


def test_unverified_fee_carries_its_marker_into_the_total() -> None:
    t = track([fee("exam", 100, confidence="unverified"), fee("renewal", 20, per="cycle")])
    cost = total_cost(t, years=5)
    assert cost.unverified and cost.confidence == "unverified"
    assert cost.first_time.unverified
    clean = total_cost(track([fee("exam", 100), fee("renewal", 20, per="cycle")]), years=5)
    assert not clean.unverified and clean.confidence == "official"


def test_an_unknown_unverified_fee_still_marks_the_total() -> None:
    # issue 4: a fee marked unverified carries its marker into the total, known amount or not
    t = track([fee("exam", None, confidence="unverified"), fee("renewal", 20, per="cycle")])
    cost = total_cost(t, years=5)
    assert cost.lower_bound and cost.unverified


def test_every_counted_part_keeps_its_provenance() -> None:
    cost = total_cost(
        track([fee("exam", 100), fee("renewal", 20, per="cycle")]), years=5, ce_cost_per_point=1
    )
    for p in [*cost.first_time.parts, *cost.recurring]:
        assert p.source and p.confidence
    ce = next(p for p in cost.recurring if p.kind == "ce")
    assert ce.source == SRC + "/ce" and ce.confidence == "secondary"


def test_unknown_cycle_makes_per_cycle_fees_a_lower_bound() -> None:
    t = track([fee("exam", 100), fee("renewal", 50, per="cycle")], cycle=None)
    cost = total_cost(t, years=5)
    assert cost.amount == 100 and cost.lower_bound
    assert any("renewal cycle is not in the catalog" in u for u in cost.unknown)


# --- membership, routes, alternatives, CE --------------------------------------------------------

MEMBER_FEES = [
    fee("exam", 125, member=True, label="Exam, members"),
    fee("exam", 250, member=False, label="Exam, non-members"),
    fee("renewal", 65, per="cycle", member=True),
    fee("renewal", 130, per="cycle", member=False),
]


def test_member_and_non_member_prices() -> None:
    t = track([*MEMBER_FEES, fee("membership", 80, per="year")], cycle=60)
    non = total_cost(t, years=5)
    member = total_cost(t, years=5, member=True)
    assert non.amount == 250 + 130
    assert member.amount == 125 + 65 + 5 * 80
    assert [p.kind for p in member.recurring][0] == "membership"
    assert all(p.kind != "membership" for p in non.recurring)


def test_member_price_without_dues_in_the_catalog_is_an_unknown_part() -> None:
    cost = total_cost(track(MEMBER_FEES, cycle=60), years=5, member=True)
    assert cost.lower_bound
    assert any(u.startswith("Membership dues ×5") for u in cost.unknown)


def test_member_only_price_leaves_non_members_unknown() -> None:
    t = track(
        [fee("exam", 125, member=True, label="Exam, members"), fee("renewal", 1, per="cycle")]
    )
    first = first_time_cost(t, member=False)
    assert first.lower_bound and first.amount == 0
    assert "no price for non-members" in first.unknown[0]


def test_cheapest_route_is_chosen_and_every_route_is_listed() -> None:
    t = track(
        [fee("exam", 90, routes=["student"]), fee("exam", 135, routes=["experience"])],
        routes=("experience", "student"),
    )
    first = first_time_cost(t)
    assert (first.route, first.basis, first.amount) == ("student", "cheapest", 90)
    assert {r.route: r.amount for r in first.by_route} == {"experience": 135, "student": 90}
    given = first_time_cost(t, route="experience")
    assert (given.route, given.basis, given.amount) == ("experience", "given", 135)


def test_a_complete_route_beats_a_cheaper_looking_one_with_unknown_fees() -> None:
    t = track([fee("exam", None, routes=["a"]), fee("exam", 135, routes=["b"])], routes=("a", "b"))
    assert first_time_cost(t).route == "b"


def test_same_fees_on_every_route_name_no_route() -> None:
    first = first_time_cost(track([fee("exam", 100)], routes=("a", "b")))
    assert first.route is None and first.basis == "same_for_all" and first.by_route == []


def test_unknown_route_is_a_domain_error() -> None:
    with pytest.raises(DomainError, match="no route 'zzz'"):
        first_time_cost(track([fee("exam", 100)]), route="zzz")


def test_alternative_prices_of_one_kind_count_the_lowest_as_a_lower_bound() -> None:
    t = track([fee("exam", 90, label="students"), fee("exam", 135, label="others")])
    first = first_time_cost(t)
    assert first.amount == 90 and first.lower_bound
    assert "students $90; others $135" in first.notes[0]


def test_ce_is_priced_per_renewal_to_the_cent() -> None:
    t = track([fee("exam", 100), fee("renewal", 0, per="cycle")], cycle=24, ce=9)
    cost = total_cost(t, years=5, ce_cost_per_point=2.5)
    ce = next(p for p in cost.recurring if p.kind == "ce")
    assert ce.unit_amount == 22.5 and ce.count == 2 and ce.amount == 45
    assert cost.amount == 145
    assert not any("not counted" in n for n in cost.notes)
    assert any("not counted" in n for n in total_cost(t, years=5).notes)


def test_ce_without_points_in_the_catalog_is_unknown() -> None:
    t = track([fee("exam", 100), fee("renewal", 0, per="cycle")], cycle=24, ce=None)
    cost = total_cost(t, years=5, ce_cost_per_point=3)
    assert cost.lower_bound and any("CE points" in u for u in cost.unknown)


# --- invariants ---------------------------------------------------------------------------------

KINDS = [k.value for k in FeeKind]


@st.composite
def fee_entries(draw: st.DrawFn) -> dict[str, Any]:
    amount = draw(st.none() | st.integers(0, 2000))
    extra: dict[str, Any] = {
        "per": draw(st.sampled_from(["once", "year", "cycle", "attempt"])),
        "member": draw(st.sampled_from([None, True, False])),
        "routes": draw(st.lists(st.sampled_from(["r1", "r2"]), max_size=2, unique=True)),
        "confidence": draw(st.sampled_from(["official", "secondary", "unverified"])),
    }
    if amount is not None and draw(st.booleans()):
        extra["amount_max"] = amount + draw(st.integers(0, 500))
    return fee(draw(st.sampled_from(KINDS)), amount, **extra)


tracks_st = st.builds(
    lambda fees, cycle, ce: track(fees, cycle=cycle, ce=ce, routes=("r1", "r2")),
    st.lists(fee_entries(), max_size=8),
    st.none() | st.integers(1, 120),
    st.none() | st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 1)),
)
rates = st.none() | st.decimals(0, 50, places=2).map(float)


@settings(max_examples=150, deadline=None)
@given(tracks_st, st.integers(0, 30), st.booleans(), rates)
def test_never_negative_and_parts_add_up(
    t: Track, years: int, member: bool, rate: float | None
) -> None:
    cost = total_cost(t, years=years, member=member, ce_cost_per_point=rate)
    assert TotalCost.model_validate(cost.model_dump()) == cost  # built unvalidated, yet valid
    parts = [*cost.first_time.parts, *cost.recurring]
    assert cost.amount >= 0 and all(p.amount >= 0 for p in parts)
    assert sum(cents(p.amount) for p in parts) == cents(cost.amount)
    assert sum(cents(y.amount) for y in cost.by_year) == cents(cost.amount)
    assert cents(cost.by_year[-1].cumulative) == cents(cost.amount)
    assert len(cost.by_year) == years + 1
    assert cost.first_time.amount <= cost.amount
    assert cost.lower_bound == (cost.first_time.lower_bound or any(p.lower_bound for p in parts))
    if cost.unknown:
        assert cost.lower_bound


@settings(max_examples=100, deadline=None)
@given(tracks_st, st.integers(0, 29), st.booleans(), rates)
def test_more_years_never_cost_less_nor_become_more_certain(
    t: Track, years: int, member: bool, rate: float | None
) -> None:
    shorter = total_cost(t, years=years, member=member, ce_cost_per_point=rate)
    longer = total_cost(t, years=years + 1, member=member, ce_cost_per_point=rate)
    assert longer.amount >= shorter.amount
    assert longer.lower_bound >= shorter.lower_bound
    assert [y.cumulative for y in longer.by_year[:-1]] == [y.cumulative for y in shorter.by_year]
