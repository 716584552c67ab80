"""Benchmark issue 5's target: `wallet status` on 20 credentials and 5,000 CE entries, <= 200 ms.

The 20 credentials are the 12 bundled tracks plus 8 synthetic copies (passed with --data), all
held by one person; the 5,000 CE entries are spread over them and over the last six years.
The runs use compiled bytecode, kept in a temporary PYTHONPYCACHEPREFIX, as an installed wheel
would (the development shell sets PYTHONDONTWRITEBYTECODE, which would time the compiler too).

Run: python benchmarks/bench_wallet.py [--runs N]
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import machine, report, time_runs  # noqa: E402
from make_big_catalog import write_big_catalog  # noqa: E402


def fill_wallet(home: Path, extra: Path, credentials: int, entries: int) -> None:
    """One person holding ``credentials`` tracks with ``entries`` CE entries among them."""
    os.environ["CERTADVISOR_HOME"] = str(home)
    from certadvisor import catalog
    from certadvisor.wallet import open_store
    from certadvisor.wallet.documents import CERecord, CredentialRecord, PersonRecord
    from certadvisor.wallet.results import TrackRules
    from certadvisor.wallet.transfer import import_records

    loaded = catalog.load([extra])
    tracks = loaded.ids[:credentials]
    assert len(tracks) == credentials, f"only {len(tracks)} tracks in the catalog"
    today = dt.date.today()
    creds = []
    for ti, track in enumerate(tracks):
        rules = TrackRules.from_track(loaded.track(track))
        cats = list(rules.categories())
        share = entries // credentials + (1 if ti < entries % credentials else 0)
        ce = [
            CERecord(
                date=today - dt.timedelta(days=(i * 7 + ti) % 2190),
                points=0.5 + (i % 4),
                category=cats[i % len(cats)],
                title=f"Activity {i} for {track}",
                provider="Benchmark CE provider",
                approved_by=rules.issuer.abbreviation if i % 2 else None,
            )
            for i in range(share)
        ]
        earned = today - dt.timedelta(days=400 + 97 * ti)
        creds.append(CredentialRecord(track=track, earned=earned, number=f"N{ti}", ce=ce))
    with open_store(home / "wallet.sqlite3") as store:
        import_records(store, [PersonRecord(name="me", credentials=creds)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--credentials", type=int, default=20)
    parser.add_argument("--entries", type=int, default=5_000)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        extra = Path(tmp) / "extra.yaml"
        write_big_catalog(extra, max(0, args.credentials - 12))
        fill_wallet(home, extra, args.credentials, args.entries)
        env = {
            "CERTADVISOR_HOME": str(home),
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "PYTHONDONTWRITEBYTECODE": "",
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache"),
        }
        status = ["--data", str(extra), "wallet", "status"]
        time_runs(status, 1, env)  # the first run fills the catalog and bytecode caches
        label = f"wallet status ({args.credentials} credentials, {args.entries:,} CE entries)"
        ok = report(label, time_runs(status, args.runs, env), 200)
        report(
            f"{label} --format json", time_runs([*status, "--format", "json"], args.runs, env), 200
        )
        report("wallet list (same store)", time_runs(status[:3] + ["list"], args.runs, env), 200)
        empty = {**env, "CERTADVISOR_HOME": str(Path(tmp) / "empty")}
        time_runs(["wallet", "status"], 1, empty)
        report("wallet status (empty home)", time_runs(["wallet", "status"], args.runs, empty), 200)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
