"""`certadvisor wallet ...` as a user meets it: add, list, remove, CE, status, exit codes."""

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from wallet_helpers import WALLET_CATALOG, ce_args

FIXTURE = WALLET_CATALOG
pytestmark = pytest.mark.usefixtures("wallet_cache")
ENVELOPE = {"schema_version", "command", "data_as_of", "data"}


def entries(w: Any, person: str = "me") -> list[dict[str, Any]]:
    result = w("ce", "list", "--person", person, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return list(result.json()["data"]["people"][0]["entries"])


def held(w: Any) -> list[dict[str, Any]]:
    result = w("list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    people = result.json()["data"]["people"]
    return list(people[0]["credentials"]) if people else []


# Credentials


def test_add_then_list_in_the_json_envelope(w: Any) -> None:
    assert w("add", "WXA", "--earned", "2021-06-15", "--number", " A-1 ").exit_code == 0
    result = w("list", "--format", "json")
    assert result.exit_code == 0
    doc = result.json()
    assert set(doc) == ENVELOPE and doc["command"] == "wallet list"
    (cred,) = doc["data"]["people"][0]["credentials"]
    assert (cred["track"], cred["earned"], cred["number"]) == ("wx-eom", "2021-06-15", "A-1")


def test_a_reader_on_an_empty_home_creates_no_file(w: Any, isolated: Path) -> None:
    for args in (["list"], ["status"], ["ce", "list"], ["export"]):
        assert w(*args).exit_code == 0
    assert w("calendar").exit_code == 1  # an empty calendar is refused
    assert not (isolated / "wallet.sqlite3").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "wx-nope", "--earned", "2021-01-01"], 1, "unknown track 'wx-nope'"),
        (["add", "wx-eom", "--earned", "2021-13-01"], 2, "--earned: '2021-13-01' is not a real"),
        (["add", "wx-eom", "--earned", "15/06/2021"], 2, "write it YYYY-MM-DD"),
        (["add", "wx-eom", "--earned", "2999-01-01"], 2, "is in the future"),
        (["add", "wx-eom", "--earned", "2021-01-01", "--person", "  "], 2, "must not be empty"),
        (["add", "wx-eom", "--earned", "2021-01-01", "--number", "x" * 65], 2, "--number"),
        (["add", "wx-eom"], 2, "--earned"),
    ],
)
def test_a_bad_add_is_refused_and_writes_nothing(
    w: Any, isolated: Path, args: list[str], code: int, message: str
) -> None:
    result = w(*args)
    assert result.exit_code == code
    assert message in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert not (isolated / "wallet.sqlite3").exists()


def test_adding_a_credential_twice_is_refused_unless_replaced(w: Any) -> None:
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    assert w(*ce_args()).exit_code == 0
    again = w("add", "wx-eom", "--earned", "2022-01-01")
    assert again.exit_code == 1 and "already holds wx-eom" in again.stderr
    assert held(w)[0]["earned"] == "2021-06-15"
    assert w("add", "wx-eom", "--earned", "2022-01-01", "--replace").exit_code == 0
    assert held(w)[0]["earned"] == "2022-01-01" and len(entries(w)) == 1


def test_remove_refuses_to_lose_ce_and_reports_what_is_missing(w: Any) -> None:
    missing = w("remove", "wx-eom")
    assert missing.exit_code == 1 and "holds no wx-eom" in missing.stderr
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    assert w(*ce_args()).exit_code == 0
    refused = w("remove", "wx-eom")
    assert refused.exit_code == 1 and "1 CE entry" in refused.stderr
    assert len(held(w)) == 1 and len(entries(w)) == 1
    assert w("remove", "WXA", "--with-ce").exit_code == 0
    assert held(w) == [] and entries(w) == []


def test_people_are_kept_apart_and_matched_ignoring_case(w: Any) -> None:
    assert w("add", "wx-eom", "--earned", "2021-06-15", "--person", "Maria").exit_code == 0
    assert w("add", "wx-plain", "--earned", "2022-01-01", "--person", "maria").exit_code == 0
    assert w("add", "wx-plain", "--earned", "2023-01-01").exit_code == 0
    everyone = w("list", "--all", "--format", "json").json()["data"]["people"]
    assert [(p["name"], [c["track"] for c in p["credentials"]]) for p in everyone] == [
        ("Maria", ["wx-eom", "wx-plain"]),
        ("me", ["wx-plain"]),
    ]
    nobody = w("list", "--person", "Bob")
    assert nobody.exit_code == 1
    assert "nobody called 'Bob'" in nobody.stderr and "Maria, me" in nobody.stderr


