"""One condition against one person's facts: met, unmet or unknown, what is short, and when.

Every check returns an `Outcome`. `gap` is plain words for what is still needed ("8 more
months of full-time work in medical assisting"); for an unknown condition it asks the person
to confirm. `waits` marks an unmet condition that time alone will meet (a birthday, a program
that finishes, a job that goes on); `opens_on` is that date and `closes_on` the last day a
met condition still holds. Dates of work-experience windows need a small simulation, so they
are computed only when `dates` is true (a cohort written as CSV does not need them).

One module per condition kind (the `kind` of models.catalog.Condition); a new kind gets its
module here and one line in `prepare`.
"""

from certadvisor.eligibility.facts import Check
from certadvisor.eligibility.rules.age import age_check
from certadvisor.eligibility.rules.credential import credential_check
from certadvisor.eligibility.rules.education import education_check
from certadvisor.eligibility.rules.exam import exam_check, state_exam_check
from certadvisor.eligibility.rules.experience import experience_check
from certadvisor.eligibility.rules.military import military_check
from certadvisor.eligibility.rules.procedures import procedures_check
from certadvisor.eligibility.rules.program import program_check
from certadvisor.eligibility.rules.semester_hours import semester_hours_check
from certadvisor.eligibility.rules.training_hours import training_hours_check
from certadvisor.eligibility.rules.unrecorded import unrecorded_check
from certadvisor.eligibility.verdicts import both_readings
from certadvisor.models.catalog import (
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
    StateExamCondition,
    TrainingHoursCondition,
    UnrecordedCondition,
)


def prepare(cond: Condition, clinical: bool = False) -> Check:
    """Turn a condition into a check, with its constants and wording worked out once.

    `clinical`: the condition belongs to a clinical credential (see experience_check). A
    condition with another `reading` (sources disagree) is evaluated both ways.
    """
    if cond.reading is not None:
        other = cond.other_reading().model_copy(update={"reading": None})
        return both_readings(_prepare(cond, clinical), _prepare(other, clinical), cond.reading)
    return _prepare(cond, clinical)


def _prepare(cond: Condition, clinical: bool) -> Check:
    match cond:
        case EducationCondition():
            return education_check(cond)
        case SemesterHoursCondition():
            return semester_hours_check(cond)
        case ProgramCondition():
            return program_check(cond)
        case ExperienceCondition():
            return experience_check(cond, clinical)
        case ProceduresCondition():
            return procedures_check(cond)
        case CredentialCondition():
            return credential_check(cond)
        case MilitaryCondition():
            return military_check(cond)
        case AgeCondition():
            return age_check(cond)
        case TrainingHoursCondition():
            return training_hours_check(cond)
        case ExamCondition():
            return exam_check(cond)
        case StateExamCondition():
            return state_exam_check(cond)
        case UnrecordedCondition():
            return unrecorded_check(cond)
    raise TypeError(f"unknown condition {cond!r}")


__all__ = ["prepare"]
