"""The on-disk cache of validated catalogs: an index of summaries and one pickle per track.

Models that several tracks share (a YAML alias validated once) are pickled once, in
``shared.bin``; a track's pickle names them by their place there.
"""

import hashlib
import json
import os
import pickle
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor.paths import make_private_dirs

if TYPE_CHECKING:
    from certadvisor.models.catalog import Catalog, Track

CACHE_FORMAT = 12  # 12: a student's window before completion (enrolled_within_days)
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

    shared, lines = _pickles(catalog.tracks)
    pool = pickle.dumps(shared, protocol=5)
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


def _shareable(value: Any, model: type) -> Hashable | None:
    """What identifies a field's value as possibly shared: a model, or a list of models."""
    if isinstance(value, model):
        return id(value)
    if isinstance(value, list) and value and all(isinstance(v, model) for v in value):
        return tuple(map(id, value))
    return None


def _pickles(tracks: Sequence["Track"]) -> tuple[list[Any], list[bytes]]:
    """The values several tracks share, and one pickle per track.

    A track that shares nothing is pickled whole; one that does is pickled as its state
    with each shared field's value left out and named by its place among the shared values
    (a pickler's persistent ids would call back into Python for every object written).
    """
    from certadvisor.models.base import BaseModel

    keys = [
        {n: key for n, v in t.__dict__.items() if (key := _shareable(v, BaseModel)) is not None}
        for t in tracks
    ]
    counts = Counter(key for k in keys for key in k.values())
    place: dict[Hashable, int] = {}
    shared: list[Any] = []
    lines = []
    for track, own in zip(tracks, keys, strict=True):
        refs = {}
        for name, key in own.items():
            if counts[key] > 1:
                if key not in place:
                    place[key] = len(shared)
                    shared.append(track.__dict__[name])
                refs[name] = place[key]
        if not refs:
            lines.append(pickle.dumps(track, protocol=5))
            continue
        state = track.__getstate__()
        state["__dict__"] = {k: None if k in refs else v for k, v in state["__dict__"].items()}
        lines.append(pickle.dumps((state, refs), protocol=5))
    return shared, lines


def read_track(line: bytes, shared: Callable[[], list[Any]]) -> Any:
    """A track's pickle read back, its shared values filled in from ``shared()``."""
    from certadvisor.models.catalog import Track

    found = pickle.loads(line)  # noqa: S301 - our own file, checksummed by the caller
    if not isinstance(found, tuple):
        return found
    state, refs = found
    models = shared()
    fields = state["__dict__"]
    for name, where in refs.items():
        if not isinstance(where, int) or not 0 <= where < len(models) or name not in fields:
            raise CacheCorrupt(name)
        value = models[where]
        fields[name] = list(value) if isinstance(value, list) else value
    track = Track.__new__(Track)
    track.__setstate__(state)
    return track


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
