"""`wallet status`, `wallet calendar` and `wallet export` as a user reads them."""

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from wallet_helpers import WALLET_CATALOG, ce_args

FIXTURE = WALLET_CATALOG
AS_OF = "2026-01-01"
pytestmark = pytest.mark.usefixtures("wallet_cache")


@pytest.fixture
def filled(w: Any) -> Any:
    """One person with a rule-rich credential, an unverified one and one with no known cycle."""
    for args in (
        ["add", "wx-eom", "--earned", "2020-06-15", "--number", "N-1"],
        ["add", "wx-plain", "--earned", "2024-03-10"],
        ["add", "wx-nocycle", "--earned", "2020-01-01"],
    ):
        assert w(*args).exit_code == 0
    for cat, pts, day, by in (
        ("clinical", "20", "2022-01-01", "WFB"),
        ("administrative", "12", "2023-01-01", "other"),
        ("general", "50", "2021-01-01", "WFB"),
    ):  # before the cycle
        result = w(
            *ce_args(points=pts, category=cat, date=day, title=f"{cat} course"),
            "--approved-by",
            by,
        )
        assert result.exit_code == 0, result.stderr
    # a recertification recorded the old way, by moving the date earned: CE stays before it
    assert (
        w("add", "wx-eom", "--earned", "2021-06-15", "--number", "N-1", "--replace").exit_code == 0
    )
    assert w("pay", "wx-eom", "--annual-fee", "2025-06-10").exit_code == 0
    return w


