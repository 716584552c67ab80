"""The catalog cache folder stays small: a few caches at most, the oldest out first."""

import os
import time
from pathlib import Path

import pytest

from certadvisor import catalog as catalog_module

ONE = """\
tracks:
  - id: demo-{n}
    credential: Demo Credential {n}
    abbreviation: DEMO{n}
    category: phlebotomy
    issuer: {{name: Demo Body, abbreviation: DB}}
    routes:
      - id: training
        name: Training route
        summary: a program
        source: https://example.org/routes
        confidence: official
        conditions:
          - {{kind: education, min_level: high_school}}
"""


def _caches(tmp_path: Path) -> list[Path]:
    root = tmp_path / "home" / "cache" / "catalog"
    return sorted(p for p in root.iterdir() if p.is_dir())


def _load_version(tmp_path: Path, n: int) -> Path:
    extra = tmp_path / "extra.yaml"
    extra.write_text(ONE.format(n=n))
    assert f"demo-{n}" in catalog_module.load([extra]).all_ids
    [newest] = [p for p in _caches(tmp_path) if time.time() - p.stat().st_mtime < 60 * 60]
    return newest


def test_the_oldest_caches_go_when_the_folder_is_over_its_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _load_version(tmp_path, 1)
    os.utime(first, (1, 1))  # written long ago
    second = _load_version(tmp_path, 2)
    os.utime(second, (2, 2))
    one_cache = sum(f.stat().st_size for f in second.iterdir())
    # room for two caches: writing a third drops the oldest
    monkeypatch.setattr("certadvisor.catalog.cache.CACHE_CAP_BYTES", one_cache * 2 + 4096)
    third = _load_version(tmp_path, 3)
    assert _caches(tmp_path) == sorted([second, third])
    # a cap below one cache still keeps the one just written
    monkeypatch.setattr("certadvisor.catalog.cache.CACHE_CAP_BYTES", 1)
    fourth = _load_version(tmp_path, 4)
    assert _caches(tmp_path) == [fourth]


def test_no_more_than_six_caches_are_kept(tmp_path: Path) -> None:
    for n in range(8):
        os.utime(_load_version(tmp_path, n), (n + 1, n + 1))
    assert len(_caches(tmp_path)) == 6
