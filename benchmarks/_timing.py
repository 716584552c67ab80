"""Whole-process timing shared by the benchmarks: medians of several runs, the machine."""

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

EXE = [sys.executable, "-m", "certadvisor"]


def certadvisor_command() -> list[str]:
    """The installed console script when present (what a user runs), else python -m."""
    script = Path(sys.executable).with_name("certadvisor")
    return [str(script)] if script.exists() else EXE


def time_runs(args: Sequence[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Wall-clock seconds of each whole-process run; a failing run aborts the benchmark."""
    # a user's installed copy runs from compiled bytecode: let Python write and reuse it even
    # where the shell sets PYTHONDONTWRITEBYTECODE (callers make one warm-up run first)
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(
            [*certadvisor_command(), *args],
            env={**base, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"run failed ({proc.returncode}): {' '.join(args)}\n{proc.stderr}")
    return times


def warm_env(tmp: str, **extra: str) -> dict[str, str]:
    """A fresh home under ``tmp``, no colour, ``extra``; a first run fills the catalog cache."""
    env = {"CERTADVISOR_HOME": str(Path(tmp) / "home"), "NO_COLOR": "1", **extra}
    time_runs(["tracks"], 1, env)
    return env


def run_cases(
    cases: Sequence[tuple[str, Sequence[str], float]], runs: int, env: dict[str, str]
) -> bool:
    """Time and report each (name, arguments, target ms); True when every one meets its target."""
    ok = True
    for name, argv, target in cases:
        ok &= report(name, time_runs(argv, runs, env), target)
    return ok


def peak_child_rss_mb() -> float:
    """Peak resident memory of any finished child process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def machine() -> str:
    """One line describing where the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def report(name: str, times: Sequence[float], target_ms: float) -> bool:
    """Print the median against its target; True when it meets it."""
    med = statistics.median(times) * 1000
    ok = med <= target_ms
    print(
        f"{name}: median {med:.0f} ms over {len(times)} runs "
        f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}); target {target_ms:.0f} ms "
        f"{'OK' if ok else 'MISSED'}"
    )
    return ok
