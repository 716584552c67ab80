"""Every command's CPU time as a ratio of the plain same-stack program's, paired run by run.

Each round runs the plain program (benchmarks/plain_program.py) and one certadvisor command
back to back, in alternating order, and records the CPU time (user + system) of each whole
process; the ratio of the medians is the figure (below 1.0: faster than the plain program).
The bundled catalog, a warm cache and compiled bytecode, as after an install.

    python benchmarks/bench_ratios.py [--runs 15] [--target 0.7]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import certadvisor_command, machine  # noqa: E402

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
PROFILE = str(EXAMPLES / "receptionist-thinking-of-ma.yaml")
COMMANDS: list[tuple[str, list[str]]] = [
    ("--version", ["--version"]),
    ("tracks", ["tracks"]),
    ("show cma-aama", ["show", "cma-aama"]),
    ("compare", ["compare"]),
    ("eligible --diploma --program", ["eligible", "--diploma", "--program"]),
    ("eligible --profile", ["eligible", "--profile", PROFILE]),
    ("checklist cma-aama", ["checklist", "cma-aama"]),
    ("plan cma-aama", ["plan", "cma-aama", "--exam-date", "2027-03-15", "--start", "2026-12-01"]),
    ("recommend --no-input", ["recommend", "--no-input", "--goal", "clinical", "--months", "12"]),
    (
        "report --profile",
        ["report", "--profile", PROFILE, "--goal", "clinical", "--months", "12"],
    ),
    ("wallet status (no wallet)", ["wallet", "status"]),
]


def cpu_seconds(argv: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one whole-process run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, env=env, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(mine: list[str], plain: list[str], env: dict[str, str], runs: int) -> tuple:
    """CPU times of ``mine`` and ``plain``, run alternately ``runs`` times each."""
    for argv in (mine, plain):  # bytecode and caches warm
        cpu_seconds(argv, env)
    a: list[float] = []
    b: list[float] = []
    for i in range(runs):
        order = [(mine, a), (plain, b)] if i % 2 == 0 else [(plain, b), (mine, a)]
        for argv, out in order:
            out.append(cpu_seconds(argv, env))
    return a, b


def _ms(times: list[float]) -> str:
    return (
        f"{statistics.median(times) * 1000:5.0f} ms "
        f"({min(times) * 1000:.0f}–{max(times) * 1000:.0f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--target", type=float, default=0.7)
    args = parser.parse_args()
    print(machine())
    plain = [sys.executable, str(HERE / "plain_program.py")]
    exe = certadvisor_command()
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {**base, "CERTADVISOR_HOME": str(Path(tmp) / "home"), "NO_COLOR": "1"}
        env["CERTADVISOR_CACHE"] = str(Path(tmp) / "cache")
        print(f"{'command':32} {'certadvisor CPU (min–max)':26} {'plain program':24} ratio")
        for name, argv in COMMANDS:
            mine, ref = paired([*exe, *argv], plain, env, args.runs)
            ratio = statistics.median(mine) / statistics.median(ref)
            missed += ratio > args.target
            flag = "ok" if ratio <= args.target else f"above {args.target}"
            print(f"{name:32} {_ms(mine):26} {_ms(ref):24} {ratio:.2f} {flag}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
