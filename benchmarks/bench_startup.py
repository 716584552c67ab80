"""Start-up CPU time of every command, as paired whole-process runs against another install.

Each round runs every command once with this install and once with the other one (in
alternating order), so that load on the machine falls on both alike; the ratios of the medians
say whether a change made start-up better or worse.

Run: python benchmarks/bench_startup.py --baseline /path/to/other/venv/bin/certadvisor [--runs N]
Without --baseline it prints this install's medians alone.
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

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
COMMANDS: list[tuple[str, list[str]]] = [
    ("--version", ["--version"]),
    ("tracks", ["tracks"]),
    ("show cma-aama", ["show", "cma-aama"]),
    ("compare", ["compare"]),
    ("eligible --diploma --program", ["eligible", "--diploma", "--program"]),
    (
        "eligible --profile (one person)",
        ["eligible", "--profile", str(EXAMPLES / "receptionist-thinking-of-ma.yaml")],
    ),
    ("checklist cma-aama", ["checklist", "cma-aama"]),
    (
        "plan cma-aama",
        ["plan", "cma-aama", "--exam-date", "2027-03-15", "--start", "2026-12-01"],
    ),
    (
        "recommend --no-input",
        ["recommend", "--no-input", "--goal", "clinical", "--setting", "clinic", "--months", "12"],
    ),
    (
        "report --profile",
        [
            "report",
            "--profile",
            str(EXAMPLES / "receptionist-thinking-of-ma.yaml"),
            "--goal",
            "clinical",
            "--setting",
            "clinic",
            "--months",
            "12",
        ],
    ),  # fmt: skip
    ("wallet status (empty home)", ["wallet", "status"]),
]


def _once(exe: list[str], args: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) of one whole-process run: steadier than wall time on a
    shared machine, and what start-up costs the person's computer."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([*exe, *args], env=env, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _env(tmp: str, name: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **base,
        "CERTADVISOR_HOME": str(Path(tmp) / name / "home"),
        "CERTADVISOR_CACHE": str(Path(tmp) / name / "cache"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }


def _line(name: str, times: list[float]) -> str:
    med = statistics.median(times) * 1000
    return f"{med:6.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", help="another certadvisor executable to pair with")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(machine())
    mine = certadvisor_command()
    other = [args.baseline] if args.baseline else None
    with tempfile.TemporaryDirectory() as tmp:
        envs = {"this": _env(tmp, "this"), "base": _env(tmp, "base")}
        for _, argv in COMMANDS:  # warm caches and bytecode
            _once(mine, argv, envs["this"])
            if other:
                _once(other, argv, envs["base"])
        for name, argv in COMMANDS:
            this_t: list[float] = []
            base_t: list[float] = []
            for i in range(args.runs):
                pair = [(mine, envs["this"], this_t)]
                if other:
                    pair.append((other, envs["base"], base_t))
                for exe, env, times in pair if i % 2 == 0 else reversed(pair):
                    times.append(_once(exe, argv, env))
            text = f"{name:34} this {_line(name, this_t)}"
            if other:
                ratio = statistics.median(this_t) / statistics.median(base_t)
                text += f"  baseline {_line(name, base_t)}  ratio {ratio:.2f}"
            print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
