"""Profiles: one person or a cohort, from YAML or CSV.

`read_profiles` validates every person on their own (the good ones and one line per problem),
`load_profiles` is its strict form, `scan_profiles` splits a file into entries validated one
by one (for evaluating a big cohort as it is validated). A `Person` is one validated profile
with the label tables and messages use.
"""

from certadvisor.profiles.load import (
    Person,
    ProfileLoad,
    Resolver,
    Scan,
    load_profiles,
    read_profiles,
    scan_profiles,
)

__all__ = [
    "Person",
    "ProfileLoad",
    "Resolver",
    "Scan",
    "load_profiles",
    "read_profiles",
    "scan_profiles",
]
