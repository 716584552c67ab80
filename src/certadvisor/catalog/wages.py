"""Pay where you live: the occupation a track leads to, its state and national pay."""

from dataclasses import dataclass
from functools import cache

from certadvisor.catalog.yaml_io import load_yaml, read_text, validation_lines
from certadvisor.errors import InvalidInputError
from certadvisor.models.base import ValidationError
from certadvisor.models.common import Confidence
from certadvisor.models.wages import Occupation, WageTable
from certadvisor.paths import bundled_data_dir

WAGES_FILE = "wages.yaml"


@dataclass(frozen=True)
class StatePay:
    """One occupation's pay in one state for one survey period."""

    state: str
    employment: int | None
    mean: int | None
    median: int | None
    period: str
    source: str
    confidence: Confidence


@dataclass(frozen=True)
class NationalPay:
    """A national median for one survey period, with the address of its source."""

    median: int
    period: str
    source: str
    confidence: Confidence


@dataclass(frozen=True)
class Pay:
    """What a track's work pays: in the state when known, and nationally."""

    track: str
    occupation: Occupation
    state: StatePay | None
    national: list[NationalPay]

    @property
    def weekly_median(self) -> float | None:
        """The state's median annual pay as weekly pay (for payback in weeks)."""
        median = self.state.median if self.state else None
        return median / 52 if median else None


@cache
def wage_table() -> WageTable:
    """data/wages.yaml, validated; its sources checked against the registry.

    The checked table is kept pickled in the cache folder (as the state rules are), keyed by
    the version, wages.yaml and the source registry: a warm run validates nothing, so it
    needs no Pydantic models (see `models.mode`); a missing or unreadable copy is rebuilt.
    """
    from certadvisor.catalog.sources import kept_validated

    raw = read_text(bundled_data_dir() / WAGES_FILE, WAGES_FILE)
    return kept_validated("wages", raw, WageTable, lambda: _validated_table(raw))


def _validated_table(raw: bytes) -> WageTable:
    data = load_yaml(raw, WAGES_FILE)
    try:
        table = WageTable.model_validate(data)
    except ValidationError as exc:
        lines = validation_lines(exc, data, raw, WAGES_FILE)
        raise InvalidInputError(lines[0], "Fix data/wages.yaml.", lines) from None
    _check_sources(table)
    return table


def _check_sources(table: WageTable) -> None:
    """Every figure cites a registered source and claims no more than its publisher earns."""
    from certadvisor.catalog.sources import bundled_registry
    from certadvisor.models.sources import allows

    registry = bundled_registry()
    claims = [(table.states_source, table.states_confidence)]
    claims += [(n.source, n.confidence) for n in table.national]
    for ref, confidence in claims:
        source = registry.by_id.get(ref)
        if source is None:
            raise InvalidInputError(f"{WAGES_FILE}: source {ref!r} is not in data/sources.yaml")
        if not allows(source.publisher_kind, confidence):
            raise InvalidInputError(
                f"{WAGES_FILE}: {ref} is a {source.publisher_kind} source; "
                f"it cannot support a {confidence} figure"
            )


def _address(ref: str) -> str:
    """The address a registered source is cited by (its id when it has none)."""
    from certadvisor.catalog.sources import bundled_registry

    source = bundled_registry().by_id.get(ref)
    return (source.url or source.read_at or ref) if source else ref


def pay_for(track_id: str, state: str | None, table: WageTable | None = None) -> Pay | None:
    """The pay of the occupation a track leads to (None when the catalog maps it to none)."""
    table = table or wage_table()
    soc = table.tracks.get(track_id)
    if soc is None:
        return None
    occupation = next(o for o in table.occupations if o.soc == soc)
    national = [
        NationalPay(n.median, n.period, _address(n.source), n.confidence)
        for n in table.national
        if n.soc == soc
    ]
    row = table.states.get(state.upper(), {}).get(soc) if state else None
    here = None
    if state and row is not None:
        employment, mean, median = row
        here = StatePay(
            state.upper(),
            employment,
            mean,
            median,
            table.period,
            _address(table.states_source),
            table.states_confidence,
        )
    return Pay(track_id, occupation, here, national)
