"""Find, load, merge, cache and validate catalog files; resolve what a user types to a track id."""

import difflib
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certadvisor import __version__
from certadvisor.errors import InvalidInputError, UnknownTrackError
from certadvisor.paths import bundled_data_dir, cache_dir
from certadvisor.yaml_io import load_yaml, read_text, validation_lines

if TYPE_CHECKING:
    from certadvisor.models.catalog import Catalog, Track

_CACHE_FORMAT = 1
_CACHES_KEPT = 6


@dataclass(frozen=True)
class TrackSummary:
    """The few fields listing and lookup need, read from the cache without Pydantic."""

    id: str
    abbreviation: str
    credential: str
    category: str
    issuer: str
    issuer_name: str
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    routes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "abbreviation": self.abbreviation,
            "credential": self.credential,
            "category": self.category,
            "issuer": self.issuer,
            "issuer_name": self.issuer_name,
            "routes": self.routes,
            "summary": self.summary,
        }


@dataclass(frozen=True)
class CatalogFile:
    """One catalog file as read: its label for messages and its bytes."""

    path: Path
    label: str
    raw: bytes


def catalog_paths(extra: Sequence[Path | str] = ()) -> list[Path]:
    """The bundled tracks.yaml, then CERTADVISOR_DATA entries, then --data entries, in order."""
    paths: list[Path] = [bundled_data_dir() / "tracks.yaml"]
    env = os.environ.get("CERTADVISOR_DATA", "")
    entries: list[Path | str] = [e for e in env.split(os.pathsep) if e.strip()]
    entries.extend(extra)
    for entry in entries:
        p = Path(entry).expanduser()
        if p.is_dir():
            paths.extend(sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml")))
        else:
            paths.append(p)
    return paths


def _read_files(paths: Sequence[Path]) -> list[CatalogFile]:
    bundled = bundled_data_dir() / "tracks.yaml"
    files = []
    for p in paths:
        label = "tracks.yaml (bundled)" if p == bundled else str(p)
        files.append(CatalogFile(p, label, read_text(p, label)))
    return files


def _cache_key(files: Sequence[CatalogFile]) -> str:
    h = hashlib.sha256(f"certadvisor {__version__} cache {_CACHE_FORMAT}\n".encode())
    for f in files:
        h.update(f.label.encode() + b"\0" + hashlib.sha256(f.raw).digest())
    return h.hexdigest()[:32]


def parse_catalog_file(f: CatalogFile) -> "Catalog":
    """Validate one file's YAML as a catalog, with file:line:col errors."""
    from pydantic import ValidationError

    from certadvisor.models.catalog import Catalog

    data = load_yaml(f.raw, f.label)
    if not isinstance(data, dict) or "tracks" not in data:
        raise InvalidInputError(
            f"{f.label}: not a catalog file (it needs a top-level 'tracks:' list)",
            "See `certadvisor data schema tracks` for the format.",
        )
    try:
        return Catalog.model_validate(data)
    except ValidationError as exc:
        lines = validation_lines(exc, data, f.raw, f.label)
        raise InvalidInputError(
            lines[0], "Fix the file and run `certadvisor data validate FILE`.", lines
        ) from None


def merge_catalogs(parts: Sequence[tuple[CatalogFile, "Catalog"]]) -> "Catalog":
    """Later files add tracks or replace a track of the same id; references must resolve."""
    from certadvisor.models.catalog import Catalog

    merged: dict[str, Track] = {}
    origin: dict[str, str] = {}
    as_of: list[str] = []
    for f, cat in parts:
        if cat.as_of:
            as_of.append(cat.as_of)
        for track in cat.tracks:
            merged[track.id] = track
            origin[track.id] = f.label
    catalog = Catalog.model_construct(as_of=max(as_of) if as_of else None, tracks=list(merged.values()))
    problems = catalog.check_references()
    if problems:
        lines = []
        for p in problems:
            index = int(re.match(r"tracks\[(\d+)\]", p).group(1))  # type: ignore[union-attr]
            track_id = catalog.tracks[index].id
            lines.append(f"{origin[track_id]}: track {track_id}: {p.split(': ', 1)[1]}")
        raise InvalidInputError(lines[0], "Name a track id that exists, or add that track.", lines)
    return catalog


def _summary(track: "Track") -> TrackSummary:
    return TrackSummary(
        id=track.id,
        abbreviation=track.abbreviation,
        credential=track.credential,
        category=str(track.category),
        issuer=track.issuer.abbreviation,
        issuer_name=track.issuer.name,
        aliases=tuple(track.aliases),
        summary=track.summary,
        routes=len(track.routes),
    )


@dataclass
class LoadedCatalog:
    """A merged catalog: summaries at once, full tracks validated on demand."""

    summaries: list[TrackSummary]
    data_as_of: str | None
    sources: list[str]
    _lines: dict[str, bytes] = field(default_factory=dict, repr=False)
    _tracks: dict[str, "Track"] = field(default_factory=dict, repr=False)

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.summaries]

    def summary(self, track_id: str) -> TrackSummary:
        return next(s for s in self.summaries if s.id == track_id)

    def track(self, query: str) -> "Track":
        """The full track for an id or an unambiguous abbreviation."""
        track_id = self.resolve(query)
        if track_id not in self._tracks:
            from certadvisor.models.catalog import Track

            self._tracks[track_id] = Track.model_validate_json(self._lines[track_id])
        return self._tracks[track_id]

    def tracks(self, queries: Iterable[str] | None = None) -> list["Track"]:
        """Full tracks in catalog order (all when no queries are given)."""
        wanted = self.ids if queries is None else [self.resolve(q) for q in queries]
        return [self.track(i) for i in dict.fromkeys(wanted)]

    def catalog(self) -> "Catalog":
        from certadvisor.models.catalog import Catalog

        return Catalog.model_construct(as_of=self.data_as_of, tracks=self.tracks())

    def resolve(self, query: str) -> str:
        """Resolve an id (any case), abbreviation or alias; unknown or ambiguous is an error."""
        return resolve_track_id(query, self.summaries)


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
    ids = [s.id for s in summaries]
    close = difflib.get_close_matches(q, ids, n=3, cutoff=0.5)
    by_abbr = {_norm(s.abbreviation): s.id for s in summaries}
    close += [by_abbr[a] for a in difflib.get_close_matches(nq, list(by_abbr), n=3, cutoff=0.6)]
    close = list(dict.fromkeys(close))[:3]
    hint = (
        f"Did you mean {', '.join(close)}? `certadvisor tracks` lists them all."
        if close
        else "`certadvisor tracks` lists the track ids."
    )
    raise UnknownTrackError(f"unknown track {query!r}", hint)


