"""The on-disk cache of validated catalogs: an index of summaries and one pickle per track.

Models that several tracks share (a YAML alias validated once) are pickled once, in
``shared.bin``; a track's pickle names them by their place there.
"""

import hashlib
import json
import os
import pickle
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor.paths import make_private_dirs

if TYPE_CHECKING:
    from certadvisor.models.catalog import Catalog, Track

CACHE_FORMAT = 8  # 8: models shared between tracks are pickled once
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
    """Write the index (summaries, checksummed), the shared models and each track as a pickle.

    Pickles, not JSON, because re-validating a track costs a schema build (about 90 ms) on
    every command; each pickle was made from a validated track by this program, sits in the
    user's own cache folder and is checked against its SHA-256 before it is read.
    """
    import shutil
    import tempfile

    shared = _shared_models(catalog.tracks)
    pool = pickle.dumps(shared, protocol=5)
    lines = _track_pickles(catalog.tracks, {id(m): i for i, m in enumerate(shared)})
    rows = []
    offset = 0
    for track, line in zip(catalog.tracks, lines, strict=True):
        rows.append([*index_row(track), offset, len(line), hashlib.sha256(line).hexdigest()])
        offset += len(line) + 1
    index = {
        "format": CACHE_FORMAT,
        "data_as_of": catalog.as_of,
        "sources": sources,
        "shared": [len(shared), hashlib.sha256(pool).hexdigest()],
        "rows": rows,
    }
    try:
        make_private_dirs(target.parent)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        payload = json.dumps(index, separators=(",", ":")).encode()
        digest = hashlib.sha256(payload).hexdigest().encode()
        with (tmp / "tracks.bin").open("wb") as fh:
            for line in lines:
                fh.write(line)
                fh.write(b"\n")
        (tmp / SHARED_FILE).write_bytes(pool)
        (tmp / "index.json").write_bytes(digest + b"\n" + payload)
        try:
            os.replace(tmp, target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)  # another process wrote it first
        _prune(target.parent, keep=target.name)
    except OSError:
        pass  # a cache we cannot write is only slower, never wrong


SHARED_FILE = "shared.bin"


def _shared_models(tracks: Sequence["Track"]) -> list[Any]:
    """The models more than one track holds (a field's model, or an item of a field's list)."""
    from pydantic import BaseModel

    def held(track: "Track") -> list[Any]:
        found = []
        for value in track.__dict__.values():
            if isinstance(value, BaseModel):
                found.append(value)
            elif isinstance(value, list):
                found.extend(v for v in value if isinstance(v, BaseModel))
        return found

    counts = Counter(id(m) for t in tracks for m in held(t))
    shared: dict[int, Any] = {}
    for t in tracks:
        for m in held(t):
            if counts[id(m)] > 1:
                shared.setdefault(id(m), m)
    return list(shared.values())


class _SharedPickler(pickle.Pickler):
    """Writes a shared model as its place in the shared file."""

    def __init__(self, file: Any, place: dict[int, int]) -> None:
        super().__init__(file, protocol=5)
        self.place = place

    def persistent_id(self, obj: Any) -> int | None:
        return self.place.get(id(obj))


class _SharedUnpickler(pickle.Unpickler):
    """Reads a shared model's place back as the model (the shared file is read on demand)."""

    def __init__(self, file: Any, shared: Callable[[], list[Any]]) -> None:
        super().__init__(file)
        self.shared = shared

    def persistent_load(self, pid: Any) -> Any:
        models = self.shared()
        if not isinstance(pid, int) or not 0 <= pid < len(models):
            raise CacheCorrupt(str(pid))
        return models[pid]


def _track_pickles(tracks: Sequence["Track"], place: dict[int, int]) -> list[bytes]:
    """One pickle per track; a shared model is written as its place in the shared file."""
    if not place:
        return [pickle.dumps(t, protocol=5) for t in tracks]
    import io

    lines = []
    for t in tracks:
        buf = io.BytesIO()
        _SharedPickler(buf, place).dump(t)
        lines.append(buf.getvalue())
    return lines


def read_track(line: bytes, shared: Callable[[], list[Any]]) -> Any:
    """A track's pickle read back; ``shared`` gives the shared models when it names one."""
    import io

    return _SharedUnpickler(io.BytesIO(line), shared).load()  # noqa: S301 - checksummed, ours


def read_shared(path: Path, count: int, digest: str) -> list[Any]:
    """The shared models, checked against their checksum; CacheCorrupt when they do not match."""
    try:
        pool = path.read_bytes()
    except OSError:
        raise CacheCorrupt(path.name) from None
    if hashlib.sha256(pool).hexdigest() != digest:
        raise CacheCorrupt(path.name)
    try:
        models = pickle.loads(pool)  # noqa: S301 - our own file, checksum verified above
    except Exception:  # any unpickling failure means the cache is unusable
        raise CacheCorrupt(path.name) from None
    if not isinstance(models, list) or len(models) != count:
        raise CacheCorrupt(path.name)
    return models


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