# CE


def test_ce_add_records_the_entry_with_the_category_id(w: Any) -> None:
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    result = w(
        *ce_args(category="Administrative", points="2.5"),
        "--provider",
        "LabCE",
        "--approved-by",
        "WFB",
    )
    assert result.exit_code == 0, result.stderr
    assert "Added CE entry 1" in result.stderr and result.stdout == ""
    (e,) = entries(w)
    assert (e["category"], e["points"], e["provider"], e["approved_by"]) == (
        "administrative",
        2.5,
        "LabCE",
        "WFB",
    )


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"points": "-3"}, 2, "--points: -3 is not more than 0"),
        ({"points": "0"}, 2, "--points: 0 is not more than 0"),
        ({"points": "nan"}, 2, "not a number of points"),
        ({"points": "5000"}, 2, "over 1000 points"),
        ({"points": "two"}, 2, "two"),
        (
            {"category": "ethics"},
            2,
            "'ethics' is not a CE category of wx-eom; choose one of: "
            "administrative, clinical, general",
        ),
        ({"date": "2023-02-29"}, 2, "--date: '2023-02-29' is not a real date"),
        ({"date": "2999-01-01"}, 2, "--date: 2999-01-01 is in the future"),
        ({"title": "   "}, 2, "--title: must not be empty"),
        ({"title": "two\nlines"}, 2, "--title: must be one line"),
        # a bidi isolate would be stored, then refused by `wallet import` of its own export
        (
            {"title": "\u2066Flu shots\u2069"},
            2,
            "--title: must be one line without control characters (found \\u2066)",
        ),
        (
            {"provider": "Clinic \u202eevil"},
            2,
            "--provider: must be one line without control characters (found \\u202e)",
        ),
        ({"track": "wx-plain", "category": "general"}, 1, "'me' holds no wx-plain"),
        ({"track": "wx-bogus"}, 1, "unknown track 'wx-bogus'"),
    ],
)
def test_a_bad_ce_entry_is_refused_and_writes_nothing(
    w: Any, isolated: Path, change: dict[str, str], code: int, message: str
) -> None:
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    before = hashlib.sha256((isolated / "wallet.sqlite3").read_bytes()).hexdigest()
    result = w(*ce_args(**change))
    assert result.exit_code == code, result.stderr
    assert message in result.stderr and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert hashlib.sha256((isolated / "wallet.sqlite3").read_bytes()).hexdigest() == before
    assert entries(w) == []


def test_a_credential_without_categories_takes_general_only(w: Any) -> None:
    assert w("add", "wx-plain", "--earned", "2022-01-01").exit_code == 0
    assert w(*ce_args(track="wx-plain", category="General")).exit_code == 0
    refused = w(*ce_args(track="wx-plain", category="clinical"))
    assert refused.exit_code == 2 and "choose one of: general" in refused.stderr
    assert [e["category"] for e in entries(w)] == ["general"]


def test_a_certificate_is_copied_with_its_sha256(w: Any, isolated: Path, tmp_path: Path) -> None:
    cert = tmp_path / "flu.pdf"
    cert.write_bytes(b"%PDF-1.4 certificate")
    sha = hashlib.sha256(b"%PDF-1.4 certificate").hexdigest()
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    assert w(*ce_args(), "--certificate", str(cert)).exit_code == 0
    (e,) = entries(w)
    assert (e["certificate_sha256"], e["certificate_name"]) == (sha, "flu.pdf")
    assert (isolated / "certificates" / f"{sha}.pdf").read_bytes() == cert.read_bytes()
    missing = w(*ce_args(), "--certificate", str(tmp_path / "nope.pdf"))
    assert missing.exit_code == 2 and "nope.pdf: no such file" in missing.stderr
    assert len(entries(w)) == 1


