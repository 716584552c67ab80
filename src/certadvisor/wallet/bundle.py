"""The export with its certificates (`wallet export --with-files`), and reading it back.

The bundle is a zip, so that a person can open it and see their certificates:

- ``wallet.json``: the json export, byte for byte what `wallet export --format json` writes
  (and what `wallet import` reads alone);
- ``certificates/<sha256><suffix>``: each certificate file the records name, under the name
  the wallet keeps it by.

Reading one back stages every certificate in the wallet's folder as a private ``.incoming-``
file and checks its SHA-256 against its name before anything is written: one file that does
not match refuses the whole bundle. The staged files are renamed into place inside the
import's transaction, just before it commits (see `StagedCertificates`).
"""

import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from certadvisor.catalog.reading import MAX_FILE_BYTES
from certadvisor.errors import InvalidInputError, StoreError, UsageError
from certadvisor.paths import is_wallet_file
from certadvisor.wallet.ce import certificate_file, copy_hashed
from certadvisor.wallet.store import WalletStore, private

BUNDLE_JSON = "wallet.json"
BUNDLE_CERTIFICATES = "certificates/"
ZIP_MAGIC = b"PK\x03\x04"
MAX_MEMBERS = 100_000
# A certificate the wallet keeps is at most what `--max-certificate-mb` allows: far below this.
MAX_MEMBER_BYTES = 2 * 1024 * 1024 * 1024
_MEMBER = re.compile(r"^certificates/([0-9a-f]{64})(\.[a-z0-9]{1,8})?$")
_HINT = "Nothing was imported. `wallet import` reads what `wallet export --with-files` writes."


def is_bundle(path: Path) -> bool:
    """Whether ``path`` starts like a zip (else it is read as a json export)."""
    try:
        with path.open("rb") as f:
            return f.read(4) == ZIP_MAGIC
    except OSError:
        return False  # the json reader says what is wrong with it


# Writing -------------------------------------------------------------------------------


def bundle_members(store: WalletStore, refs: Iterable[tuple[str, str]]) -> tuple[
    list[tuple[str, Path]], list[str]
]:  # fmt: skip
    """Each certificate (sha256, name) the records name: its member name and kept file, once
    each; and those the wallet's folder does not hold."""
    found: dict[str, Path] = {}
    missing: set[str] = set()
    for sha, name in refs:
        kept = certificate_file(store, sha, name)
        if kept.is_file():
            found.setdefault(BUNDLE_CERTIFICATES + kept.name, kept)
        else:
            missing.add(f"{sha[:12]} ({name})")
    return sorted(found.items()), sorted(missing)


def write_bundle(target: Path, export_json: bytes, files: list[tuple[str, Path]]) -> None:
    """Write the zip privately (0600) and atomically: a reader sees the old file or the new."""
    target = target.expanduser()
    if is_wallet_file(target):
        raise UsageError(f"{target}: is one of the wallet's own files; refusing to overwrite it")
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; name the zip to write (wallet.zip)")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write there ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(BUNDLE_JSON, export_json)
                for name, path in files:
                    z.write(path, name)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{target}: cannot write the zip ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# Reading -------------------------------------------------------------------------------


@dataclass
class StagedCertificates:
    """Certificates checked and waiting as ``.incoming-`` files in the wallet's folder.

    `place` renames them to their kept names (inside the import's transaction, before its
    commit: a process killed after it leaves whole files no row names yet, never a row naming
    a missing file); `discard` removes what was staged, and what `place` created, when the
    import does not commit.
    """

    folder: Path
    waiting: list[tuple[Path, Path]] = field(default_factory=list)  # (staged, target)
    created: list[Path] = field(default_factory=list)
    present: int = 0  # already kept by the wallet

    def place(self) -> None:
        for staged, target in self.waiting:
            if target.exists():
                staged.unlink(missing_ok=True)
                self.present += 1
                continue
            os.replace(staged, target)
            self.created.append(target)
        self.waiting = []
        _sync_folder(self.folder)

    def discard(self) -> None:
        for staged, _ in self.waiting:
            staged.unlink(missing_ok=True)
        for target in self.created:
            target.unlink(missing_ok=True)
        self.waiting, self.created = [], []


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the files themselves were synced
    finally:
        os.close(fd)


