"""`recommend`: each ranked track's path for the person, and pay weighed only when asked."""

from typing import Any

from certadvisor.guidance.compare import NationalBrief, PayBrief
from certadvisor.guidance.recommend import Goal, Request, rank_tracks
from certadvisor.models.catalog import Track

SRC = {"source": "https://example.org/x", "confidence": "official"}
ARGS = ("recommend", "--no-input", "--goal", "clinical", "--setting", "hospital")


def _track(track_id: str, category: str) -> Track:
    return Track.model_validate(
        {
            "id": track_id,
            "credential": track_id,
            "abbreviation": track_id.upper(),
            "category": category,
            "issuer": {"name": "X", "abbreviation": "X"},
        }
    )


def _pay(median: int) -> PayBrief:
    national = NationalBrief(
        median=median,
        period="May 2024",
        confidence="government",
        **{"source": "https://www.bls.gov/x"},
    )
    return PayBrief(soc="00-0000", title="Workers", national=[national])


def test_pay_reorders_equal_tracks_only_when_weighed() -> None:
    tracks = [_track("ma-x", "medical_assisting"), _track("pct-x", "patient_care")]
    request = Request(goal=Goal.CLINICAL)
    plain = rank_tracks(tracks, request)
    assert [r.track for r in plain.ranking] == ["ma-x", "pct-x"]  # a tie keeps catalog order
    assert "pay" not in plain.weights
    assert all(f.name != "pay" for r in plain.ranking for f in r.factors)
    weighed = rank_tracks(tracks, request, pay={"ma-x": _pay(40_000), "pct-x": _pay(50_000)})
    assert [r.track for r in weighed.ranking] == ["pct-x", "ma-x"]
    assert weighed.weights["pay"] == 10
    top = next(f for f in weighed.ranking[0].factors if f.name == "pay")
    low = next(f for f in weighed.ranking[1].factors if f.name == "pay")
    assert top.judgement and (top.value, low.value) == (1.0, 0.8)
    assert top.facts[0].source is not None and top.facts[0].source.confidence == "government"


def test_a_track_with_no_pay_figure_is_scored_half_and_says_so() -> None:
    tracks = [_track("ma-x", "medical_assisting"), _track("pct-x", "patient_care")]
    got = rank_tracks(tracks, Request(goal=Goal.CLINICAL), pay={"ma-x": _pay(40_000)})
    unknown = next(f for r in got.ranking for f in r.factors if f.name == "pay" and f.value == 0.5)
    assert "no pay figure" in unknown.reason


def test_weigh_pay_uses_the_states_median_and_is_labelled_judgement(run: Any) -> None:
    result = run(*ARGS, "--state", "WA", "--weigh-pay", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "pay weighed" in out and "pay 10" in out
    assert (
        "Pay 10/10 (judgement): Cardiovascular technologists and technicians earn $76,470 "
        "(WA median, May 2024)" in out
    )


def test_without_weigh_pay_the_ranking_is_unchanged_and_has_no_pay(run: Any) -> None:
    plain = run(*ARGS, "--state", "WA", "--format", "json").json()["data"]["recommendation"]
    weighed = run(*ARGS, "--state", "WA", "--format", "json", "--weigh-pay").json()
    assert "pay" not in plain["weights"] and plain["request"]["weigh_pay"] is False
    assert weighed["data"]["recommendation"]["request"]["weigh_pay"] is True


def test_without_a_state_pay_is_the_national_median(run: Any) -> None:
    csv = run(*ARGS, "--weigh-pay", "--format", "csv").stdout.splitlines()
    assert csv[0].endswith(",best_score,state_fit,state_path,pay")
    md = run(*ARGS, "--weigh-pay", "--format", "markdown").stdout
    assert "(US median, May 2024)" in md


def test_with_a_profile_each_ranked_track_shows_the_persons_path(run: Any) -> None:
    args = (
        *ARGS,
        "--profile",
        "examples/receptionist-thinking-of-ma.yaml",
        "--as-of",
        "2026-11-30",
    )
    rec = run(*args, "--format", "json").json()["data"]["recommendation"]
    for r in rec["ranking"]:
        assert r["path"] is not None and r["path"]["track"] == r["track"]
    cma = next(r for r in rec["ranking"] if r["track"] == "cma-aama")
    assert cma["path"]["fastest"]["hold_month"] is not None
    out = run(*args, "--format", "markdown").stdout
    assert "- Your path (fastest): hold 20" in out


def test_without_a_profile_no_path_is_invented(run: Any) -> None:
    rec = run(*ARGS, "--format", "json").json()["data"]["recommendation"]
    assert all(r["path"] is None for r in rec["ranking"])
