"""Writing `-o FILE` safely: a regular file replaced atomically, a pipe or device written through.

A FIFO (`-o >(gzip > out.gz)`), a character device (`-o /dev/null`, `-o /dev/stdout`) or a
symlink to one of them is opened and written, never replaced by a regular file; a symlink to a
regular file replaces the file it points to and stays a symlink; the wallet's own files are
refused, so that `wallet export -o wallet.sqlite3` in the wallet's folder cannot destroy it.
"""

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from certadvisor.errors import CertAdvisorError, UsageError
from certadvisor.paths import is_wallet_file


def refuse_wallet_file(path: Path) -> None:
    """A usage error when ``path`` is one of the wallet's own files (checked before anything
    else about the output, so that this is the reason given)."""
    path = path.expanduser()
    if is_wallet_file(path):
        raise UsageError(
            f"{path}: is one of the wallet's own files; refusing to overwrite it",
            "Write the output somewhere else (the wallet keeps its own copies with "
            "`certadvisor wallet backup`).",
        )


def write_output(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of it as they are made) to ``path`` as the module
    docstring describes."""
    path = path.expanduser()
    refuse_wallet_file(path)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise UsageError(
                f"{path}: is a symlink to {os.readlink(path)}, which does not exist",
                "Give the real file name to write.",
            ) from None
        found = None
    except OSError as exc:
        raise UsageError(f"{path}: cannot be written: {exc.strerror}") from None
    if found is None or stat.S_ISREG(found.st_mode):
        _replace(Path(os.path.realpath(path)) if found else path, data, shown=path)
    elif stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode):
        _write_through(path, data)
    elif stat.S_ISDIR(found.st_mode):
        raise UsageError(f"{path}: is a folder", "Give a file name to write, e.g. -o out.md.")
    else:
        raise UsageError(
            f"{path}: is not a regular file, a pipe or a character device; refusing to write",
            "Give a file name to write, e.g. -o out.md.",
        )


def _failed(shown: Path, exc: OSError) -> CertAdvisorError:
    return CertAdvisorError(
        f"{shown}: could not be written: {exc.strerror or exc}",
        "Nothing was changed; free some space or choose another place with -o.",
    )


def _write_through(path: Path, data: bytes | Iterable[bytes]) -> None:
    try:
        # no O_CREAT, no O_TRUNC: the node stays what it is
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _failed(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_all(fh, data)
    except BrokenPipeError:
        return
    except OSError as exc:
        raise _failed(path, exc) from None


def _replace(path: Path, data: bytes | Iterable[bytes], shown: Path) -> None:
    """Write a regular file so that a reader never sees half of it (private: mode 0600)."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except FileNotFoundError:
        raise CertAdvisorError(f"{shown}: the folder {folder} does not exist") from None
    except PermissionError:
        raise CertAdvisorError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise _failed(shown, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_all(fh, data)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _failed(shown, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_all(fh: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    for piece in [data] if isinstance(data, bytes) else data:
        fh.write(piece)
