"""Benchmark issue 5's target: `wallet status` on 20 credentials and 5,000 CE entries, <= 200 ms;
and issue 15's: `wallet export` of 50,000 CE entries <= 300 ms, `wallet import` <= 500 ms.

The 20 credentials are the 12 bundled tracks plus 8 synthetic copies (passed with --data), all
held by one person; the 5,000 CE entries are spread over them and over the last six years.
The runs use compiled bytecode, kept in a temporary PYTHONPYCACHEPREFIX, as an installed wheel
would (the development shell sets PYTHONDONTWRITEBYTECODE, which would time the compiler too).

The export and import are timed two ways: whole-process (the command a user runs, start-up
and the warm catalog included; each import writes a new wallet with the same catalog cache,
as a user's cache folder is not the wallet's) and in process (what the command does once the
program has started: reading the store and writing the json, or reading the file, checking it
and writing it).

Run: python benchmarks/bench_wallet.py [--runs N] [--big-entries N] [--skip-status]
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from collections.abc import Callable  # noqa: E402

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


def in_process(name: str, runs: int, target_ms: float, step: "Callable[[int], object]") -> bool:
    """Time ``step(i)`` ``runs`` times in this process and report it like `report`."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        step(i)
        times.append(time.perf_counter() - start)
    return report(f"{name} (in process)", times, target_ms)


def bench_export_import(tmp: Path, extra: Path, entries: int, runs: int) -> bool:
    """`wallet export` and `wallet import` of ``entries`` CE entries, both ways of timing."""
    from certadvisor import catalog
    from certadvisor.cli.commands.wallet_options import rules_lookup
    from certadvisor.render.output import SCHEMA_VERSION, OutputFormat, render_text
    from certadvisor.render.wallet_export import export_rendering
    from certadvisor.wallet import open_store
    from certadvisor.wallet.status import wallet_status
    from certadvisor.wallet.transfer import (
        export_data,
        export_document,
        import_records,
        read_import,
    )

    home = tmp / "big"
    fill_wallet(home, extra, 20, entries)
    env = {
        "CERTADVISOR_HOME": str(home),
        # one catalog cache for every run, as a user has (it lives in the user's cache folder,
        # not beside the wallet): each import goes to a new wallet, not to a new catalog
        "CERTADVISOR_CACHE": str(tmp / "catalog-cache"),
        "NO_COLOR": "1",
        "PYTHONDONTWRITEBYTECODE": "",
        "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
    }
    out = tmp / "export.json"
    export = ["--data", str(extra), "wallet", "export", "-o", str(out)]
    time_runs(export, 1, env)
    label = f"wallet export ({entries:,} CE entries)"
    ok = report(f"{label}, whole process", time_runs(export, runs, env), 300)
    store = open_store(home / "wallet.sqlite3", create=False)
    rules = rules_lookup(catalog.load([extra]))

    def export_once(_: int) -> object:
        plain = export_data(store, None)
        rendering = export_rendering(
            lambda: plain,
            lambda: export_document(store, None),  # csv and markdown only
            lambda: wallet_status(store, rules, None, dt.date.today()),
            None,
        )
        return render_text(rendering, OutputFormat.JSON, to_terminal=False, no_color=True)

    ok &= in_process(label, runs, 300, export_once)
    store.close()

    label = f"wallet import ({entries:,} CE entries)"
    homes = [tmp / f"import-{i}" for i in range(runs + 1)]
    whole = []
    for i in range(runs):
        whole += time_runs(["--data", str(extra), "wallet", "import", str(out)], 1,
                           {**env, "CERTADVISOR_HOME": str(homes[i])})  # fmt: skip
    ok &= report(f"{label}, whole process", whole, 500)

    def import_once(i: int) -> object:
        people = read_import(out, rules, envelope_version=SCHEMA_VERSION, today=dt.date.today())
        with open_store(tmp / f"in-process-{i}" / "wallet.sqlite3") as target:
            return import_records(target, people)

    ok &= in_process(label, runs, 500, import_once)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--credentials", type=int, default=20)
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--big-entries", type=int, default=50_000)
    parser.add_argument("--skip-status", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        extra = Path(tmp) / "extra.yaml"
        write_big_catalog(extra, max(8, args.credentials - 12))
        ok = True
        if not args.skip_export:
            ok &= bench_export_import(Path(tmp), extra, args.big_entries, args.runs)
        if args.skip_status:
            return 0 if ok else 1
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
        ok &= report(label, time_runs(status, args.runs, env), 200)
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
