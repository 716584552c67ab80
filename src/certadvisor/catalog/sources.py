"""The source registry: load data/sources.yaml, resolve what a fact cites, check confidences.

A fact's ``source`` is a registry id (``nha-candidate-handbook``) or, as a shorthand for a
user's own catalog, a URL. A URL that is the ``url`` or ``read_at`` of a registered source
is that source; any other URL is *unregistered*: on a host the registry knows it takes that
host's kind, and on an unknown host its confidence cannot be checked (`data validate` says so).
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from certadvisor import __version__
from certadvisor.catalog.yaml_io import load_yaml, locate, read_text, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.paths import bundled_data_dir, make_private_dirs

if TYPE_CHECKING:
    from certadvisor.models.sources import PublisherKind, Source

SOURCES_FILE = "sources.yaml"


_T = TypeVar("_T")


def host(url: str) -> str:
    """The host of a URL without ``www.`` (the URL itself when it has none)."""
    from urllib.parse import urlsplit

    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


@dataclass(frozen=True)
class SourceLabel:
    """How a source is named in output: plain text, markdown (title in italics), the link."""

    plain: str
    markdown: str
    url: str | None


@dataclass
class Registry:
    """Registered sources by id and by every address they were read at."""

    by_id: dict[str, "Source"]
    by_url: dict[str, "Source"]

    def resolve(self, ref: str) -> "Source | None":
        """The registered source a fact cites (by id or by address), or None."""
        return self.by_id.get(ref) or self.by_url.get(ref)

    def extended(self, extra: Sequence["Source"]) -> "Registry":
        """This registry plus a catalog file's own sources (which win on the same id)."""
        reg = Registry(dict(self.by_id), dict(self.by_url))
        for s in extra:
            reg.by_id[s.id] = s
            for addr in (s.url, s.read_at):
                if addr:
                    reg.by_url.setdefault(addr, s)
        return reg


def registry_from(sources: Sequence["Source"]) -> Registry:
    """A registry of these sources."""
    return Registry({}, {}).extended(sources)


def parse_sources(data: Any, raw: bytes, label: str) -> list["Source"]:
    """Validate a ``sources:`` list, naming file:line:col of each problem."""
    from certadvisor.models.base import ValidationError
    from certadvisor.models.sources import SourceRegistry

    try:
        return SourceRegistry.model_validate({"sources": data}).sources
    except ValidationError as exc:
        lines = validation_lines(exc, {"sources": data}, raw, label)
        raise InvalidInputError(lines[0], "Fix the source registry.", lines) from None


@cache
def registry_digest() -> bytes:
    """The registry's checksum, read once a run (each kept copy is keyed by it)."""
    import hashlib

    return hashlib.sha256(registry_bytes()).digest()


def registry_bytes() -> bytes:
    """The bundled registry file as bytes (part of the catalog cache key)."""
    path = bundled_data_dir() / SOURCES_FILE
    return read_text(path, SOURCES_FILE) if path.is_file() else b""


@cache
def bundled_registry() -> Registry:
    """data/sources.yaml, validated (only loaded where sources are checked or printed).

    The validated list is kept as JSON in the cache folder, keyed by the file's checksum, so
    commands that print sources do not parse and validate the YAML each time.
    """
    import json

    from certadvisor.models.sources import Source
    from certadvisor.paths import cache_dir

    raw = registry_bytes()
    kept = cache_dir() / "sources" / f"{registry_digest().hex()[:32]}.json"
    try:
        rows = json.loads(kept.read_bytes())
        return registry_from([Source.model_construct(**r) for r in rows])
    except (OSError, ValueError, TypeError):
        pass  # no usable copy: parse and validate the file
    data = load_yaml(raw, SOURCES_FILE) if raw else {"sources": []}
    if not isinstance(data, dict) or not isinstance(data.get("sources", []), list):
        raise InvalidInputError(f"{SOURCES_FILE}: needs a top-level 'sources:' list")
    found = parse_sources(data.get("sources", []), raw, SOURCES_FILE)
    _keep(kept, [s.model_dump(mode="json") for s in found])
    return registry_from(found)


def _keep(path: Path, rows: Any) -> None:
    import json

    keep_bytes(path, json.dumps(rows).encode())


