"""Eligibility conditions: the typed requirements a route is made of, one class per kind."""

import datetime as dt
from typing import Annotated, Literal, Self

from certadvisor.models.base import Field, PrivateAttr, model_validator
from certadvisor.models.common import Strict
from certadvisor.models.vocab import (
    Accreditation,
    Duty,
    EducationLevel,
    ExperienceField,
    Procedure,
    ProgramField,
)

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class Reading(Strict):
    """Another reading of a condition, where sources disagree: what it changes, and its source."""

    changes: dict[str, float | int | str | bool | list[str]] = Field(
        min_length=1, description="The condition's fields as this reading has them"
    )
    text: str = Field(
        min_length=1, description="The reading in plain words: '5 of the last 7 years'"
    )
    source: str = Field(min_length=1)
    confidence: Literal["official", "government", "secondary", "unverified"]


class _ConditionBase(Strict):
    """Fields every condition shares: an optional plain wording and its own provenance."""

    text: str | None = Field(
        default=None, description="Plain words for the condition; generated when left out"
    )
    note: str | None = Field(default=None, description="What the person must confirm or document")
    source: str | None = Field(
        default=None, description="Source when it differs from the route's source"
    )
    confidence: Literal["official", "government", "secondary", "unverified"] | None = None
    reading: Reading | None = Field(
        default=None, description="Where sources disagree: the other reading, evaluated too"
    )

    # The other reading, validated once with the condition and kept with it (in the catalog
    # cache too): a warm run never builds a condition model's validator to read it again.
    _other: "_ConditionBase | None" = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _reading_is_a_condition(self) -> "Self":
        if self.reading is not None:
            self._other = self._validated_other()
        return self

    def other_reading(self) -> "Self":
        """The condition as the other reading has it (a ValueError names a bad change)."""
        if self.reading is None:
            return self
        kept = self._other
        return kept if isinstance(kept, type(self)) else self._validated_other()

    def _validated_other(self) -> "Self":
        changes = self.reading.changes if self.reading is not None else {}
        if "kind" in changes or "reading" in changes:
            raise ValueError("a reading changes the condition's own fields, not kind or reading")
        data = {**self.model_dump(exclude={"reading"}), **changes}
        return type(self).model_validate(data)


class EducationCondition(_ConditionBase):
    """At least an education level (or, where allowed, enough academic credit instead)."""

    kind: Literal["education"]
    min_level: EducationLevel
    or_total_semester_hours: float | None = Field(default=None, ge=0)


class SemesterHoursCondition(_ConditionBase):
    """Academic credit in one subject (quarter hours count two thirds)."""

    kind: Literal["semester_hours"]
    subject: str = Field(min_length=1)
    min_hours: float = Field(gt=0)


class ProgramCondition(_ConditionBase):
    """A training program of a field and accreditation, finished within a window."""

    kind: Literal["program"]
    field: ProgramField
    accreditation: list[Accreditation] = Field(
        default_factory=list, description="Any one of these; empty means any program"
    )
    completed_within_months: int | None = Field(default=None, gt=0)
    completed_more_than_months: int | None = Field(default=None, ge=0)
    enrolled_ok: bool = Field(
        default=False, description="A program still under way also satisfies the condition"
    )
    enrolled_within_days: int | None = Field(
        default=None,
        gt=0,
        description=(
            "With enrolled_ok: a program under way counts only from this many days before "
            "its expected completion (the profile's completed date)"
        ),
    )
    min_contact_hours: float | None = Field(default=None, gt=0)
    min_practicum_hours: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _window_needs_enrolled(self) -> "ProgramCondition":
        if self.enrolled_within_days is not None and not self.enrolled_ok:
            raise ValueError("enrolled_within_days needs enrolled_ok: true")
        return self


