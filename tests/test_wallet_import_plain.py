"""An import's fast path checks people, credentials, renewals, fees and checklist marks without
Pydantic, and finds keys written twice by counting the file's quotes. Whatever it takes, the
models would take unchanged; whatever it doubts goes to the models, worded as it always was.
"""

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from certadvisor.catalog.json_io import load_json
from certadvisor.cli.commands.wallet_options import rules_lookup
from certadvisor.errors import InvalidInputError
from certadvisor.render.output import SCHEMA_VERSION, envelope
from certadvisor.wallet import ce
from certadvisor.wallet.documents import WalletRecords
from certadvisor.wallet.import_check import _person_record, parse_import
from certadvisor.wallet.plain_people import Tally, count_strings, plain_people
from certadvisor.wallet.plain_records import CheckedPeople, fast_json, fast_json_counted
from certadvisor.wallet.store import open_store
from pydantic_probe import run_probed
from wallet_helpers import WALLET_CATALOG

TODAY = dt.date(2026, 6, 30)
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("wallet_cache")


def mostly(valid: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]) -> Any:
    """Valid nine times in ten, so whole records often pass and one field is under test."""
    return st.integers(0, 9).flatmap(lambda pick: hostile if pick == 0 else valid)


_day = mostly(
    st.dates(max_value=TODAY).map(dt.date.isoformat),
    st.sampled_from(["2026-07-01", "2023-02-29", " 2024-01-01", "2024-1-01", "٢٠٢٤-01-01", 3]),
)
_stamp = mostly(
    st.sampled_from([None, "2026-01-02T03:04:05Z"]),
    st.sampled_from(["2026-01-02T03:04:05", "2026-01-02 03:04:05Z", 1, ""]),
)
_track = mostly(
    st.sampled_from(["wx-eom", "wx-plain", "a" * 64]),
    st.sampled_from(["WX", "-x", "a" * 65, "wx eom", "", 5, None]),
)
_text = mostly(
    st.sampled_from(["Ana", "José Ñ", "x" * 64, 'Say "hi"']),
    st.sampled_from([" Ana", "", "   ", "a\tb", "x" * 101, "\u202e", 1, None]),
)
_money = mostly(
    st.one_of(st.none(), st.floats(0, 100_000)),
    st.sampled_from([-1.0, 100_000.5, 5, True, "5", float("inf")]),
)
_count = mostly(st.integers(0, 1000), st.sampled_from([-1, 1001, True, 1.0, "1"]))
_step = mostly(st.integers(1, 1000), st.sampled_from([0, 1001, False, 2.0]))


def _maybe(fields: dict[str, Any], optional: tuple[str, ...]) -> Any:
    """The record, some optional keys left out, now and then an unknown one added."""
    return st.tuples(
        st.fixed_dictionaries(fields),
        mostly(st.just(set()), st.sets(st.sampled_from(optional), min_size=1))
        if optional
        else st.just(set()),
        mostly(st.just({}), st.just({"colour": "red"})),
    ).map(lambda t: {**{k: v for k, v in t[0].items() if k not in t[1]}, **t[2]})


_renewal = _maybe(
    {
        "cycle_index": _count,
        "start": _day,
        "end": _day,
        "filed": _day,
        "fee": _money,
        "next_start": _day,
        "next_end": _day,
        "recorded_at": _stamp,
    },
    ("fee", "recorded_at", "start"),
)
_fee = _maybe(
    {"due": _day, "paid": _day, "amount": _money, "recorded_at": _stamp},
    ("amount", "recorded_at", "paid"),
)
_credential = _maybe(
    {
        "track": _track,
        "earned": _day,
        "number": st.one_of(st.none(), _text),
        "added_at": _stamp,
        "ce": st.just([]),
        "renewals": st.lists(_renewal, max_size=2),
        "fees_paid": st.lists(_fee, max_size=2),
    },
    ("number", "added_at", "ce", "renewals", "fees_paid", "earned"),
)
_mark = _maybe({"track": _track, "steps": st.lists(_step, max_size=3)}, ())
_person = _maybe(
    {
        "name": _text,
        "credentials": st.lists(_credential, max_size=2),
        "checklist": st.lists(_mark, max_size=2),
    },
    ("credentials", "checklist", "name"),
)
_data = _maybe(
    {
        "format": mostly(st.just("certadvisor-wallet"), st.sampled_from(["other", 1])),
        "version": mostly(st.just(1), st.sampled_from([2, True, 1.0, "1"])),
        "exported_at": mostly(st.sampled_from([None, "2026-06-01T00:00:00Z"]), st.just(5)),
        "people": st.lists(_person, max_size=2),
    },
    ("format", "version", "exported_at"),
)


