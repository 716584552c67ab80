"""Benchmark issue 4: `compare` (whole bundled catalog) and `show TRACK` with its cost section.

Run: python benchmarks/bench_compare.py [--runs N]
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import machine, run_cases, warm_env  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        env = warm_env(tmp, COLUMNS="160")
        cases = [
            ("compare (12 tracks, table)", ["compare"], 400),
            ("compare --format markdown", ["compare", "--format", "markdown"], 400),
            ("compare --format json", ["compare", "--format", "json"], 400),
            ("show cma-aama (with costs)", ["show", "cma-aama", "--years", "10"], 300),
        ]
        ok = run_cases(cases, args.runs, env)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
