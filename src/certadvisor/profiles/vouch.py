"""Whether a `--profile` file can be read without Pydantic, decided before any model loads.

The option's callback calls `vouch(path)`: a YAML profile or cohort whose every person is
plainly well-formed (`well_formed.profile_values`) keeps the plain models allowed, and the
file's bytes and parsed data are kept in memory (never on disk: a profile is a person's
data) for `scan_profiles` to use, so the file is read and parsed once. Anything else (a CSV
cohort, a file that does not parse, one doubtful value anywhere) returns False and the
caller chooses Pydantic's models, which then read the file as always, with the same errors.
"""

import os
import stat
from pathlib import Path
from typing import Any

from certadvisor.catalog.reading import read_text
from certadvisor.catalog.yaml_io import load_yaml
from certadvisor.profiles.well_formed import profile_values

_kept: dict[str, tuple[bytes, Any]] = {}
# A bigger file is a cohort, where Pydantic's start-up is paid back: it validates a person
# about three times faster than the plain reader builds one (50 against 170 µs).
VOUCH_MAX_BYTES = 256 * 1024


def vouch(path: Path) -> bool:
    """True when every person in the file at ``path`` is plainly well-formed; its bytes and
    data are then kept for `taken`. Never raises: a file in doubt is Pydantic's to judge."""
    try:
        # only a regular file: a pipe read here could not be read again for the real run
        info = os.stat(path)
        if path.suffix.lower() == ".csv" or not stat.S_ISREG(info.st_mode):
            return False
        if info.st_size > VOUCH_MAX_BYTES:
            return False
        raw = read_text(path)
        data = load_yaml(raw, str(path))  # at most VOUCH_MAX_BYTES: never worth splitting
    except Exception:  # noqa: BLE001 - whatever is wrong, the validating run says it
        return False
    if not _every_person_well_formed(data):
        return False
    _kept[_key(path)] = (raw, data)
    return True


def taken(path: Path) -> tuple[bytes, Any] | None:
    """The bytes and parsed data `vouch` kept for ``path`` (once), else None."""
    return _kept.pop(_key(path), None)


def _every_person_well_formed(data: Any) -> bool:
    if type(data) is not dict:
        return False
    if "profiles" not in data:
        return profile_values(data) is not None
    people = data["profiles"]
    if set(data) != {"profiles"} or type(people) is not list or not people:
        return False
    return all(profile_values(person) is not None for person in people)


def _key(path: Path) -> str:
    return os.fspath(path)
