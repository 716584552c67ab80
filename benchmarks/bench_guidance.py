"""Benchmark the guidance commands (issue 6) as a user runs them: whole processes, medians.

Run: python benchmarks/bench_guidance.py [--runs N]

The targets are this benchmark's own (no issue sets one): an interactive command should answer
well under half a second; a whole advising report under a second.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import machine, run_cases, warm_env  # noqa: E402

PROFILE = """\
name: Maria
as_of: 2026-11-26
state: WA
education: {highest: high_school}
programs: [{field: medical_assisting, accreditation: [CAAHEP], completed: 2026-05-15}]
experience: [{field: medical_assisting, started: 2026-06-01, fte: 1.0}]
credentials: []
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        env = warm_env(tmp, COLUMNS="100")
        profile = Path(tmp) / "maria.yaml"
        profile.write_text(PROFILE)
        cases = [
            (
                "plan cma-aama (table)",
                ["plan", "cma-aama", "--exam-date", "2027-03-15", "--start", "2026-11-26"],
                500,
            ),
            (
                "plan cma-aama --format ics",
                [
                    "plan",
                    "cma-aama",
                    "--exam-date",
                    "2027-03-15",
                    "--start",
                    "2026-11-26",
                    "--format",
                    "ics",
                ],
                500,
            ),
            (
                "checklist cma-aama --profile",
                ["checklist", "cma-aama", "--profile", str(profile)],
                500,
            ),
            (
                "recommend --goal clinical --profile",
                [
                    "recommend",
                    "--goal",
                    "clinical",
                    "--budget",
                    "300",
                    "--months",
                    "12",
                    "--profile",
                    str(profile),
                ],
                500,
            ),
            (
                "report --profile --exam-date -o FILE.md",
                [
                    "report",
                    "--profile",
                    str(profile),
                    "--exam-date",
                    "2027-03-15",
                    "-o",
                    str(Path(tmp) / "maria.md"),
                ],
                1000,
            ),
        ]
        ok = run_cases(cases, args.runs, env)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
