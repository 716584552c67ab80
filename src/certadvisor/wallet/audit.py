"""The audit packet: a cycle's CE with every certificate, a manifest of SHA-256 hashes, and a
summary (rendered by the command layer), written as one zip; and checking a packet again."""

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from certadvisor.errors import DomainError, InvalidInputError, UsageError
from certadvisor.models.base import Field
from certadvisor.models.catalog import CycleAnchor
from certadvisor.models.common import Strict
from certadvisor.wallet.ce import certificate_file
from certadvisor.wallet.checks import check_person
from certadvisor.wallet.cycles import cycle_end, fixed_expiry, locate_cycle
from certadvisor.wallet.lifecycle import _held
from certadvisor.wallet.model import CETally, FiledRenewal, HeldCredential
from certadvisor.wallet.progress import ce_progress
from certadvisor.wallet.records import CE_COLUMNS, entry_from_row, read_history
from certadvisor.wallet.results import CEProgress, TrackRules
from certadvisor.wallet.store import WalletStore

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
PACKET_FORMAT = "certadvisor-audit-packet"
MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024


class AuditEntry(Strict):
    """One CE activity of the audited cycle, with where its certificate is in the packet."""

    id: int
    date: dt.date
    points: float
    category: str
    category_name: str
    title: str
    provider: str | None = None
    approved_by: str | None = None
    certificate_name: str | None = None
    certificate_sha256: str | None = None
    file: str | None = Field(default=None, description="Path inside the packet")
    missing: bool = Field(default=False, description="Recorded, but not in the wallet's folder")


class AuditSummary(Strict):
    """What the packet's summary shows."""

    person: str
    track: str
    credential: str
    abbreviation: str
    issuer: str
    number: str | None = None
    earned: dt.date
    cycle: int = Field(description="Numbered from 1, the cycle that began when earned")
    start: dt.date
    end: dt.date
    renewal_filed: dt.date | None = None
    cycle_assumed: bool = Field(default=False, description="Dates follow from an assumption")
    end_unsure_until: dt.date | None = Field(
        default=None,
        description="The sources do not say whether this first cycle ends on `end` or this date",
    )
    entries: list[AuditEntry]
    progress: CEProgress | None = None
    generated_at: str
    tool_version: str
    catalog_as_of: str | None = None
    catalog_files: list[str] = Field(default_factory=list)


class PacketCheck(Strict):
    """One file of a packet, checked against the manifest."""

    path: str
    ok: bool
    problem: str | None = None


class PacketVerification(Strict):
    """What `wallet verify` found."""

    packet: str
    ok: bool
    generated_at: str | None = None
    files: list[PacketCheck]


def _cycles(
    held: HeldCredential, rules: TrackRules, renewals: list[FiledRenewal], as_of: dt.date
) -> dict[int, tuple[dt.date, dt.date, dt.date | None, bool]]:
    """Every cycle the wallet can date, by number from 1: start, end, filed, assumed."""
    found = locate_cycle(held, rules, as_of, renewals)
    if found is None:
        raise DomainError(
            f"the catalog does not know the renewal cycle of {held.track}",
            "Without it the wallet cannot tell which CE belongs to which cycle.",
        )
    index, start, end, _ = found
    out: dict[int, tuple[dt.date, dt.date, dt.date | None, bool]] = {
        index + 1: (start, end, None, False)
    }
    months = rules.renewal.cycle_months.value if rules.renewal.cycle_months else None
    anchor = rules.renewal.anchor.value if rules.renewal.anchor else None
    used = anchor or CycleAnchor.EARNED_DATE
    fixed = fixed_expiry(rules)
    first = renewals[0].cycle_index if renewals else index
    for i in range(first if months or fixed else 0):  # before any renewal was marked
        s = held.earned if i == 0 else cycle_end(held.earned, months or 1, used, i - 1, fixed)
        s += dt.timedelta(days=1 if i else 0)
        out[i + 1] = (s, cycle_end(held.earned, months or 1, used, i, fixed), None, True)
    for r in renewals:
        out[r.cycle_index + 1] = (r.start, r.end, r.filed, False)
    return dict(sorted(out.items()))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "certificate"


