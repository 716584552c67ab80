"""The bundled catalog: all twelve contract tracks, valid, and every fact traceable to a source."""

import datetime as dt
from pathlib import Path

import yaml

from certadvisor import catalog as catalog_module
from certadvisor.catalog.provenance import sourced_facts
from certadvisor.catalog.sources import bundled_registry, link_sources
from certadvisor.catalog.states import state_codes, state_rules
from certadvisor.models.catalog import Catalog, CredentialCondition, Track
from certadvisor.models.common import Fact, Provenance
from certadvisor.paths import bundled_data_dir

CONTRACT_IDS = (
    "cma-aama rma-amt ccma-nha ncma-ncct mlt-ascp mls-ascp "
    "cpt-nha pbt-ascp rpt-amt ncpt-ncct cpcta-nha cet-nha"
).split()


def _bundled() -> Catalog:
    raw = yaml.safe_load((bundled_data_dir() / "tracks.yaml").read_text())
    # facts name registry ids; the loaded catalog carries each source's address
    return Catalog.model_validate(link_sources(raw, bundled_registry()))


def test_bundled_file_holds_exactly_the_contract_tracks() -> None:
    assert [t.id for t in _bundled().tracks] == CONTRACT_IDS


def test_bundled_catalog_references_resolve() -> None:
    assert _bundled().check_references() == []


def test_every_track_has_routes_fees_exam_and_renewal_facts() -> None:
    for track in _bundled().tracks:
        assert track.routes, track.id
        assert track.fees, track.id
        assert track.renewal.cycle_months is not None, track.id
        assert track.issuer.name and track.abbreviation, track.id


def test_every_sourced_fact_has_a_registered_source_and_a_known_confidence() -> None:
    registry = bundled_registry()
    facts = sourced_facts(
        _bundled().tracks, state_rules().states, dt.date(2026, 11, 26), 365, registry
    )
    assert len(facts) > 200
    for f in facts:
        assert registry.resolve(f.source) is not None, f
        assert f.confidence in {"official", "government", "secondary", "unverified"}


def test_every_route_and_fee_carries_provenance() -> None:
    for track in _bundled().tracks:
        for item in [*track.routes, *track.fees, *track.accreditation]:
            assert isinstance(item, Provenance)
            assert bundled_registry().resolve(item.source), (track.id, item)


def test_credential_conditions_name_contract_tracks() -> None:
    for track in _bundled().tracks:
        for route in track.routes:
            for cond in route.conditions:
                if isinstance(cond, CredentialCondition):
                    assert set(cond.any_of) <= set(CONTRACT_IDS)


def test_unknown_facts_stay_unknown_rather_than_zero() -> None:
    # a fee the research lacks is null, never 0: zero would print as a real price
    for track in _bundled().tracks:
        for fee in track.fees:
            if fee.amount == 0:
                assert fee.kind == "eligibility_review", (track.id, fee.label)


def test_loaded_catalog_matches_the_file(tmp_path: Path) -> None:
    loaded = catalog_module.load()
    assert loaded.ids == CONTRACT_IDS
    assert loaded.data_as_of == "2026-11-26"
    track: Track = loaded.track("mls-ascp")
    assert track.model_dump() == _bundled().tracks[5].model_dump()


def test_state_rules_use_valid_codes_and_known_tracks() -> None:
    codes = state_codes()
    assert len(codes) == 52 and "PR" in codes and "DC" in codes
    for state in state_rules().states:
        assert state.code in codes
        for note in state.notes:
            assert set(note.tracks) <= set(CONTRACT_IDS)
            assert note.source.startswith("http")


def test_unverified_facts_are_marked_as_such() -> None:
    # the research marks NHA recency windows UNVERIFIED: they must not ship as official
    ccma = next(t for t in _bundled().tracks if t.id == "ccma-nha")
    windows = [
        c
        for r in ccma.routes
        for c in r.conditions
        if getattr(c, "completed_within_months", None) or getattr(c, "within_months", None)
    ]
    assert windows
    for c in windows:
        route = next(r for r in ccma.routes if c in r.conditions)
        assert "unverified" in (c.confidence, route.confidence)


def test_facts_keep_values_typed() -> None:
    cma = next(t for t in _bundled().tracks if t.id == "cma-aama")
    assert isinstance(cma.exam.questions, Fact) and cma.exam.questions.value == 200
    assert cma.renewal.cycle_months is not None and cma.renewal.cycle_months.value == 60
