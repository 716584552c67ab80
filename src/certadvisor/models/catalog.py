"""The catalog: tracks with their routes, exam, fees and renewal rules, every fact sourced."""

import calendar
import datetime as dt
from collections import Counter
from enum import StrEnum

from certadvisor.models.base import Field, model_validator
from certadvisor.models.common import (
    DatedAmount,
    Fact,
    IntFact,
    Money,
    NumberFact,
    PartialDate,
    Provenance,
    Strict,
    TextFact,
)
from certadvisor.models.conditions import (
    AcceptedExam,
    AgeCondition,
    Condition,
    CredentialCondition,
    EducationCondition,
    ExamCondition,
    ExperienceCondition,
    MilitaryCondition,
    ProceduresCondition,
    ProgramCondition,
    SemesterHoursCondition,
    Slug,
    StateCode,
    StateExamCondition,
    TrainingHoursCondition,
    UnrecordedCondition,
)
from certadvisor.models.vocab import (
    Accreditation,
    Category,
    Duty,
    EducationLevel,
    ExperienceField,
    Procedure,
    ProgramField,
)


class Route(Provenance):
    """One way to become eligible: every condition must hold."""

    id: Slug
    name: str = Field(min_length=1)
    summary: str = Field(min_length=1, description="A few words for tables")
    conditions: list[Condition] = Field(min_length=1)
    documents: list[str] = Field(default_factory=list, description="What the application needs")
    notes: list[str] = Field(
        default_factory=list, description="Requirements no profile field expresses"
    )


class Issuer(Strict):
    """The certifying body."""

    name: str
    abbreviation: str
    url: str | None = None
    for_profit: bool | None = None


class CredentialAccreditation(Provenance):
    """Third-party accreditation of the credential itself (NCCA, ISO/IEC 17024)."""

    name: str


class Domain(Strict):
    """One content area of the exam, with its published share."""

    name: str
    weight_percent: float | None = Field(default=None, ge=0, le=100)
    items: int | None = Field(default=None, ge=0)


class ContentOutline(Provenance):
    """The exam's content domains as one sourced list."""

    domains: list[Domain] = Field(min_length=1)


class Exam(Strict):
    """The certification exam."""

    questions: IntFact | None = None
    scored_questions: IntFact | None = None
    minutes: IntFact | None = None
    format: TextFact | None = None
    delivery: TextFact | None = None
    vendor: TextFact | None = None
    passing: TextFact | None = None
    outline: ContentOutline | None = None


class FeeKind(StrEnum):
    """What a fee pays for."""

    APPLICATION = "application"
    EXAM = "exam"
    ELIGIBILITY_REVIEW = "eligibility_review"
    RETAKE = "retake"
    RENEWAL = "renewal"
    ANNUAL = "annual"
    REACTIVATION = "reactivation"
    REINSTATEMENT = "reinstatement"
    MEMBERSHIP = "membership"
    PRACTICE_EXAM = "practice_exam"


class FeePer(StrEnum):
    """How often a fee falls due."""

    ONCE = "once"
    YEAR = "year"
    CYCLE = "cycle"
    ATTEMPT = "attempt"


class Fee(Provenance):
    """One fee; a null amount means the research does not know it."""

    kind: FeeKind
    label: str = Field(min_length=1)
    amount: Money | None = None
    amount_max: Money | None = Field(default=None, description="Upper end when a range is quoted")
    per: FeePer = FeePer.ONCE
    member: bool | None = Field(
        default=None, description="true: member price; false: non-member price; null: everyone"
    )
    routes: list[str] = Field(default_factory=list, description="Routes it applies to; empty: all")
    history: list[DatedAmount] = Field(
        default_factory=list, description="Past or announced amounts, each dated and sourced"
    )

    @model_validator(mode="after")
    def _range_in_order(self) -> "Fee":
        if self.amount_max is not None and (self.amount is None or self.amount_max < self.amount):
            raise ValueError("amount_max must be at least amount")
        return self


class CECategory(Strict):
    """A CE category with its minimum (and maximum) points per cycle."""

    id: Slug
    name: str
    min_points: float | None = Field(default=None, ge=0)
    max_points: float | None = Field(default=None, ge=0)


