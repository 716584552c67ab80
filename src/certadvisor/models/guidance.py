"""Results of the guidance engines: the study plan (planning.py), the checklist (checklist.py)."""

import datetime as dt
from enum import StrEnum

from certadvisor.models.base import Field
from certadvisor.models.catalog import ContentOutline, ExamWindow, Fee, StudyResource
from certadvisor.models.common import Provenance, Strict


class Assumption(Strict):
    """A planning figure that is a default or the person's own, never a catalog fact."""

    name: str
    value: float
    unit: str
    given: bool = Field(description="true when the person gave it, false for the default")
    text: str


class DomainHours(Strict):
    """One content domain and the study hours it gets."""

    name: str
    share_percent: float
    hours: float
    weight_percent: float | None = None
    items: int | None = None
    planned_hours: float | None = Field(
        default=None, description="Hours the weeks give it: its share of what fits before the exam"
    )


class TopicHours(Strict):
    """Hours for one domain inside one week."""

    domain: str
    hours: float


class WeekKind(StrEnum):
    """What a plan week is for."""

    STUDY = "study"
    PRACTICE = "practice"
    BUFFER = "buffer"


class PlanWeek(Strict):
    """Seven days of the plan (the last buffer day is the day before the exam)."""

    number: int
    kind: WeekKind
    starts: dt.date
    ends: dt.date
    hours: float
    topics: list[TopicHours] = Field(default_factory=list)


class MilestoneKind(StrEnum):
    """Dated steps of a plan."""

    APPLY_OPENS = "apply_opens"
    APPLY_BY = "apply_by"
    APPLY = "apply"
    SCHEDULE = "schedule"
    STUDY_STARTS = "study_starts"
    PRACTICE = "practice"
    BUFFER = "buffer"
    EXAM = "exam"


class Cited(Strict):
    """A piece of text and the catalog fact behind it (none for planning advice)."""

    text: str
    source: Provenance | None = None


class Milestone(Strict):
    """A dated step with what it rests on: catalog facts cited, advice uncited."""

    date: dt.date
    kind: MilestoneKind
    title: str
    details: list[Cited] = Field(default_factory=list)


class Fit(Strict):
    """How the needed hours compare with what the weeks allow, and what would fit."""

    needed_hours: float
    available_hours: float
    study_weeks_needed: int
    study_weeks_available: int
    fits: bool
    exam_date_that_fits: dt.date
    hours_per_week_that_fits: float | None = None


class LeftOut(Strict):
    """A content domain the schedule leaves out, and why."""

    domain: str
    reason: str


class PlanStanding(Strict):
    """The person's eligibility for the planned track: what the plan starts from."""

    person: str | None = None
    status: str = Field(description="eligible | not_eligible | unknown")
    route: str | None = Field(default=None, description="The eligible route, else the closest")
    route_name: str | None = None
    opens_on: dt.date | None = Field(default=None, description="When that route opens, by time")
    missing: list[str] = Field(default_factory=list)


class StudyPlan(Strict):
    """A dated plan for one track and one exam date."""

    track: str
    credential: str
    abbreviation: str
    start: dt.date
    exam_date: dt.date
    assumptions: list[Assumption]
    domain_basis: str = Field(
        description="weight_percent | items | partial | even | none: how hours were shared"
    )
    outline: ContentOutline | None = None
    domains: list[DomainHours]
    weeks: list[PlanWeek]
    milestones: list[Milestone]
    fees: list[Fee] = Field(default_factory=list)
    resources: list[StudyResource] = Field(default_factory=list)
    fit: Fit
    notes: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(
        default_factory=list, description="Domains the schedule leaves out, each with why"
    )
    standing: PlanStanding | None = Field(default=None, description="With a profile")
    windows: list[ExamWindow] = Field(
        default_factory=list, description="The body's windows that apply to the route"
    )
    apply_on: dt.date | None = Field(default=None, description="The application date to aim for")


class StepKey(StrEnum):
    """The fixed steps, in order; a step's number is its position plus one."""

    CHOOSE = "choose"
    QUALIFY = "qualify"
    DOCUMENTS = "documents"
    FEE = "fee"
    APPLY = "apply"
    SCHEDULE = "schedule"
    PREPARE = "prepare"
    DEADLINES = "deadlines"
    SIT = "sit"
    RESULT = "result"
    KEEP = "keep"


STEP_COUNT = len(StepKey)


class Item(Strict):
    """A line under a step: a sub-task (done true/false) or information (done null)."""

    text: str
    source: Provenance | None = None
    done: bool | None = None
    note: str | None = None
    url: str | None = None


class Step(Strict):
    """One numbered step."""

    number: int
    key: StepKey
    title: str
    done: bool
    done_by: str | None = Field(default=None, description="profile | marked | null")
    why: str | None = None
    items: list[Item] = Field(default_factory=list)


class Checklist(Strict):
    """The steps for one track, tailored to a person when a profile is given."""

    track: str
    credential: str
    abbreviation: str
    issuer: str
    person: str | None = None
    as_of: dt.date | None = None
    status: str | None = Field(default=None, description="Eligibility, with a profile")
    route: str | None = Field(default=None, description="Eligible route, else the closest one")
    route_name: str | None = None
    steps: list[Step]
    marked: list[int] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