def keep_bytes(path: Path, data: bytes) -> None:
    """Write a cached copy whole (a private folder, replaced at once); failing is no error."""
    import os
    import tempfile

    try:
        make_private_dirs(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a copy we cannot write is only slower, never wrong


# A top-level ``sources:`` key starts a line (``study_resources:`` or an indented key is not
# one); a file that is one flow mapping (JSON) may hold it anywhere, so the name is enough.
_TOP_LEVEL_SOURCES = re.compile(rb"^(?:sources|\"sources\"|'sources')[ \t]*:", re.MULTILINE)
_FLOW_DOCUMENT = re.compile(rb"^\{", re.MULTILINE)


def may_list_sources(raw: bytes) -> bool:
    """Whether a catalog file may have a top-level ``sources:`` list (no: it is not parsed)."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if _TOP_LEVEL_SOURCES.search(raw):
        return True
    return b"sources" in raw and _FLOW_DOCUMENT.search(raw) is not None


def registry_for(paths: Sequence[Path]) -> Registry:
    """The bundled registry plus the ``sources:`` of the user's catalog files."""
    reg = bundled_registry()
    bundled = bundled_data_dir() / "tracks.yaml"
    for p in paths:
        if p == bundled or not p.is_file():
            continue
        raw = read_text(p)
        if may_list_sources(raw):
            reg = reg.extended(_own_sources(raw, p))
    return reg


def _own_sources(raw: bytes, path: Path) -> list["Source"]:
    """A catalog file's own ``sources:``, validated once and then kept by its checksum."""

    def build() -> list["Source"]:
        data = load_yaml(raw, str(path))
        if isinstance(data, dict) and isinstance(data.get("sources"), list):
            return parse_sources(data["sources"], raw, str(path))
        return []

    return kept_validated("own-sources", raw, list, build)


def label(source: "Source") -> SourceLabel:
    """'NHA, Candidate Handbook (2015-10), read in a copy at docplayer.net' and its link."""
    when = source.published or f"undated, read {source.read_on}"
    tail = f" ({when})"
    if source.read_at:
        tail += f", read in a copy at {host(source.read_at)}"
    link = source.read_at or source.url
    return SourceLabel(
        f"{source.publisher}, {source.title}{tail}",
        f"{source.publisher}, *{source.title}*{tail}",
        link,
    )


def describe(ref: str, registry: Registry) -> SourceLabel | None:
    """The label of what a fact cites; None for an unregistered address (shown as it is)."""
    found = registry.resolve(ref)
    return label(found) if found is not None else None


def kind_of(ref: str, registry: Registry) -> "PublisherKind | None":
    """The publisher kind behind a reference; None when nothing is known of its host.

    An unregistered URL on the site of a registered source takes that source's kind; one on
    a host the registry knows only as a place where copies were read is a content site.
    """
    from certadvisor.models.sources import PublisherKind

    found = registry.resolve(ref)
    if found is not None:
        return found.publisher_kind
    if "://" not in ref:
        return None
    name = host(ref)
    for s in registry.by_id.values():
        if s.url and host(s.url) == name:
            return s.publisher_kind
    if any(s.read_at and host(s.read_at) == name for s in registry.by_id.values()):
        return PublisherKind.CONTENT_SITE
    return None


@dataclass(frozen=True)
class Citing:
    """One place in a file that cites a source with a confidence."""

    loc: tuple[int | str, ...]
    source: str
    confidence: str | None


def citations_in(data: Any) -> Iterator[Citing]:
    """Every mapping of a catalog or states document that names a ``source``.

    A condition without its own confidence inherits its route's, as the models do.
    """

    def walk(node: Any, loc: tuple[int | str, ...], conf: str | None) -> Any:
        if isinstance(node, dict):
            own = node.get("confidence") if isinstance(node.get("confidence"), str) else None
            conf = own or conf
            if isinstance(node.get("source"), str):
                yield Citing(loc, node["source"], conf)
            for k, v in node.items():
                yield from walk(v, (*loc, k), conf)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, (*loc, i), conf)

    yield from walk(data, (), None)


