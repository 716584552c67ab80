"""The catalog cache inside a redirected wallet home is private too (0700), whatever the umask."""

import os
import stat
from pathlib import Path
from typing import Any


def test_the_cache_in_the_wallet_home_is_private(run: Any, isolated: Path) -> None:
    old = os.umask(0o022)
    try:
        assert run("show", "cma-aama", "--state", "WA").exit_code == 0
    finally:
        os.umask(old)
    folders = [isolated / "cache", *(p for p in (isolated / "cache").rglob("*") if p.is_dir())]
    assert len(folders) >= 2
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
