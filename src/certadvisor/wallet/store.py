"""The wallet's SQLite file: identity check, versioned migrations, one transaction per write.

The store is one file, ``wallet.sqlite3`` under `certadvisor.paths.home_dir()`, with the CE
certificates beside it in ``certificates/`` (named by their SHA-256). It is marked as ours by
``PRAGMA application_id`` and a ``meta`` table, and versioned by ``PRAGMA user_version``.

Journal: SQLite's rollback journal (the default DELETE mode), with ``synchronous=FULL``. At rest
the store is exactly one file, so copying or syncing it (a USB stick, a school's network drive,
a cloud folder) never splits it from a ``-wal`` file; it works on network file systems, where
WAL's shared memory does not; and the writes are a few rows at a time, so WAL's extra
concurrency buys nothing that a busy timeout does not.

Every write runs inside ``BEGIN IMMEDIATE`` ... ``COMMIT``: the write lock is taken before
anything is read, so two processes adding CE at once queue on the busy timeout instead of
failing on a lock upgrade, and a process killed mid-write leaves the journal that SQLite rolls
back on the next open.
"""

import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from certadvisor.errors import DomainError, StoreError, UsageError
from certadvisor.paths import home_dir
from certadvisor.wallet.checks import EXPORT_FORMAT, check_person, person_key
from certadvisor.wallet.schema import MIGRATIONS, SCHEMA_VERSION

STORE_NAME = "wallet.sqlite3"
CERTIFICATES = "certificates"
APPLICATION_ID = 0x4341574C  # "CAWL": certadvisor wallet
BUSY_TIMEOUT = 10.0
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
# A copy in progress keeps writing its file; one untouched this long was left by a killed copy.
STALE_INCOMING_SECONDS = 15 * 60
_HINT_OTHER = (
    "certadvisor never overwrites it: move the file away, or set CERTADVISOR_HOME to another "
    "folder for the wallet."
)


def store_path() -> Path:
    """Where the wallet lives."""
    return home_dir() / STORE_NAME


def now_stamp() -> str:
    """The current UTC time, as recorded on every row."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def migrate(conn: sqlite3.Connection, upto: int = SCHEMA_VERSION) -> None:
    """Apply the migrations after the store's version, up to ``upto``; call inside a write."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for number in range(version + 1, upto + 1):
        for statement in MIGRATIONS[number - 1]:
            conn.execute(statement)
        if number == 1:
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("format", EXPORT_FORMAT), ("created_at", now_stamp())],
            )
        conn.execute(f"PRAGMA user_version = {number}")


