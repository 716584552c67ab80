"""What `wallet status` computes per credential, and the catalog rules it reads."""

import datetime as dt
import re
from typing import Literal

from certadvisor.models.base import Field
from certadvisor.models.catalog import Fee, Issuer, Renewal, Track
from certadvisor.models.common import Strict


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
        """The part of a catalog track the wallet reads."""
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

    def category_id(self, typed: str) -> str:
        """The category id for what was typed (its id or its name, ignoring case and marks)."""
        cats = self.categories()
        wanted = _norm(typed)
        for cid, name in cats.items():
            if wanted and wanted in (_norm(cid), _norm(name)):
                return cid
        raise ValueError(
            f"{typed!r} is not a CE category of {self.id}; choose one of: {', '.join(cats)}"
        )


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


Urgency = Literal["urgent", "soon", "ok", "unknown"]
DeadlineKind = Literal[
    "annual_fee",
    "window_opens",
    "window_closes",
    "cycle_end",
    "grace_end",
    "annual_fee_overdue",
    "renewal_overdue",
]


class Cited(Strict):
    """The provenance of the catalog rule a figure comes from (None: not from the catalog)."""

    source: str | None = None
    as_of: str | None = None
    confidence: str | None = None


class CycleInfo(Cited):
    """The current renewal cycle; every date is None when the catalog does not know the cycle."""

    months: int | None = None
    anchor: str | None = Field(default=None, description="earned_date, end_of_month or fixed_date")
    anchor_assumed: bool = Field(
        default=False, description="The catalog does not say; the earliest reading is used"
    )
    index: int | None = Field(default=None, description="0 for the cycle that began when earned")
    start: dt.date | None = None
    end: dt.date | None = Field(default=None, description="Last day of the cycle (expiry)")
    days_left: int | None = None
    renewals_filed: int = Field(default=0, description="Renewals marked filed in the wallet")
    assumed_filed: list[dt.date] = Field(
        default_factory=list,
        description="Earlier cycle ends with no renewal marked filed, assumed filed to get here",
    )
    fixed_date: str | None = Field(
        default=None, description="The date every licence ends on ('31 August of even years')"
    )
    end_unsure_until: dt.date | None = Field(
        default=None,
        description="Set when the sources do not say whether this first cycle, of a licence "
        "issued shortly before the fixed date, ends on `end` (shown, the earlier) or on this date",
    )


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
    rollover: bool | None = Field(
        default=None,
        description="CE carries over to the next cycle; null: the catalog does not say",
    )
    needed: float | None = Field(default=None, description="Fewest more points that meet it all")
    met: bool | None = None
    earlier_points: float = Field(
        default=0.0, description="Points dated before this cycle began: not counted here"
    )
    earlier_entries: int = 0
    first_cycle: str | None = Field(
        default=None,
        description="The source's rule for a first cycle after first licensure, shown while "
        "the wallet is in the cycle that began when the credential was earned",
    )


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


class RenewalInfo(Strict):
    """A renewal marked filed: the cycle it renewed (numbered from 1) and the one it began."""

    cycle: int
    start: dt.date
    end: dt.date
    filed: dt.date
    fee: float | None = None
    next_start: dt.date
    next_end: dt.date
    recorded_at: str


class FeePaidInfo(Strict):
    """An annual fee marked paid."""

    due: dt.date
    paid: dt.date
    amount: float | None = None
    recorded_at: str


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
    overdue: list[Deadline] = Field(
        default_factory=list, description="Past due and not marked done, dated the day after"
    )
    due_soon: list[Deadline] = Field(
        default_factory=list, description="Deadlines within the next 90 days"
    )
    assumed: list[str] = Field(default_factory=list, description="What the figures assume")
    lapse: list[str] = Field(default_factory=list, description="What expiry means, dated")
    renewals: list[RenewalInfo] = Field(default_factory=list)
    fees_paid: list[FeePaidInfo] = Field(default_factory=list)


class PersonStatus(Strict):
    """One person's credentials."""

    name: str
    credentials: list[CredentialStatus]


class WalletStatus(Strict):
    """The `wallet status` result."""

    as_of: dt.date
    people: list[PersonStatus]
