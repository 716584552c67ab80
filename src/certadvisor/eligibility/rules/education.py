"""The education rule: at least a level, or (where allowed) enough college credit instead."""

import datetime as dt

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome
from certadvisor.eligibility.wording import level_words
from certadvisor.models.catalog import EducationCondition
from certadvisor.models.vocab import EducationLevel


def _wanted(cond: EducationCondition) -> str:
    """What the condition asks for, in words ("an associate degree or higher, or ...")."""
    if cond.min_level == EducationLevel.HIGH_SCHOOL:
        want = "a high-school diploma or GED"
    else:
        want = level_words(cond.min_level)
        want += " or higher" if cond.min_level != EducationLevel.DOCTORATE else ""
    if cond.or_total_semester_hours is not None:
        want += f", or {cond.or_total_semester_hours:g} semester hours of college credit"
    return want


def education_check(cond: EducationCondition) -> Check:
    """The check for an education condition."""
    need = cond.min_level.rank
    hours = cond.or_total_semester_hours
    want = _wanted(cond)
    met = Outcome(MET)
    unknown = Outcome(UNKNOWN, f"confirm you have {want}")
    plain = cond.min_level == EducationLevel.HIGH_SCHOOL and hours is None
    unmet = Outcome(UNMET, "finish high school or earn a GED" if plain else f"earn {want}")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.level_lo >= need:
            return met
        have = facts.total_hours
        if hours is not None and have is not None and have >= hours:
            return met
        if facts.level_hi >= need or (hours is not None and have is None):
            return unknown
        if hours is not None and have is not None:
            return Outcome(UNMET, f"earn {want} (you have {have:g})")
        return unmet

    return run
