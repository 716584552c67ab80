"""Plain words for conditions, durations and money, shared by every writer."""

from collections.abc import Sequence

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

_LEVELS = {
    "none": "no formal education",
    "high_school": "a high-school diploma or equivalent (GED)",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}
_FIELDS = {
    "medical_assisting": "medical assisting",
    "phlebotomy": "phlebotomy",
    "mlt": "medical laboratory technician (MLT)",
    "mls": "medical laboratory science (MLS)",
    "patient_care": "patient care technician",
    "ekg": "EKG technician",
    "clinical_laboratory": "clinical laboratory",
}
_PROCEDURES = {
    "venipunctures": "venipunctures",
    "capillary_sticks": "capillary (skin) sticks",
    "injections": "injections",
    "ekgs": "EKGs",
    "arterial_punctures": "arterial punctures",
}
# What is still owed reads shorter: "2 more capillary sticks".
_PROCEDURES_SHORT = {**_PROCEDURES, "capillary_sticks": "capillary sticks"}


def months_words(months: float) -> str:
    """'18 months', '3 years', '1 year' — years when the months divide evenly."""
    if months >= 24 and months % 12 == 0:
        years = int(months // 12)
        return f"{years} year{'s' if years != 1 else ''}"
    m = int(months) if float(months).is_integer() else round(months, 1)
    return f"{m} month{'s' if m != 1 else ''}"


def days_words(days: int) -> str:
    """'30 days', '1 day'."""
    return f"{days} day{'s' if days != 1 else ''}"


def money(amount: int | float | None) -> str:
    """'$1,250' or 'unknown'."""
    if amount is None:
        return "unknown"
    return f"${amount:,.0f}"


def field_words(field: str) -> str:
    """A program or work field in words ('medical laboratory technician (MLT)')."""
    return _FIELDS.get(field, field.replace("_", " "))


def level_words(level: str) -> str:
    """An education level in words ('an associate degree')."""
    return _LEVELS.get(level, level)


def procedure_words(procedure: str, *, short: bool = False) -> str:
    """'venipunctures', 'capillary (skin) sticks' ('capillary sticks' when short)."""
    return (_PROCEDURES_SHORT if short else _PROCEDURES).get(procedure, procedure)


def either(items: Sequence[str], joiner: str = "or") -> str:
    """Join words: 'a', 'a or b', 'a, b or c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {joiner} " + items[-1]


def describe(cond: Condition) -> str:
    """The condition in plain words (the catalog's own wording when it gives one); where the
    sources disagree, the other reading too."""
    words = _describe(cond)
    if cond.reading is not None:
        words += f" (sources disagree: another reading is {cond.reading.text})"
    return words


def _describe(cond: Condition) -> str:
    if cond.text:
        return cond.text
    match cond:
        case EducationCondition():
            return _education(cond)
        case SemesterHoursCondition():
            return f"At least {cond.min_hours:g} semester hours of {cond.subject}"
        case ProgramCondition():
            return _program(cond)
        case ExperienceCondition():
            return _experience(cond)
        case ProceduresCondition():
            parts = [f"{n} {procedure_words(p)}" for p, n in cond.minimums.items()]
            return f"Documented, successful: at least {either(parts, 'and')}"
        case CredentialCondition():
            return f"Hold {either(cond.any_of)}"
        case MilitaryCondition():
            return _military_words(cond)
        case AgeCondition():
            return f"At least {cond.min_years} years old"
        case UnrecordedCondition():
            words = cond.confirm.removeprefix("confirm ")
            return f"{words[0].upper()}{words[1:]} (the profile cannot record it)"
        case TrainingHoursCondition() | ExamCondition() | StateExamCondition():
            from certadvisor.eligibility.state_wording import describe_state_condition

            return describe_state_condition(cond)
    raise TypeError(f"unknown condition {cond!r}")


def _education(cond: EducationCondition) -> str:
    text = level_words(cond.min_level)
    if cond.min_level not in ("none", "high_school"):
        text += " or higher"
    if cond.or_total_semester_hours:
        text += f", or at least {cond.or_total_semester_hours:g} semester hours of college credit"
    return text[0].upper() + text[1:]


def _program(cond: ProgramCondition) -> str:
    acc = [str(a) for a in cond.accreditation]
    kind = f"{either(acc)}-accredited " if acc and acc != ["military"] else ""
    if acc == ["military"]:
        kind = "US military "
    text = f"Complete a {kind}{field_words(cond.field)} program"
    extras = []
    if cond.min_contact_hours:
        extras.append(f"at least {cond.min_contact_hours:g} contact hours")
    if cond.min_practicum_hours:
        extras.append(f"at least {cond.min_practicum_hours:g} practicum hours")
    if extras:
        text += f" ({', '.join(extras)})"
    if cond.completed_within_months:
        text += f", finished within the last {months_words(cond.completed_within_months)}"
    if cond.completed_more_than_months is not None:
        text += f", finished more than {months_words(cond.completed_more_than_months)} ago"
    if cond.enrolled_within_days:
        days = days_words(cond.enrolled_within_days)
        text += f" (students may test from {days} before they finish)"
    elif cond.enrolled_ok:
        text += " (students still enrolled may apply)"
    return text


def _experience(cond: ExperienceCondition) -> str:
    fields = either([field_words(f) for f in cond.fields])
    if cond.amount_unstated:
        amount = "work"
    elif cond.min_months:
        amount = f"{months_words(cond.min_months)} of full-time work"
    else:
        amount = f"{cond.min_hours:,.0f} hours of work"
    text = f"{amount[0].upper()}{amount[1:]} in {fields}"
    if cond.within_months:
        text += f" within the last {months_words(cond.within_months)}"
    if cond.amount_unstated:
        text += " (how much, no source read says)"
    if cond.duties_all:
        text += f", with {either([d.replace('_', ' ') for d in cond.duties_all], 'and')} duties"
    if cond.duties_any:
        text += f", with {either([d.replace('_', ' ') for d in cond.duties_any])} duties"
    return text


def _military_words(cond: MilitaryCondition) -> str:
    """'Trained in a US military phlebotomy program that ended within the last 5 years'."""
    field = f"{field_words(str(cond.field))} " if cond.field else "medical "
    text = f"Trained in a US military {field}program"
    if cond.within_months:
        ended = "ended, or ends," if cond.enrolled_ok else "ended"
        text += f" that {ended} within the last {months_words(cond.within_months)}"
    return text