class CERequirement(Provenance):
    """Continuing education owed per renewal cycle."""

    total_points: float | None = Field(default=None, ge=0)
    unit: str = "points"
    categories: list[CECategory] = Field(default_factory=list)
    min_approved_points: float | None = Field(default=None, ge=0)
    approved_by: str | None = None
    rollover: bool | None = Field(
        default=None,
        description="Whether CE beyond a cycle's need carries over to the next; null: the "
        "source does not say",
    )
    first_cycle: str | None = Field(
        default=None,
        description="What the first cycle after first licensure owes instead, when the source "
        "waives or changes it (e.g. first-time licensees exempt except statutory courses)",
    )


class SubmitWindow(Provenance):
    """When the renewal must be filed, counted in days before expiry."""

    opens_days_before: int | None = Field(default=None, ge=0)
    closes_days_before: int | None = Field(default=None, ge=0)


class LateRule(Provenance):
    """What happens after expiry."""

    text: str
    grace_days: int | None = Field(default=None, ge=0)


class CycleAnchor(StrEnum):
    """Where a renewal cycle starts counting."""

    EARNED_DATE = "earned_date"
    END_OF_MONTH = "end_of_month"
    FIXED_DATE = "fixed_date"  # every licence ends on one calendar date (`fixed`)


class YearParity(StrEnum):
    """Which years a fixed expiry date falls in."""

    EVEN = "even"
    ODD = "odd"
    EVERY = "every"


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


class FixedExpiry(Strict):
    """Every licence ends on one calendar date: 31 August of even years (Florida)."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    years: YearParity
    issued_late: IntFact | None = Field(
        default=None,
        description="Days before the date within which the sources do not say whether a "
        "licence issued then ends on that date or on the next one (a null value: not said "
        "for any licence issued during a cycle); left out when the sources settle it",
    )

    @model_validator(mode="after")
    def _real_day(self) -> "FixedExpiry":
        if self.day > calendar.monthrange(2001, self.month)[1]:  # 2001: 29 February refused
            raise ValueError(f"day {self.day} is not a day of {_MONTHS[self.month - 1]} every year")
        if self.issued_late is not None and (self.issued_late.value or 0) < 0:
            raise ValueError("issued_late: days must not be negative")
        return self

    @property
    def step_years(self) -> int:
        """Years between two expiry dates."""
        return 1 if self.years == YearParity.EVERY else 2

    def words(self) -> str:
        """'31 August of even years', '31 December of every year'."""
        when = "every year" if self.years == YearParity.EVERY else f"{self.years} years"
        return f"{self.day} {_MONTHS[self.month - 1]} of {when}"

    def end(self, earned: dt.date, index: int = 0) -> dt.date:
        """Last day of cycle `index` (0: the first expiry date on or after `earned`)."""
        year = earned.year
        if (earned.month, earned.day) > (self.month, self.day):
            year += 1
        if self.years != YearParity.EVERY and year % 2 != (self.years == YearParity.ODD):
            year += 1
        return dt.date(year + self.step_years * index, self.month, self.day)

    def unsure(self, earned: dt.date) -> bool:
        """Whether the sources leave open that a licence earned then runs to the next date."""
        late = self.issued_late
        if late is None:
            return False
        return late.value is None or (self.end(earned) - earned).days <= late.value


class AnchorFact(Fact):
    """A sourced cycle anchor; `fixed` gives the date of a `fixed_date` anchor."""

    value: CycleAnchor | None = None
    fixed: FixedExpiry | None = None

    @model_validator(mode="after")
    def _fixed_iff_fixed_date(self) -> "AnchorFact":
        if (self.value == CycleAnchor.FIXED_DATE) != (self.fixed is not None):
            raise ValueError("fixed: give it exactly when the anchor's value is fixed_date")
        return self


class Renewal(Strict):
    """How the credential is kept."""

    cycle_months: IntFact | None = None
    anchor: AnchorFact | None = None
    ce: CERequirement | None = None
    methods: list[TextFact] = Field(default_factory=list)
    submit_window: SubmitWindow | None = None
    late_rules: list[LateRule] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fixed_date_fits_cycle(self) -> "Renewal":
        fixed = self.anchor.fixed if self.anchor else None
        months = self.cycle_months.value if self.cycle_months else None
        if fixed is not None and months is not None and months != 12 * fixed.step_years:
            raise ValueError(
                f"cycle_months: {months} does not fit an expiry on {fixed.words()} "
                f"({12 * fixed.step_years} months)"
            )
        return self


class Occupation(Strict):
    """BLS figures for the occupation the track leads to."""

    soc: str
    title: str
    median_pay: IntFact | None = None
    pay_period: str | None = None
    outlook_percent: NumberFact | None = None
    outlook_period: str | None = None
    typical_entry: TextFact | None = None


class TimeEstimate(Provenance):
    """Typical time to become eligible, by route when it differs."""

    text: str
    routes: list[str] = Field(default_factory=list)
    months_min: float | None = Field(default=None, ge=0)
    months_max: float | None = Field(default=None, ge=0)


class ResourceKind(StrEnum):
    """Kinds of preparation material."""

    CONTENT_OUTLINE = "content_outline"
    HANDBOOK = "handbook"
    PRACTICE_EXAM = "practice_exam"
    REVIEW_COURSE = "review_course"
    QUESTION_BANK = "question_bank"
    SKILLS_CHECKLIST = "skills_checklist"
    STUDY_GUIDE = "study_guide"


class StudyResource(Provenance):
    """A preparation resource, official or of a kind the guide recommends."""

    kind: ResourceKind
    title: str
    url: str | None = None
    price: Money | None = None


class Application(Strict):
    """How to apply, schedule and receive results."""

    how: TextFact | None = None
    lead_days: IntFact | None = None
    valid_days: IntFact | None = None
    scheduling: TextFact | None = None
    results: TextFact | None = None
    retakes: TextFact | None = None
    attempts: TextFact | None = None


class WindowKind(StrEnum):
    """Which of the body's timing rules a window states."""

    APPLY_BEFORE_COMPLETION = "apply_before_completion"  # may apply up to `days` before finishing
    TESTING_PERIOD = "testing_period"  # after approval/authorisation, must test within `days`
    APPLICATION_VALID = "application_valid"  # an application stays valid `days`
    VOUCHER_VALID = "voucher_valid"  # an exam voucher/eligibility is valid `days`
    PROCESSING = "processing"  # typical days from application to authorisation


