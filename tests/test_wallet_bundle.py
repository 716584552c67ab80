"""`wallet export --with-files` and its import: the certificates travel, all or nothing."""

import datetime as dt
import hashlib
import json
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certadvisor import catalog
from certadvisor.catalog.loader import LoadedCatalog
from certadvisor.cli.commands.wallet_options import rules_lookup
from certadvisor.errors import DomainError, InvalidInputError
from certadvisor.render.json_indent import dumps_indented
from certadvisor.render.output import SCHEMA_VERSION, envelope
from certadvisor.wallet.bundle import bundle_members, write_bundle
from certadvisor.wallet.ce import certificate_file
from certadvisor.wallet.documents import (
    CERecord,
    CertificateRef,
    CredentialRecord,
    FeePaymentRecord,
    PersonRecord,
    RenewalRecord,
)
from certadvisor.wallet.store import open_store
from certadvisor.wallet.transfer import (
    certificates_named,
    export_data,
    export_document,
    export_records,
    import_bundle,
    import_records,
    read_bundle,
)
from wallet_helpers import WALLET_CATALOG, ce_args

pytestmark = pytest.mark.usefixtures("wallet_cache")


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture
def filled(w: Any, tmp_path: Path) -> dict[str, bytes]:
    """A wallet with two certificates (one named by two entries) and an entry without one."""
    files = {"flu.pdf": b"%PDF flu", "ethics.PNG": b"\x89PNG ethics"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    ok(w("add", "wx-eom", "--earned", "2021-06-15"))
    for i, name in enumerate(["flu.pdf", "ethics.PNG", "flu.pdf"]):
        ok(
            w(
                *ce_args(date=f"2023-0{i + 1}-01", title=f"C{i}"),
                "--certificate",
                str(tmp_path / name),
            )
        )
    ok(w(*ce_args(date="2023-05-01", title="no file")))
    return files


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def certificates(home: Path) -> dict[str, bytes]:
    folder = home / "certificates"
    return {f.name: f.read_bytes() for f in folder.iterdir()} if folder.exists() else {}


def test_the_zip_holds_the_json_export_and_each_certificate_once(
    w: Any, filled: dict[str, bytes], tmp_path: Path
) -> None:
    out = tmp_path / "wallet.zip"
    r = ok(w("export", "--with-files", "-o", str(out)))
    assert "2 certificate file(s)" in r.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    got = members(out)
    sha = {n: hashlib.sha256(d).hexdigest() for n, d in filled.items()}
    assert set(got) == {
        "wallet.json",
        f"certificates/{sha['flu.pdf']}.pdf",
        f"certificates/{sha['ethics.PNG']}.png",
    }
    assert got[f"certificates/{sha['flu.pdf']}.pdf"] == filled["flu.pdf"]
    plain = ok(w("export", "--format", "json")).stdout.encode()
    # the json inside is what --format json writes, but for the time of export
    strip = [line for line in plain.splitlines() if b'"exported_at"' not in line]
    assert [x for x in got["wallet.json"].splitlines() if b'"exported_at"' not in x] == strip


def test_import_restores_the_certificates_privately_in_a_fresh_home(
    w: Any, filled: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "wallet.zip"
    ok(w("export", "--with-files", "-o", str(out)))
    before = ok(w("ce", "list", "--format", "json")).json()["data"]
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("CERTADVISOR_HOME", str(fresh))
    r = ok(w("import", str(out)))
    assert "4 CE entries" in r.stderr and "2 certificate files restored" in r.stderr
    assert "are not in" not in r.stderr
    assert ok(w("ce", "list", "--format", "json")).json()["data"] == before
    kept = certificates(fresh)
    assert sorted(kept.values()) == sorted(filled.values())
    assert stat.S_IMODE((fresh / "certificates").stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in (fresh / "certificates").iterdir())
    again = ok(w("import", str(out)))  # nothing new the second time
    assert "0 CE entries" in again.stderr and "restored" not in again.stderr


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
        for name in z.namelist():
            data = change.get(name, z.read(name))
            if data is not None:
                out.writestr(name, data)
        for name, data in change.items():
            if name not in z.namelist() and data is not None:
                out.writestr(name, data)


@pytest.mark.parametrize("how", ["changed", "unknown member", "stranger", "bad json"])
def test_a_bad_bundle_writes_nothing_at_all(
    w: Any,
    filled: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    out, bad = tmp_path / "wallet.zip", tmp_path / "bad.zip"
    ok(w("export", "--with-files", "-o", str(out)))
    cert = next(n for n in members(out) if n.endswith(".png"))
    change: dict[str, bytes | None] = {
        "changed": {cert: b"not the certificate"},
        "unknown member": {"notes.txt": b"hello"},
        "stranger": {f"certificates/{'0' * 64}.pdf": b"x"},
        "bad json": {"wallet.json": b"{"},
    }[how]
    _rewrite(out, bad, change)
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("CERTADVISOR_HOME", str(fresh))
    r = w("import", str(bad))
    assert r.exit_code == 3, r.stderr
    assert str(bad) in r.stderr and "Traceback" not in r.stderr
    assert ok(w("list", "--all", "--format", "json")).json()["data"]["people"] == []
    assert certificates(fresh) == {}  # not even a staged copy
    if how == "changed":
        assert "SHA-256" in r.stderr and cert in r.stderr


def test_a_refused_import_removes_the_certificates_it_staged(
    w: Any, filled: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "wallet.zip"
    ok(w("export", "--with-files", "-o", str(out)))
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("CERTADVISOR_HOME", str(fresh))
    ok(w("add", "wx-eom", "--earned", "2020-01-01"))  # held with another date: a conflict
    r = w("import", str(out))
    assert r.exit_code == 1 and "nothing was imported" in r.stderr
    assert certificates(fresh) == {}
    assert ok(w("ce", "list", "--format", "json")).json()["data"]["people"][0]["entries"] == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--with-files"], "name it with -o FILE"),
        (["--with-files", "-o", "-"], "name it with -o FILE"),
        (["--with-files", "--format", "csv", "-o", "x.zip"], "not --format csv"),
    ],
)
def test_with_files_needs_a_zip_to_write(w: Any, args: list[str], said: str) -> None:
    r = w("export", *args)
    assert r.exit_code == 2 and said in r.stderr


def test_the_json_export_is_the_indented_json_it_always_was(w: Any, filled: Any) -> None:
    text = ok(w("export", "--all", "--format", "json")).stdout
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


# Hypothesis: any wallet, its certificates, renewals and payments, through a zip and back

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=6)
    | st.sampled_from(["}", "{", "},\n  {", "\n", '"', "\\u"]),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=4), c, max_size=4),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(value=json_values)