def _audit_entries(
    store: WalletStore, rules: TrackRules, person: str, rows: list[Any]
) -> tuple[list[AuditEntry], list[tuple[str, Path]]]:
    """The cycle's CE entries for the summary, and each kept certificate under its readable
    name in the packet (a certificate the wallet has lost is marked missing)."""
    names = rules.categories()
    entries: list[AuditEntry] = []
    files: list[tuple[str, Path]] = []
    for row in rows:
        e = entry_from_row(person, rules.id, row)
        path = name = None
        missing = False
        if e.certificate_sha256 and e.certificate_name:
            kept = certificate_file(store, e.certificate_sha256, e.certificate_name)
            suffix = kept.suffix
            name = f"certificates/{e.date}_{_slug(e.title)}_ce{e.id}{suffix}"
            missing = not kept.is_file()
            if not missing:
                files.append((name, kept))
                path = name
        entries.append(
            AuditEntry.model_construct(
                **{k: getattr(e, k) for k in ("id", "date", "points", "category", "title")},
                category_name=names.get(e.category, e.category),
                provider=e.provider,
                approved_by=e.approved_by,
                certificate_name=e.certificate_name,
                certificate_sha256=e.certificate_sha256,
                file=path,
                missing=missing,
            )
        )
    return entries, files


def build_audit(
    store: WalletStore,
    rules: TrackRules,
    person: str,
    number: int | None,
    as_of: dt.date,
    versions: tuple[str, str, str | None, list[str]],
) -> tuple[AuditSummary, list[tuple[str, Path]]]:
    """The summary of one cycle (the current one without ``number``) and the certificate files
    to pack by their names in the packet. ``versions``: generated_at, the tool's version, the
    catalog's date and files."""
    with store.snapshot() as conn:
        cid = store.credential_id(conn, person, rules.id)
        held = _held(conn, cid, check_person(person), rules.id)
        cycles = _cycles(held, rules, read_history(conn, cid).renewals, as_of)
        if number is None:
            number = max(n for n, c in cycles.items() if c[0] <= as_of or n == min(cycles))
        if number not in cycles:
            raise UsageError(
                f"cycle {number} is not one the wallet can date",
                f"Cycles of {rules.abbreviation}: "
                + ", ".join(f"{n} ({c[0]} → {c[1]})" for n, c in cycles.items()),
                option="cycle",
            )
        start, end, filed, assumed = cycles[number]
        rows = conn.execute(
            f"SELECT {CE_COLUMNS} FROM ce_entry e WHERE credential_id = ? "
            "AND date >= ? AND date <= ? ORDER BY e.date, e.id",
            (cid, start.isoformat(), end.isoformat()),
        ).fetchall()
    entries, files = _audit_entries(store, rules, held.person, rows)
    fixed = fixed_expiry(rules)
    unsure = number == 1 and filed is None and fixed is not None and fixed.unsure(held.earned)
    summary = AuditSummary.model_construct(
        person=held.person,
        track=rules.id,
        credential=rules.credential,
        abbreviation=rules.abbreviation,
        issuer=rules.issuer.abbreviation,
        number=held.number,
        earned=held.earned,
        cycle=number,
        start=start,
        end=end,
        renewal_filed=filed,
        cycle_assumed=assumed or bool(rules.renewal.anchor is None),
        end_unsure_until=fixed.end(held.earned, 1) if unsure and fixed is not None else None,
        entries=entries,
        progress=ce_progress(rules.renewal.ce, _tallies(entries)),
        generated_at=versions[0],
        tool_version=versions[1],
        catalog_as_of=versions[2],
        catalog_files=versions[3],
    )
    return summary, files


def _tallies(entries: list[AuditEntry]) -> list[CETally]:
    points: dict[tuple[str, str | None], float] = {}
    counts: Counter[tuple[str, str | None]] = Counter()
    for e in entries:
        key = (e.category, e.approved_by)
        points[key] = points.get(key, 0.0) + e.points
        counts[(e.category, e.approved_by)] += 1
    return [CETally(c, a, points[(c, a)], counts[(c, a)]) for c, a in sorted(points, key=str)]


