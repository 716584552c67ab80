"""The person's profile, exactly as the contract spells it: a left-out key is unknown."""

from typing import Annotated

from certadvisor.models.base import BeforeValidator, Field, field_validator, model_validator
from certadvisor.models.common import Day, Strict
from certadvisor.models.vocab import (
    MAX_COUNT,
    MAX_FTE,
    MAX_HOURS,
    MAX_ID_LENGTH,
    MAX_SUBJECT_LENGTH,
    STATE_PATTERN,
    Accreditation,
    Duty,
    EducationLevel,
    ExperienceField,
    Procedure,
    ProgramField,
)
from certadvisor.text import check_label

# Bounds far past any real value (a program of 100,000 hours is 48 years full time), so that
# arithmetic on a number from a file never overflows or meets infinity
Hours = Annotated[float, Field(ge=0, le=MAX_HOURS)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


def _label(value: object) -> object:
    return check_label(value) if isinstance(value, str) else value


def _subjects(value: object) -> object:
    if isinstance(value, dict):
        for key in value:
            if isinstance(key, str):
                try:
                    check_label(key, max_len=MAX_SUBJECT_LENGTH)
                except ValueError as exc:
                    raise ValueError(f"subject {key!r}: {exc}") from None
    return value


class Education(Strict):
    """Schooling: the highest level and academic credit by subject."""

    highest: EducationLevel | None = None
    semester_hours: Annotated[dict[str, Hours] | None, BeforeValidator(_subjects)] = Field(
        default=None, description="Academic credit by subject (quarter hours x 2/3)"
    )
    total_semester_hours: Hours | None = None

    @field_validator("highest", mode="before")
    @classmethod
    def _ged_is_high_school(cls, value: object) -> object:
        """The contract counts a GED (or another equivalent) as high_school."""
        if isinstance(value, str) and value.strip().lower() in ("ged", "hse"):
            return "high_school"
        return value


class Program(Strict):
    """A training program finished or under way (completed null while enrolled)."""

    field: ProgramField
    accreditation: list[Accreditation] | None = None
    completed: Day | None = None
    contact_hours: Hours | None = None
    practicum_hours: Hours | None = None
    didactic_hours: Hours | None = Field(default=None, description="Classroom hours")
    state_approved: list[Annotated[str, Field(pattern=STATE_PATTERN)]] | None = Field(
        default=None, description="States whose agency approved the program, e.g. [CA]"
    )


class Job(Strict):
    """One role in the work history."""

    field: ExperienceField
    started: Day
    ended: Day | None = None
    fte: float | None = Field(default=None, gt=0, le=MAX_FTE, description="1.0 = full time")
    duties: list[Duty] | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> "Job":
        if self.ended is not None and self.ended < self.started:
            raise ValueError(f"ended ({self.ended}) is before started ({self.started})")
        return self


class HeldCredential(Strict):
    """A credential the person holds."""

    id: str = Field(min_length=1, max_length=MAX_ID_LENGTH)
    earned: Day | None = None


class PassedExam(Strict):
    """A certification or state exam passed (a track id, or a state exam's id)."""

    id: str = Field(min_length=1)
    passed: Day | None = None


class Profile(Strict):
    """One person; every key is optional and a left-out key means unknown."""

    name: Annotated[str | None, BeforeValidator(_label)] = Field(
        default=None, description="A label: one line, 1 to 100 characters"
    )
    as_of: Day | None = None
    state: Annotated[str, Field(pattern=STATE_PATTERN)] | None = None
    birth_date: Day | None = None
    education: Education | None = None
    programs: list[Program] | None = None
    experience: list[Job] | None = None
    procedures: dict[Procedure, Count] | None = None
    credentials: list[HeldCredential] | None = None
    exams: list[PassedExam] | None = Field(
        default=None, description="Exams passed, with dates (held credentials count too)"
    )
    military: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _upper_state(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("state"), str):
            data = {**data, "state": data["state"].upper()}
        return data


class Cohort(Strict):
    """A YAML cohort: a list of profiles."""

    profiles: list[Profile] = Field(min_length=1)
