"""Writes to a wallet from its own process, for the durability tests (not a test module).

wallet_writer.py batches WALLET [PAUSE]   import big batches of CE until killed; with PAUSE,
                                          stop for a while inside batch PAUSE's transaction
wallet_writer.py adds WALLET TAG N GATE   add N CE entries one by one, once GATE exists
wallet_writer.py open WALLET GATE         open (and so create) the wallet once GATE exists
wallet_writer.py life WALLET TAG N GATE ZIP  as person TAG, once GATE exists: N CE entries
                                          added, edited and given a certificate, a renewal
                                          filed, a fee paid, then ZIP imported
wallet_writer.py bundle WALLET ZIP        import ZIP, stopping for a while once its
                                          certificates are in place, before the commit
"""

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from certadvisor.wallet import ce, records, transfer
from certadvisor.wallet.documents import CERecord, CredentialRecord, PersonRecord
from certadvisor.wallet.store import open_store

BATCH = 400
EARNED = dt.date(2020, 1, 1)


def wait_for(gate: Path) -> None:
    while not gate.exists():
        time.sleep(0.001)


def batch_records(b: int) -> list[PersonRecord]:
    ce = [
        CERecord(
            date=dt.date(2021, 1, 1) + dt.timedelta(days=i % 700),
            points=b + 1,
            category="general",
            title=f"batch {b} item {i}",
            provider="p" * 200,
        )
        for i in range(BATCH)
    ]
    return [
        PersonRecord(
            name="me", credentials=[CredentialRecord(track="wx-plain", earned=EARNED, ce=ce)]
        )
    ]


def rules(track: str) -> Any:
    from certadvisor import catalog
    from certadvisor.wallet.results import TrackRules

    fixture = Path(__file__).parent.parent / "fixtures" / "wallet_catalog.yaml"
    return TrackRules.from_track(catalog.load([fixture]).track(track))


def read_zip(path: Path) -> Any:
    from certadvisor.render.output import SCHEMA_VERSION

    def rules_of(track: str) -> Any:
        return rules(track)

    return transfer.read_bundle(
        path, rules_of, envelope_version=SCHEMA_VERSION, today=dt.date.today()
    )


def life(wallet: Path, tag: str, n: int, gate: Path, zipped: Path) -> None:
    """What one person does to the wallet, each step its own connection, like a CLI run."""
    from certadvisor.wallet import ce_edit, lifecycle

    eom = rules("wx-eom")
    people = read_zip(zipped)
    wait_for(gate)
    with open_store(wallet) as store:
        records.add_credential(store, tag, "wx-eom", dt.date(2015, 1, 1), None)
    for i in range(n):
        with open_store(wallet) as store:
            rec = CERecord(
                date=dt.date(2016, 1, 1), points=1, category="clinical", title=f"{tag} {i}"
            )
            entry = ce.add_ce(store, tag, "wx-eom", rec)
        with open_store(wallet) as store:
            ce_edit.edit_ce(store, tag, entry.id, {"points": 2.0})
        cert = gate.parent / f"{tag}-{i}.pdf"
        cert.write_bytes(f"certificate {tag} {i}".encode())
        with open_store(wallet) as store:
            ce_edit.attach_certificate(store, tag, entry.id, cert)
    with open_store(wallet) as store:
        lifecycle.renew(store, tag, eom, dt.date(2019, 12, 15), 100.0)
    with open_store(wallet) as store:
        lifecycle.pay_annual(store, tag, "wx-eom", dt.date(2016, 1, 5))
    with open_store(wallet) as store:
        transfer.import_bundle(store, zipped, people)
    print("done", flush=True)


def main() -> None:
    mode, wallet = sys.argv[1], Path(sys.argv[2])
    if mode == "batches":
        pause = int(sys.argv[3]) if len(sys.argv) > 3 else None
        if pause is not None:
            insert_rows = ce.insert_ce_rows

            def slow_rows(conn: Any, rows: list[tuple[object, ...]]) -> None:
                half = len(rows) // 2
                insert_rows(conn, rows[:half])
                if rows and rows[0][4] == f"batch {pause} item 0":
                    print(f"inside {pause}", flush=True)  # half the batch written, none committed
                    time.sleep(5)
                insert_rows(conn, rows[half:])

            ce.insert_ce_rows = slow_rows  # type: ignore[assignment]
        with open_store(wallet) as store:
            records.add_credential(store, "me", "wx-plain", EARNED, None, replace=True)
            b = 0
            while True:
                people = batch_records(b)
                print(f"start {b}", flush=True)
                transfer.import_records(store, people)
                print(f"done {b}", flush=True)
                b += 1
    elif mode == "adds":
        tag, n, gate = sys.argv[3], int(sys.argv[4]), Path(sys.argv[5])
        wait_for(gate)
        for i in range(n):
            with open_store(wallet) as store:  # a fresh connection each time, like a CLI run
                rec = CERecord(
                    date=dt.date(2024, 1, 1), points=1, category="general", title=f"{tag} {i}"
                )
                ce.add_ce(store, "me", "wx-plain", rec)
        print("done", flush=True)
    elif mode == "life":
        life(wallet, sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]), Path(sys.argv[6]))
    elif mode == "bundle":
        from certadvisor.wallet import bundle

        place = bundle.StagedCertificates.place

        def slow_place(self: bundle.StagedCertificates) -> None:
            place(self)
            print("placed", flush=True)
            time.sleep(5)

        bundle.StagedCertificates.place = slow_place  # type: ignore[method-assign]
        with open_store(wallet) as store:
            transfer.import_bundle(store, Path(sys.argv[3]), read_zip(Path(sys.argv[3])))
        print("done", flush=True)
    elif mode == "open":
        wait_for(Path(sys.argv[3]))
        with open_store(wallet) as store:
            records.held_credentials(store, None)
        print("done", flush=True)


if __name__ == "__main__":
    main()
