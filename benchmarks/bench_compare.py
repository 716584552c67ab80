"""Benchmark issue 4: `compare` (whole bundled catalog) and `show TRACK` with its cost section.

Run: python benchmarks/bench_compare.py [--runs N]
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import machine, report, time_runs  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(machine())
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        env = {"CERTADVISOR_HOME": str(Path(tmp) / "home"), "NO_COLOR": "1", "COLUMNS": "160"}
        time_runs(["tracks"], 1, env)  # first run fills the cache, as after install
        cases = [
            ("compare (12 tracks, table)", ["compare"], 400),
            ("compare --format markdown", ["compare", "--format", "markdown"], 400),
            ("compare --format json", ["compare", "--format", "json"], 400),
            ("show cma-aama (with costs)", ["show", "cma-aama", "--years", "10"], 300),
        ]
        for name, argv, target in cases:
            ok &= report(name, time_runs(argv, args.runs, env), target)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
