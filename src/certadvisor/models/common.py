"""Shared building blocks: provenance on every fact, partial dates, the strict base model."""

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from certadvisor.dates import FIRST_DAY, LAST_DAY, check_day
from certadvisor.models.base import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


class Strict(BaseModel):
    """Frozen model that refuses unknown keys, so a misspelled key in YAML fails loudly."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Confidence(StrEnum):
    """How far a fact can be trusted, by the kind of source that states it."""

    OFFICIAL = "official"
    GOVERNMENT = "government"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


def _to_partial_date(value: object) -> object:
    if isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        if not _PARTIAL_DATE.match(value):
            raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
        if len(value) == 10:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value} is not a real date") from None
        if not FIRST_DAY.year <= int(value[:4]) <= LAST_DAY.year:
            raise ValueError(f"{value} is outside {FIRST_DAY.year}-{LAST_DAY.year}")
    return value


PartialDate = Annotated[str, BeforeValidator(_to_partial_date)]
"""A date as precise as its source: ``2026``, ``2026-06`` or ``2026-06-18``."""

Day = Annotated[dt.date, AfterValidator(check_day)]
"""A calendar date from an input, within the years date arithmetic is sure to stay inside."""


def partial_date_start(value: str) -> dt.date:
    """The first day a partial date can mean (``2026-06`` -> 2026-06-01)."""
    parts = [int(p) for p in value.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(parts[0], parts[1], parts[2])


class Provenance(Strict):
    """Where a fact comes from: every fact in the catalog carries one."""

    source: str = Field(
        min_length=1,
        description="Id of the source in the registry (data/sources.yaml), or a URL",
    )
    as_of: PartialDate | None = Field(
        default=None, description="Date shown by the source; null when the page is undated"
    )
    confidence: Confidence
    see_also: list[str] = Field(default_factory=list, description="Further sources")
    note: str | None = Field(default=None, description="Caveat shown with the fact")


def provenance(source: str, as_of: object, confidence: str) -> Provenance:
    """A `Provenance` of values already checked (a catalog's), built without validation.

    The values are normalised as validation would: a dated `as_of` as its text, the
    confidence as a `Confidence`; validating would build the model's schema on every run.
    """
    return Provenance.model_construct(
        source=source,
        as_of=None if as_of is None else str(_to_partial_date(as_of)),
        confidence=Confidence(confidence),
    )


class Fact(Provenance):
    """One sourced value; a null value means the research does not know it.

    Concrete subclasses type the value; they are plain classes rather than ``Fact[int]``
    generics because parametrizing generics costs start-up time on every command.
    """

    value: Any = None


class IntFact(Fact):
    """A sourced whole number."""

    value: int | None = None


class NumberFact(Fact):
    """A sourced number."""

    value: float | None = None


class TextFact(Fact):
    """A sourced piece of text."""

    value: str | None = None


Money = Annotated[int, Field(ge=0, description="Whole US dollars")]


class DatedAmount(Provenance):
    """A fee's amount in force over a period, with its own source (a fee's ``history``).

    ``valid_from`` is the first day in force; ``valid_until`` the first day no longer in
    force (null: open-ended).
    """

    amount: Money | None = None
    amount_max: Money | None = None
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "DatedAmount":
        if self.valid_from is None and self.valid_until is None:
            raise ValueError("a dated amount needs valid_from, valid_until or both")
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and partial_date_start(self.valid_until) <= partial_date_start(self.valid_from)
        ):
            raise ValueError("valid_until must come after valid_from")
        if self.amount_max is not None and (self.amount is None or self.amount_max < self.amount):
            raise ValueError("amount_max must be at least amount")
        return self
