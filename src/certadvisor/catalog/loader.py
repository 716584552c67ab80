"""Find, load, merge, cache and validate catalog files; resolve what a user types to a track id."""

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor import __version__
from certadvisor.catalog.cache import (
    CACHE_FORMAT,
    SHARED_FILE,
    CacheCorrupt,
    index_row,
    read_shared,
    read_track,
    write_cache,
)
from certadvisor.catalog.files import CatalogFile
from certadvisor.catalog.summary import TrackSummary
from certadvisor.catalog.yaml_io import read_text
from certadvisor.errors import UnknownTrackError
from certadvisor.paths import bundled_data_dir, cache_dir

if TYPE_CHECKING:
    from certadvisor.models.catalog import Catalog, Track


BUNDLED_FILES = ("tracks.yaml", "state-tracks.yaml")
CATALOG_SUFFIXES = (".yaml", ".yml", ".json")  # a folder given to --data: the files it reads


def catalog_paths(extra: Sequence[Path | str] = ()) -> list[Path]:
    """The bundled tracks.yaml and state-tracks.yaml, then CERTADVISOR_DATA, then --data
    (a folder gives its YAML and JSON files, by name)."""
    paths: list[Path] = [bundled_data_dir() / name for name in BUNDLED_FILES]
    env = os.environ.get("CERTADVISOR_DATA", "")
    entries: list[Path | str] = [e for e in env.split(os.pathsep) if e.strip()]
    entries.extend(extra)
    for entry in entries:
        p = Path(entry).expanduser()
        if p.is_dir():
            paths.extend(sorted(q for q in p.iterdir() if q.suffix in CATALOG_SUFFIXES))
        else:
            paths.append(p)
    return paths


def _read_files(paths: Sequence[Path]) -> list[CatalogFile]:
    bundled = {bundled_data_dir() / name: name for name in BUNDLED_FILES}
    files = []
    for p in paths:
        label = f"{bundled[p]} (bundled)" if p in bundled else str(p)
        files.append(CatalogFile(p, label, read_text(p, label)))
    return files


def _cache_key(files: Sequence[CatalogFile]) -> str:
    from certadvisor.catalog.sources import registry_digest

    h = hashlib.sha256(f"certadvisor {__version__} cache {CACHE_FORMAT}\n".encode())
    # the registry decides which confidences pass, so a change to it must re-validate
    h.update(b"sources.yaml\0" + registry_digest())
    for f in files:
        h.update(f.label.encode() + b"\0" + hashlib.sha256(f.raw).digest())
    return h.hexdigest()[:32]


