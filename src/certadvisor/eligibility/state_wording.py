"""Plain words for the condition kinds state credentials brought: hours, exams, state exams."""

from certadvisor.eligibility.wording import either, field_words
from certadvisor.models.catalog import ExamCondition, StateExamCondition, TrainingHoursCondition


def describe_state_condition(
    cond: TrainingHoursCondition | ExamCondition | StateExamCondition,
) -> str:
    """'Pass an accepted exam within the last 5 years; accepts: CMA (AAMA), RMA (AMT)'."""
    if isinstance(cond, TrainingHoursCondition):
        hours = []
        if cond.min_didactic_hours:
            hours.append(f"{cond.min_didactic_hours:g} didactic")
        if cond.min_practical_hours:
            hours.append(f"{cond.min_practical_hours:g} practical")
        approved = f"{cond.approved_in}-approved " if cond.approved_in else ""
        return (
            f"Finish {'an' if approved[:1] in 'AEFHILMNORSX' and approved else 'a'} {approved}"
            f"{field_words(cond.field)} program with at least {either(hours, 'and')} hours"
        )
    window = f" within the last {cond.within_years} years" if cond.within_years else ""
    if isinstance(cond, StateExamCondition):
        return f"Pass {cond.name} ({cond.jurisdiction} state exam){window}"
    names = []
    for exam in cond.accepted:
        since = f" passed on or after {exam.passed_on_or_after}" if exam.passed_on_or_after else ""
        names.append(exam.name + since)
    if not cond.list_found:
        return (
            f"Pass a national exam the agency accepts{window} (its list was not found; "
            f"to confirm: {', '.join(names)})"
        )
    return f"Pass an accepted exam{window}; accepts: {', '.join(names)}"
