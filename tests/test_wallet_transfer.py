"""`wallet export` and `wallet import`: same data after a round trip, all or nothing."""

import datetime as dt
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certadvisor import catalog
from certadvisor.catalog.loader import LoadedCatalog
from certadvisor.cli.commands.wallet_options import rules_lookup
from certadvisor.errors import InvalidInputError
from certadvisor.render.output import SCHEMA_VERSION, envelope
from certadvisor.text import control_char
from certadvisor.wallet.documents import (
    CERecord,
    CertificateRef,
    ChecklistRecord,
    CredentialRecord,
    PersonRecord,
)
from certadvisor.wallet.store import open_store
from certadvisor.wallet.transfer import export_records, import_records, read_import
from wallet_helpers import WALLET_CATALOG, ce_args

FIXTURE = WALLET_CATALOG
pytestmark = pytest.mark.usefixtures("wallet_cache")


def read_file(path: Path, loaded: LoadedCatalog) -> list[PersonRecord]:
    """What `wallet import` reads from ``path``, checked against ``loaded``."""
    today = dt.date.today()
    return read_import(path, rules_lookup(loaded), envelope_version=SCHEMA_VERSION, today=today)


CATEGORIES = {
    "wx-eom": ["administrative", "clinical", "general"],
    "wx-plain": ["general"],
    "wx-nocycle": ["general"],
}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadedCatalog:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CERTADVISOR_CACHE", str(tmp_path_factory.getbasetemp() / "wcache"))
        return catalog.load([FIXTURE])


# Strategies: any wallet the commands could have written.

text = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30)
    .map(str.strip)
    .filter(lambda s: bool(s) and control_char(s, one_line=True) is None)
)
days = st.dates(dt.date(1995, 1, 1), dt.date(2025, 12, 31))


@st.composite
def ce_records(draw: st.DrawFn, track: str) -> CERecord:
    cert = draw(
        st.none()
        | st.builds(
            lambda b, n: CertificateRef(sha256=hashlib.sha256(b).hexdigest(), name=n),
            st.binary(max_size=8),
            text,
        )
    )
    return CERecord(
        date=draw(days),
        points=draw(st.floats(0.01, 1000, allow_nan=False, allow_infinity=False)),
        category=draw(st.sampled_from(CATEGORIES[track])),
        title=draw(text),
        provider=draw(st.none() | text),
        approved_by=draw(st.none() | text),
        certificate=cert,
    )


@st.composite
def people(draw: st.DrawFn) -> list[PersonRecord]:
    names = draw(st.lists(text, min_size=1, max_size=3, unique_by=str.casefold))
    out = []
    for name in names:
        tracks = draw(st.lists(st.sampled_from(sorted(CATEGORIES)), max_size=3, unique=True))
        creds = [
            CredentialRecord(
                track=t,
                earned=draw(days),
                number=draw(st.none() | text.map(lambda s: s[:64])),
                ce=draw(st.lists(ce_records(t), max_size=4)),
            )
            for t in tracks
        ]
        marks = [
            ChecklistRecord(
                track=t,
                steps=draw(st.lists(st.integers(1, 20), min_size=1, max_size=4, unique=True)),
            )
            for t in draw(st.lists(st.sampled_from(sorted(CATEGORIES)), max_size=2, unique=True))
        ]
        out.append(PersonRecord(name=name, credentials=creds, checklist=marks))
    return out


def normalised(records: list[PersonRecord]) -> list[dict[str, Any]]:
    """What a store gives back: people by name, tracks sorted, CE by date, no timestamps."""
    out = []
    for p in sorted(records, key=lambda p: p.name.casefold()):
        creds = []
        for c in sorted(p.credentials, key=lambda c: c.track):
            ce = [
                r.model_dump(mode="json", exclude={"added_at"})
                for r in sorted(c.ce, key=lambda r: r.date)
            ]
            creds.append({**c.model_dump(mode="json", exclude={"added_at", "ce"}), "ce": ce})
        marks = sorted((m.track, sorted(m.steps)) for m in p.checklist)
        out.append({"name": p.name, "credentials": creds, "checklist": marks})
    return out