def assert_the_models_agree(data: dict[str, Any]) -> None:
    """When the plain check takes ``data``, the models take it and build the same records."""
    tally = Tally()
    fast = plain_people(data, TODAY, tally)
    if fast is None:
        return
    found = WalletRecords.model_validate(data, context={"today": TODAY})  # never refuses
    built = [_person_record(person).model_dump() for person, _ in fast]
    assert built == [p.model_dump() for p in found.people]
    assert tally.strings == count_strings(data)  # every string seen, for the quotes' count


@settings(max_examples=500, deadline=None)
@given(_data)
def test_what_the_plain_check_takes_the_models_take_unchanged(data: dict[str, Any]) -> None:
    assert_the_models_agree(data)


@settings(max_examples=500, deadline=None)
@given(_credential, st.lists(_mark, max_size=1))
def test_what_the_plain_check_takes_of_a_credential_the_models_take_unchanged(
    credential: dict[str, Any], marks: list[Any]
) -> None:
    assert_the_models_agree(
        {"people": [{"name": "me", "credentials": [credential], "checklist": marks}]}
    )


def test_a_record_the_models_refuse_or_change_is_never_taken() -> None:
    late = {"name": "me", "credentials": [{"track": "wx-eom", "earned": "2026-07-01"}]}
    for person in (late, {"name": "me", "checklist": [{"track": "x"}]}):
        with pytest.raises(ValidationError):
            WalletRecords.model_validate({"people": [person]}, context={"today": TODAY})
        assert plain_people({"people": [person]}, TODAY, Tally()) is None
    padded = {
        "people": [
            {
                "name": " me",
                "credentials": [{"track": "wx-eom", "earned": "2021-06-15", "number": "A1 "}],
            }
        ]
    }
    assert WalletRecords.model_validate(padded).people[0].name == "me"  # trimmed: changed
    assert plain_people(padded, TODAY, Tally()) is None


# A whole file: two people, renewals, payments, checklist marks and a certificate.
CE_ENTRY: dict[str, Any] = {
    "date": "2023-01-01",
    "points": 2.0,
    "category": "clinical",
    "title": "Course",
    "provider": "Hospital CE",
    "approved_by": None,
    "certificate": None,
    "added_at": "2023-01-02T00:00:00Z",
}
CERTIFIED = {**CE_ENTRY, "certificate": {"sha256": "b" * 64, "name": "cert.pdf"}}
CREDENTIAL: dict[str, Any] = {
    "track": "wx-eom",
    "earned": "2021-06-15",
    "number": "A1",
    "added_at": "2021-06-16T00:00:00Z",
    "ce": [CE_ENTRY, CERTIFIED],
    "renewals": [
        {
            "cycle_index": 0,
            "start": "2021-06-15",
            "end": "2022-06-30",
            "filed": "2022-06-01",
            "fee": 100.0,
            "next_start": "2022-07-01",
            "next_end": "2023-06-30",
            "recorded_at": "2022-06-01T00:00:00Z",
        }
    ],
    "fees_paid": [{"due": "2022-06-30", "paid": "2022-06-01", "amount": None, "recorded_at": None}],
}
PEOPLE: list[dict[str, Any]] = [
    {
        "name": "me",
        "credentials": [CREDENTIAL],
        "checklist": [{"track": "wx-eom", "steps": [1, 3]}],
    },
    {"name": "Ana", "credentials": [], "checklist": []},
]


def export_text(people: list[dict[str, Any]]) -> str:
    """A file as `wallet export` writes it."""
    data = {"format": "certadvisor-wallet", "version": 1, "exported_at": None, "people": people}
    doc = envelope("wallet export", "2026-01-01", data)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from certadvisor import catalog

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CERTADVISOR_CACHE", str(tmp_path_factory.getbasetemp() / "wcache"))
        return rules_lookup(catalog.load([WALLET_CATALOG]))