@dataclass
class LoadedCatalog:
    """A merged catalog: compact index rows at once; summaries and tracks built on demand."""

    data_as_of: str | None
    sources: list[str]
    _rows: list[list[Any]] = field(default_factory=list, repr=False)
    _tracks: dict[str, "Track"] = field(default_factory=dict, repr=False)
    _cache_file: Path | None = field(default=None, repr=False)
    _shared_spec: tuple[int, str] = field(default=(0, ""), repr=False)
    _shared: list[Any] | None = field(default=None, repr=False)
    _rebuild: "Callable[[], LoadedCatalog] | None" = field(default=None, repr=False)

    @cached_property
    def all_summaries(self) -> list[TrackSummary]:
        """Every track: the national ones and the state credentials."""
        return [
            TrackSummary(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6]), *r[7:11])
            for r in self._rows
        ]

    @cached_property
    def summaries(self) -> list[TrackSummary]:
        """The national tracks: what listing, comparing and ranking cover by default."""
        return [s for s in self.all_summaries if s.is_national]

    @cached_property
    def state_summaries(self) -> list[TrackSummary]:
        """The state credentials (named by id, or listed with `tracks --state`)."""
        return [s for s in self.all_summaries if not s.is_national]

    @cached_property
    def _spans(self) -> dict[str, tuple[int, int, str]]:
        return {r[0]: (r[11], r[12], r[13]) for r in self._rows if len(r) == _ROW_LENGTH}

    @cached_property
    def _id_set(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._rows)

    @property
    def ids(self) -> list[str]:
        """The national tracks' ids (state credentials are in `all_ids`)."""
        return [s.id for s in self.summaries]

    @property
    def all_ids(self) -> list[str]:
        return [r[0] for r in self._rows]

    def summary(self, track_id: str) -> TrackSummary:
        return next(s for s in self.all_summaries if s.id == track_id)

    def track(self, query: str) -> "Track":
        """The full track for an id or an unambiguous abbreviation."""
        track_id = self.resolve(query)
        if track_id not in self._tracks:
            try:
                self._tracks[track_id] = self._read_cached(track_id)
            except CacheCorrupt:
                assert self._rebuild is not None
                fresh = self._rebuild()
                self._tracks, self._cache_file = fresh._tracks, None
        return self._tracks[track_id]

    def _shared_models(self) -> list[Any]:
        """The models several tracks share, read from the cache the first time one is named."""
        if self._shared is None:
            assert self._cache_file is not None
            count, digest = self._shared_spec
            self._shared = read_shared(self._cache_file.with_name(SHARED_FILE), count, digest)
        return self._shared

    def _read_cached(self, track_id: str) -> "Track":
        from certadvisor.models.catalog import Track

        if self._cache_file is None or track_id not in self._spans:
            raise CacheCorrupt(track_id)
        offset, length, digest = self._spans[track_id]
        try:
            with self._cache_file.open("rb") as fh:
                fh.seek(offset)
                line = fh.read(length)
        except OSError:
            raise CacheCorrupt(track_id) from None
        if hashlib.sha256(line).hexdigest() != digest:
            raise CacheCorrupt(track_id)
        try:
            track = read_track(line, self._shared_models)
        except CacheCorrupt:
            raise
        except Exception:  # any unpickling failure means the cache is unusable
            raise CacheCorrupt(track_id) from None
        if not isinstance(track, Track) or track.id != track_id:
            raise CacheCorrupt(track_id)
        return track

    def tracks(
        self, queries: Iterable[str] | None = None, *, with_state: bool = False
    ) -> list["Track"]:
        """Full tracks in catalog order: the national ones, or every one `with_state`."""
        every = self.all_ids if with_state else self.ids
        wanted = every if queries is None else [self.resolve(q) for q in queries]
        return [self.track(i) for i in dict.fromkeys(wanted)]

    def catalog(self) -> "Catalog":
        from certadvisor.models.catalog import Catalog

        return Catalog.model_construct(as_of=self.data_as_of, tracks=self.tracks())

    def resolve(self, query: str) -> str:
        """Resolve an id (any case), abbreviation or alias; unknown or ambiguous is an error."""
        exact = query.strip().lower()
        if exact in self._id_set:
            return exact
        try:
            return resolve_track_id(query, self.summaries)
        except UnknownTrackError as national:
            # a state credential's abbreviation ("CPT I") resolves only where no national
            # track answers, so every national lookup keeps its answer
            if not self.state_summaries or not str(national).startswith("unknown"):
                raise
            try:
                return resolve_track_id(query, self.state_summaries)
            except UnknownTrackError:
                raise national from None


# an index row: the 11 summary fields of cache.index_row, then offset, length and digest
_ROW_LENGTH = 14


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _names(s: TrackSummary) -> set[str]:
    core = re.split(r"[\s(]", s.abbreviation.strip(), maxsplit=1)[0]
    return {_norm(n) for n in (s.abbreviation, core, s.id.split("-")[0], *s.aliases) if _norm(n)}


def resolve_track_id(query: str, summaries: Sequence[TrackSummary]) -> str:
    """Match an id case-insensitively, else a credential abbreviation or alias when unambiguous."""
    q = query.strip().lower()
    for s in summaries:
        if s.id == q:
            return s.id
    nq = _norm(q)
    hits = [s.id for s in summaries if nq and nq in _names(s)]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise UnknownTrackError(
            f"{query!r} is ambiguous: it could be {', '.join(hits)}",
            "Name the track by its id.",
        )
    import difflib

    ids = [s.id for s in summaries]
    by_abbr = {_norm(s.abbreviation): s.id for s in summaries}
    close = difflib.get_close_matches(q, ids, n=3, cutoff=0.5)
    close += [by_abbr[a] for a in difflib.get_close_matches(nq, list(by_abbr), n=3, cutoff=0.6)]
    if not close:
        # nothing alike: still name the nearest few, as the contract promises
        ranked = sorted(ids, key=lambda i: -difflib.SequenceMatcher(None, q, i).ratio())
        close = ranked[:3]
    close = list(dict.fromkeys(close))[:3]
    hint = f"Did you mean {', '.join(close)}? `certadvisor tracks` lists them all."
    raise UnknownTrackError(f"unknown track {query!r}", hint)


