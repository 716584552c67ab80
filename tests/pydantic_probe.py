"""Run certadvisor in a fresh process and learn whether it imported Pydantic."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: sys.stderr.write(\n"
    "    '\\npydantic imported: %s\\n' % ('pydantic' in sys.modules)))\n"
    "sys.argv = ['certadvisor', *sys.argv[1:]]\n"
    "from certadvisor._entry import main\n"
    "main()\n"
)


def run_probed(home: Path, *args: str, pydantic: bool = False) -> tuple[int, str, str, bool]:
    """Exit code, stdout, stderr and whether Pydantic was imported (`pydantic` forces it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERTADVISOR_")}
    env.update({"CERTADVISOR_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"})
    if pydantic:
        env["CERTADVISOR_PYDANTIC"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    err, _, probe = done.stderr.rpartition("\npydantic imported: ")
    return done.returncode, done.stdout, err, probe.strip() == "True"
