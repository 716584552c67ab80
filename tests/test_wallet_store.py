"""The wallet file: what it accepts and refuses, migrations, locks, checklist marks, backup."""

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from certadvisor.errors import DomainError, StoreError, UsageError
from certadvisor.wallet import ce, records
from certadvisor.wallet import store as store_module
from certadvisor.wallet.backup import backup_store
from certadvisor.wallet.documents import CERecord
from certadvisor.wallet.store import APPLICATION_ID, SCHEMA_VERSION, migrate, open_store

FIXTURE = Path(__file__).parent / "fixtures" / "wallet_catalog.yaml"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ce_rec(title: str = "Course", points: float = 2.0) -> CERecord:
    return CERecord(date=dt.date(2024, 1, 2), points=points, category="general", title=title)


@pytest.fixture
def wallet(tmp_path: Path) -> Path:
    return tmp_path / "w" / "wallet.sqlite3"


def test_a_new_store_is_marked_versioned_and_enforces_foreign_keys(wallet: Path) -> None:
    with open_store(wallet) as s:
        assert s.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute(
                "INSERT INTO ce_entry (credential_id, date, points, category, title, "
                "added_at) VALUES (999, '2024-01-01', 1, 'general', 't', 'x')"
            )
    assert sorted(p.name for p in wallet.parent.iterdir()) == ["wallet.sqlite3"]


def test_reading_a_missing_wallet_creates_nothing(wallet: Path) -> None:
    with open_store(wallet, create=False) as s:
        assert not s.persisted
        assert records.held_credentials(s, None) == []
    assert not wallet.parent.exists()


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (os.urandom(4096), "not an SQLite database"),
        (b"name,track\nme,cma-aama\n" * 50, "not an SQLite database"),
    ],
)
def test_a_foreign_file_is_refused_and_never_touched(
    wallet: Path, content: bytes, why: str
) -> None:
    wallet.parent.mkdir(parents=True)
    wallet.write_bytes(content)
    for create in (True, False):
        with pytest.raises(StoreError) as err:
            open_store(wallet, create=create)
        assert str(wallet) in err.value.message and why in err.value.message
        assert "never overwrites" in (err.value.hint or "")
    assert wallet.read_bytes() == content
    assert sorted(p.name for p in wallet.parent.iterdir()) == ["wallet.sqlite3"]


def test_another_programs_sqlite_database_is_refused(wallet: Path) -> None:
    wallet.parent.mkdir(parents=True)
    conn = sqlite3.connect(wallet)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = digest(wallet)
    with pytest.raises(StoreError, match="another program"):
        open_store(wallet)
    assert digest(wallet) == before


def test_our_application_id_without_the_meta_table_is_refused(wallet: Path) -> None:
    wallet.parent.mkdir(parents=True)
    conn = sqlite3.connect(wallet)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="meta table"):
        open_store(wallet)


def test_a_newer_schema_is_refused_and_left_as_it_is(wallet: Path) -> None:
    open_store(wallet).close()
    conn = sqlite3.connect(wallet)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(wallet)
    with pytest.raises(StoreError) as err:
        open_store(wallet)
    assert "newer certadvisor" in err.value.message and str(wallet) in err.value.message
    assert "Upgrade certadvisor" in (err.value.hint or "")
    assert digest(wallet) == before


def test_a_folder_at_the_path_is_refused(wallet: Path) -> None:
    wallet.mkdir(parents=True)
    with pytest.raises(StoreError, match="is a folder"):
        open_store(wallet)


def test_an_empty_file_becomes_a_store(wallet: Path) -> None:
    wallet.parent.mkdir(parents=True)
    wallet.write_bytes(b"")
    with open_store(wallet) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_1_store_is_migrated_and_keeps_its_data(wallet: Path) -> None:
    wallet.parent.mkdir(parents=True)
    conn = sqlite3.connect(wallet, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn, upto=1)
    conn.execute("INSERT INTO person (name, key, created_at) VALUES ('Maria', 'maria', 'x')")
    conn.execute(
        "INSERT INTO credential (person_id, track, earned, number, added_at) "
        "VALUES (1, 'wx-plain', '2024-01-01', 'N1', 'x')"
    )
    conn.execute("COMMIT")
    conn.close()
    with open_store(wallet) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        held = records.held_credentials(s, "maria")
        assert [(c.track, c.number) for c in held[0].credentials] == [("wx-plain", "N1")]
        assert s.set_checklist_mark("Maria", "wx-plain", 2, True)
        assert s.checklist_marks("MARIA", "wx-plain") == {2}


def test_a_failed_write_leaves_nothing(wallet: Path) -> None:
    with open_store(wallet) as s:
        with pytest.raises(RuntimeError), s.transaction() as conn:
            s.person_id(conn, "me", create=True)
            raise RuntimeError("boom")
        assert s.conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0
        assert not s.conn.in_transaction


