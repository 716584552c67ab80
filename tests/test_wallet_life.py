"""The life of a credential over two cycles, and the wallet's hardening (issues 14 and 16)."""

import hashlib
import json
import os
import sqlite3
import stat
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("wallet_cache")


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return result


def ce(run: Any, track: str, day: str, points: str, cat: str, title: str, *more: str) -> Any:
    return run(
        "wallet", "ce", "add", "--credential", track, "--points", points, "--category", cat,
        "--date", day, "--title", title, *more,
    )  # fmt: skip


@pytest.fixture
def story(run: Any, tmp_path: Path) -> Any:
    """A CMA and an RMA held over two filed renewals, with CE, certificates and fees."""
    cert = tmp_path / "flu.pdf"
    cert.write_bytes(b"%PDF flu certificate")
    late = tmp_path / "ethics.pdf"
    late.write_bytes(b"%PDF ethics certificate")
    ok(run("wallet", "add", "CMA", "--earned", "2015-03-10", "--number", "C-1"))
    ok(run("wallet", "add", "RMA", "--earned", "2019-11-15"))
    ok(ce(run, "CMA", "2016-05-01", "30", "clinical", "Flu", "--approved-by", "AAMA",
          "--certificate", str(cert)))  # fmt: skip
    ok(ce(run, "RMA", "2020-02-01", "10", "general", "Ethic"))
    ok(ce(run, "RMA", "2023-02-01", "12", "general", "Coding", "--certificate", str(cert)))
    ok(run("wallet", "ce", "edit", "2", "--title", "Ethics", "--points", "15"))
    ok(run("wallet", "ce", "attach", "2", str(late)))
    ok(run("wallet", "renew", "CMA", "--filed", "2020-02-01", "--fee", "125"))
    ok(run("wallet", "renew", "CMA", "--filed", "2025-01-15"))
    ok(run("wallet", "renew", "RMA", "--filed", "2022-11-01"))
    ok(run("wallet", "renew", "RMA", "--filed", "2025-11-03"))
    ok(run("wallet", "pay", "RMA", "--annual-fee", "2024-11-10", "--amount", "50"))
    return run


def status(run: Any, as_of: str) -> dict[str, Any]:
    out = ok(run("wallet", "status", "--as-of", as_of, "--format", "json"))
    return {c["track"]: c for c in out.json()["data"]["people"][0]["credentials"]}


def test_renewals_start_the_next_cycle_and_keep_the_history(story: Any) -> None:
    creds = status(story, "2025-11-30")
    cma, rma = creds["cma-aama"], creds["rma-amt"]
    # AAMA counts from the month of the most recent recertification
    assert (cma["cycle"]["start"], cma["cycle"]["end"]) == ("2025-01-16", "2030-01-31")
    assert [r["filed"] for r in cma["renewals"]] == ["2020-02-01", "2025-01-15"]
    assert cma["renewals"][0]["fee"] == 125 and cma["cycle"]["assumed_filed"] == []
    assert (rma["cycle"]["start"], rma["cycle"]["end"]) == ("2025-11-15", "2028-11-14")
    assert not any("renewal" in a for a in cma["assumed"] + rma["assumed"])


def test_an_unpaid_annual_fee_is_overdue_and_a_paid_one_is_gone(story: Any) -> None:
    rma = status(story, "2025-11-30")["rma-amt"]
    assert [(d["kind"], d["date"]) for d in rma["overdue"]] == [
        ("annual_fee_overdue", "2025-11-16")
    ]
    assert rma["next_action"]["urgency"] == "urgent"
    assert "2025-11-15" in rma["next_action"]["text"]
    assert rma["fees_paid"][0]["due"] == "2024-11-15"
    table = ok(story("wallet", "status", "--as-of", "2025-11-30")).stdout
    assert "OVERDUE" in table and "annual fee due 2025-11-15 is not marked paid" in table
    cal = ok(story("wallet", "calendar", "--as-of", "2025-11-30", "--format", "json")).json()
    events = {(d["kind"], d["date"]) for d in cal["data"]["people"][0]["deadlines"]}
    assert ("annual_fee_overdue", "2025-11-16") in events
    assert not any(k == "annual_fee" and d <= "2025-11-15" for k, d in events)
    ok(story("wallet", "pay", "RMA", "--annual-fee", "2025-11-20"))
    assert status(story, "2025-11-30")["rma-amt"]["overdue"] == []


