"""The wallet's records (people, credentials, CE), its export document and the checks on input."""

import datetime as dt
import math
import re
import unicodedata
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BeforeValidator, Field

from certadvisor.models.catalog import Fee, Issuer, Renewal, Track
from certadvisor.models.common import Strict

EXPORT_FORMAT = "certadvisor-wallet"
EXPORT_VERSION = 1
DEFAULT_PERSON = "me"
MAX_POINTS = 1000.0
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def parse_day(text: str) -> dt.date:
    """A date written YYYY-MM-DD; anything else is a ValueError in plain words."""
    if not _DAY.match(text.strip()):
        raise ValueError(f"{text!r} is not a date; write it YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


def check_not_future(day: dt.date, today: dt.date | None = None) -> dt.date:
    """Refuse a date after today: credentials and CE are recorded once they happened."""
    today = today or dt.date.today()
    if day > today:
        raise ValueError(f"{day.isoformat()} is in the future (today is {today.isoformat()})")
    return day


def check_points(value: float) -> float:
    """CE points: a finite number above zero and at most MAX_POINTS."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{value!r} is not a number of points")
    if value <= 0:
        raise ValueError(f"{value:g} is not more than 0; points are positive")
    if value > MAX_POINTS:
        raise ValueError(f"{value:g} is over {MAX_POINTS:g} points for one activity")
    return float(value)


def clean_text(value: str | None, *, required: bool = False, max_len: int = 300) -> str | None:
    """Trimmed text without control characters; empty is None (or an error when required)."""
    if value is None or not value.strip():
        if required:
            raise ValueError("must not be empty")
        return None
    text = value.strip()
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise ValueError("must be one line without control characters")
    if len(text) > max_len:
        raise ValueError(f"is {len(text)} characters long, over the limit of {max_len}")
    return text


def required_text(value: str | None, max_len: int = 300) -> str:
    """Trimmed one-line text that must not be empty."""
    text = clean_text(value, required=True, max_len=max_len)
    assert text is not None
    return text


def check_person(name: str) -> str:
    """A person's name as shown: one line, 1 to 100 characters."""
    return required_text(name, max_len=100)


def person_key(name: str) -> str:
    """The key that makes 'Maria' and 'maria' the same person."""
    return check_person(name).casefold()


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


Day = Annotated[dt.date, BeforeValidator(_day_input)]
PastDay = Annotated[Day, AfterValidator(check_not_future)]
Points = Annotated[float, Field(strict=True), AfterValidator(check_points)]
Title = Annotated[str, _required_text(300)]
ShortText = Annotated[str | None, _optional_text(200)]
PersonName = Annotated[str, AfterValidator(check_person)]
TrackId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
CategoryId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]


# Stored records, as the store returns them.


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


class CEPoints(NamedTuple):
    """What the renewal arithmetic needs of a CE entry (read as plain rows, for speed)."""

    date: dt.date
    category: str
    points: float
    approved_by: str | None


class PersonCredentials(Strict):
    """One person's credentials (the `wallet list` payload)."""

    name: str
    credentials: list[HeldCredential]


class PersonCE(Strict):
    """One person's CE entries (the `wallet ce list` payload)."""

    name: str
    entries: list[CEEntry]


# The export document: what `wallet export --format json` writes and `wallet import` reads.


class CertificateRef(Strict):
    """A certificate kept in the store's folder, named by its SHA-256."""

    sha256: Annotated[str, Field(pattern=_SHA256.pattern)]
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
    added_at: str | None = None


class CredentialRecord(Strict):
    """One held credential and its CE in an export."""

    track: TrackId
    earned: PastDay
    number: Annotated[str | None, _optional_text(64)] = None
    added_at: str | None = None
    ce: list[CERecord] = Field(default_factory=list)


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
    missing_certificates: list[str] = Field(default_factory=list)


# The catalog facts the wallet reads.


