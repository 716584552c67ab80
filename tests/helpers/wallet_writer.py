"""Writes to a wallet from its own process, for the durability tests (not a test module).

wallet_writer.py batches WALLET [PAUSE]   import big batches of CE until killed; with PAUSE,
                                          stop for a while inside batch PAUSE's transaction
wallet_writer.py adds WALLET TAG N GATE   add N CE entries one by one, once GATE exists
wallet_writer.py open WALLET GATE         open (and so create) the wallet once GATE exists
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
    elif mode == "open":
        wait_for(Path(sys.argv[3]))
        with open_store(wallet) as store:
            records.held_credentials(store, None)
        print("done", flush=True)


if __name__ == "__main__":
    main()