def _read_cache(target: Path) -> LoadedCatalog | None:
    """The cached index, checked against its checksum; tracks are checked when read."""
    try:
        head, payload = (target / "index.json").read_bytes().split(b"\n", 1)
        if hashlib.sha256(payload).hexdigest().encode() != head:
            return None
        index = json.loads(payload)
        if index.get("format") != CACHE_FORMAT:
            return None
        rows = index["rows"]
        if not all(isinstance(r, list) and len(r) == _ROW_LENGTH for r in rows):
            return None
        count, digest = index["shared"]
        return LoadedCatalog(
            index["data_as_of"],
            index["sources"],
            rows,
            _cache_file=target / "tracks.bin",
            _shared_spec=(int(count), str(digest)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


NOTICE_BYTES = 1_000_000  # catalog files this big take a noticeable time to check at first


def load(
    extra: Sequence[Path | str] = (),
    notice: "Callable[[str], AbstractContextManager[object]] | None" = None,
) -> LoadedCatalog:
    """The merged catalog of the bundled file, CERTADVISOR_DATA and --data, via the cache.

    ``notice`` wraps a first reading of big files (a progress display for a terminal).
    """
    files, key = _files_of(catalog_paths(extra))
    target = cache_dir() / "catalog" / key

    def rebuild() -> LoadedCatalog:
        import shutil

        from certadvisor.models import mode

        mode.need_pydantic()  # validating takes Pydantic's models, not the plain ones
        # the Pydantic models cost about 80 ms to import: only a cache miss needs them
        from certadvisor.catalog.parse import merge_catalogs, parse_catalog_file

        catalog = merge_catalogs([(f, parse_catalog_file(f)) for f in files])
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)  # corrupt or foreign: never trusted
        write_cache(target, catalog, [f.label for f in files])
        return LoadedCatalog(
            catalog.as_of,
            [f.label for f in files],
            [index_row(t) for t in catalog.tracks],
            _tracks={t.id: t for t in catalog.tracks},
        )

    cached = _read_cache(target)
    if cached is None:
        size = sum(len(f.raw) for f in files)
        if notice is None or size < NOTICE_BYTES:
            loaded = rebuild()
        else:
            with notice(f"Checking {size / 1e6:.0f} MB of catalog files (cached for next time)"):
                loaded = rebuild()
    else:
        cached._rebuild = rebuild
        loaded = cached
    _keep_lazy_files(files)
    return loaded


def _keep_lazy_files(files: Sequence[CatalogFile]) -> None:
    """In a run with Pydantic's models, keep validated copies of the files later runs read
    lazily (`sources.kept_missing`), so that those runs can choose the plain models."""
    from certadvisor.models import mode

    if mode.decide():
        return
    from certadvisor.catalog.sources import BUNDLED_KEPT, kept_missing, registry_for

    if not kept_missing([(f.path, f.raw) for f in files]):
        return
    from certadvisor.catalog.programs import program_table
    from certadvisor.catalog.states import state_rules
    from certadvisor.catalog.wages import wage_table

    builders = {"states": state_rules, "wages": wage_table, "programs": program_table}
    for kind, _ in BUNDLED_KEPT:
        builders[kind]()  # a kind added to BUNDLED_KEPT without its builder fails here
    registry_for([f.path for f in files])


_peeked: tuple[list[Path], list[CatalogFile], str] | None = None


def cache_is_warm(extra: Sequence[Path | str] = ()) -> bool:
    """Whether the merged catalog of these files is cached (`models.mode` asks, so that a
    warm run needs no Pydantic); the files read and their key are kept for the `load` that
    follows."""
    global _peeked
    paths = catalog_paths(extra)
    files = _read_files(paths)
    key = _cache_key(files)
    _peeked = (paths, files, key)
    if not (cache_dir() / "catalog" / key / "index.json").is_file():
        return False
    from certadvisor.catalog.sources import kept_missing

    return not kept_missing([(f.path, f.raw) for f in files])


def _files_of(paths: list[Path]) -> tuple[list[CatalogFile], str]:
    """The files and their cache key, as `cache_is_warm` just found them, else now."""
    global _peeked
    peeked, _peeked = _peeked, None
    if peeked is not None and peeked[0] == paths:
        return peeked[1], peeked[2]
    files = _read_files(paths)
    return files, _cache_key(files)