class ExamWindow(Provenance):
    """One of the body's timing rules around the exam, with its length in days."""

    kind: WindowKind
    days: int | None = Field(default=None, ge=0, description="null: the body gives no number")
    text: str = Field(min_length=1, description="What the body says, in our words")
    disputed: bool = Field(default=False, description="true: the sources disagree")
    routes: list[str] = Field(default_factory=list, description="Routes it applies to; empty: all")


class TrackKind(StrEnum):
    """A national certification, or a credential a state issues to work there."""

    NATIONAL = "national"
    STATE_CREDENTIAL = "state_credential"


class Agency(Provenance):
    """The state body that issues a state credential, and the law it acts under."""

    name: str = Field(min_length=1)
    division: str | None = None
    url: str | None = None
    law: list[str] = Field(default_factory=list, description="Statutes and rules, as cited")


def _military(cond: Condition) -> bool:
    """A condition only military training meets."""
    return isinstance(cond, MilitaryCondition) or (
        isinstance(cond, ProgramCondition) and list(cond.accreditation) == ["military"]
    )


class Track(Strict):
    """One certification track, national or a state credential."""

    id: Slug
    credential: str
    abbreviation: str
    aliases: list[str] = Field(
        default_factory=list, description="Other names people use; a shared alias is ambiguous"
    )
    category: Category
    kind: TrackKind = TrackKind.NATIONAL
    jurisdiction: StateCode | None = Field(
        default=None, description="The state (two letters) of a state credential"
    )
    agency: Agency | None = Field(default=None, description="A state credential's issuing body")
    scope: TextFact | None = Field(default=None, description="What the credential allows")
    issuer: Issuer
    summary: str | None = None
    accreditation: list[CredentialAccreditation] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    exam: Exam = Field(default_factory=Exam)
    fees: list[Fee] = Field(default_factory=list)
    renewal: Renewal = Field(default_factory=Renewal)
    time_to_eligible: list[TimeEstimate] = Field(default_factory=list)
    occupation: Occupation | None = None
    application: Application = Field(default_factory=Application)
    study_resources: list[StudyResource] = Field(default_factory=list)
    notes: list[TextFact] = Field(default_factory=list)
    windows: list[ExamWindow] = Field(
        default_factory=list, description="The body's timing rules: apply, test, validity"
    )

    def civilian_times(self) -> list[TimeEstimate]:
        """The stated times to eligibility, without those of routes that only military
        training opens: a civilian cannot take them (the 50-week military MLT course is no
        one's "fastest" way in but a soldier's)."""
        military = {r.id for r in self.routes if any(_military(c) for c in r.conditions)}
        return [e for e in self.time_to_eligible if not (e.routes and set(e.routes) <= military)]

    @model_validator(mode="after")
    def _state_fields(self) -> "Track":
        state = self.kind == TrackKind.STATE_CREDENTIAL
        if state and (self.jurisdiction is None or self.agency is None):
            raise ValueError("a state_credential needs a jurisdiction and an agency")
        if not state and (self.jurisdiction is not None or self.agency is not None):
            raise ValueError("only a state_credential has a jurisdiction and an agency")
        return self

    @model_validator(mode="after")
    def _routes_consistent(self) -> "Track":
        route_ids = [r.id for r in self.routes]
        dupes = sorted(r for r, n in Counter(route_ids).items() if n > 1)
        if dupes:
            raise ValueError(f"route ids must be unique, repeated: {', '.join(dupes)}")
        known = set(route_ids)
        for fee in self.fees:
            unknown = [r for r in fee.routes if r not in known]
            if unknown:
                raise ValueError(f"fee {fee.label!r} names unknown routes: {', '.join(unknown)}")
        for window in self.windows:
            unknown = [r for r in window.routes if r not in known]
            if unknown:
                raise ValueError(
                    f"window {window.kind.value!r} names unknown routes: {', '.join(unknown)}"
                )
        return self