def _write_cache(target: Path, catalog: "Catalog", sources: list[str]) -> dict[str, bytes]:
    lines = {t.id: t.model_dump_json().encode() for t in catalog.tracks}
    index = {
        "format": _CACHE_FORMAT,
        "data_as_of": catalog.as_of,
        "sources": sources,
        "tracks": [
            {**_summary(t).as_dict(), "aliases": list(t.aliases),
             "sha256": hashlib.sha256(lines[t.id]).hexdigest()}
            for t in catalog.tracks
        ],
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        payload = json.dumps(index, separators=(",", ":")).encode()
        (tmp / "index.json").write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        (tmp / "tracks.jsonl").write_bytes(b"\n".join(lines.values()) + b"\n")
        try:
            os.replace(tmp, target)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)  # another process wrote it first
        _prune(target.parent, keep=target.name)
    except OSError:
        pass  # a cache we cannot write is only slower, never wrong
    return lines


def _prune(folder: Path, keep: str) -> None:
    entries = sorted(
        (p for p in folder.iterdir() if p.is_dir() and p.name != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[_CACHES_KEPT - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def _read_cache(target: Path) -> LoadedCatalog | None:
    try:
        head, payload = (target / "index.json").read_bytes().split(b"\n", 1)
        if hashlib.sha256(payload).hexdigest().encode() != head:
            return None
        index = json.loads(payload)
        if index.get("format") != _CACHE_FORMAT:
            return None
        raw_lines = (target / "tracks.jsonl").read_bytes().split(b"\n")
        entries = index["tracks"]
        if len(raw_lines) != len(entries) + 1:
            return None
        lines: dict[str, bytes] = {}
        summaries = []
        for entry, line in zip(entries, raw_lines, strict=False):
            if hashlib.sha256(line).hexdigest() != entry.pop("sha256"):
                return None
            entry["aliases"] = tuple(entry["aliases"])
            summaries.append(TrackSummary(**entry))
            lines[entry["id"]] = line
        return LoadedCatalog(summaries, index["data_as_of"], index["sources"], lines)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load(extra: Sequence[Path | str] = ()) -> LoadedCatalog:
    """The merged catalog of the bundled file, CERTADVISOR_DATA and --data, via the cache."""
    files = _read_files(catalog_paths(extra))
    sources = [f.label for f in files]
    target = cache_dir() / "catalog" / _cache_key(files)
    cached = _read_cache(target)
    if cached is not None:
        return cached
    catalog = merge_catalogs([(f, parse_catalog_file(f)) for f in files])
    if target.exists():
        shutil.rmtree(target, ignore_errors=True)  # corrupt or foreign: rebuilt, never trusted
    lines = _write_cache(target, catalog, sources)
    loaded = LoadedCatalog([_summary(t) for t in catalog.tracks], catalog.as_of, sources, lines)
    loaded._tracks.update({t.id: t for t in catalog.tracks})
    return loaded