def test_ce_list_filters_and_ce_remove_takes_the_id(w: Any) -> None:
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    assert w("add", "wx-plain", "--earned", "2022-01-01").exit_code == 0
    assert w(*ce_args(title="B", date="2023-05-01")).exit_code == 0
    assert w(*ce_args(title="A", date="2023-01-01")).exit_code == 0
    assert w(*ce_args(track="wx-plain", category="general", title="P")).exit_code == 0
    assert [e["title"] for e in entries(w)] == ["A", "P", "B"]  # by date
    only = w("ce", "list", "--credential", "WXP", "--format", "csv")
    assert only.exit_code == 0
    assert only.stdout.splitlines()[0].startswith("person,id,track,date,points,category,title")
    assert len(only.stdout.splitlines()) == 2 and ",wx-plain," in only.stdout
    assert w("ce", "remove", "1").exit_code == 0
    assert [e["title"] for e in entries(w)] == ["A", "P"]
    gone = w("ce", "remove", "1")
    assert gone.exit_code == 1 and "no CE entry 1" in gone.stderr
    assert w("ce", "remove", "2", "--person", "someone").exit_code == 1
    assert len(entries(w)) == 2


# The store's file


def test_a_foreign_file_at_the_wallet_path_is_never_overwritten(w: Any, isolated: Path) -> None:
    isolated.mkdir(parents=True, exist_ok=True)
    path = isolated / "wallet.sqlite3"
    path.write_bytes(b"my own notes, not a database\n" * 40)
    before = path.read_bytes()
    for args in (["add", "wx-eom", "--earned", "2021-06-15"], ["list"], ["status"]):
        result = w(*args)
        assert result.exit_code == 1
        assert f"{path}: not a certadvisor wallet" in result.stderr
        assert "never overwrites" in result.stderr
    assert path.read_bytes() == before


def test_path_and_backup(w: Any, run: Any, isolated: Path, tmp_path: Path) -> None:
    shown = run("wallet", "path")
    assert shown.exit_code == 0 and shown.stdout.strip() == str(isolated / "wallet.sqlite3")
    assert "No wallet there yet" in shown.stderr
    copy = tmp_path / "copy.sqlite3"
    nothing = w("backup", str(copy))
    assert nothing.exit_code == 1 and "no wallet yet" in nothing.stderr and not copy.exists()
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    done = w("backup", str(copy))
    assert done.exit_code == 0 and "Saved a copy" in done.stderr
    again = w("backup", str(copy))
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert w("backup", str(copy), "--force").exit_code == 0
    restored = run("--data", str(FIXTURE), "wallet", "list", "--format", "json")
    assert restored.exit_code == 0
    import sqlite3

    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT track FROM credential").fetchall() == [("wx-eom",)]
    conn.close()


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["list"], "wallet list"),
        (["ce", "list"], "wallet ce list"),
        (["status", "--as-of", "2024-01-01"], "wallet status"),
        (["export"], "wallet export"),
        (["calendar", "--as-of", "2024-01-01"], "wallet calendar"),
    ],
)
def test_every_report_has_the_json_envelope(w: Any, args: list[str], command: str) -> None:
    assert w("add", "wx-eom", "--earned", "2021-06-15").exit_code == 0
    result = w(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == ENVELOPE and doc["command"] == command
    assert doc["schema_version"] == 1 and doc["data_as_of"]


def test_status_on_an_earlier_date_counts_only_what_had_happened_by_then(w: Any) -> None:
    """`--as-of` is the wallet as it stood that day: later CE and payments are not counted."""
    assert w("add", "rma-amt", "--earned", "2024-05-10").exit_code == 0
    for day, points in (("2025-11-03", "2"), ("2026-05-01", "3")):
        added = w("ce", "add", "--credential", "rma-amt", "--points", points,
                  "--category", "general", "--date", day, "--title", f"CE of {day}")  # fmt: skip
        assert added.exit_code == 0, added.stderr
    assert w("pay", "rma-amt", "--annual-fee", "2026-05-01", "--due", "2026-05-10").exit_code == 0

    def on(day: str) -> dict[str, Any]:
        shown = w("status", "--as-of", day, "--format", "json")
        assert shown.exit_code == 0, shown.stderr
        cred: dict[str, Any] = shown.json()["data"]["people"][0]["credentials"][0]
        return cred

    before = on("2025-12-01")
    assert (before["ce"]["counted"], before["ce"]["entries"]) == (2.0, 1)
    assert before["fees_paid"] == []
    after = on("2026-06-01")
    assert (after["ce"]["counted"], after["ce"]["entries"]) == (5.0, 2)
    assert [p["due"] for p in after["fees_paid"]] == ["2026-05-10"]
