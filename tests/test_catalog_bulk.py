"""Large and anchored catalogs: shared blocks validated once, a small cache, the same answers."""

from pathlib import Path
from typing import Any

from certadvisor import catalog as catalog_module

TRACK = """\
  - id: demo-{n}
    credential: Demo Credential {n}
    abbreviation: DEMO{n}
    category: phlebotomy
    issuer: {issuer}
    routes: {routes}
    fees: {fees}
"""

SHARED = """\
tracks:
  - id: demo-0
    credential: Demo Credential 0
    abbreviation: DEMO0
    category: phlebotomy
    issuer: &issuer {name: Demo Body, abbreviation: DB}
    routes: &routes
      - id: training
        name: Training route
        summary: a program
        source: ROUTE_SOURCE
        confidence: official
        conditions:
          - {kind: education, min_level: high_school}
          - {kind: experience, fields: [phlebotomy], min_months: 6,
             reading: {source: https://example.org/r, confidence: official,
                       text: a year, changes: {min_months: 12}}}
    fees: &fees
      - {kind: exam, label: Exam fee, amount: FEE, source: https://example.org/fees,
         confidence: official, routes: [training]}
"""


def anchored(tmp_path: Path, count: int, *, fee: str = "100", source: str = "") -> Path:
    """A catalog of ``count`` tracks sharing one issuer, one routes block and one fee list."""
    head = SHARED.replace("FEE", fee).replace("ROUTE_SOURCE", source or "https://example.org/r")
    rest = "".join(
        TRACK.format(n=n, issuer="*issuer", routes="*routes", fees="*fees") for n in range(1, count)
    )
    path = tmp_path / "anchored.yaml"
    path.write_text(head + rest)
    return path


def _cache_folder(tmp_path: Path) -> Path:
    """The cache written last."""
    root = tmp_path / "home" / "cache" / "catalog"
    return max((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime_ns)


def test_an_anchored_catalog_reads_back_from_its_cache_as_it_was_validated(
    tmp_path: Path,
) -> None:
    path = anchored(tmp_path, 40)
    fresh = catalog_module.load([path])
    cached = catalog_module.load([path])
    assert cached._cache_file is not None  # served from the cache
    for track_id in ("demo-0", "demo-17", "demo-39"):
        before, after = fresh.track(track_id), cached.track(track_id)
        assert after.model_dump(mode="json") == before.model_dump(mode="json")
        # the other reading of a condition survives the cache, for every track sharing it
        assert after.routes[0].conditions[1].other_reading().min_months == 12  # type: ignore[union-attr]
    assert cached.track("demo-39").fees[0].amount == 100


def test_a_shared_block_is_kept_once_in_the_cache(tmp_path: Path) -> None:
    sizes = []
    for count in (10, 400):
        catalog_module.load([anchored(tmp_path, count)])
        sizes.append(sum(f.stat().st_size for f in _cache_folder(tmp_path).iterdir()))
    growth = (sizes[1] - sizes[0]) / (400 - 10)
    # what a track adds is its own fields and index row, not another copy of the routes
    assert growth < 1500, growth


def test_a_damaged_shared_file_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    path = anchored(tmp_path, 5)
    catalog_module.load([path])
    shared = _cache_folder(tmp_path) / "shared.bin"
    blob = bytearray(shared.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    shared.write_bytes(bytes(blob))
    assert catalog_module.load([path]).track("demo-3").fees[0].amount == 100


def test_a_bad_value_in_a_shared_block_names_the_file_line_and_first_record(
    run: Any, tmp_path: Path
) -> None:
    path = anchored(tmp_path, 30, fee="-5")
    r = run("--data", str(path), "tracks")
    assert r.exit_code == 3
    first = r.stderr.splitlines()[0]
    assert first.startswith(f"Error: {path}:19:")
    assert "tracks[0].fees[0].amount: must be at least 0" in first
    assert "Traceback" not in r.stderr


def test_an_unearned_confidence_in_a_shared_block_is_refused(run: Any, tmp_path: Path) -> None:
    path = anchored(tmp_path, 30, source="open-exam-prep-mls-fees")
    r = run("--data", str(path), "tracks")
    assert r.exit_code == 3
    assert "tracks[0].routes[0]" in r.stderr
    assert "confidence official is higher than source open-exam-prep-mls-fees" in r.stderr


def test_a_bad_record_after_many_good_ones_is_named(run: Any, tmp_path: Path) -> None:
    path = anchored(tmp_path, 60)
    path.write_text(path.read_text().replace("category: phlebotomy\n", "category: juggling\n", 1))
    text = path.read_text()
    at = text.index("id: demo-45")
    path.write_text(text[:at] + text[at:].replace("abbreviation: DEMO45", "abbrev: DEMO45", 1))
    r = run("--data", str(path), "tracks")
    assert r.exit_code == 3
    lines = r.stderr.splitlines()
    assert "tracks[0].category: must be one of" in lines[0]
    assert any("tracks[45].abbrev: is not a known key" in line for line in lines)


def test_an_alias_that_contains_itself_is_refused(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("tracks: &t [{id: x, routes: *t}]\n")
    r = run("--data", str(path), "tracks")
    assert r.exit_code == 3
    assert "aliases expand" in r.stderr