def export_file(folder: Path, records: list[PersonRecord]) -> Path:
    data = {
        "format": "certadvisor-wallet",
        "version": 1,
        "exported_at": "x",
        "people": [p.model_dump(mode="json") for p in records],
    }
    path = folder / "wallet.json"
    path.write_text(json.dumps(envelope("wallet export", None, data), indent=2))
    return path


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(original=people())
def test_export_then_import_gives_back_the_same_data(
    loaded: LoadedCatalog, original: list[PersonRecord]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(folder / "a" / "wallet.sqlite3") as a:
            import_records(a, original)
            first = export_records(a, None)
        assert normalised(first) == normalised(original)
        path = export_file(folder, first)
        with open_store(folder / "b" / "wallet.sqlite3") as b:
            import_records(
                b,
                read_file(path, loaded),
            )
            second = export_records(b, None)
            # importing the same file again adds nothing
            again = import_records(
                b,
                read_file(path, loaded),
            )
            assert (again.credentials, again.ce, again.checklist_marks) == (0, 0, 0)
            assert export_records(b, None) == second
        assert [p.model_dump(mode="json") for p in second] == [
            p.model_dump(mode="json") for p in first
        ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(original=people(), data=st.data())
def test_one_bad_record_means_nothing_is_imported(
    loaded: LoadedCatalog, original: list[PersonRecord], data: st.DataObject
) -> None:
    doc = {
        "format": "certadvisor-wallet",
        "version": 1,
        "people": [p.model_dump(mode="json") for p in original],
    }
    places = [
        (pi, ci, ei)
        for pi, p in enumerate(doc["people"])
        for ci, c in enumerate(p["credentials"])
        for ei in range(len(c["ce"]))
    ]
    if not places:
        return
    pi, ci, ei = data.draw(st.sampled_from(places))
    field, bad = data.draw(
        st.sampled_from(
            [("points", -1), ("date", "2021-02-30"), ("category", "nope"), ("title", " ")]
        )
    )
    doc["people"][pi]["credentials"][ci]["ce"][ei][field] = bad
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bad.json"
        path.write_text(json.dumps(envelope("wallet export", None, doc)))
        with pytest.raises(InvalidInputError) as err:
            read_file(path, loaded)
        assert f"data.people[{pi}].credentials[{ci}].ce[{ei}].{field}" in err.value.message


def test_the_cli_round_trip(
    w: Any, run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert w("add", "wx-eom", "--earned", "2021-06-15", "--number", "N-9").exit_code == 0
    assert w("add", "wx-plain", "--earned", "2022-02-02", "--person", "Ana").exit_code == 0
    for i in range(3):
        assert (
            w(*ce_args(points=f"{i + 0.5}", date=f"2023-0{i + 1}-01", title=f"C{i}")).exit_code == 0
        )
    out = tmp_path / "wallet.json"
    assert w("export", "--all", "-o", str(out)).exit_code == 0
    monkeypatch.setenv("CERTADVISOR_HOME", str(tmp_path / "elsewhere"))
    imported = w("import", str(out))
    assert imported.exit_code == 0, imported.stderr
    assert "2 new people, 2 credentials, 3 CE entries" in imported.stderr
    assert "nothing was in the wallet already" in imported.stderr
    repeated = w("import", str(out))  # the same file again adds nothing and says what it kept
    assert repeated.exit_code == 0, repeated.stderr
    assert "0 new people, 0 credentials, 0 CE entries" in repeated.stderr
    assert (
        "5 records (credentials, CE entries, renewals, fees paid, checklist marks) were in "
        "the wallet already and kept as they were" in " ".join(repeated.stderr.split())
    )
    again = w("export", "--all", "--format", "json")
    first = json.loads(out.read_text())["data"]
    second = again.json()["data"]
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


def test_an_import_says_which_certificates_are_not_in_the_new_wallet(
    w: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert = tmp_path / "c.pdf"
    cert.write_bytes(b"certificate")
    assert w("add", "wx-plain", "--earned", "2022-02-02").exit_code == 0
    added = w(
        *ce_args(track="wx-plain", points="1", category="general", date="2023-01-01", title="T"),
        "--certificate",
        str(cert),
    )
    assert added.exit_code == 0
    out = tmp_path / "wallet.json"
    assert w("export", "-o", str(out)).exit_code == 0
    monkeypatch.setenv("CERTADVISOR_HOME", str(tmp_path / "elsewhere"))
    imported = w("import", str(out))
    assert imported.exit_code == 0
    assert "1 certificate file(s) are not in" in imported.stderr
    assert str(tmp_path / "elsewhere" / "certificates") in imported.stderr


def envelope_text(people: list[dict[str, Any]], **extra: Any) -> str:
    data = {"format": "certadvisor-wallet", "version": 1, "people": people, **extra}
    return json.dumps(envelope("wallet export", None, data), indent=2)


GOOD_CE = {"date": "2023-01-01", "points": 2, "category": "clinical", "title": "Course"}
GOOD = [
    {"name": "me", "credentials": [{"track": "wx-eom", "earned": "2021-06-15", "ce": [GOOD_CE]}]}
]


def person(**ce: Any) -> list[dict[str, Any]]:
    return [
        GOOD[0],
        {
            "name": "Ana",
            "credentials": [
                {"track": "wx-eom", "earned": "2021-06-15", "ce": [GOOD_CE, {**GOOD_CE, **ce}]}
            ],
        },
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "wallet.json:1:2: not JSON"),
        ('{"schema_version": 1, "command": "eligible", "data": {}}', "not a wallet export"),
        ("[1, 2]", "not a wallet export"),
        (
            envelope_text(GOOD).replace('"schema_version": 1', '"schema_version": 7'),
            "schema_version 7",
        ),
        (
            envelope_text(person(points=-2)),
            "data.people[1].credentials[0].ce[1].points: -2 is not more than 0",
        ),
        (envelope_text(person(points="2")), "ce[1].points: must be a number"),
        (envelope_text(person(date="2021-02-30")), "ce[1].date: '2021-02-30' is not a real date"),
        (envelope_text(person(date="2999-01-01")), "ce[1].date: 2999-01-01 is in the future"),
        (
            envelope_text(person(category="ethics")),
            "ce[1].category: 'ethics' is not a CE category of wx-eom",
        ),
        (envelope_text(person(colour="red")), "ce[1].colour: is not a known key"),
        (envelope_text(person(title="")), "ce[1].title: must not be empty"),
        (
            envelope_text([*GOOD, {"name": "ME", "credentials": []}]),
            "data.people[1].name: 'ME' appears twice",
        ),
        (
            envelope_text(
                [{"name": "me", "credentials": [{"track": "wx-gone", "earned": "2021-06-15"}]}]
            ),
            "'wx-gone' is not a track",
        ),
        (
            envelope_text(
                [
                    {
                        "name": "me",
                        "credentials": [
                            {"track": "wx-eom", "earned": "2021-06-15"},
                            {"track": "wx-eom", "earned": "2021-06-15"},
                        ],
                    }
                ]
            ),
            "wx-eom appears twice",
        ),
        (
            envelope_text([{"name": "me", "checklist": [{"track": "wx-eom", "steps": [0]}]}]),
            "steps[0]: must be at least 1",
        ),
    ],
)
def test_an_invalid_import_file_is_exit_3_and_writes_nothing(
    w: Any, isolated: Path, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "wallet.json"
    path.write_text(content)
    result = w("import", str(path))
    assert result.exit_code == 3, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (isolated / "wallet.sqlite3").exists()


def test_invalid_lines_point_at_the_file_line_and_column(w: Any, tmp_path: Path) -> None:
    path = tmp_path / "wallet.json"
    path.write_text(envelope_text(person(points=-2, category="ethics")))
    result = w("import", str(path))
    assert result.exit_code == 3
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"Error: {path}:") and "ce[1].points" in first
    assert "Nothing was imported" in result.stderr


def test_an_import_into_an_existing_wallet_is_all_or_nothing(w: Any, tmp_path: Path) -> None:
    assert w("add", "wx-eom", "--earned", "2020-01-01").exit_code == 0
    path = tmp_path / "wallet.json"
    path.write_text(
        envelope_text(
            [{"name": "Ana", "credentials": [{"track": "wx-plain", "earned": "2022-01-01"}]}, *GOOD]
        )
    )
    result = w("import", str(path))
    assert result.exit_code == 1
    assert "earned 2020-01-01 in the wallet, but the file says 2021-06-15" in result.stderr
    everyone = w("list", "--all", "--format", "json").json()["data"]["people"]
    assert [p["name"] for p in everyone] == ["me"]  # Ana, read first, was not written


@pytest.mark.parametrize("name", ["missing.json", "folder"])
def test_an_unreadable_import_file_is_exit_3(w: Any, tmp_path: Path, name: str) -> None:
    (tmp_path / "folder").mkdir()
    result = w("import", str(tmp_path / name))
    assert result.exit_code == 3


def test_points_written_as_whole_numbers_are_accepted(w: Any, tmp_path: Path) -> None:
    path = tmp_path / "wallet.json"
    path.write_text(envelope_text(GOOD))
    assert w("import", str(path)).exit_code == 0
    (entry,) = w("ce", "list", "--format", "json").json()["data"]["people"][0]["entries"]
    assert entry["points"] == 2.0


def test_an_export_written_with_ascii_escapes_imports_the_same(w: Any, tmp_path: Path) -> None:
    people = [{**GOOD[0], "name": "Renée"}]
    path = tmp_path / "wallet.json"
    data = {"format": "certadvisor-wallet", "version": 1, "people": people}
    path.write_text(json.dumps(envelope("wallet export", None, data), ensure_ascii=True))
    assert "\\u00e9" in path.read_text()
    assert w("import", str(path)).exit_code == 0
    names = [p["name"] for p in w("list", "--all", "--format", "json").json()["data"]["people"]]
    assert names == ["Renée"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('"points": 2, "points": 3', "key 'points' appears twice"),
        ('"points": 1e400', "not a finite number"),
        ('"points": 1e300', "too large"),
        ('"points": 2, "title": "tab\there"', "control character"),
        ('"points": 2, "title": "a\\u001b[2J"', "control character"),
    ],
)
def test_a_quick_read_never_lets_through_what_the_careful_one_refuses(
    w: Any, isolated: Path, tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "wallet.json"
    path.write_text(envelope_text(GOOD).replace('"points": 2', text))
    result = w("import", str(path))
    assert result.exit_code == 3 and said in result.stderr, result.stderr
    assert not (isolated / "wallet.sqlite3").exists()
