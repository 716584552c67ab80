"""Profiles: one person or a cohort, from YAML or CSV.

`read_profiles` validates every person on their own (the good ones and one line per problem),
`load_profiles` is its strict form, `scan_profiles` splits a file into entries validated one
by one (for evaluating a big cohort as it is validated). A `Person` is one validated profile
with the label tables and messages use.

Each name is imported on first use (PEP 562): `profiles.vouch` runs before the models' kind
is chosen (`models.mode`), and importing `load` with it would choose it too early.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from certadvisor.profiles.load import (
        Deferred,
        Person,
        ProfileLoad,
        Resolver,
        Scan,
        load_profiles,
        read_profiles,
        scan_profiles,
    )

_LOAD = "certadvisor.profiles.load"


def __getattr__(name: str) -> Any:
    """The public name from `profiles.load`, imported on first use."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LOAD), name)
    globals()[name] = value
    return value


__all__ = [
    "Deferred",
    "Person",
    "ProfileLoad",
    "Resolver",
    "Scan",
    "load_profiles",
    "read_profiles",
    "scan_profiles",
]