def _sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def write_packet(
    target: Path, generated_at: str, files: list[tuple[str, Path]], texts: dict[str, bytes]
) -> int:
    """Write the zip (private, atomically); how many files it holds besides the manifests."""
    target = target.expanduser()
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; name the packet file (packet.zip)")
    listed = []
    for name, data in texts.items():
        listed.append({"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
    for name, path in files:
        sha, size = _sha256(path)
        listed.append({"path": name, "sha256": sha, "size": size})
    manifest = {
        "format": PACKET_FORMAT,
        "version": 1,
        "generated_at": generated_at,
        "files": listed,
    }
    sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in listed)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in texts.items():
                z.writestr(name, data)
            for name, path in files:
                z.write(path, name)
            z.writestr(MANIFEST, json.dumps(manifest, indent=2) + "\n")
            z.writestr(SUMS, sums)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{target}: cannot write the packet ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(listed)


def _member_sha256(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
    digest, size = hashlib.sha256(), 0
    with z.open(info) as f:
        while chunk := f.read(1 << 20):
            size += len(chunk)
            if size > MAX_MEMBER_BYTES:
                raise ValueError("larger than any certificate the wallet keeps")
            digest.update(chunk)
    return digest.hexdigest()


def _sums_check(z: zipfile.ZipFile, info: zipfile.ZipInfo, listed: dict[str, str]) -> PacketCheck:
    """SHA256SUMS against the manifest: the two lists were written together, so a file
    changed with only one of them updated shows here."""
    try:
        text = z.read(info)[: 64 << 20].decode("utf-8")
    except (UnicodeDecodeError, ValueError, zipfile.BadZipFile, OSError):
        return PacketCheck(path=SUMS, ok=False, problem="unreadable")
    sums = {}
    for line in text.splitlines():
        sha, _, name = line.partition("  ")
        sums[name] = sha
    differ = sorted(n for n in set(sums) | set(listed) if sums.get(n) != listed.get(n))
    if not differ:
        return PacketCheck(path=SUMS, ok=True, problem=None)
    return PacketCheck(
        path=SUMS, ok=False, problem=f"disagrees with {MANIFEST} on {', '.join(differ[:3])}"
    )


def _packet_folder(names: list[str]) -> str:
    """The folder the packet's files sit in: none as written, one when the packet was
    unpacked and zipped again with its folder (``packet/manifest.json``)."""
    if MANIFEST in names:
        return ""
    tops = [n.removesuffix(MANIFEST) for n in names if n.endswith(f"/{MANIFEST}")]
    return tops[0] if len(tops) == 1 and tops[0].count("/") == 1 else ""


def verify_packet(path: Path) -> PacketVerification:
    """Every file of a packet against its manifest: present, unchanged, nothing added."""
    label = str(path)
    try:
        z = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InvalidInputError(f"{label}: no such file") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise InvalidInputError(f"{label}: not an audit packet (not a zip file: {exc})") from None
    with z:
        members = [i for i in z.infolist()[: MAX_MEMBERS + 1] if not i.is_dir()]
        top = _packet_folder([i.filename for i in members])
        infos = {i.filename.removeprefix(top): i for i in members}
        if MANIFEST not in infos or len(infos) > MAX_MEMBERS:
            raise InvalidInputError(f"{label}: not an audit packet (no {MANIFEST})")
        try:
            manifest = json.loads(z.read(infos[MANIFEST])[: 64 << 20])
            listed = {f["path"]: f["sha256"] for f in manifest["files"]}
            assert manifest["format"] == PACKET_FORMAT
        except (ValueError, KeyError, TypeError, AssertionError, RecursionError):
            raise InvalidInputError(f"{label}: {MANIFEST} is not a packet manifest") from None
        checks = []
        for name, sha in listed.items():
            info = infos.get(name)
            if info is None:
                checks.append(PacketCheck(path=name, ok=False, problem="missing from the packet"))
                continue
            try:
                found = _member_sha256(z, info)
            except (ValueError, zipfile.BadZipFile, OSError) as exc:
                checks.append(PacketCheck(path=name, ok=False, problem=f"unreadable ({exc})"))
                continue
            same = found == sha
            checks.append(
                PacketCheck(path=name, ok=same, problem=None if same else "SHA-256 differs")
            )
        for name in sorted(set(infos) - set(listed) - {MANIFEST, SUMS}):
            checks.append(PacketCheck(path=name, ok=False, problem="not in the manifest"))
        if SUMS in infos:
            checks.append(_sums_check(z, infos[SUMS], listed))
    return PacketVerification(
        packet=label,
        ok=all(c.ok for c in checks),
        generated_at=str(manifest.get("generated_at")),
        files=checks,
    )