def test_an_unmarked_renewal_is_overdue_and_said_to_be_assumed(run: Any) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2019-06-15"))
    cma = status(run, "2024-08-01")["cma-aama"]
    assert cma["overdue"][0]["kind"] == "renewal_overdue"
    assert cma["overdue"][0]["date"] == "2024-07-01"
    assert any("2024-06-30 was filed — not marked" in a for a in cma["assumed"])


def test_lapse_words_give_each_rule_its_date(story: Any) -> None:
    lapse = status(story, "2025-11-30")["cma-aama"]["lapse"]
    assert lapse[0].startswith("If the renewal is not filed, the CMA (AAMA) is no longer current")
    assert any(
        line.startswith("From 2030-05-02 (90 days after expiry have passed): ") for line in lapse
    )
    assert any("title may be used only while" in line for line in lapse)


def test_ce_before_the_credential_was_earned_is_refused(story: Any) -> None:
    r = ce(story, "CMA", "2014-01-01", "1", "clinical", "Too early")
    assert r.exit_code == 2 and "before CMA (AAMA) was earned (2015-03-10)" in r.stderr


def test_ce_outside_the_current_cycle_is_warned_about(story: Any) -> None:
    r = ok(ce(story, "RMA", "2021-01-01", "1", "general", "Old"))
    assert "renewed on 2022-11-01" in r.stderr and "no carry-over" in r.stderr


def test_edit_and_attach_are_recorded_with_their_time(story: Any) -> None:
    shown = ok(story("wallet", "ce", "show", "2", "--format", "json")).json()["data"]
    assert shown["entry"]["title"] == "Ethics" and shown["entry"]["points"] == 15
    whats = [c["what"] for c in shown["changes"]]
    assert "points: 10 → 15; title: 'Ethic' → 'Ethics'" in whats[0]
    assert whats[1].startswith("certificate: (none) → ethics.pdf")
    assert all(c["changed_at"].endswith("Z") for c in shown["changes"])
    bad = story("wallet", "ce", "edit", "2", "--category", "nonsense")
    assert bad.exit_code == 2 and "--category" in bad.stderr


def test_the_audit_packet_verifies_and_a_changed_file_does_not(story: Any, tmp_path: Path) -> None:
    packet = tmp_path / "rma.zip"
    ok(story("wallet", "audit", "RMA", "--cycle", "2", "-o", str(packet)))
    with zipfile.ZipFile(packet) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        csv_text = z.read("summary.csv").decode()
        md = z.read("summary.md").decode()
    assert "certificates/2023-02-01_coding_ce3.pdf" in names
    assert {"summary.md", "summary.html", "summary.csv", "SHA256SUMS"} <= names
    assert {f["path"] for f in manifest["files"]} >= {"certificates/2023-02-01_coding_ce3.pdf"}
    assert "Coding" in csv_text and "Ethics" not in csv_text  # cycle 2 only
    assert "12 of 30 CCP points" in md and "certadvisor" in md and "Catalog" in md
    assert ok(story("wallet", "verify", str(packet))).stdout.count("ok") >= 4
    tampered = tmp_path / "bad.zip"
    with zipfile.ZipFile(packet) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, b"changed" if info.filename.startswith("certificates/") else data)
    bad = story("wallet", "verify", str(tampered))
    assert bad.exit_code == 1 and "SHA-256 differs" in bad.stdout
    assert story("wallet", "verify", str(tmp_path / "none.zip")).exit_code == 3


