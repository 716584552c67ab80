"""The catalog: load, merge and cache the track files; find tracks by id, name or filter.

The models of a track live in `certadvisor.models`; `certadvisor.catalog.provenance` lists
every fact's source (it imports the models, so it is not loaded with this package), and
`certadvisor.catalog.states` reads the state rules.
"""

from certadvisor.catalog.listing import CATEGORIES, filter_tracks, state_credentials
from certadvisor.catalog.loader import LoadedCatalog, catalog_paths, load, resolve_track_id
from certadvisor.catalog.summary import TrackSummary

__all__ = [
    "CATEGORIES",
    "LoadedCatalog",
    "TrackSummary",
    "catalog_paths",
    "filter_tracks",
    "state_credentials",
    "load",
    "resolve_track_id",
]
