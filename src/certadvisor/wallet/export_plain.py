"""The json export as plain data, read straight from the rows: no model per record, and none of
pydantic or the catalog's models imported, so that the export of 50,000 entries is quick. Each
credential's CE is a `Rows` (the tuples SQLite gives, no dict each), which compares equal to
the list of dicts it stands for and is written as that list.

`transfer.export_document` gives the same records as models (for the csv and markdown); a
test checks that the two agree field for field.
"""

import sqlite3
from typing import Any

from certadvisor.json_rows import Rows
from certadvisor.wallet.checks import EXPORT_FORMAT
from certadvisor.wallet.store import WalletStore, now_stamp


def export_data(store: WalletStore, person: str | None) -> dict[str, Any]:
    """`export_document` as plain json data (what its ``model_dump(mode="json")`` gives), read
    straight from the rows: the json export of 50,000 entries builds no model per entry."""
    people = []
    with store.snapshot() as conn:
        for pid, name in store.people(conn, person):
            creds = [
                {
                    "track": track,
                    "earned": earned,
                    "number": number,
                    "added_at": added,
                    "ce": _plain_ce(conn, cid),
                    **_plain_history(conn, cid),
                }
                for cid, track, earned, number, added in conn.execute(_CREDENTIALS_SQL, (pid,))
            ]
            marks: dict[str, list[int]] = {}
            for track, step in conn.execute(_MARKS_SQL, (pid,)):
                marks.setdefault(track, []).append(step)
            checklist = [{"track": t, "steps": steps} for t, steps in marks.items()]
            people.append({"name": name, "credentials": creds, "checklist": checklist})
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "exported_at": now_stamp(),
        "people": people,
    }


# the columns and orders of `transfer.export_records` (records.CE_COLUMNS, credential_rows)
_CE_SQL = (
    "SELECT id, date, points, category, title, provider, approved_by, certificate_sha256, "
    "certificate_name, added_at FROM ce_entry WHERE credential_id = ? ORDER BY date, id"
)
_CREDENTIALS_SQL = (
    "SELECT id, track, earned, number, added_at FROM credential WHERE person_id = ? ORDER BY track"
)
_MARKS_SQL = "SELECT track, step FROM checklist_mark WHERE person_id = ? ORDER BY track, step"


def _plain_ce(conn: sqlite3.Connection, cid: int) -> Rows:
    # the rows as SQLite gives them, no call per row: this is most of the export's reading
    if conn.execute(_ANY_CERTIFICATE_SQL, (cid,)).fetchone() is None:
        return Rows(_CE_KEYS, conn.execute(_CE_ROWS_SQL, (cid,)).fetchall())
    return Rows(
        _CE_KEYS,
        [
            (d, p, c, t, pr, ap, {"sha256": sha, "name": cname} if sha else None, a)
            for _, d, p, c, t, pr, ap, sha, cname, a in conn.execute(_CE_SQL, (cid,))
        ],
    )


_CE_KEYS = ("date", "points", "category", "title", "provider", "approved_by", "certificate",
            "added_at")  # fmt: skip
_ANY_CERTIFICATE_SQL = (
    "SELECT 1 FROM ce_entry WHERE credential_id = ? AND certificate_sha256 IS NOT NULL LIMIT 1"
)
_CE_ROWS_SQL = (
    "SELECT date, points, category, title, provider, approved_by, NULL, added_at "
    "FROM ce_entry WHERE credential_id = ? ORDER BY date, id"
)


def _plain_history(conn: sqlite3.Connection, cid: int) -> dict[str, Any]:
    renewals = conn.execute(
        "SELECT cycle_index, cycle_start, cycle_end, filed, fee, next_start, next_end, "
        "recorded_at FROM renewal WHERE credential_id = ? ORDER BY cycle_index",
        (cid,),
    )
    paid = conn.execute(
        "SELECT due, paid, amount, recorded_at FROM fee_payment "
        "WHERE credential_id = ? ORDER BY due",
        (cid,),
    )
    return {
        "renewals": [dict(zip(_RENEWAL_KEYS, r, strict=True)) for r in renewals],
        "fees_paid": [dict(zip(_PAID_KEYS, r, strict=True)) for r in paid],
    }


_RENEWAL_KEYS = (
    "cycle_index", "start", "end", "filed", "fee", "next_start", "next_end", "recorded_at"
)  # fmt: skip
_PAID_KEYS = ("due", "paid", "amount", "recorded_at")


def certificates_named(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every (sha256, name) of a certificate the plain export data names."""
    return [
        (cert["sha256"], cert["name"])
        for p in data["people"]
        for c in p["credentials"]
        for cert in _certificates(c["ce"])
        if cert
    ]


def _certificates(ce: Rows | list[dict[str, Any]]) -> list[Any]:
    return ce.column("certificate") if isinstance(ce, Rows) else [e["certificate"] for e in ce]