def test_the_fast_indenter_writes_what_json_dumps_writes(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> LoadedCatalog:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CERTADVISOR_CACHE", str(tmp_path_factory.getbasetemp() / "wcache"))
        return catalog.load([WALLET_CATALOG])


text = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)
days = st.dates(dt.date(2000, 1, 1), dt.date(2025, 12, 31))


@st.composite
def wallets(draw: st.DrawFn) -> tuple[list[PersonRecord], dict[str, bytes]]:
    """People with CE (some with certificate files), renewals and payments; the files."""
    files: dict[str, bytes] = {}
    people = []
    for name in draw(st.lists(text, min_size=1, max_size=2, unique_by=str.casefold)):
        creds = []
        for track in draw(st.lists(st.sampled_from(["wx-eom", "wx-plain"]), unique=True)):
            cats = ["clinical", "general"] if track == "wx-eom" else ["general"]
            ce = []
            for _ in range(draw(st.integers(0, 3))):
                cert = None
                if draw(st.booleans()):
                    data = draw(st.binary(max_size=16))
                    sha = hashlib.sha256(data).hexdigest()
                    files[sha] = data
                    cert = CertificateRef(
                        sha256=sha, name=draw(text) + draw(st.sampled_from([".pdf", ".JPG", ""]))
                    )
                ce.append(
                    CERecord(
                        date=draw(days),
                        points=draw(st.floats(0.25, 50)),
                        category=draw(st.sampled_from(cats)),
                        title=draw(text),
                        provider=draw(st.none() | text),
                        certificate=cert,
                    )
                )
            start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2020, 12, 31)))
            renewals = [
                RenewalRecord(
                    cycle_index=i,
                    start=start,
                    end=start + dt.timedelta(days=700),
                    filed=start + dt.timedelta(days=650),
                    fee=draw(st.none() | st.floats(0, 500)),
                    next_start=start + dt.timedelta(days=701),
                    next_end=start + dt.timedelta(days=1400),
                )
                for i in range(draw(st.integers(0, 2)))
            ]
            paid = [
                FeePaymentRecord(due=d, paid=d, amount=draw(st.none() | st.floats(0, 100)))
                for d in draw(st.lists(days, max_size=2, unique=True))
            ]
            creds.append(
                CredentialRecord(
                    track=track, earned=start, ce=ce, renewals=renewals, fees_paid=paid
                )
            )
        people.append(PersonRecord(name=name, credentials=creds))
    return people, files


