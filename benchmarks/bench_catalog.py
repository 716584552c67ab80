"""Benchmark the catalog: `tracks` on the bundled catalog; first contact with 10,000 tracks.

Run: python benchmarks/bench_catalog.py [--runs N] [--tracks N] [--shapes anchored,plain]

For each shape of a big catalog (anchored: shared blocks written once with YAML aliases;
plain: every track in full) it prints, against the plain program reading the same file:
the first run with an empty cache of `show ID` (loading, validating and caching without
drawing a 10,000-row table) and of `tracks` (the same plus the table), CPU, wall and peak
memory; the cache on disk over the input; then warm `show ID`. run_all.py --only catalog
gives the ratios the issue sets; this splits them into loading and drawing.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import certadvisor_command, machine, report, time_runs, warm_env  # noqa: E402
from make_big_catalog import write_big_catalog  # noqa: E402
from run_all import PLAIN, base_env, measure, spread  # noqa: E402


def _first_contact(big: Path, track_id: str, tmp: Path, runs: int) -> None:
    exe = certadvisor_command()
    cases = {
        "show ID": [*exe, "--data", str(big), "show", track_id],
        "tracks": [*exe, "--data", str(big), "tracks"],
        "plain program": [*PLAIN, str(big)],
    }
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    cache_mb = 0.0
    for i in range(runs):
        for name, argv in cases.items() if i % 2 == 0 else reversed(cases.items()):
            env = base_env(tmp, f"bench-{i}")
            found[name].append(measure(argv, env))
            cache = Path(env["CERTADVISOR_CACHE"])
            if cache.exists():
                cache_mb = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file()) / 2**20
            shutil.rmtree(cache, ignore_errors=True)
    ref = statistics.median(r[2] for r in found["plain program"])
    for name, got in found.items():
        cpu = [r[2] for r in got]
        print(
            f"  {name:14} CPU {spread(cpu, ' s')} ({statistics.median(cpu) / ref:.2f}x), "
            f"wall {spread([r[0] for r in got], ' s')}, peak {max(r[1] for r in got):.0f} MiB"
        )
    size_mb = big.stat().st_size / 2**20
    print(f"  cache {cache_mb:.1f} MiB for {size_mb:.1f} MiB of input: {cache_mb / size_mb:.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tracks", type=int, default=10_000)
    parser.add_argument("--shapes", default="anchored,plain")
    args = parser.parse_args()
    print(machine(), f"— load average {os.getloadavg()[0]:.1f}")
    ok = True
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        env = warm_env(name)
        ok &= report("tracks (bundled catalog)", time_runs(["tracks"], 5, env), 150)
        for shape in args.shapes.split(","):
            big = tmp / f"big-{shape}.yaml"
            track_id = write_big_catalog(big, args.tracks, plain=shape == "plain")
            print(f"\n{shape} catalog of {args.tracks:,} tracks, first contact (empty cache):")
            _first_contact(big, track_id, tmp, args.runs)
            show = ["--data", str(big), "show", track_id]
            time_runs(show, 1, env)  # fills the cache
            ok &= report(f"  show ID ({shape}), warm", time_runs(show, args.runs, env), 300)
            big.unlink()
    print(f"load average now {os.getloadavg()[0]:.1f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
