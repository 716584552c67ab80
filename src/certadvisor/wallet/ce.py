"""Writing CE activities: the row, and the certificate file copied into the store by its hash."""

import hashlib
import os
import re
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from typing import IO, BinaryIO

from certadvisor.errors import StoreError, UsageError
from certadvisor.wallet.documents import CERecord, CertificateRef
from certadvisor.wallet.model import CE_FIELDS, CEEntry
from certadvisor.wallet.store import WalletStore, now_stamp, private


class CertificateFileError(UsageError):
    """The certificate file to keep cannot be read (the command names its flag)."""


_SUFFIX = re.compile(r"^\.[a-z0-9]{1,8}$")
_INSERT_CE = (
    f"INSERT INTO ce_entry (credential_id, {', '.join(CE_FIELDS)}) "
    f"VALUES ({', '.join('?' * (len(CE_FIELDS) + 1))})"
)
# Binding None costs Python's sqlite3 a failed adapter lookup (two attribute errors raised and
# caught), a quarter of an import's binding; the integer 0 binds for free, and NULLIF makes it
# NULL: these columns are TEXT, and no text equals an integer in SQLite (no affinity applies).
_INSERT_CE_ROWS = (
    "INSERT INTO ce_entry (credential_id, date, points, category, title, provider, approved_by, "
    "certificate_sha256, certificate_name, added_at) "
    "VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?)"
)
NO_TEXT = 0  # what `insert_ce_rows` takes for "no value" in a nullable column, as None
# Rows a statement inserts at once: a statement per row costs SQLite and Python's sqlite3 a
# quarter of an import's writing (each step, reset and hand-over of the GIL); 90 rows of 10
# values stay under the oldest SQLite's limit of 999 parameters.
_AT_ONCE = 90
_WIDTH = 10  # the credential's id and CE_FIELDS
_INSERT_MANY = (
    _INSERT_CE_ROWS.split(" VALUES ")[0]
    + " VALUES "
    + ", ".join([_INSERT_CE_ROWS.split(" VALUES ")[1]] * _AT_ONCE)
)


def certificate_file(store: WalletStore, sha256: str, name: str) -> Path:
    """Where the store keeps a certificate: its SHA-256 and the original file's suffix."""
    suffix = Path(name).suffix.lower()
    return store.certificate_dir / f"{sha256}{suffix if _SUFFIX.match(suffix) else ''}"


MAX_CERTIFICATE_BYTES = 25 * 1024 * 1024


def _open_regular(source: Path) -> BinaryIO:
    """Open a certificate for reading; only a regular file (a FIFO would block, a device
    never ends)."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise CertificateFileError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise CertificateFileError(f"{source}: is a folder, not a file") from None
    except PermissionError:
        raise CertificateFileError(f"{source}: permission denied") from None
    except OSError as exc:
        raise CertificateFileError(f"{source}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise CertificateFileError(
            f"{source}: is not a regular file (a device, a pipe or a socket)",
            "Save the certificate as a file first.",
        )
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def copy_hashed(
    src: IO[bytes], out: IO[bytes], limit: int, too_big: Callable[[], Exception]
) -> str:
    """Copy at most ``limit`` bytes (beyond it, raise ``too_big()``); the SHA-256 of the copy."""
    digest = hashlib.sha256()
    size = 0
    while chunk := src.read(1 << 20):
        size += len(chunk)
        if size > limit:
            raise too_big()
        digest.update(chunk)
        out.write(chunk)
    return digest.hexdigest()


def _copy_limited(src: BinaryIO, out: BinaryIO, source: Path, limit: int) -> str:
    """Copy at most ``limit`` bytes; the SHA-256 of what was copied."""

    def too_big() -> CertificateFileError:
        return CertificateFileError(
            f"{source}: is over the certificate size limit of {limit // (1024 * 1024)} MB",
            "Keep a smaller copy (a scan at a lower resolution), or raise the limit with "
            "{option} MB.",
            option="max_certificate_mb",
        )

    return copy_hashed(src, out, limit, too_big)


def _cannot_keep(folder: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"{folder}: cannot keep the certificate there ({exc.strerror or exc})",
        "Check the free disk space and that the wallet's certificates folder is writable; "
        "nothing was recorded.",
    )


def keep_certificate(
    store: WalletStore, source: Path, limit: int = MAX_CERTIFICATE_BYTES
) -> tuple[CertificateRef, Path, bool]:
    """Copy a certificate into the store (fsynced, then renamed into place by its hash)."""
    folder = store.certificate_dir
    with _open_regular(source) as src:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            private(folder, 0o700)
            fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=folder)
        except OSError as exc:
            raise _cannot_keep(folder, exc) from None
        try:
            with os.fdopen(fd, "wb") as out:
                sha = _copy_limited(src, out, source, limit)
                out.flush()
                os.fsync(out.fileno())
            ref = CertificateRef(sha256=sha, name=source.name)
            target = certificate_file(store, ref.sha256, ref.name)
            if target.exists():
                Path(tmp).unlink()
                return ref, target, False
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise _cannot_keep(folder, exc) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return ref, target, True


def stored_values(rec: CERecord) -> tuple[object, ...]:
    """A CE activity as the store keeps it: CE_FIELDS's values but the last (added_at)."""
    cert = rec.certificate
    return (
        rec.date.isoformat(),
        rec.points,
        rec.category,
        rec.title,
        rec.provider,
        rec.approved_by,
        cert.sha256 if cert else None,
        cert.name if cert else None,
    )


