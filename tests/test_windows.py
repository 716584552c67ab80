"""The bodies' exam windows: sourced catalog facts, shown by `show`, refused when wrong."""

from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from certadvisor.catalog.sources import bundled_registry, link_sources
from certadvisor.models.catalog import Catalog, ExamWindow, Track, WindowKind
from certadvisor.paths import bundled_data_dir


def _tracks() -> dict[str, Track]:
    raw = yaml.safe_load((bundled_data_dir() / "tracks.yaml").read_text())
    catalog = Catalog.model_validate(link_sources(raw, bundled_registry()))
    return {t.id: t for t in catalog.tracks}


def _window(track: Track, kind: WindowKind) -> ExamWindow:
    return next(w for w in track.windows if w.kind is kind)


def test_aama_gives_30_days_before_completion_and_a_90_day_testing_period() -> None:
    cma = _tracks()["cma-aama"]
    early = _window(cma, WindowKind.APPLY_BEFORE_COMPLETION)
    assert (early.days, early.routes, early.confidence) == (30, ["category-1"], "official")
    assert _window(cma, WindowKind.TESTING_PERIOD).days == 90
    # the same 30 days are category 1's eligibility rule, which a plan counts once
    (program,) = next(r for r in cma.routes if r.id == "category-1").conditions
    assert program.enrolled_within_days == 30


@pytest.mark.parametrize("track_id", ["mls-ascp", "mlt-ascp", "pbt-ascp"])
def test_ascp_windows_are_six_weeks_and_three_months_and_marked_disputed(track_id: str) -> None:
    track = _tracks()[track_id]
    assert _window(track, WindowKind.APPLY_BEFORE_COMPLETION).days == 42
    testing = _window(track, WindowKind.TESTING_PERIOD)
    assert testing.days == 90 and testing.disputed


@pytest.mark.parametrize("track_id", ["ccma-nha", "cpt-nha", "cet-nha", "cpcta-nha"])
def test_nha_vouchers_last_a_year_on_a_government_source(track_id: str) -> None:
    voucher = _window(_tracks()[track_id], WindowKind.VOUCHER_VALID)
    assert (voucher.days, voucher.confidence) == (365, "government")


@pytest.mark.parametrize("track_id", ["rma-amt", "rpt-amt"])
def test_amt_applications_last_a_year(track_id: str) -> None:
    assert _window(_tracks()[track_id], WindowKind.APPLICATION_VALID).days == 365


def _track_with_window(window: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "x",
        "credential": "X",
        "abbreviation": "X",
        "category": "phlebotomy",
        "issuer": {"name": "X", "abbreviation": "X"},
        "routes": [
            {
                "id": "r1",
                "name": "R",
                "summary": "R",
                "source": "https://example.org",
                "confidence": "official",
                "conditions": [{"kind": "age", "min_years": 18}],
            }
        ],
        "windows": [window],
    }


def test_a_window_naming_an_unknown_route_is_refused() -> None:
    window = {
        "kind": "testing_period",
        "days": 90,
        "text": "t",
        "routes": ["nope"],
        "source": "https://example.org",
        "confidence": "official",
    }
    with pytest.raises(ValidationError, match="window 'testing_period' names unknown routes: nope"):
        Track.model_validate(_track_with_window(window))


def test_a_window_with_a_misspelled_key_or_negative_days_is_refused() -> None:
    base = {"kind": "processing", "text": "t", "source": "s", "confidence": "official"}
    with pytest.raises(ValidationError):
        ExamWindow.model_validate(base | {"dayz": 3})
    with pytest.raises(ValidationError):
        ExamWindow.model_validate(base | {"days": -1})
    assert ExamWindow.model_validate(base).days is None


def test_show_lists_the_windows_with_the_dispute(run: Any) -> None:
    result = run("show", "pbt-ascp")
    assert result.exit_code == 0
    assert "Windows" in result.stdout
    assert "DISPUTED" in result.stdout
    data = run("show", "cma-aama", "--format", "json").json()
    kinds = [w["kind"] for w in data["data"]["track"]["windows"]]
    assert kinds == ["apply_before_completion", "testing_period", "processing"]