class Catalog(Strict):
    """The root of a catalog file: a list of tracks."""

    as_of: PartialDate | None = Field(
        default=None, description="When the catalog was last reviewed against its research"
    )
    tracks: list[Track] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_unique(self) -> "Catalog":
        counts = Counter(t.id for t in self.tracks)
        dupes = sorted(i for i, n in counts.items() if n > 1)
        if dupes:
            raise ValueError(f"track ids must be unique, repeated: {', '.join(dupes)}")
        return self

    def check_references(self) -> list[str]:
        """Credential conditions that name no track of this catalog, as 'where: what' lines."""
        known = {t.id for t in self.tracks}
        problems = []
        for ti, track in enumerate(self.tracks):
            for ri, route in enumerate(track.routes):
                for ci, cond in enumerate(route.conditions):
                    if isinstance(cond, CredentialCondition):
                        for name in cond.any_of:
                            if name not in known:
                                problems.append(
                                    f"tracks[{ti}].routes[{ri}].conditions[{ci}].any_of: "
                                    f"{name!r} is not a track id in the catalog"
                                )
        return problems


__all__ = [
    "AcceptedExam",
    "Accreditation",
    "Agency",
    "AgeCondition",
    "Catalog",
    "Condition",
    "CredentialCondition",
    "EducationCondition",
    "ExamCondition",
    "ExamWindow",
    "ExperienceCondition",
    "MilitaryCondition",
    "ProceduresCondition",
    "ProgramCondition",
    "SemesterHoursCondition",
    "Slug",
    "StateExamCondition",
    "UnrecordedCondition",
    "TrackKind",
    "TrainingHoursCondition",
    "WindowKind",
    "Duty",
    "EducationLevel",
    "ExperienceField",
    "Procedure",
    "ProgramField",
    "Track",
]