def test_a_locked_store_is_a_clear_error_after_the_timeout(wallet: Path) -> None:
    open_store(wallet).close()
    blocker = sqlite3.connect(wallet, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as err:
            with open_store(wallet, timeout=0.2) as s:
                records.add_credential(s, "me", "wx-plain", dt.date(2024, 1, 1), None)
        assert "locked" in err.value.message and str(wallet) in err.value.message
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with open_store(wallet) as s:
        assert records.held_credentials(s, None) == []


def test_the_cli_reports_a_locked_store(
    run: Any, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        run("--data", str(FIXTURE), "wallet", "add", "wx-plain", "--earned", "2024-01-01").exit_code
        == 0
    )
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
    blocker = sqlite3.connect(isolated / "wallet.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        result = run("--data", str(FIXTURE), "wallet", "add", "wx-eom", "--earned", "2024-01-01")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert result.exit_code == 1
    assert "locked by another program" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_checklist_marks_per_person_and_track(wallet: Path) -> None:
    with open_store(wallet) as s:
        assert s.checklist_marks("me", "cma-aama") == frozenset()
        assert s.set_checklist_mark("me", "cma-aama", 1, True)
        assert not s.set_checklist_mark("ME", "cma-aama", 1, True)  # already marked
        assert s.set_checklist_mark("me", "cma-aama", 3, True)
        assert s.set_checklist_mark("Bob", "cma-aama", 2, True)
        assert s.checklist_marks("me", "cma-aama") == {1, 3}
        assert s.checklist_marks("me", "rma-amt") == frozenset()
        assert s.set_checklist_mark("me", "cma-aama", 1, False)
        assert not s.set_checklist_mark("me", "cma-aama", 1, False)
        assert not s.set_checklist_mark("nobody", "cma-aama", 1, False)
        assert s.checklist_marks("me", "cma-aama") == {3}
        assert s.checklist_marks("bob", "cma-aama") == {2}
        for bad in (0, -1, True):
            with pytest.raises(UsageError):
                s.set_checklist_mark("me", "cma-aama", bad, True)
        assert s.conn.execute("SELECT count(*) FROM person WHERE key = 'nobody'").fetchone()[0] == 0


def test_backup_is_a_working_copy_and_never_clobbers(wallet: Path, tmp_path: Path) -> None:
    with open_store(wallet) as s:
        records.add_credential(s, "me", "wx-plain", dt.date(2024, 1, 1), "N1")
        ce.add_ce(s, "me", "wx-plain", ce_rec())
        copy = tmp_path / "copy.sqlite3"
        backup_store(s, copy)
        with pytest.raises(UsageError, match="already exists"):
            backup_store(s, copy)
        with pytest.raises(UsageError, match="the wallet itself"):
            backup_store(s, wallet, force=True)
        with pytest.raises(UsageError, match="is a folder"):
            backup_store(s, tmp_path)
        ce.add_ce(s, "me", "wx-plain", ce_rec("Second"))
        backup_store(s, copy, force=True)
    with open_store(copy) as c:
        entries = records.ce_entries(c, "me")[0].entries
        assert [e.title for e in entries] == ["Course", "Second"]
        assert c.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_backup_without_a_wallet_is_an_error(wallet: Path, tmp_path: Path) -> None:
    with open_store(wallet, create=False) as s, pytest.raises(DomainError, match="no wallet"):
        backup_store(s, tmp_path / "copy.sqlite3")
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_certificate_is_kept_by_hash_and_removed_when_the_row_fails(
    wallet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = tmp_path / "Certificate.PDF"
    cert.write_bytes(b"%PDF certificate")
    sha = hashlib.sha256(b"%PDF certificate").hexdigest()
    with open_store(wallet) as s:
        records.add_credential(s, "me", "wx-plain", dt.date(2024, 1, 1), None)
        entry = ce.add_ce(s, "me", "wx-plain", ce_rec(), cert)
        kept = s.certificate_dir / f"{sha}.pdf"
        assert entry.certificate_sha256 == sha and entry.certificate_name == "Certificate.PDF"
        assert kept.read_bytes() == b"%PDF certificate"

        other = tmp_path / "other.pdf"
        other.write_bytes(b"another certificate")

        def fail(*args: Any) -> int:
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(ce, "insert_ce", fail)
        with pytest.raises(StoreError):
            ce.add_ce(s, "me", "wx-plain", ce_rec("Fails"), other)
        monkeypatch.undo()
        assert sorted(p.name for p in s.certificate_dir.iterdir()) == [kept.name]
        assert len(records.ce_entries(s, "me")[0].entries) == 1


def test_ce_for_a_credential_not_held_copies_nothing(wallet: Path, tmp_path: Path) -> None:
    cert = tmp_path / "c.pdf"
    cert.write_bytes(b"x")
    with open_store(wallet) as s:
        with pytest.raises(DomainError, match="holds no wx-plain"):
            ce.add_ce(s, "me", "wx-plain", ce_rec(), cert)
        assert not s.certificate_dir.exists()
