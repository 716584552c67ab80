"""Where things live: the bundled data, the user's store and the cache."""

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_data_dir() -> Path:
    """The folder holding tracks.yaml and states.yaml (inside the wheel, or the source tree)."""
    inside = _PACKAGE_DIR / "data"
    if (inside / "tracks.yaml").is_file():
        return inside
    return _PACKAGE_DIR.parents[1] / "data"


def home_dir() -> Path:
    """Where the wallet lives: CERTADVISOR_HOME, else the platform's user data folder."""
    env = os.environ.get("CERTADVISOR_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("certadvisor", appauthor=False))


def cache_dir() -> Path:
    """Where the validated catalog is cached: CERTADVISOR_CACHE, else beside a redirected
    CERTADVISOR_HOME, else the platform's user cache folder."""
    env = os.environ.get("CERTADVISOR_CACHE")
    if env:
        return Path(env).expanduser()
    home = os.environ.get("CERTADVISOR_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("certadvisor", appauthor=False))


# The wallet's own files (wallet/store.py names them the same); kept here so that a writer of
# reports can refuse to overwrite them without importing the wallet and sqlite3.
WALLET_FILE = "wallet.sqlite3"
CERTIFICATES_DIR = "certificates"
_SIDECARS = ("", "-wal", "-shm", "-journal")


def wallet_files() -> list[Path]:
    """The wallet store and its SQLite side files (they may not exist yet)."""
    home = home_dir()
    return [home / f"{WALLET_FILE}{suffix}" for suffix in _SIDECARS]


def is_wallet_file(target: Path) -> bool:
    """Whether writing ``target`` would overwrite the wallet, its side files or a certificate."""
    real = Path(os.path.realpath(target))
    home = Path(os.path.realpath(home_dir()))
    if real.parent == home and real.name in {p.name for p in wallet_files()}:
        return True
    if real == home / CERTIFICATES_DIR or (home / CERTIFICATES_DIR) in real.parents:
        return True
    try:
        found = os.stat(target)
    except OSError:
        return False
    # a hard link to the store is the store too
    for own in wallet_files():
        try:
            mine = os.stat(own)
        except OSError:
            continue
        if (mine.st_dev, mine.st_ino) == (found.st_dev, found.st_ino):
            return True
    return False


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and its missing parents readable by the user alone (0700): the cache
    may sit inside the wallet's folder, whose contents stay private whatever the umask."""
    missing = []
    for step in (folder, *folder.parents):
        if step.exists():
            break
        missing.append(step)
    for step in reversed(missing):
        step.mkdir(mode=0o700, exist_ok=True)
