"""A consistent copy of the wallet file, made with SQLite's backup API even while others write."""

import os
import sqlite3
import tempfile
from pathlib import Path

from certadvisor.errors import DomainError, StoreError, UsageError
from certadvisor.wallet.store import WalletStore


def backup_store(store: WalletStore, target: Path, *, force: bool = False) -> None:
    """A consistent copy made with SQLite's backup API, even while others write."""
    if not store.persisted:
        raise DomainError(f"there is no wallet yet at {store.path}; nothing to back up")
    target = target.expanduser()
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; name the backup file")
    if target.exists() and target.resolve() == store.path.resolve():
        raise UsageError(f"{target}: is the wallet itself; name another file")
    if target.exists() and not force:
        raise UsageError(
            f"{target}: already exists", "Pass {option} to replace it.", option="force"
        )
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write there ({exc.strerror})") from None
    os.close(fd)
    try:
        copy = sqlite3.connect(tmp, isolation_level=None)
        try:
            with store.errors():
                store.conn.backup(copy)
            ok = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
        if ok != "ok":
            raise StoreError(f"{target}: the copy did not check out ({ok})")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
