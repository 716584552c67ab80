"""Benchmark issue 2's targets: `tracks` on the bundled catalog, `show` on 10,000 tracks.

Run: python benchmarks/bench_catalog.py [--runs N]
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import machine, report, time_runs, warm_env  # noqa: E402
from make_big_catalog import write_big_catalog  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tracks", type=int, default=10_000)
    args = parser.parse_args()
    print(machine())
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        env = warm_env(tmp)
        ok &= report("tracks (bundled catalog)", time_runs(["tracks"], args.runs, env), 150)
        big = Path(tmp) / "big.yaml"
        track_id = write_big_catalog(big, args.tracks)
        show = ["--data", str(big), "show", track_id]
        first = time_runs(show, 1, env)
        print(
            f"show with {args.tracks:,} tracks, first run (validates and caches): "
            f"{first[0] * 1000:.0f} ms"
        )
        ok &= report(
            f"show TRACK --data big.yaml ({args.tracks:,} tracks), from the second run",
            time_runs(show, args.runs, env),
            300,
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