@contextmanager
def open_bundle(path: Path) -> Iterator[zipfile.ZipFile]:
    """The zip, or an input error naming the file."""
    try:
        z = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InvalidInputError(f"{path}: no such file", "Check the path.") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise InvalidInputError(f"{path}: not a wallet export zip ({exc})", _HINT) from None
    with z:
        yield z


def bundle_json(path: Path, z: zipfile.ZipFile) -> bytes:
    """The json export inside the zip (its size limited as any json input)."""
    try:
        info = z.getinfo(BUNDLE_JSON)
    except KeyError:
        what = f"{path}: not a wallet export zip (no {BUNDLE_JSON})"
        raise InvalidInputError(what, _HINT) from None
    try:
        with z.open(info) as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise InvalidInputError(f"{path}: {BUNDLE_JSON} cannot be read ({exc})", _HINT) from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInputError(f"{path}: {BUNDLE_JSON} is over the size limit", _HINT)
    return data


def stage_certificates(
    store: WalletStore, path: Path, z: zipfile.ZipFile, refs: Iterable[tuple[str, str]]
) -> StagedCertificates:
    """Every certificate of the zip, copied next to the wallet and checked against its SHA-256.

    ``refs``: the certificates the records name (sha256, file name). A member that is not one
    of them, or whose content does not hash to its name, refuses the whole bundle and leaves
    nothing behind.
    """
    # the same file attached as a.pdf and as b.jpg is kept twice, once per suffix
    named = {certificate_file(store, sha, name).name for sha, name in refs}
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InvalidInputError(f"{path}: more than {MAX_MEMBERS:,} files in the zip", _HINT)
    staged = StagedCertificates(store.certificate_dir)
    try:
        for info in infos:
            if info.filename == BUNDLE_JSON or info.is_dir():
                continue
            staged.waiting.append(_stage_one(store, path, z, info, named))
    except BaseException:
        staged.discard()
        raise
    return staged


def _refused(path: Path, member: str, why: str) -> InvalidInputError:
    return InvalidInputError(f"{path}: {member}: {why}", _HINT)


def _stage_one(
    store: WalletStore, path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo, named: set[str]
) -> tuple[Path, Path]:
    """One member copied to an ``.incoming-`` file and checked: (staged file, kept name)."""
    member = info.filename
    m = _MEMBER.match(member)
    if m is None:
        raise _refused(path, member, "is not a certificate of a wallet export")
    sha, kept_name = m.group(1), member.removeprefix(BUNDLE_CERTIFICATES)
    if kept_name not in named:
        raise _refused(path, member, "is not named by any record of wallet.json")
    folder = store.certificate_dir
    target = folder / kept_name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        private(folder, 0o700)
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=folder)
    except OSError as exc:
        raise _cannot_stage(folder, exc) from None
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), stat.S_IRUSR | stat.S_IWUSR)
            with z.open(info) as src:
                found = copy_hashed(src, out, MAX_MEMBER_BYTES, _too_big)
            out.flush()
            os.fsync(out.fileno())
    except (zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _refused(path, member, f"cannot be read ({exc})") from None
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_stage(folder, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if found != sha:
        Path(tmp).unlink(missing_ok=True)
        raise _refused(path, member, "its SHA-256 is not the one its name and records give")
    return Path(tmp), target


def _too_big() -> ValueError:
    return ValueError("larger than any certificate the wallet keeps")


def _cannot_stage(folder: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"{folder}: cannot keep the certificates there ({exc.strerror or exc})",
        "Check the free disk space and that the wallet's certificates folder is writable; "
        "nothing was imported.",
    )