def test_a_file_changed_with_the_manifest_but_not_sha256sums_fails(
    story: Any, tmp_path: Path
) -> None:
    packet, forged = tmp_path / "rma.zip", tmp_path / "forged.zip"
    ok(story("wallet", "audit", "RMA", "--cycle", "2", "-o", str(packet)))
    summary = b"# 30 of 30 CCP points\n"
    with zipfile.ZipFile(packet) as src, zipfile.ZipFile(forged, "w") as dst:
        manifest = json.loads(src.read("manifest.json"))
        for f in manifest["files"]:
            if f["path"] == "summary.md":
                f["sha256"] = hashlib.sha256(summary).hexdigest()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "summary.md":
                data = summary
            elif info.filename == "manifest.json":
                data = json.dumps(manifest).encode()
            dst.writestr(info, data)
    bad = story("wallet", "verify", str(forged))
    assert bad.exit_code == 1
    assert "SHA256SUMS" in bad.stdout and "disagrees with manifest.json on summary.md" in bad.stdout
    assert ok(story("wallet", "verify", str(packet))).exit_code == 0


def test_a_packet_unpacked_and_zipped_again_with_its_folder_still_verifies(
    story: Any, tmp_path: Path
) -> None:
    packet, again = tmp_path / "rma.zip", tmp_path / "again.zip"
    ok(story("wallet", "audit", "RMA", "--cycle", "2", "-o", str(packet)))
    # as `zip -r again.zip rma/` makes it: a folder entry, then every file inside the folder
    with zipfile.ZipFile(packet) as src, zipfile.ZipFile(again, "w") as dst:
        dst.writestr("rma/", b"")
        for info in src.infolist():
            dst.writestr(f"rma/{info.filename}", src.read(info))
    good = ok(story("wallet", "verify", str(again)))
    assert "SHA-256 differs" not in good.stdout and "missing" not in good.stdout
    # a file added inside the folder is still caught
    with zipfile.ZipFile(again, "a") as z:
        z.writestr("rma/extra.txt", b"added")
    extra = story("wallet", "verify", str(again))
    assert extra.exit_code == 1 and "extra.txt" in extra.stdout


def test_export_and_import_carry_renewals_and_payments(
    story: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "w.json"
    ok(story("wallet", "export", "--format", "json", "-o", str(out)))
    before = status(story, "2025-11-30")
    monkeypatch.setenv("CERTADVISOR_HOME", str(tmp_path / "fresh"))
    ok(story("wallet", "import", str(out)))
    after = status(story, "2025-11-30")
    for track in ("cma-aama", "rma-amt"):
        assert after[track]["renewals"] == before[track]["renewals"]
        assert after[track]["fees_paid"] == before[track]["fees_paid"]
        assert after[track]["cycle"] == before[track]["cycle"]


# Issue 14: the wallet's files and inputs


def test_the_wallet_is_private_whatever_the_umask(run: Any, isolated: Path) -> None:
    old = os.umask(0)
    try:
        ok(run("wallet", "add", "CMA", "--earned", "2020-01-01"))
        cert = isolated.parent / "c.pdf"
        cert.write_bytes(b"x")
        ok(ce(run, "CMA", "2021-01-01", "1", "clinical", "T", "--certificate", str(cert)))
    finally:
        os.umask(old)
    assert stat.S_IMODE(isolated.stat().st_mode) == 0o700
    assert stat.S_IMODE((isolated / "wallet.sqlite3").stat().st_mode) == 0o600
    certs = isolated / "certificates"
    assert stat.S_IMODE(certs.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in certs.iterdir())


def test_a_store_with_triggers_is_foreign(run: Any, isolated: Path) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2020-01-01"))
    conn = sqlite3.connect(isolated / "wallet.sqlite3")
    conn.execute("CREATE TRIGGER t AFTER INSERT ON ce_entry BEGIN DELETE FROM person; END")
    conn.commit()
    conn.close()
    r = run("wallet", "list")
    assert r.exit_code == 1 and "triggers or views" in r.stderr


def test_stale_incoming_files_are_removed_when_the_wallet_opens(run: Any, isolated: Path) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2020-01-01"))
    stale, fresh = (
        isolated / "certificates" / ".incoming-a",
        isolated / "certificates" / ".incoming-b",
    )
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"partial")
    fresh.write_bytes(b"in progress")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    ok(run("wallet", "list"))
    assert not stale.exists() and fresh.exists()