def insert_ce(conn: sqlite3.Connection, cid: int, rec: CERecord, added_at: str) -> int:
    """Insert one CE row for a credential's row id; its new id."""
    cur = conn.execute(_INSERT_CE, (cid, *stored_values(rec), added_at))
    return int(cur.lastrowid or 0)


def insert_ce_rows(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    """Insert CE rows at once: (credential row id, *`stored_values`, added_at) each, where
    provider, approved_by and the certificate's hash and name may be `NO_TEXT` for None.
    They are inserted in their order (the row ids follow it)."""
    whole = len(rows) - len(rows) % _AT_ONCE
    if whole:
        flat = list(chain.from_iterable(rows[:whole]))
        if len(flat) != whole * _WIDTH:
            raise ValueError("every CE row has the credential's id and the 9 stored values")
        step = _AT_ONCE * _WIDTH
        conn.executemany(_INSERT_MANY, [flat[i : i + step] for i in range(0, len(flat), step)])
    conn.executemany(_INSERT_CE_ROWS, rows[whole:])


def add_ce(
    store: WalletStore,
    person: str,
    track: str,
    rec: CERecord,
    certificate: Path | None = None,
    limit: int = MAX_CERTIFICATE_BYTES,
) -> CEEntry:
    """Record one CE activity; a certificate is copied in first and removed if the row fails.

    A process killed between the copy and the insert leaves only an unreferenced file named
    by its hash, never a row pointing at a missing file.
    """
    with store.snapshot() as conn:
        store.credential_id(conn, person, track)  # fail before copying anything
    created: Path | None = None
    if certificate is not None:
        ref, target, made = keep_certificate(store, certificate, limit)
        created = target if made else None
        rec = rec.model_copy(update={"certificate": ref})
    try:
        with store.transaction() as conn:
            cid = store.credential_id(conn, person, track)
            added = now_stamp()
            new_id = insert_ce(conn, cid, rec, added)
            name = conn.execute(
                "SELECT p.name FROM person p JOIN credential c "
                "ON c.person_id = p.id WHERE c.id = ?",
                (cid,),
            ).fetchone()[0]
    except BaseException:
        if created is not None and rec.certificate is not None:
            drop_unreferenced(store, created, rec.certificate.sha256)
        raise
    cert = rec.certificate
    return CEEntry(
        id=new_id,
        person=name,
        track=track,
        date=rec.date,
        points=rec.points,
        category=rec.category,
        title=rec.title,
        provider=rec.provider,
        approved_by=rec.approved_by,
        certificate_sha256=cert.sha256 if cert else None,
        certificate_name=cert.name if cert else None,
        added_at=added,
    )


def drop_unreferenced(store: WalletStore, file: Path, sha256: str) -> None:
    try:
        used = store.conn.execute(
            "SELECT 1 FROM ce_entry WHERE certificate_sha256 = ? LIMIT 1", (sha256,)
        ).fetchone()
    except sqlite3.Error:
        return  # cannot tell: an unreferenced file is harmless, a missing one is not
    if used is None:
        file.unlink(missing_ok=True)
