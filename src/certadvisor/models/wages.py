"""Pay by occupation and state (BLS OEWS), and the occupation each track leads to."""

from typing import Annotated

from certadvisor.models.base import Field, model_validator
from certadvisor.models.common import Confidence, Strict

Soc = Annotated[str, Field(pattern=r"^\d{2}-\d{4}$", description="BLS SOC code, e.g. 31-9092")]
Dollars = Annotated[int, Field(ge=0, le=10_000_000)]


class Occupation(Strict):
    """One occupation as BLS names it, with what a reader must know about its pay."""

    soc: Soc
    title: str = Field(min_length=1)
    caveat: str | None = None


class NationalFigure(Strict):
    """A national median for one period, with its own source."""

    soc: Soc
    median: Dollars
    period: str = Field(min_length=1, description="The survey period, e.g. 'May 2024'")
    source: str = Field(min_length=1)
    confidence: Confidence


StateRow = Annotated[
    list[Dollars | None],
    Field(min_length=3, max_length=3, description="employment, annual mean, annual median"),
]


class WageTable(Strict):
    """data/wages.yaml: state pay of each occupation for one period, national figures apart."""

    period: str = Field(min_length=1)
    states_source: str = Field(min_length=1)
    states_confidence: Confidence
    occupations: list[Occupation]
    national: list[NationalFigure] = Field(default_factory=list)
    tracks: dict[str, Soc] = Field(description="track id -> the occupation it leads to")
    states: dict[Annotated[str, Field(pattern=r"^[A-Z]{2}$")], dict[Soc, StateRow]]

    @model_validator(mode="after")
    def _known_occupations(self) -> "WageTable":
        known = {o.soc for o in self.occupations}
        used = set(self.tracks.values()) | {n.soc for n in self.national}
        used |= {soc for row in self.states.values() for soc in row}
        missing = sorted(used - known)
        if missing:
            raise ValueError(f"occupation(s) {', '.join(missing)} not listed in occupations")
        return self