def read(text: str, rules: Any) -> list[Any]:
    return parse_import(
        text.encode(), "wallet.json", rules, envelope_version=SCHEMA_VERSION, today=TODAY
    )


def careful_message(text: str) -> str:
    """What the careful reader says of the file (`load_json`)."""
    with pytest.raises(InvalidInputError) as exc:
        load_json(text.encode(), "wallet.json")
    return exc.value.message


@pytest.mark.parametrize(
    "title", ["Course", 'He said "hi"', 'a ":" b', "{ } [ ] , :", "back\\slash", "Ünïcode ✓"]
)
def test_a_plain_export_takes_the_fast_path_whatever_its_text(title: str, rules: Any) -> None:
    people = json.loads(json.dumps(PEOPLE))
    people[0]["credentials"][0]["ce"][1]["title"] = title
    people[0]["credentials"][0]["number"] = title
    text = export_text(people)
    fast = read(text, rules)
    assert isinstance(fast, CheckedPeople)
    assert fast.ce_rows[0][0][1][3] == title
    assert fast[0].credentials[0].number == title


# (the key written twice, the text it follows): at every depth of a file
TWINS = [
    ('"command": "wallet export",', '"schema_version": 1,'),
    ('"version": 1,', '"format": "certadvisor-wallet",'),
    ('"name": "Ana",', '"name": "Ana",'),
    ('"track": "wx-eom",', '"track": "wx-eom",'),
    ('"number": "A2",', '"number": "A1",'),
    ('"fee": 5.0,', '"fee": 100.0,'),
    ('"amount": 1.0,', '"amount": null,'),
    ('"steps": [2],', None),
    ('"title": "Other",', '"title": "Course",'),
    ('"name": "other.pdf",', '"sha256": "' + "b" * 64 + '",'),
]


@pytest.mark.parametrize(("twin", "after"), TWINS)
def test_a_key_written_twice_anywhere_is_refused_in_the_careful_words(
    twin: str, after: str | None, rules: Any
) -> None:
    text = export_text(PEOPLE)
    assert after is None or after in text
    if after is None:  # before the key itself
        doubled = text.replace(twin.split(":")[0], twin + " " + twin.split(":")[0], 1)
    else:
        doubled = text.replace(after, after + " " + twin, 1)
    assert "\\" not in doubled  # the quotes are counted, no hook looks at each object
    assert fast_json(doubled.encode()) is None
    with pytest.raises(InvalidInputError) as exc:
        read(doubled, rules)
    assert exc.value.message == careful_message(doubled)
    assert "appears twice" in exc.value.message


def test_the_quotes_are_counted_only_without_a_backslash() -> None:
    plain = export_text(PEOPLE).encode()
    assert fast_json_counted(plain)[1] == plain.count(b'"')
    escaped = export_text([{"name": 'Ana "A"'}]).encode()
    doc, quotes = fast_json_counted(escaped)
    assert quotes is None and doc["data"]["people"][0]["name"] == 'Ana "A"'