def _memory_store(path: Path) -> "WalletStore":
    """An empty store in memory, so reading a wallet that does not exist yet creates nothing."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    store = WalletStore(conn, path, persisted=False)
    with store.transaction():
        migrate(conn)
    return store


def open_store(
    path: Path | None = None, *, create: bool = True, timeout: float | None = None
) -> "WalletStore":
    """Open (and, when ``create``, make or migrate) the wallet; anything else there is an error.

    With ``create=False`` a missing wallet reads as an empty one and no file is made.
    """
    path = (path or store_path()).expanduser()
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a certadvisor wallet", _HINT_OTHER)
    if not path.exists() and not create:
        return _memory_store(path)
    if create:
        _make_private(path)
    uri = f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}"
    try:
        conn = sqlite3.connect(
            uri,
            uri=True,
            timeout=BUSY_TIMEOUT if timeout is None else timeout,
            isolation_level=None,
        )
    except sqlite3.Error as exc:
        raise StoreError(
            f"{path}: cannot open the wallet ({exc})",
            "Check the file's permissions, or set CERTADVISOR_HOME.",
        ) from None
    store = WalletStore(conn, path, persisted=True)
    try:
        store = store._prepare(create)
    except BaseException:
        conn.close()
        raise
    if store.persisted:
        remove_stale_incoming(store.certificate_dir)
    return store


def _make_private(path: Path) -> None:
    """The wallet's folder (0700) and file (0600), whatever the umask: the file is made here
    before SQLite opens it, and SQLite gives its journal the file's mode."""
    folder = path.parent
    try:
        made = not folder.exists()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if made or folder == home_dir():
            private(folder, 0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        private(path, 0o600)
    except OSError as exc:
        raise StoreError(
            f"{folder}: cannot create the wallet there ({exc.strerror})",
            "Set CERTADVISOR_HOME to a folder you can write.",
        ) from None


def private(path: Path, mode: int) -> None:
    """Take away group and other access from a file or folder of ours (never widen it)."""
    try:
        st = path.stat()
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            path.chmod(st.st_mode & mode & 0o777)
    except OSError:
        pass  # not ours, or gone: the wallet still works; the modes test catches a regression


def remove_stale_incoming(folder: Path) -> None:
    """Delete the partial copies (`.incoming-*`) that a killed certificate copy left behind."""
    try:
        leftovers = list(folder.glob(".incoming-*"))
    except OSError:
        return
    cutoff = time.time() - STALE_INCOMING_SECONDS
    for file in leftovers:
        try:
            if file.stat().st_mtime < cutoff:
                file.unlink()
        except OSError:
            pass


class WalletStore:
    """An open wallet; use it as a context manager so the connection is closed."""

    def __init__(self, conn: sqlite3.Connection, path: Path, persisted: bool) -> None:
        self.conn = conn
        self.path = path
        self.persisted = persisted

    def __enter__(self) -> "WalletStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (a write in progress is rolled back by SQLite)."""
        self.conn.close()

    @property
    def certificate_dir(self) -> Path:
        """The folder beside the wallet file where certificates are kept."""
        return self.path.parent / CERTIFICATES

    # Opening ---------------------------------------------------------------------------

    def _identity(self, *, begin: bool = True) -> tuple[int, int, bool]:
        """Application id, version and emptiness, read in one transaction (``begin``, or the
        caller's): a store another process is creating is seen before or after, never half."""
        conn = self.conn
        try:
            if begin:
                conn.execute("BEGIN")
            try:
                app_id = conn.execute("PRAGMA application_id").fetchone()[0]
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                kinds = {r[0] for r in conn.execute("SELECT DISTINCT type FROM sqlite_master")}
            finally:
                if begin and conn.in_transaction:
                    conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                raise self._locked() from None
            raise self._foreign("it cannot be read as an SQLite database") from None
        except sqlite3.DatabaseError:
            raise self._foreign("it is not an SQLite database") from None
        if kinds & {"trigger", "view"}:
            raise self._foreign("it has triggers or views of its own, which a wallet never has")
        return app_id, version, not kinds

    def _foreign(self, why: str) -> StoreError:
        return StoreError(f"{self.path}: not a certadvisor wallet ({why})", _HINT_OTHER)

    def _locked(self) -> StoreError:
        return StoreError(
            f"{self.path}: the wallet is locked by another program",
            "Another certadvisor command is writing to it; try again when it has finished.",
        )

    def _check_ours(self, app_id: int, version: int) -> None:
        if app_id != APPLICATION_ID:
            raise self._foreign("it is an SQLite database of another program")
        try:
            fmt = self.conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        except sqlite3.DatabaseError:
            fmt = None
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the wallet was written by a newer certadvisor "
                f"(store version {version}; this one reads up to {SCHEMA_VERSION})",
                "Upgrade certadvisor (pip install -U certadvisor); the file is left as it is.",
            )
        if fmt is None or fmt[0] != EXPORT_FORMAT:
            raise self._foreign("its meta table does not mark it as a wallet")

    def _prepare(self, create: bool) -> "WalletStore":
        app_id, version, empty = self._identity()
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA synchronous = FULL")
        if app_id == 0 and version == 0 and empty:
            if not create:
                self.close()
                return _memory_store(self.path)
            with self.transaction():
                app_id, version, empty = self._identity(begin=False)  # another may have won
                if app_id == 0 and version == 0 and empty:
                    migrate(self.conn)
                    return self
        self._check_ours(app_id, version)
        if version < SCHEMA_VERSION:
            with self.transaction():
                migrate(self.conn)
        return self

    # Transactions ----------------------------------------------------------------------

    @contextmanager
    def errors(self) -> Iterator[None]:
        """SQLite errors as the store's own: locked, damaged or unwritable."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                raise self._locked() from None
            raise StoreError(
                f"{self.path}: the wallet cannot be written ({exc})",
                "Check the disk space and the file's permissions.",
            ) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: the wallet is damaged ({exc})",
                "Restore a copy made with `certadvisor wallet backup`.",
            ) from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: BEGIN IMMEDIATE, then COMMIT, or ROLLBACK on any error."""
        conn = self.conn
        with self.errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass  # the connection closes next; SQLite rolls the journal back
                raise

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that see one consistent state."""
        conn = self.conn
        with self.errors():
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    # People ----------------------------------------------------------------------------

    def person_id(self, conn: sqlite3.Connection, name: str, *, create: bool) -> int | None:
        """The row id of a person (made when ``create``), or None."""
        key = person_key(name)
        row = conn.execute("SELECT id FROM person WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
        if not create:
            return None
        cur = conn.execute(
            "INSERT INTO person (name, key, created_at) VALUES (?, ?, ?)",
            (check_person(name), key, now_stamp()),
        )
        return int(cur.lastrowid or 0)

    def people(self, conn: sqlite3.Connection, name: str | None) -> list[tuple[int, str]]:
        """(id, name) of one person or, for None, of everyone; an unknown name is an error."""
        if name is None:
            return [(r[0], r[1]) for r in conn.execute("SELECT id, name FROM person ORDER BY key")]
        row = conn.execute("SELECT id, name FROM person WHERE key = ?", (person_key(name),))
        found = row.fetchone()
        if found is not None:
            return [(found[0], found[1])]
        everyone = [r[0] for r in conn.execute("SELECT name FROM person ORDER BY key")]
        if not everyone:
            return []
        raise DomainError(
            f"nobody called {check_person(name)!r} is in the wallet",
            f"People in the wallet: {', '.join(everyone)}. Choose one with {{option}} NAME.",
            option="person",
        )

    def credential_id(self, conn: sqlite3.Connection, person: str, track: str) -> int:
        """The row id of a held credential; not held is the contract's 'entry not found'."""
        row = conn.execute(
            "SELECT c.id FROM credential c JOIN person p ON p.id = c.person_id "
            "WHERE p.key = ? AND c.track = ?",
            (person_key(person), track),
        ).fetchone()
        if row is None:
            raise DomainError(
                f"{check_person(person)!r} holds no {track} in the wallet",
                f"Add it first: certadvisor wallet add {track} --earned YYYY-MM-DD",
            )
        return int(row[0])

    # Checklist progress (for `checklist --mark N`) -------------------------------------

    def checklist_marks(self, person: str, track: str) -> frozenset[int]:
        """The checklist steps ``person`` has marked done for ``track`` (1-based)."""
        with self.snapshot() as conn:
            rows = conn.execute(
                "SELECT m.step FROM checklist_mark m JOIN person p ON p.id = m.person_id "
                "WHERE p.key = ? AND m.track = ?",
                (person_key(person), track),
            ).fetchall()
        return frozenset(int(r[0]) for r in rows)

    def set_checklist_mark(self, person: str, track: str, step: int, done: bool) -> bool:
        """Mark (or unmark) one step; True when that changed anything."""
        if isinstance(step, bool) or not isinstance(step, int) or step < 1:
            raise UsageError(f"checklist step {step!r} is not a step number (1, 2, ...)")
        with self.transaction() as conn:
            pid = self.person_id(conn, person, create=done)
            if pid is None:
                return False
            if done:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO checklist_mark (person_id, track, step, marked_at) "
                    "VALUES (?, ?, ?, ?)",
                    (pid, track, step, now_stamp()),
                )
            else:
                cur = conn.execute(
                    "DELETE FROM checklist_mark WHERE person_id = ? AND track = ? AND step = ?",
                    (pid, track, step),
                )
            return cur.rowcount > 0


def _is_locked(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in str(exc) or "busy" in str(exc)
