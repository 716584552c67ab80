"""A catalog file as read, before validation."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CatalogFile:
    """One catalog file as read: its label for messages and its bytes."""

    path: Path
    label: str
    raw: bytes
