"""Calendars that update in place: stable UIDs, DTSTAMP the time of writing, SEQUENCE growing.

Each file is read by two parsers, icalendar and vobject, as two calendar apps would.
"""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import vobject
from icalendar import Calendar

FX = str(Path(__file__).parent / "fixtures" / "guidance_catalog.yaml")
pytestmark = pytest.mark.usefixtures("wallet_cache")


def _plan(run: Any, out: Path, exam: str) -> dict[str, dt.date]:
    args = ["--data", FX, "plan", "fx-lab", "--exam-date", exam, "--start", "2026-01-15"]
    result = run(*args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return _starts(out)


def _starts(path: Path) -> dict[str, dt.date]:
    """UID -> start date, as icalendar reads the file; vobject must read the same."""
    cal = Calendar.from_ical(path.read_bytes())
    by_icalendar = {str(e["UID"]): e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    parsed = vobject.readOne(path.read_text(encoding="utf-8"))
    by_vobject = {e.uid.value: e.dtstart.value for e in parsed.vevent_list}
    assert by_vobject == by_icalendar
    return by_icalendar


def _field(path: Path, name: str) -> set[str]:
    cal = Calendar.from_ical(path.read_bytes())
    return {str(e[name].to_ical().decode()) for e in cal.walk("VEVENT")}


def test_a_moved_exam_replaces_its_events(run: Any, tmp_path: Path) -> None:
    first = _plan(run, tmp_path / "a.ics", "2026-06-01")
    moved = _plan(run, tmp_path / "b.ics", "2026-06-15")
    exam = "plan-fx-lab-exam@certadvisor"
    assert (first[exam], moved[exam]) == (dt.date(2026, 6, 1), dt.date(2026, 6, 15))
    milestones = {uid for uid in first if "-week-" not in uid}
    assert milestones <= set(moved)  # every milestone of the first import is updated
    assert not any("2026" in uid for uid in first)


def test_dtstamp_is_the_time_of_writing(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _plan(run, tmp_path / "a.ics", "2026-06-01")
    after = dt.datetime.now(dt.UTC)
    parsed = vobject.readOne((tmp_path / "a.ics").read_text(encoding="utf-8"))
    stamps = {e.dtstamp.value for e in parsed.vevent_list}
    assert len(stamps) == 1
    (stamp,) = stamps
    assert before <= stamp <= after


def test_source_date_epoch_fixes_the_bytes(run: Any, tmp_path: Path) -> None:
    _plan(run, tmp_path / "a.ics", "2026-06-01")
    _plan(run, tmp_path / "b.ics", "2026-06-01")
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()
    assert _field(tmp_path / "a.ics", "DTSTAMP") == {"20261126T120000Z"}


def test_sequence_grows_with_a_later_export(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plan(run, tmp_path / "a.ics", "2026-06-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795698000")  # an hour later
    _plan(run, tmp_path / "b.ics", "2026-06-15")
    (old,) = _field(tmp_path / "a.ics", "SEQUENCE")
    (new,) = _field(tmp_path / "b.ics", "SEQUENCE")
    assert int(new) == int(old) + 3600 > 0


def test_wallet_calendar_uids_name_person_track_and_deadline(w: Any, tmp_path: Path) -> None:
    assert w("add", "wx-eom", "--earned", "2020-06-15", "--person", "Ana").exit_code == 0
    out = tmp_path / "d.ics"
    result = w("calendar", "--person", "Ana", "--as-of", "2026-01-01", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    uids = set(_starts(out))
    assert uids and all(u.startswith("wallet-") and "-wx-eom-" in u for u in uids)
    assert not any("2026" in u or "2027" in u for u in uids)
    assert _field(out, "DTSTAMP") == {"20261126T120000Z"}


def test_an_empty_wallet_calendar_is_refused(w: Any, tmp_path: Path) -> None:
    out = tmp_path / "d.ics"
    result = w("calendar", "-o", str(out))
    assert result.exit_code == 1
    assert "nothing to put in the calendar" in result.stderr
    assert "wallet add" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_an_empty_wallet_still_answers_in_json(w: Any) -> None:
    result = w("calendar", "--format", "json")
    assert result.exit_code == 0
    assert all(not p["deadlines"] for p in result.json()["data"]["people"])