class ExperienceCondition(_ConditionBase):
    """Full-time-equivalent work in a field, inside a window ending on the evaluation date."""

    kind: Literal["experience"]
    fields: list[ExperienceField] = Field(min_length=1)
    min_months: float | None = Field(default=None, gt=0, description="FTE months")
    min_hours: float | None = Field(default=None, gt=0, description="Hours at 40 hours a week")
    within_months: int | None = Field(default=None, gt=0)
    duties_all: list[Duty] = Field(default_factory=list)
    duties_any: list[Duty] = Field(default_factory=list)
    amount_unstated: bool = Field(
        default=False,
        description=(
            "No source read gives the amount: work in the fields leaves the condition unknown, "
            "to confirm with the body; none at all, in a complete work history, is unmet"
        ),
    )

    @model_validator(mode="after")
    def _needs_an_amount(self) -> "ExperienceCondition":
        stated = self.min_months is not None or self.min_hours is not None
        if self.amount_unstated:
            if stated:
                raise ValueError("amount_unstated takes no min_months or min_hours")
            if self.duties_all or self.duties_any:
                raise ValueError("amount_unstated takes no duties")
        elif not stated:
            raise ValueError("give min_months or min_hours (or amount_unstated: true)")
        return self


class ProceduresCondition(_ConditionBase):
    """Documented successful procedures, at least so many of each."""

    kind: Literal["procedures"]
    minimums: dict[Procedure, int] = Field(min_length=1)


class CredentialCondition(_ConditionBase):
    """Holds one of these credentials (track ids)."""

    kind: Literal["credential"]
    any_of: list[str] = Field(min_length=1)


class MilitaryCondition(_ConditionBase):
    """Trained in a US military medical program."""

    kind: Literal["military"]
    field: ProgramField | None = Field(
        default=None, description="The training must be in this field (e.g. phlebotomy)"
    )
    within_months: int | None = Field(
        default=None, gt=0, description="The training ended within this many months"
    )
    enrolled_ok: bool = Field(
        default=False, description="Training still under way (scheduled to end) also counts"
    )


class AgeCondition(_ConditionBase):
    """At least so many years old on the evaluation date."""

    kind: Literal["age"]
    min_years: int = Field(gt=0)


class TrainingHoursCondition(_ConditionBase):
    """A finished training program with so many didactic and practical hours, state-approved."""

    kind: Literal["training_hours"]
    field: ProgramField
    approved_in: StateCode | None = Field(
        default=None, description="The program must be approved by this state's agency"
    )
    min_didactic_hours: float | None = Field(default=None, gt=0)
    min_practical_hours: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _needs_hours(self) -> "TrainingHoursCondition":
        if self.min_didactic_hours is None and self.min_practical_hours is None:
            raise ValueError("give min_didactic_hours or min_practical_hours")
        return self


class AcceptedExam(Strict):
    """One exam a state accepts: a catalog track's exam, or one outside the catalog."""

    id: Slug = Field(description="A track id, or the id a profile's exams: list uses")
    name: str = Field(min_length=1, description="As people know it: 'CPT (NHA)'")
    passed_on_or_after: dt.date | None = Field(
        default=None, description="Only passes on or after this date count"
    )


class ExamCondition(_ConditionBase):
    """Passed one of the accepted (national) exams, optionally within the last N years."""

    kind: Literal["exam"]
    accepted: list[AcceptedExam] = Field(min_length=1)
    within_years: int | None = Field(
        default=None, gt=0, description="Passed within this many years of the evaluation date"
    )
    list_found: bool = Field(
        default=True,
        description="false: the agency's own list was not found; `accepted` are candidates to "
        "confirm with it, and passing one leaves the condition unknown",
    )


class StateExamCondition(_ConditionBase):
    """Passed an exam the state itself gives."""

    kind: Literal["state_exam"]
    jurisdiction: StateCode
    exam: Slug = Field(description="The id a profile's exams: list uses")
    name: str = Field(min_length=1)
    within_years: int | None = Field(default=None, gt=0)


class UnrecordedCondition(_ConditionBase):
    """A requirement a profile cannot record (a nursing licence, an employer's endorsement):
    never met from the profile, always left for the person to confirm."""

    kind: Literal["unrecorded"]
    confirm: str = Field(
        min_length=1,
        description="What the person must confirm, as the next step says it: "
        "'confirm you are a registered nurse or a licensed practical nurse'",
    )


Condition = Annotated[
    EducationCondition
    | SemesterHoursCondition
    | ProgramCondition
    | ExperienceCondition
    | ProceduresCondition
    | CredentialCondition
    | MilitaryCondition
    | AgeCondition
    | TrainingHoursCondition
    | ExamCondition
    | StateExamCondition
    | UnrecordedCondition,
    Field(discriminator="kind"),
]