def status(w: Any, *args: str) -> dict[str, Any]:
    result = w("status", "--as-of", AS_OF, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return dict(result.json()["data"])


def test_status_json_has_the_cycle_ce_fees_window_and_next_action(filled: Any) -> None:
    data = status(filled)
    assert data["as_of"] == AS_OF
    creds = {c["track"]: c for c in data["people"][0]["credentials"]}
    eom = creds["wx-eom"]
    assert (eom["cycle"]["start"], eom["cycle"]["end"], eom["cycle"]["days_left"]) == (
        "2021-06-15",
        "2026-06-30",
        180,
    )
    ce = eom["ce"]
    assert (ce["counted"], ce["required"], ce["entries"]) == (32, 60, 2)  # no rollover
    assert {c["id"]: c["short"] for c in ce["categories"]} == {
        "administrative": 0,
        "clinical": 0,
        "general": 10,
    }
    assert (ce["approved"], ce["approved_short"], ce["needed"]) == (20, 10, 28)
    assert eom["annual_fees"][0]["due"] == "2026-06-15"
    assert eom["submit_window"]["opens"] == "2026-04-01"
    assert eom["late_rules"][0]["grace_end"] == "2026-09-28"
    assert eom["next_action"] == {
        "text": "Renewal filing opens",
        "detail": "first earn 28 more CEUs (General 10; 10 approved by WFB)",
        "date": "2026-04-01",
        "days": 90,
        "urgency": "soon",
    }
    assert creds["wx-nocycle"]["cycle"]["end"] is None
    assert creds["wx-nocycle"]["next_action"]["urgency"] == "unknown"


def test_status_table_marks_unverified_and_unknown_rules(
    filled: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = filled("status", "--as-of", AS_OF)
    assert result.exit_code == 0
    out = result.stdout
    lines = out.splitlines()
    plain = next(i for i, line in enumerate(lines) if line.startswith("WXP"))
    cycle = next(line for line in lines[plain:] if line.startswith("Cycle"))
    assert "? [" in cycle and "assumed ?" in cycle
    assert "unknown: the catalog does not know the renewal cycle" in out
    assert "Renewal fee $100–$120 ? [" in out
    assert "Annual fee $40 ● [" in out
    assert "Markers: ● official" in out and "https://wx.example/renew" in out
    assert "\x1b[" not in out


@pytest.mark.parametrize("width", [80, 160])
def test_status_fits_the_terminal_width(
    filled: Any, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for args in (["status", "--as-of", AS_OF], ["list"], ["ce", "list"]):
        result = filled(*args)
        assert result.exit_code == 0
        too_long = [
            line
            for line in result.stdout.splitlines()
            if len(line.rstrip()) > width and not line.startswith("[")
        ]
        assert too_long == [], args


def test_next_action_is_coloured_by_urgency(
    filled: Any, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from certadvisor import catalog
    from certadvisor.cli.commands.wallet_options import rules_lookup
    from certadvisor.render.console import THEME
    from certadvisor.render.wallet_status import status_rendering
    from certadvisor.wallet.status import wallet_status
    from certadvisor.wallet.store import open_store

    loaded = catalog.load([FIXTURE])
    with open_store(isolated / "wallet.sqlite3", create=False) as store:
        result = wallet_status(store, rules_lookup(loaded), "me", dt.date(2026, 5, 20))
    monkeypatch.delenv("NO_COLOR")
    buf = io.StringIO()
    console = Console(
        file=buf, theme=THEME, force_terminal=True, color_system="standard", width=120
    )
    rendering = status_rendering(result, loaded.data_as_of)
    assert rendering.table is not None
    rendering.table(console)
    urgent = next(line for line in buf.getvalue().splitlines() if "File the renewal" in line)
    assert "\x1b[1;31m" in urgent  # bold red: filing closes in 11 days


def test_no_color_flag_and_env_give_plain_text(
    filled: Any, run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    result = run("--no-color", "--data", str(FIXTURE), "wallet", "status", "--as-of", AS_OF)
    assert result.exit_code == 0 and "\x1b[" not in result.stdout


def test_status_markdown_is_github_tables_with_sources(filled: Any) -> None:
    result = filled("status", "--as-of", AS_OF, "--format", "markdown")
    assert result.exit_code == 0
    tokens = MarkdownIt("commonmark").enable("table").parse(result.stdout)
    assert sum(t.type == "table_open" for t in tokens) >= 4
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[:3] == [
        "Credential status as of 2026-01-01",
        "me",
        "WXA — Wallet Fixture Assistant (wx-eom)",
    ]
    assert headings[-1] == "Sources"
    assert "<https://wx.example/ce>" in result.stdout
    again = filled("status", "--as-of", AS_OF, "--format", "markdown")
    assert again.stdout == result.stdout


def test_status_csv_has_a_row_per_credential(filled: Any) -> None:
    result = filled("status", "--as-of", AS_OF, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["track"] for r in rows] == ["wx-eom", "wx-nocycle", "wx-plain"]
    assert rows[0]["cycle_end"] == "2026-06-30" and rows[0]["urgency"] == "soon"
    assert rows[1]["cycle_end"] == "" and rows[1]["urgency"] == "unknown"


def test_status_of_everyone_and_of_an_unknown_person(filled: Any) -> None:
    assert filled("add", "wx-plain", "--earned", "2025-01-01", "--person", "Ana").exit_code == 0
    names = [p["name"] for p in status(filled, "--all")["people"]]
    assert names == ["Ana", "me"]
    unknown = filled("status", "--person", "Zed")
    assert unknown.exit_code == 1 and "People in the wallet: Ana, me" in unknown.stderr


@pytest.mark.parametrize("as_of", ["2026-13-01", "soon"])
def test_a_bad_as_of_is_a_usage_error(filled: Any, as_of: str) -> None:
    result = filled("status", "--as-of", as_of)
    assert result.exit_code == 2 and "--as-of" in result.stderr


# Calendar


def events(path: Path) -> dict[str, Any]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendar_has_one_event_per_deadline_with_alarms_still_to_come(
    filled: Any, tmp_path: Path
) -> None:
    out = tmp_path / "deadlines.ics"
    result = filled("calendar", "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0 and "saved to" in result.stderr and result.stdout == ""
    found = events(out)
    by_summary = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in found.values()}
    assert by_summary == {
        "WXA: annual fee due": dt.date(2026, 6, 15),
        "WXA: renewal filing opens": dt.date(2026, 4, 1),
        "WXA: last day to file the renewal": dt.date(2026, 5, 31),
        "WXA: credential expires unless renewed": dt.date(2026, 6, 30),
        "WXA: last day before the late rule for more than 90 days after expiry applies": dt.date(
            2026, 9, 28
        ),
        "WXP: credential expires unless renewed": dt.date(2026, 3, 9),
    }
    as_of = dt.date.fromisoformat(AS_OF)
    for event in found.values():
        triggers = sorted(-a.decoded("TRIGGER").days for a in event.walk("VALARM"))
        # every alarm still to come on the day the calendar was made, none already past
        day = event.decoded("DTSTART")
        assert triggers == [n for n in (7, 30, 60, 90) if day - dt.timedelta(days=n) >= as_of]
    expiry = next(e for e in found.values() if str(e["SUMMARY"]).startswith("WXP: credential"))
    assert sorted(-a.decoded("TRIGGER").days for a in expiry.walk("VALARM")) == [7, 30, 60]
    cycle_end = next(
        e for e in found.values() if "expires" in str(e["SUMMARY"]) and "WXP" in str(e["SUMMARY"])
    )
    assert "? Unverified" in str(cycle_end["DESCRIPTION"])


def test_calendar_uids_are_stable_so_a_reimport_updates(filled: Any, tmp_path: Path) -> None:
    first, second, later = (tmp_path / n for n in ("a.ics", "b.ics", "c.ics"))
    assert filled("calendar", "--as-of", AS_OF, "-o", str(first)).exit_code == 0
    assert filled("calendar", "--as-of", AS_OF, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    # a corrected earned date moves the events but keeps their UIDs
    assert filled("add", "wx-eom", "--earned", "2021-07-20", "--replace").exit_code == 0
    assert filled("calendar", "--as-of", "2026-02-01", "-o", str(later)).exit_code == 0
    a, c = events(first), events(later)
    moved = [uid for uid in a if "cycle-end" in uid and "wx-eom" in uid]
    assert moved and all(uid in c for uid in moved)
    assert a[moved[0]].decoded("DTSTART") == dt.date(2026, 6, 30)
    assert c[moved[0]].decoded("DTSTART") == dt.date(2026, 7, 31)


def test_calendar_to_stdout_is_ics_by_default(filled: Any) -> None:
    result = filled("calendar", "--as-of", AS_OF)
    assert result.exit_code == 0 and result.stdout.startswith("BEGIN:VCALENDAR")


# Export (csv and markdown; json round trips are in test_wallet_transfer)


def test_export_csv_has_a_row_per_ce_entry_and_per_bare_credential(filled: Any) -> None:
    result = filled("export", "--as-of", AS_OF, "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    eom = [r for r in rows if r["track"] == "wx-eom"]
    assert [(r["ce_date"], r["in_current_cycle"]) for r in eom] == [
        ("2021-01-01", "false"),
        ("2022-01-01", "true"),
        ("2023-01-01", "true"),
    ]
    assert [r["ce_date"] for r in rows if r["track"] == "wx-plain"] == [""]
    assert [r["in_current_cycle"] for r in rows if r["track"] == "wx-nocycle"] == [""]


def test_export_markdown_is_an_audit_record(filled: Any, tmp_path: Path) -> None:
    out = tmp_path / "record.md"
    assert filled("export", "--as-of", AS_OF, "-o", str(out)).exit_code == 0
    text = out.read_text()
    assert text.startswith("# Continuing-education record")
    assert "| 2022-01-01 | 20 | clinical | clinical course | — | WFB | — | yes |" in text
    assert (
        "current cycle 2021-06-15 to 2026-06-30, 60 months counted from the end of the month "
        "earned ● [" in text
    )
    assert "## Sources" in text


def test_export_refuses_a_table(filled: Any) -> None:
    result = filled("export", "--format", "table")
    assert result.exit_code == 2 and "'table' is not one of 'json', 'markdown'" in result.stderr


# Real data from the bundled catalog


def test_bundled_cma_counts_from_the_end_of_the_month(run: Any) -> None:
    assert run("wallet", "add", "CMA", "--earned", "2021-06-15").exit_code == 0
    bad = run(
        "wallet",
        *ce_args(track="CMA", points="1", category="phlebotomy", date="2022-01-01", title="x"),
    )
    assert bad.exit_code == 2 and "administrative, clinical, general" in bad.stderr
    result = run("wallet", "status", "--as-of", AS_OF, "--format", "json")
    (cma,) = result.json()["data"]["people"][0]["credentials"]
    assert cma["track"] == "cma-aama" and cma["cycle"]["end"] == "2026-06-30"
    assert cma["cycle"]["anchor_assumed"] is False
    assert cma["ce"]["approved_by"] == "AAMA"
