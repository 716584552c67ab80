"""Warm runs read kept copies (the state rules, conditions' other readings): same answers."""

from pathlib import Path
from typing import Any

from certadvisor import catalog as catalog_module
from certadvisor.catalog import states

EXAMPLE = Path(__file__).parent.parent / "examples" / "receptionist-thinking-of-ma.yaml"


def _fresh_rules() -> Any:
    states.state_rules.cache_clear()
    return states.state_rules()


def test_state_rules_are_kept_and_a_corrupt_copy_is_rebuilt(isolated: Path) -> None:
    first = _fresh_rules()
    [kept] = (isolated / "cache" / "states").glob("*.pickle")
    assert _fresh_rules() == first  # read back from the kept copy
    kept.write_bytes(b"not a pickle")
    assert _fresh_rules() == first  # rebuilt silently, and kept anew
    assert kept.read_bytes() != b"not a pickle"
    states.state_rules.cache_clear()


def test_other_readings_from_the_cache_match_validating_again() -> None:
    catalog_module.load()  # fills the cache
    tracks = catalog_module.load().tracks()
    read = [c for t in tracks for r in t.routes for c in r.conditions if c.reading is not None]
    assert read, "the bundled catalog has conditions read two ways"
    for cond in read:
        assert cond.other_reading() == cond._validated_other()


def test_cold_and_warm_reports_are_the_same(run: Any) -> None:
    args = ("report", "--profile", str(EXAMPLE), "--as-of", "2026-11-01", "--months", "12")
    states.state_rules.cache_clear()
    cold = run(*args)
    states.state_rules.cache_clear()
    warm = run(*args)
    assert cold.exit_code == 0, cold.stderr
    assert warm.stdout == cold.stdout
