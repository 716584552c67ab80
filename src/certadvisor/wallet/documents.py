"""The export document: what `wallet export --format json` writes and `wallet import` reads."""

import datetime as dt
from typing import Annotated, Any, Literal

from certadvisor.dates import parse_day
from certadvisor.models.base import AfterValidator, BeforeValidator, Field, ValidationInfo
from certadvisor.models.common import Strict
from certadvisor.wallet.checks import (
    check_not_future,
    check_person,
    check_points,
    clean_text,
    required_text,
)

_SHA256 = r"^[0-9a-f]{64}$"
# When a record was added, as the store writes it (UTC, to the second).
Stamp = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", max_length=20)]


def _day_input(value: Any) -> Any:
    if isinstance(value, str):
        return parse_day(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError("must be a date written YYYY-MM-DD")


def _required_text(max_len: int) -> AfterValidator:
    return AfterValidator(lambda v: required_text(v, max_len=max_len))


def _optional_text(max_len: int) -> AfterValidator:
    return AfterValidator(lambda v: clean_text(v, max_len=max_len))


def _not_future(day: dt.date, info: ValidationInfo) -> dt.date:
    # The day to check against comes from the caller (`read_import` passes {"today": ...}):
    # records built in code without that context are not checked.
    today = (info.context or {}).get("today")
    return day if today is None else check_not_future(day, today)


Day = Annotated[dt.date, BeforeValidator(_day_input)]
PastDay = Annotated[Day, AfterValidator(_not_future)]
Points = Annotated[float, Field(strict=True), AfterValidator(check_points)]
Title = Annotated[str, _required_text(300)]
ShortText = Annotated[str | None, _optional_text(200)]
PersonName = Annotated[str, AfterValidator(check_person)]
TrackId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
CategoryId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]


class CertificateRef(Strict):
    """A certificate kept in the store's folder, named by its SHA-256."""

    sha256: Annotated[str, Field(pattern=_SHA256)]
    name: Annotated[str, _required_text(255)]


class CERecord(Strict):
    """One CE activity in an export."""

    date: PastDay
    points: Points
    category: CategoryId
    title: Title
    provider: ShortText = None
    approved_by: ShortText = None
    certificate: CertificateRef | None = None
    added_at: Stamp | None = None


class RenewalRecord(Strict):
    """A renewal marked filed: the cycle it renewed (index from 0) and the one it began."""

    cycle_index: Annotated[int, Field(strict=True, ge=0, le=1000)]
    start: Day
    end: Day
    filed: PastDay
    fee: Annotated[float | None, Field(ge=0, le=100_000)] = None
    next_start: Day
    next_end: Day
    recorded_at: Stamp | None = None


class FeePaymentRecord(Strict):
    """An annual fee marked paid."""

    due: Day
    paid: PastDay
    amount: Annotated[float | None, Field(ge=0, le=100_000)] = None
    recorded_at: Stamp | None = None


class CredentialRecord(Strict):
    """One held credential and its CE in an export."""

    track: TrackId
    earned: PastDay
    number: Annotated[str | None, _optional_text(64)] = None
    added_at: Stamp | None = None
    ce: list[CERecord] = Field(default_factory=list)
    renewals: list[RenewalRecord] = Field(default_factory=list)
    fees_paid: list[FeePaymentRecord] = Field(default_factory=list)


class ChecklistRecord(Strict):
    """The checklist steps a person has marked done for one track."""

    track: TrackId
    steps: list[Annotated[int, Field(strict=True, ge=1, le=1000)]]


class PersonRecord(Strict):
    """Everything the wallet keeps about one person."""

    name: PersonName
    credentials: list[CredentialRecord] = Field(default_factory=list)
    checklist: list[ChecklistRecord] = Field(default_factory=list)


class WalletRecords(Strict):
    """The `data` of a json export: every record, nothing computed."""

    format: Literal["certadvisor-wallet"] = "certadvisor-wallet"
    version: Literal[1] = 1
    exported_at: str | None = None
    people: list[PersonRecord] = Field(default_factory=list)


class ImportSummary(Strict):
    """What an import wrote, and what it found already there."""

    people: int
    credentials: int
    ce: int
    checklist_marks: int
    already_present: int
    certificates: int = Field(default=0, description="Certificate files restored from a zip")
    missing_certificates: list[str] = Field(default_factory=list)