def confidence_problems(data: Any, raw: bytes, label: str, registry: Registry) -> list[str]:
    """One 'file:line:col: where: what' line per fact claiming more than its source allows."""
    from certadvisor.catalog.yaml_io import data_path
    from certadvisor.models.common import Confidence
    from certadvisor.models.sources import MAX_CONFIDENCE, allows, is_source_id

    problems = []

    def where(c: Citing) -> str:
        path, real = data_path(data, list(c.loc))
        pos = locate(raw, [*real, "source"]) if raw else None
        return f"{label}:{pos[0]}:{pos[1]}: {path}" if pos else f"{label}: {path}"

    for c in citations_in(data):
        if is_source_id(c.source) and registry.resolve(c.source) is None:
            problems.append(f"{where(c)}: source {c.source!r} is not in the registry")
            continue
        if c.confidence not in {x.value for x in Confidence}:
            continue  # the model names a missing or invalid confidence itself
        kind = kind_of(c.source, registry)
        confidence = Confidence(c.confidence)
        if kind is not None and not allows(kind, confidence):
            problems.append(
                f"{where(c)}: confidence {confidence} is higher than source "
                f"{c.source} ({kind}) allows (at most {MAX_CONFIDENCE[kind]})"
            )
    return problems


def unchecked_claims(data: Any, registry: Registry) -> int:
    """How many official or government claims cite a source nothing is known of."""
    return sum(
        1
        for c in citations_in(data)
        if c.confidence in ("official", "government") and kind_of(c.source, registry) is None
    )


def check_confidences(data: Any, raw: bytes, label: str, registry: Registry) -> None:
    """Refuse a document with a fact whose confidence its source does not earn."""
    problems = confidence_problems(data, raw, label, registry)
    if problems:
        raise InvalidInputError(
            problems[0],
            "Lower the confidence to what the source's publisher kind allows, or cite the "
            "certifying body's or a government's own text (docs/catalog-format.md).",
            problems,
        )


def link_of(source: "Source") -> str:
    """The address a reader can open: the copy that was read, else the original."""
    return source.read_at or source.url or source.id


def link_sources(data: Any, registry: Registry) -> Any:
    """The document with every registry id in ``source:`` replaced by its source's address.

    Results and JSON keep carrying addresses, and the registry resolves an address back to
    its source (publisher, title, dates) wherever a source is named.
    """
    from certadvisor.models.sources import is_source_id

    if isinstance(data, dict):
        out = {k: link_sources(v, registry) for k, v in data.items()}
        ref = data.get("source")
        if isinstance(ref, str) and is_source_id(ref):
            found = registry.resolve(ref)
            if found is not None:
                out["source"] = link_of(found)
        return out
    if isinstance(data, list):
        return [link_sources(v, registry) for v in data]
    return data


# The bundled files read lazily through `kept_validated`, some only while a command's output
# is drawn (a state's rules under a person's table): `models.mode` asks `kept_missing` before
# choosing the plain models, so that a missing copy never needs a restart after output began.
BUNDLED_KEPT = (("states", "states.yaml"), ("wages", "wages.yaml"), ("programs", "programs.yaml"))


def kept_path(kind: str, raw: bytes) -> Path:
    """Where `kept_validated` keeps the validated models of one file's bytes."""
    import hashlib

    from certadvisor.catalog.cache import CACHE_FORMAT
    from certadvisor.paths import cache_dir

    key = hashlib.sha256(f"certadvisor {__version__} {kind} {CACHE_FORMAT}\n".encode())
    key.update(hashlib.sha256(raw).digest() + registry_digest())
    return cache_dir() / kind / f"{key.hexdigest()[:32]}.pickle"


def kept_missing(catalog_files: Sequence[tuple[Path, bytes]]) -> bool:
    """Whether a validated copy that a run may read is not kept yet: one of the bundled
    files', or the own ``sources:`` of one of the catalog files (path and bytes, as read)."""
    folder = bundled_data_dir()
    for kind, name in BUNDLED_KEPT:
        path = folder / name
        if path.is_file() and not kept_path(kind, read_text(path, name)).is_file():
            return True
    bundled = folder / "tracks.yaml"
    return any(
        p != bundled and may_list_sources(raw) and not kept_path("own-sources", raw).is_file()
        for p, raw in catalog_files
    )


def kept_validated(kind: str, raw: bytes, expected: type[_T], build: Callable[[], _T]) -> _T:
    """A bundled file's validated models, kept pickled in the cache folder.

    Keyed by the version, the file's bytes and the source registry, so a warm run neither
    parses the YAML nor validates (it needs no Pydantic, see `models.mode`); a missing or
    unreadable copy is built again with ``build`` and kept.
    """
    import pickle

    kept = kept_path(kind, raw)
    try:
        found = pickle.loads(kept.read_bytes())  # noqa: S301 - our own cache folder
        if isinstance(found, expected):
            return found
    except Exception:  # noqa: BLE001 - any unusable copy is only rebuilt
        pass
    made = build()
    keep_bytes(kept, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
    return made
