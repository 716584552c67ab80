"""Lets tests reuse the benchmark's catalog generator."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from make_big_catalog import write_big_catalog  # noqa: E402

__all__ = ["write_big_catalog"]