def test_a_certificate_over_the_cap_is_refused_and_leaves_nothing(
    run: Any, isolated: Path, tmp_path: Path
) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2020-01-01"))
    big = tmp_path / "big.pdf"
    with big.open("wb") as f:
        f.truncate(2 * 1024 * 1024 + 1)
    r = ce(run, "CMA", "2021-01-01", "1", "clinical", "T", "--certificate", str(big),
           "--max-certificate-mb", "2")  # fmt: skip
    assert r.exit_code == 2 and "over the certificate size limit of 2 MB" in r.stderr
    assert "--max-certificate-mb" in r.stderr
    assert list((isolated / "certificates").iterdir()) == []
    dev = ce(run, "CMA", "2021-01-01", "1", "clinical", "T", "--certificate", "/dev/zero")
    assert dev.exit_code == 2 and "not a regular file" in dev.stderr
    assert (
        ok(run("wallet", "ce", "list", "--format", "json")).json()["data"]["people"][0]["entries"]
        == []
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_certificates_folder_is_a_clear_message(
    run: Any, isolated: Path, tmp_path: Path
) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2020-01-01"))
    certs = isolated / "certificates"
    certs.mkdir(exist_ok=True)
    certs.chmod(0o500)
    cert = tmp_path / "c.pdf"
    cert.write_bytes(b"x")
    try:
        r = ce(run, "CMA", "2021-01-01", "1", "clinical", "T", "--certificate", str(cert))
    finally:
        certs.chmod(0o700)
    assert r.exit_code == 1 and "cannot keep the certificate there" in r.stderr


def test_backup_of_a_damaged_store_is_a_clear_message(
    run: Any, isolated: Path, tmp_path: Path
) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2020-01-01"))
    wallet = isolated / "wallet.sqlite3"
    data = bytearray(wallet.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    wallet.write_bytes(bytes(data))
    r = run("wallet", "backup", str(tmp_path / "copy.sqlite3"))
    assert r.exit_code in (1, 3) and "internal error" not in r.stderr.lower()
    assert r.stderr.startswith("Error: ")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[" * 50_000 + "]" * 50_000, "nested more than 64 levels deep"),
        ('{"schema_version": 1, "schema_version": 1}', "appears twice"),
    ],
)
def test_hostile_import_json_is_exit_3_naming_the_file(
    run: Any, tmp_path: Path, text: str, said: str
) -> None:
    f = tmp_path / "in.json"
    f.write_text(text)
    r = run("wallet", "import", str(f))
    assert r.exit_code == 3 and str(f) in r.stderr and said in r.stderr


def test_an_imported_added_at_must_be_a_timestamp(run: Any, tmp_path: Path) -> None:
    doc = {
        "schema_version": 1,
        "command": "wallet export",
        "data_as_of": None,
        "data": {
            "people": [
                {
                    "name": "me",
                    "credentials": [
                        {"track": "cma-aama", "earned": "2020-01-01", "added_at": "\u001b[2J" * 9}
                    ],
                }
            ]
        },
    }
    f = tmp_path / "in.json"
    f.write_text(json.dumps(doc))
    r = run("wallet", "import", str(f))
    assert r.exit_code == 3 and "added_at" in r.stderr