class TrackRules(Strict):
    """A track's names, renewal rules and fees: all the wallet reads of the catalog."""

    id: str
    credential: str
    abbreviation: str
    issuer: Issuer
    renewal: Renewal = Field(default_factory=Renewal)
    fees: list[Fee] = Field(default_factory=list)

    @classmethod
    def from_track(cls, track: Track) -> "TrackRules":
        return cls.model_construct(
            id=track.id,
            credential=track.credential,
            abbreviation=track.abbreviation,
            issuer=track.issuer,
            renewal=track.renewal,
            fees=list(track.fees),
        )

    def categories(self) -> dict[str, str]:
        """CE category ids and names; a track without a list accepts only `general`."""
        ce = self.renewal.ce
        if ce is None or not ce.categories:
            return {"general": "General"}
        return {c.id: c.name for c in ce.categories}


# What `wallet status` computes, per credential.

Urgency = Literal["urgent", "soon", "ok", "unknown"]
DeadlineKind = Literal["annual_fee", "window_opens", "window_closes", "cycle_end", "grace_end"]


class Cited(Strict):
    """The provenance of the catalog rule a figure comes from (None: not from the catalog)."""

    source: str | None = None
    as_of: str | None = None
    confidence: str | None = None


class CycleInfo(Cited):
    """The current renewal cycle; every date is None when the catalog does not know the cycle."""

    months: int | None = None
    anchor: str | None = Field(default=None, description="earned_date or end_of_month")
    anchor_assumed: bool = Field(
        default=False, description="The catalog does not say; the earliest reading is used"
    )
    index: int | None = Field(default=None, description="0 for the cycle that began when earned")
    start: dt.date | None = None
    end: dt.date | None = Field(default=None, description="Last day of the cycle (expiry)")
    days_left: int | None = None


class CategoryProgress(Strict):
    """CE points of one category inside the current cycle, against its limits."""

    id: str
    name: str
    earned: float
    counted: float = Field(description="Earned points up to the category's maximum")
    min_points: float | None = None
    max_points: float | None = None
    short: float = 0.0


class CEProgress(Cited):
    """CE dated inside the current cycle, against the catalog's requirement."""

    unit: str
    required: float | None = None
    counted: float
    entries: int
    short: float | None = None
    categories: list[CategoryProgress] = Field(default_factory=list)
    approved_by: str | None = None
    approved_required: float | None = None
    approved: float | None = None
    approved_short: float | None = None
    rollover: bool = False
    needed: float | None = Field(default=None, description="Fewest more points that meet it all")
    met: bool | None = None


class FeeDue(Cited):
    """A renewal-related fee; annual fees carry their next due date."""

    kind: str
    label: str
    amount: int | None = None
    amount_max: int | None = None
    member: bool | None = None
    due: dt.date | None = None


class WindowInfo(Cited):
    """When the renewal may be filed."""

    opens: dt.date | None = None
    closes: dt.date | None = None
    opens_days_before: int | None = None
    closes_days_before: int | None = None


class LateRuleInfo(Cited):
    """What happens after expiry, with the end of any grace period."""

    text: str
    grace_days: int | None = None
    grace_end: dt.date | None = None


class Deadline(Cited):
    """One dated deadline; `key` stays the same for the same deadline across exports."""

    kind: DeadlineKind
    key: str
    date: dt.date
    title: str
    detail: str = ""


class NextAction(Strict):
    """What to do next, by when, and how pressing it is."""

    text: str
    detail: str | None = Field(default=None, description="What must be done first, if anything")
    date: dt.date | None = None
    days: int | None = None
    urgency: Urgency = "unknown"


class CredentialStatus(Strict):
    """Where one held credential stands."""

    track: str
    credential: str
    abbreviation: str
    issuer: str
    number: str | None = None
    earned: dt.date
    in_catalog: bool = True
    cycle: CycleInfo
    ce: CEProgress | None = None
    annual_fees: list[FeeDue] = Field(default_factory=list)
    renewal_fees: list[FeeDue] = Field(default_factory=list)
    submit_window: WindowInfo | None = None
    late_rules: list[LateRuleInfo] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    next_action: NextAction
    notes: list[str] = Field(default_factory=list)


class PersonStatus(Strict):
    """One person's credentials."""

    name: str
    credentials: list[CredentialStatus]


class WalletStatus(Strict):
    """The `wallet status` result."""

    as_of: dt.date
    people: list[PersonStatus]
