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