def test_a_version_2_wallet_opens_migrated_and_can_mark_renewals(run: Any, isolated: Path) -> None:
    from certadvisor.wallet.store import migrate

    isolated.mkdir(parents=True)
    conn = sqlite3.connect(isolated / "wallet.sqlite3", isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    migrate(conn, upto=2)
    conn.execute("INSERT INTO person (name, key, created_at) VALUES ('me', 'me', 'x')")
    conn.execute(
        "INSERT INTO credential (person_id, track, earned, added_at) "
        "VALUES (1, 'rma-amt', '2020-11-15', '2021-01-01T00:00:00Z')"
    )
    conn.execute("COMMIT")
    conn.close()
    ok(run("wallet", "renew", "RMA", "--filed", "2023-11-01"))
    rma = status(run, "2024-01-01")["rma-amt"]
    assert rma["cycle"]["start"] == "2023-11-15" and rma["renewals"][0]["filed"] == "2023-11-01"


def test_an_export_with_files_lives_on_in_a_fresh_home(
    story: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zipped = tmp_path / "wallet.zip"
    ok(story("wallet", "export", "--with-files", "-o", str(zipped)))
    before = status(story, "2025-11-30")
    shown = ok(story("wallet", "ce", "show", "2", "--format", "json")).json()["data"]["entry"]
    monkeypatch.setenv("CERTADVISOR_HOME", str(tmp_path / "fresh"))
    r = ok(story("wallet", "import", str(zipped)))
    assert "2 certificate files restored" in r.stderr and "are not in" not in r.stderr
    after = status(story, "2025-11-30")
    for track in ("cma-aama", "rma-amt"):
        for key in ("renewals", "fees_paid", "cycle", "overdue", "ce"):
            assert after[track][key] == before[track][key], (track, key)
    entries = ok(story("wallet", "ce", "list", "--format", "json")).json()["data"]["people"][0]
    ethics = next(e for e in entries["entries"] if e["title"] == "Ethics")
    assert ethics["certificate_sha256"] == shown["certificate_sha256"]
    # the packet made in the new home carries the restored certificates and verifies
    packet = tmp_path / "cma.zip"
    ok(story("wallet", "audit", "CMA", "--cycle", "1", "-o", str(packet)))
    with zipfile.ZipFile(packet) as z:
        assert any(n.startswith("certificates/2016-05-01_flu") for n in z.namelist())
    assert ok(story("wallet", "verify", str(packet))).exit_code == 0


def test_the_calendar_drops_what_is_done_and_dates_what_is_overdue(run: Any) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2019-06-15"))

    def events(as_of: str) -> set[tuple[str, str]]:
        cal = ok(run("wallet", "calendar", "--as-of", as_of, "--format", "json")).json()
        return {(d["kind"], d["date"]) for d in cal["data"]["people"][0]["deadlines"]}

    late = events("2024-08-01")
    assert ("renewal_overdue", "2024-07-01") in late  # the day after the cycle ended
    ok(run("wallet", "renew", "CMA", "--filed", "2024-07-20"))
    done = events("2024-08-01")
    assert not any(kind == "renewal_overdue" for kind, _ in done)
    assert all(day > "2024-08-01" for _, day in done)  # nothing of the renewed cycle is left
    ics = ok(run("wallet", "calendar", "--as-of", "2024-08-01")).stdout
    assert "overdue" not in ics.lower()


def test_a_fee_the_catalog_does_not_have_cannot_be_marked_paid(run: Any) -> None:
    ok(run("wallet", "add", "cpt-nha", "--earned", "2023-02-01"))
    result = run("wallet", "pay", "cpt-nha", "--annual-fee", "2026-11-20")
    assert result.exit_code == 1
    assert "has no annual fee in the catalog" in result.stderr
    assert (
        ok(run("wallet", "status", "--as-of", "2026-11-30", "--format", "json")).json()["data"][
            "people"
        ][0]["credentials"][0]["fees_paid"]
        == []
    )


def test_the_same_payment_given_twice_is_refused_unless_a_due_date_is_named(story: Any) -> None:
    again = story("wallet", "pay", "RMA", "--annual-fee", "2024-11-10")
    assert again.exit_code == 1 and "already marked (the fee due 2024-11-15)" in again.stderr
    assert [f["due"] for f in status(story, "2025-11-30")["rma-amt"]["fees_paid"]] == ["2024-11-15"]
    ok(story("wallet", "pay", "RMA", "--annual-fee", "2024-11-10", "--due", "2025-11-15"))
    assert status(story, "2025-11-30")["rma-amt"]["overdue"] == []


def test_a_renewal_given_twice_does_not_renew_the_cycle_after(story: Any) -> None:
    before = status(story, "2025-11-30")["cma-aama"]
    again = story("wallet", "renew", "CMA", "--filed", "2025-01-15")
    assert again.exit_code == 1
    assert "is before the cycle 2025-01-16 → 2030-01-31 began" in again.stderr
    assert "marked filed on 2025-01-15" in again.stderr
    assert status(story, "2025-11-30")["cma-aama"] == before


@pytest.mark.parametrize("name", ["cal.xlsx", "cal.csv", "cal.md"])
def test_a_calendar_file_named_for_another_format_is_refused(
    story: Any, tmp_path: Path, name: str
) -> None:
    result = story("wallet", "calendar", "-o", str(tmp_path / name))
    assert result.exit_code == 2 and "written as ics or json" in result.stderr
    assert not (tmp_path / name).exists()
    ok(story("wallet", "calendar", "-o", str(tmp_path / "cal.ics")))
    assert (tmp_path / "cal.ics").read_text().startswith("BEGIN:VCALENDAR")


def test_the_calendar_and_export_offer_only_the_formats_they_write(run: Any) -> None:
    cal = ok(run("wallet", "calendar", "--help")).stdout
    assert "ics (default) or json" in cal and "xlsx" not in cal
    export = ok(run("wallet", "export", "--help")).stdout
    assert "json (default), markdown, csv or xlsx" in " ".join(export.split())
    assert "table" not in export


def test_a_rollover_the_catalog_does_not_state_is_not_shown_as_its_fact(run: Any) -> None:
    ok(run("wallet", "add", "cpt-nha", "--earned", "2023-02-01"))
    ok(run("wallet", "renew", "cpt-nha", "--filed", "2025-01-20"))
    warned = ok(ce(run, "cpt-nha", "2023-06-01", "2", "general", "Before the cycle"))
    assert "does not count toward the current cycle" in warned.stderr
    assert "no carry-over" not in warned.stderr
    cpt = status(run, "2026-06-01")["cpt-nha"]
    assert cpt["ce"]["rollover"] is None
    assert "the catalog does not say whether CE carries over" in " ".join(cpt["notes"])
    table = ok(run("wallet", "status", "--as-of", "2026-06-01")).stdout
    assert "rollover not stated" in table and "(no rollover)" not in table
    shown = ok(run("show", "cpt-nha")).stdout
    assert "rollover between cycles not stated" in " ".join(shown.split())
    # a catalog that says so is still quoted: AAMA's CMA has no carry-over
    ok(run("wallet", "add", "cma-aama", "--earned", "2015-03-10"))
    cma = status(run, "2016-06-01")["cma-aama"]
    assert cma["ce"]["rollover"] is False


def test_a_renewal_filed_short_of_ce_says_what_is_missing(run: Any) -> None:
    ok(run("wallet", "add", "CMA", "--earned", "2021-03-10"))
    ok(ce(run, "CMA", "2022-05-01", "10", "clinical", "Flu", "--approved-by", "AAMA"))
    ok(ce(run, "CMA", "2026-06-01", "5", "general", "Ethics"))  # after the filing: not counted
    filed = ok(run("wallet", "renew", "CMA", "--filed", "2026-02-01"))
    assert "Marked the CMA (AAMA) renewal" in filed.stderr
    warning = next(line for line in filed.stderr.splitlines() if line.startswith("Warning"))
    # AAMA asks 60 points; 10 are dated in the cycle before the filing
    assert "(2021-03-10 → 2026-02-01) falls short" in warning and "50 more" in warning


def test_a_renewal_with_its_ce_in_the_wallet_warns_of_nothing(run: Any) -> None:
    ok(run("wallet", "add", "RMA", "--earned", "2019-11-15"))
    ok(ce(run, "RMA", "2021-02-01", "30", "general", "Course"))
    filed = ok(run("wallet", "renew", "RMA", "--filed", "2022-11-01"))
    assert "Warning" not in filed.stderr


def test_a_cma_renewing_by_ce_has_no_filing_deadline_before_expiry(run: Any) -> None:
    # AAMA's 30 days before expiry are for recertifying by exam; none was found for CE
    ok(run("wallet", "add", "CMA", "--earned", "2022-03-15"))
    cma = status(run, "2026-12-02")["cma-aama"]
    kinds = {d["kind"] for d in cma["deadlines"]}
    assert "window_closes" not in kinds and "cycle_end" in kinds
    assert "2027-03-01" not in ok(run("wallet", "status", "--as-of", "2026-12-02")).stdout
