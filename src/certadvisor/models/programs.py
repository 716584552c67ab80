"""Training programs as data (data/programs.yaml): each field's usual forms, each sourced.

A route whose condition asks for a program of a field (`kind: program`, `field: ...`) is
reached through one of that field's forms: its hours, its months and its tuition, where a
source gives them. A figure no source gives stays null (unknown), never zero.
"""

from collections import Counter
from enum import StrEnum

from certadvisor.models.base import Field, model_validator
from certadvisor.models.common import Money, PartialDate, Provenance, Strict
from certadvisor.models.conditions import Slug
from certadvisor.models.vocab import Accreditation, EducationLevel, ProgramField


class HoursKind(StrEnum):
    """How a program counts its length."""

    CLOCK = "clock"
    CREDIT = "credit"


class ProgramExample(Provenance):
    """One school's program as its own page (or a directory) describes it."""

    school: str = Field(min_length=1)
    text: str = Field(min_length=1, description="What the program is, in our words")
    tuition: Money | None = Field(default=None, description="Its price, when given")
    months: float | None = Field(default=None, gt=0)


class ProgramForm(Provenance):
    """One usual form of a program (a short course, a certificate, a degree)."""

    id: Slug
    name: str = Field(min_length=1)
    hours: float | None = Field(default=None, gt=0, description="Clock or credit hours, low end")
    hours_max: float | None = Field(default=None, gt=0)
    hours_kind: HoursKind | None = None
    months_min: float | None = Field(default=None, gt=0)
    months_max: float | None = Field(default=None, gt=0)
    tuition_min: Money | None = None
    tuition_max: Money | None = None
    estimate: bool = Field(
        default=False, description="true: a typical figure or one program's, not a rule"
    )
    accreditation: list[Accreditation] = Field(
        default_factory=list, description="Accreditation such programs hold; empty: not stated"
    )
    award: EducationLevel | None = Field(
        default=None, description="The degree the program itself awards (an associate degree)"
    )
    examples: list[ProgramExample] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ranges_in_order(self) -> "ProgramForm":
        for low, high, name in (
            (self.hours, self.hours_max, "hours"),
            (self.months_min, self.months_max, "months"),
            (self.tuition_min, self.tuition_max, "tuition"),
        ):
            if high is not None and (low is None or high < low):
                raise ValueError(f"the upper end of {name} needs a lower end no greater than it")
        if self.hours is not None and self.hours_kind is None:
            raise ValueError("hours need hours_kind (clock or credit)")
        return self


class Program(Strict):
    """The programs of one field, in their usual forms."""

    field: ProgramField
    title: str = Field(min_length=1)
    forms: list[ProgramForm] = Field(min_length=1)

    @model_validator(mode="after")
    def _form_ids_unique(self) -> "Program":
        dupes = sorted(i for i, n in Counter(f.id for f in self.forms).items() if n > 1)
        if dupes:
            raise ValueError(f"form ids must be unique, repeated: {', '.join(dupes)}")
        return self


class ProgramTable(Strict):
    """data/programs.yaml: one entry per program field."""

    as_of: PartialDate | None = None
    programs: list[Program] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fields_unique(self) -> "ProgramTable":
        dupes = sorted(str(f) for f, n in Counter(p.field for p in self.programs).items() if n > 1)
        if dupes:
            raise ValueError(f"one entry per field, repeated: {', '.join(dupes)}")
        return self

    def of(self, field: str) -> Program | None:
        """The programs of a field, if the table has them."""
        return next((p for p in self.programs if p.field == field), None)


class ProgramsNeeded(Strict):
    """A program a track's routes ask for, with the routes that ask for it (for `show`)."""

    program: Program
    routes: list[str] = Field(description="The routes whose conditions ask for this program")
