"""The on-disk cache of validated catalogs: an index of summaries and one pickle per track."""

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor.paths import make_private_dirs

if TYPE_CHECKING:
    from certadvisor.models.catalog import Catalog, Track

CACHE_FORMAT = 7  # 7: conditions keep their other reading
_CACHES_KEPT = 6
CACHE_CAP_BYTES = 200 * 1024 * 1024  # the cache folder's size; the oldest caches go first


class CacheCorrupt(Exception):
    """A cached track no longer matches its checksum."""


def index_row(track: "Track") -> list[Any]:
    """A track's summary as one compact index row (the order of TrackSummary's fields)."""
    return [
        track.id,
        track.abbreviation,
        track.credential,
        str(track.category),
        track.issuer.abbreviation,
        track.issuer.name,
        list(track.aliases),
        track.summary,
        len(track.routes),
        str(track.kind),
        track.jurisdiction,
    ]


def write_cache(target: Path, catalog: "Catalog", sources: list[str]) -> None:
    """Write the index (summaries, checksummed) and each validated track as a pickle.

    Pickles, not JSON, because re-validating a track costs a schema build (about 90 ms) on
    every command; each pickle was made from a validated track by this program, sits in the
    user's own cache folder and is checked against its SHA-256 before it is read.
    """
    import pickle
    import shutil
    import tempfile

    lines = [pickle.dumps(t, protocol=5) for t in catalog.tracks]
    rows = []
    offset = 0
    for track, line in zip(catalog.tracks, lines, strict=True):
        rows.append([*index_row(track), offset, len(line), hashlib.sha256(line).hexdigest()])
        offset += len(line) + 1
    index = {"format": CACHE_FORMAT, "data_as_of": catalog.as_of, "sources": sources, "rows": rows}
    try:
        make_private_dirs(target.parent)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        payload = json.dumps(index, separators=(",", ":")).encode()
        digest = hashlib.sha256(payload).hexdigest().encode()
        (tmp / "tracks.bin").write_bytes(b"\n".join(lines) + b"\n")
        (tmp / "index.json").write_bytes(digest + b"\n" + payload)
        try:
            os.replace(tmp, target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)  # another process wrote it first
        _prune(target.parent, keep=target.name)
    except OSError:
        pass  # a cache we cannot write is only slower, never wrong


def _prune(folder: Path, keep: str) -> None:
    """Drop the oldest caches beyond the newest few or beyond the folder's size cap.

    The cache just written is always kept; another process's write in flight (a young
    ``.tmp-`` folder) is left alone.
    """
    import shutil
    import time

    now = time.time()
    entries = []
    for p in folder.iterdir():
        try:
            if not p.is_dir() or p.name == keep:
                continue
            age = now - p.stat().st_mtime
        except OSError:
            continue  # removed meanwhile by another process
        if p.name.startswith(".tmp-") and age < 3600:
            continue
        entries.append((age, p))
    entries.sort(key=lambda e: e[0])
    total = _size(folder / keep)
    for i, (_, old) in enumerate(entries):
        total += _size(old)
        if i >= _CACHES_KEPT - 1 or total > CACHE_CAP_BYTES:
            shutil.rmtree(old, ignore_errors=True)


def _size(folder: Path) -> int:
    try:
        return sum(f.stat().st_size for f in folder.iterdir())
    except OSError:
        return 0