def test_a_fast_import_stores_what_the_models_store(
    rules: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from certadvisor.wallet.transfer import import_records

    # what the file leaves unstamped is stamped "now": one instant for both imports, so that
    # a second ticking over between them is not a difference
    monkeypatch.setattr("certadvisor.wallet.transfer.now_stamp", lambda: "2026-06-30T12:00:00Z")
    text = export_text(PEOPLE)
    careful = WalletRecords.model_validate(json.loads(text)["data"], context={"today": TODAY})
    dumps = []
    for name, people in (("fast", read(text, rules)), ("models", careful.people)):
        with open_store(tmp_path / name / "wallet.sqlite3") as store:
            import_records(store, people)
        conn = sqlite3.connect(tmp_path / name / "wallet.sqlite3")
        tables = ("credential", "ce_entry", "renewal", "fee_payment", "checklist_mark")
        dumps.append([conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables])
        conn.close()
    assert dumps[0] == dumps[1]
    assert dumps[0][1][1][8:10] == ("b" * 64, "cert.pdf")


def test_no_text_is_null_and_no_text_is_ever_taken_for_it(tmp_path: Path) -> None:
    with open_store(tmp_path / "wallet.sqlite3") as store, store.transaction() as conn:
        pid = store.person_id(conn, "me", create=True)
        cid = conn.execute(
            "INSERT INTO credential (person_id, track, earned, added_at) "
            "VALUES (?, 'wx-eom', '2021-06-15', 'x')",
            (pid,),
        ).lastrowid
        row = ("2023-01-01", 1.0, "general", "T")
        ce.insert_ce_rows(
            conn,
            [
                (cid, *row, ce.NO_TEXT, None, ce.NO_TEXT, None, "2023-01-02T00:00:00Z"),
                (cid, *row, "0", "", "0" * 64, "0", "2023-01-02T00:00:00Z"),
            ],
        )
        got = conn.execute(
            "SELECT provider, approved_by, certificate_sha256, certificate_name "
            "FROM ce_entry ORDER BY id"
        ).fetchall()
    assert got == [(None, None, None, None), ("0", "", "0" * 64, "0")]


# Whole processes: the console script on a warm catalog cache, with the plain models.


def _run(home: Path, *args: str, pydantic: bool = False) -> tuple[int, str, str, bool]:
    return run_probed(home, "--data", str(WALLET_CATALOG), *args, pydantic=pydantic)


def test_a_warm_import_needs_no_pydantic_and_a_bad_file_is_worded_as_ever(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    assert _run(home, "tracks")[0] == 0  # fills the catalog cache
    good = tmp_path / "good.json"
    good.write_text(export_text(PEOPLE))
    code, _, err, loaded = _run(home, "wallet", "import", str(good))
    assert code == 0, err
    assert "2 CE entries" in err
    assert not loaded
    bad = tmp_path / "bad.json"
    bad.write_text(export_text(PEOPLE).replace('"points": 2.0', '"points": -2.0', 1))
    fresh = tmp_path / "fresh"
    assert _run(fresh, "tracks")[0] == 0
    code, out, err, loaded = _run(fresh, "wallet", "import", str(bad))
    assert (code, loaded) == (3, True)  # restarted with Pydantic's models before writing
    assert "ce[0].points: -2 is not more than 0" in err
    assert (code, out, err) == _run(fresh, "wallet", "import", str(bad), pydantic=True)[:3]
    assert not (fresh / "wallet.sqlite3").exists()


def test_rows_are_inserted_in_their_order_however_many(tmp_path: Path) -> None:
    with open_store(tmp_path / "wallet.sqlite3") as store, store.transaction() as conn:
        pid = store.person_id(conn, "me", create=True)
        cid = conn.execute(
            "INSERT INTO credential (person_id, track, earned, added_at) "
            "VALUES (?, 'wx-eom', '2021-06-15', 'x')",
            (pid,),
        ).lastrowid
        rows = [
            (cid, "2023-01-01", 0.5 + i, "general", f"T{i}", None, f"A{i}" if i % 3 else None)
            + (None, None, "2023-01-02T00:00:00Z")
            for i in range(2 * 90 + 5)  # two statements of many rows, five of one row each
        ]
        ce.insert_ce_rows(conn, rows)
        got = conn.execute(
            "SELECT credential_id, date, points, category, title, provider, approved_by, "
            "certificate_sha256, certificate_name, added_at FROM ce_entry ORDER BY id"
        ).fetchall()
    assert got == rows


@pytest.mark.parametrize("byte", [*range(0x20), 0x7F])
def test_a_control_byte_anywhere_is_left_to_the_careful_reader(byte: int, rules: Any) -> None:
    text = export_text(PEOPLE)
    inside, between = '"title": "Cou' + chr(byte) + 'rse"', '"title":' + chr(byte) + ' "Course"'
    for where in (inside, between) if byte not in (0x09, 0x0A) else (inside,):
        raw = text.replace('"title": "Course"', where, 1)
        assert fast_json(raw.encode()) is None
        try:
            load_json(raw.encode(), "wallet.json")
        except InvalidInputError as careful:
            with pytest.raises(InvalidInputError) as exc:
                read(raw, rules)
            assert exc.value.message == careful.message
        else:  # a carriage return between tokens: the careful reader takes it
            assert not isinstance(read(raw, rules), CheckedPeople)
