"""Nothing lost: killed writers, concurrent writers, concurrent creation (real processes)."""

import datetime as dt
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from certadvisor.wallet import ce, records
from certadvisor.wallet.documents import CERecord
from certadvisor.wallet.store import SCHEMA_VERSION, open_store
from wallet_helpers import WALLET_CATALOG, ce_args

HELPER = Path(__file__).parent / "helpers" / "wallet_writer.py"
FIXTURE = WALLET_CATALOG
BATCH = 400
TITLE = re.compile(r"^batch (\d+) item (\d+)$")


def helper(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def check_whole(wallet: Path) -> dict[int, int]:
    """Integrity, and every batch all there or all absent with every row whole."""
    conn = sqlite3.connect(wallet)  # the first reader rolls back a hot journal
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        counts: dict[int, int] = {}
        for title, points, provider, day, category in conn.execute(
            "SELECT title, points, provider, date, category FROM ce_entry"
        ):
            m = TITLE.match(title)
            assert m, title
            b = int(m.group(1))
            assert points == b + 1 and provider == "p" * 200 and category == "general"
            dt.date.fromisoformat(day)
            counts[b] = counts.get(b, 0) + 1
    finally:
        conn.close()
    return counts


def kill(proc: subprocess.Popen[str]) -> None:
    assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def killed(proc: subprocess.Popen[str]) -> list[str]:
    """Kill the writer; the lines it printed that were not read yet."""
    assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate()
    return [line.strip() for line in rest.splitlines()]


def read_until(proc: subprocess.Popen[str], wanted: str) -> list[str]:
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:
        seen.append(line.strip())
        if line.strip() == wanted:
            return seen
    raise AssertionError(f"the writer stopped before {wanted!r}: {seen}")


def test_a_writer_killed_inside_a_transaction_leaves_the_store_as_before(tmp_path: Path) -> None:
    wallet = tmp_path / "wallet.sqlite3"
    proc = helper("batches", str(wallet), "2")
    read_until(proc, "inside 2")  # half of batch 2's rows are written, none committed
    kill(proc)
    journal = tmp_path / "wallet.sqlite3-journal"
    assert journal.exists() and journal.stat().st_size > 0  # killed in the middle of a write
    assert check_whole(wallet) == {0: BATCH, 1: BATCH}
    with open_store(wallet) as store:
        ce.add_ce(
            store,
            "me",
            "wx-plain",
            CERecord(date=dt.date(2024, 1, 1), points=1, category="general", title="after"),
        )
    assert not journal.exists()


def test_writers_killed_at_random_moments_leave_only_whole_batches(tmp_path: Path) -> None:
    wallet = tmp_path / "wallet.sqlite3"
    rng = random.Random(5)
    for round_ in range(4):
        proc = helper("batches", str(wallet))
        target = 2 + round_
        seen = read_until(proc, f"start {target}")
        try:  # somewhere inside the batch's transaction or its commit
            proc.wait(timeout=rng.uniform(0.0, 0.03))
        except subprocess.TimeoutExpired:
            pass
        seen += killed(proc)  # a quick writer may have gone on past the target batch
        done = {int(s.split()[1]) for s in seen if s.startswith("done")}
        started = {int(s.split()[1]) for s in seen if s.startswith("start")}
        counts = check_whole(wallet)
        # every batch is all there or absent, and every batch reported done is there
        assert all(n == BATCH for n in counts.values()), counts
        assert done <= set(counts) <= started
    with open_store(wallet) as store:  # and the store still opens and takes writes
        ce.add_ce(
            store,
            "me",
            "wx-plain",
            CERecord(date=dt.date(2024, 1, 1), points=1, category="general", title="after"),
        )


def test_two_processes_adding_ce_at_once_both_land(tmp_path: Path) -> None:
    wallet = tmp_path / "wallet.sqlite3"
    with open_store(wallet) as store:
        records.add_credential(store, "me", "wx-plain", dt.date(2020, 1, 1), None)
    gate = tmp_path / "go"
    procs = [helper("adds", str(wallet), tag, "40", str(gate)) for tag in ("A", "B")]
    gate.touch()
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.strip() == "done"
    with open_store(wallet, create=False) as store:
        titles = sorted(e.title for e in records.ce_entries(store, "me")[0].entries)
    assert titles == sorted(f"{t} {i}" for t in ("A", "B") for i in range(40))


def test_two_cli_processes_adding_ce_at_once_both_land(tmp_path: Path) -> None:
    env = {**os.environ, "CERTADVISOR_HOME": str(tmp_path), "NO_COLOR": "1"}
    exe = [sys.executable, "-m", "certadvisor", "--data", str(FIXTURE), "wallet"]
    first = subprocess.run(
        [*exe, "add", "wx-plain", "--earned", "2020-01-01"], env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    procs = [
        subprocess.Popen(
            [
                *exe,
                *ce_args(
                    track="wx-plain",
                    points="1",
                    category="general",
                    date="2024-01-01",
                    title=f"run {i}",
                ),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(6)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with open_store(tmp_path / "wallet.sqlite3", create=False) as store:
        titles = sorted(e.title for e in records.ce_entries(store, "me")[0].entries)
    assert titles == [f"run {i}" for i in range(6)]


@pytest.mark.parametrize("trial", range(3))
def test_processes_creating_the_store_at_once_all_succeed(tmp_path: Path, trial: int) -> None:
    wallet = tmp_path / "new" / "wallet.sqlite3"
    gate = tmp_path / "go"
    procs = [helper("open", str(wallet), str(gate)) for _ in range(8)]
    gate.touch()
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    conn = sqlite3.connect(wallet)
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'format'").fetchone()[0] == 1
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


# Issue 16's writes: edit, attach, renew, pay and an import with certificate files


def make_zip(folder: Path, person: str = "Z", files: int = 3) -> Path:
    """A `wallet export --with-files` zip of one person with ``files`` certificates."""
    from certadvisor.render.json_indent import dumps_indented
    from certadvisor.render.output import envelope
    from certadvisor.wallet.bundle import bundle_members, write_bundle
    from certadvisor.wallet.transfer import certificates_named, export_data

    with open_store(folder / "source" / "wallet.sqlite3") as store:
        records.add_credential(store, person, "wx-plain", dt.date(2020, 1, 1), None)
        for i in range(files):
            cert = folder / f"z{i}.pdf"
            cert.write_bytes(f"zip certificate {i}".encode() * 1000)
            rec = CERecord(
                date=dt.date(2021, 1, 1 + i), points=1, category="general", title=f"z{i}"
            )
            ce.add_ce(store, person, "wx-plain", rec, cert)
        data = export_data(store, None)
        files_in = bundle_members(store, certificates_named(data))[0]
        text = dumps_indented(envelope("wallet export", None, data)) + "\n"
    target = folder / "z.zip"
    write_bundle(target, text.encode(), files_in)
    return target


def whole_certificates(folder: Path) -> dict[str, bytes]:
    """Every kept certificate hashes to its name (a staged `.incoming-` copy may be left)."""
    import hashlib

    kept = {}
    for f in folder.iterdir() if folder.exists() else []:
        if f.name.startswith(".incoming-"):
            continue
        assert hashlib.sha256(f.read_bytes()).hexdigest() == f.name.split(".")[0], f
        kept[f.name] = f.read_bytes()
    return kept


def test_an_import_with_files_killed_before_its_commit_leaves_no_row(tmp_path: Path) -> None:
    zipped = make_zip(tmp_path)
    wallet = tmp_path / "home" / "wallet.sqlite3"
    proc = helper("bundle", str(wallet), str(zipped))
    read_until(proc, "placed")  # the files are in place, the rows not committed
    kill(proc)
    conn = sqlite3.connect(wallet)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM ce_entry").fetchone()[0] == 0
    finally:
        conn.close()
    # whole files that no row names yet, never a row naming a missing file
    assert len(whole_certificates(tmp_path / "home" / "certificates")) == 3
    # the same import again completes
    proc = helper("bundle", str(wallet), str(zipped))
    read_until(proc, "placed")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    with open_store(wallet, create=False) as store:
        entries = records.ce_entries(store, "Z")[0].entries
        assert sorted(e.title for e in entries) == ["z0", "z1", "z2"]
        for e in entries:
            assert e.certificate_sha256 and e.certificate_name
            assert ce.certificate_file(store, e.certificate_sha256, e.certificate_name).exists()


def test_two_people_editing_attaching_renewing_paying_and_importing_at_once(
    tmp_path: Path,
) -> None:
    zipped = make_zip(tmp_path)
    wallet = tmp_path / "home" / "wallet.sqlite3"
    gate = tmp_path / "go"
    procs = [helper("life", str(wallet), tag, "8", str(gate), str(zipped)) for tag in ("A", "B")]
    gate.touch()
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert out.strip() == "done"
    with open_store(wallet, create=False) as store:
        for tag in ("A", "B"):
            entries = records.ce_entries(store, tag)[0].entries
            assert sorted(e.title for e in entries) == sorted(f"{tag} {i}" for i in range(8))
            assert all(e.points == 2 and e.certificate_name for e in entries)
            conn = store.conn
            cid = store.credential_id(conn, tag, "wx-eom")
            history = records.read_history(conn, cid)
            assert [r.filed for r in history.renewals] == [dt.date(2019, 12, 15)]
            assert [p.due for p in history.payments] == [dt.date(2016, 1, 1)]
            changes = conn.execute(
                "SELECT count(*) FROM ce_change c JOIN ce_entry e ON e.id = c.ce_id "
                "WHERE e.credential_id = ?",
                (cid,),
            ).fetchone()[0]
            assert changes == 16  # an edit and an attach per entry, each recorded
        # the zip imported twice at once: its records once, its files whole
        assert sorted(e.title for e in records.ce_entries(store, "Z")[0].entries) == [
            "z0",
            "z1",
            "z2",
        ]
    assert len(whole_certificates(tmp_path / "home" / "certificates")) == 16 + 3