def read(path: Path, loaded: LoadedCatalog) -> list[PersonRecord]:
    return read_bundle(
        path, rules_lookup(loaded), envelope_version=SCHEMA_VERSION, today=dt.date.today()
    )


def _bundle(store: Any, target: Path) -> None:
    data = export_data(store, None)
    text = dumps_indented(envelope("wallet export", None, data)) + "\n"
    files, missing = bundle_members(store, certificates_named(data))
    assert missing == []
    write_bundle(target, text.encode(), files)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(wallet=wallets())
def test_a_zip_round_trip_gives_back_the_records_and_the_files(
    loaded: LoadedCatalog, wallet: tuple[list[PersonRecord], dict[str, bytes]]
) -> None:
    people, files = wallet
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_store(folder / "a" / "wallet.sqlite3") as a:
            import_records(a, people)
            for p in people:
                for c in p.credentials:
                    for e in c.ce:
                        if e.certificate:
                            kept = certificate_file(a, e.certificate.sha256, e.certificate.name)
                            kept.parent.mkdir(parents=True, exist_ok=True)
                            kept.write_bytes(files[e.certificate.sha256])
            first = export_records(a, None)
            # the plain json data is the records' own dump, field for field
            plain = export_data(a, None)
            plain.pop("exported_at")
            dumped = export_document(a, None).model_dump(mode="json")
            dumped.pop("exported_at")
            assert plain == dumped
            _bundle(a, folder / "w.zip")
            kept_a = certificates(folder / "a")
        with open_store(folder / "b" / "wallet.sqlite3") as b:
            done = import_bundle(b, folder / "w.zip", read(folder / "w.zip", loaded))
            assert done.missing_certificates == []
            assert [p.model_dump(mode="json") for p in export_records(b, None)] == [
                p.model_dump(mode="json") for p in first
            ]
        assert certificates(folder / "b") == kept_a


def test_a_zip_import_that_conflicts_leaves_no_file(loaded: LoadedCatalog, tmp_path: Path) -> None:
    cert = CertificateRef(sha256=hashlib.sha256(b"x").hexdigest(), name="x.pdf")
    rec = CERecord(
        date=dt.date(2023, 1, 1), points=1, category="general", title="T", certificate=cert
    )
    people = [
        PersonRecord(
            name="me",
            credentials=[CredentialRecord(track="wx-plain", earned=dt.date(2020, 1, 1), ce=[rec])],
        )
    ]
    with open_store(tmp_path / "a" / "wallet.sqlite3") as a:
        import_records(a, people)
        kept = certificate_file(a, cert.sha256, cert.name)
        kept.parent.mkdir()
        kept.write_bytes(b"x")
        _bundle(a, tmp_path / "w.zip")
    with open_store(tmp_path / "b" / "wallet.sqlite3") as b:
        import_records(
            b,
            [
                PersonRecord(
                    name="me",
                    credentials=[CredentialRecord(track="wx-plain", earned=dt.date(2021, 1, 1))],
                )
            ],
        )
        with pytest.raises(DomainError):
            import_bundle(b, tmp_path / "w.zip", read(tmp_path / "w.zip", loaded))
        assert certificates(tmp_path / "b") == {}
        with pytest.raises(InvalidInputError):
            read(tmp_path / "missing.zip", loaded)
