"""The wallet's records as the store returns them."""

import datetime as dt
from typing import NamedTuple

from certadvisor.models.base import Field
from certadvisor.models.common import Strict
from certadvisor.wallet.checks import DEFAULT_PERSON

__all__ = [
    "CE_FIELDS",
    "DEFAULT_PERSON",
    "CEEntry",
    "CETally",
    "FeePaid",
    "FiledRenewal",
    "HeldCredential",
    "PersonCE",
    "PersonCredentials",
]

# The stored fields of a CE activity, in the order every listing, export and query uses.
CE_FIELDS = (
    "date",
    "points",
    "category",
    "title",
    "provider",
    "approved_by",
    "certificate_sha256",
    "certificate_name",
    "added_at",
)


class HeldCredential(Strict):
    """A credential a person holds."""

    person: str
    track: str
    earned: dt.date = Field(description="Date earned or last recertified")
    number: str | None = None
    added_at: str


class CEEntry(Strict):
    """One continuing-education activity, counted toward one credential."""

    id: int
    person: str
    track: str
    date: dt.date
    points: float
    category: str
    title: str
    provider: str | None = None
    approved_by: str | None = None
    certificate_sha256: str | None = None
    certificate_name: str | None = None
    added_at: str


class CETally(NamedTuple):
    """CE points of one category and approving body inside a cycle, summed by the store."""

    category: str
    approved_by: str | None
    points: float
    entries: int


class FiledRenewal(NamedTuple):
    """A renewal marked filed: the cycle it renewed and the cycle it started."""

    cycle_index: int
    start: dt.date
    end: dt.date
    filed: dt.date
    fee: float | None
    next_start: dt.date
    next_end: dt.date
    recorded_at: str


class FeePaid(NamedTuple):
    """A fee marked paid: which due date it settled, when, and how much."""

    kind: str
    due: dt.date
    paid: dt.date
    amount: float | None
    recorded_at: str


class PersonCredentials(Strict):
    """One person's credentials (the `wallet list` payload)."""

    name: str
    credentials: list[HeldCredential]


class PersonCE(Strict):
    """One person's CE entries (the `wallet ce list` payload)."""

    name: str
    entries: list[CEEntry]
