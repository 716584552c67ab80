"""One condition against one person's facts: met, unmet or unknown, what is short, and when.

Every check returns an `Outcome`. `gap` is plain words for what is still needed ("8 more
months of full-time work in medical assisting"); for an unknown condition it asks the person
to confirm. `waits` marks an unmet condition that time alone will meet (a birthday, a program
that finishes, a job that goes on); `opens_on` is that date and `closes_on` the last day a
met condition still holds. Dates of work-experience windows need a small simulation, so they
are computed only when `dates` is true (a cohort written as CSV does not need them).
"""

import datetime as dt
from collections.abc import Sequence

from certadvisor.eligibility.facts import (
    MET,
    ONE_DAY,
    UNKNOWN,
    UNMET,
    Check,
    Facts,
    Outcome,
    Status,
    add_months,
    age_on,
    all_of,
    either,
    months_ago,
)
from certadvisor.eligibility.wording import field_words, level_words, months_words, procedure_words
from certadvisor.eligibility.work import experience_check
from certadvisor.models.catalog import (
    AgeCondition,
    Condition,
    CredentialCondition,
    EducationCondition,
    ExperienceCondition,
    MilitaryCondition,
    ProceduresCondition,
    ProgramCondition,
    SemesterHoursCondition,
)
from certadvisor.models.profile import Program
from certadvisor.models.vocab import Accreditation, EducationLevel


def prepare(cond: Condition) -> Check:
    """Turn a condition into a check, with its constants and wording worked out once."""
    if isinstance(cond, EducationCondition):
        return _education(cond)
    if isinstance(cond, SemesterHoursCondition):
        return _semester_hours(cond)
    if isinstance(cond, ProgramCondition):
        return _program(cond)
    if isinstance(cond, ExperienceCondition):
        return experience_check(cond)
    if isinstance(cond, ProceduresCondition):
        return _procedures(cond)
    if isinstance(cond, CredentialCondition):
        return _credential(cond)
    if isinstance(cond, MilitaryCondition):
        return _military()
    if isinstance(cond, AgeCondition):
        return _age(cond)
    raise TypeError(f"unknown condition {cond!r}")


def check(cond: Condition, facts: Facts, as_of: dt.date, dates: bool = True) -> Outcome:
    """Evaluate one condition for a person on a date."""
    return prepare(cond)(facts, as_of, dates)


def _a(words: str) -> str:
    """'a' or 'an' before words, by how they sound."""
    return f"an {words}" if words[:1].lower() in "aeio" or words.startswith("EKG") else f"a {words}"


def _accredited(acc: Sequence[Accreditation]) -> str:
    names = [str(a) for a in acc]
    if names == ["military"]:
        return "US military "
    if not names or "none" in names:
        return ""
    return either([f"{n}-" for n in names]) + "accredited "


def _education(cond: EducationCondition) -> Check:
    need = cond.min_level.rank
    hours = cond.or_total_semester_hours
    if cond.min_level == EducationLevel.HIGH_SCHOOL:
        want = "a high-school diploma or GED"
    else:
        want = level_words(cond.min_level)
        want += " or higher" if cond.min_level != EducationLevel.DOCTORATE else ""
    if hours is not None:
        want += f", or {hours:g} semester hours of college credit"
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


def _semester_hours(cond: SemesterHoursCondition) -> Check:
    subject, need = cond.subject, cond.min_hours
    met = Outcome(MET)
    unknown = Outcome(UNKNOWN, f"confirm your semester hours of {subject} (at least {need:g})")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        have = None if facts.subject_hours is None else facts.subject_hours.get(subject)
        if have is None:
            return unknown
        if have >= need:
            return met
        more = "more " if have > 0 else ""
        return Outcome(UNMET, f"{need - have:g} {more}semester hours of {subject}")

    return run


def _program(cond: ProgramCondition) -> Check:
    field = field_words(cond.field)
    kind = _a(f"{_accredited(cond.accreditation)}{field} program")
    wanted = set(cond.accreditation)
    acc_words = _accredited(cond.accreditation).strip()
    met = Outcome(MET)
    not_found = Outcome(UNMET, f"complete {kind}")
    ask = Outcome(UNKNOWN, f"confirm you finished {kind}")
    not_said = Outcome(UNKNOWN, f"confirm you finished {kind} (not in the profile)")
    field_id = str(cond.field)
    ask_acc = Outcome(UNKNOWN, f"confirm your {field} program is {acc_words}")
    wrong_acc = Outcome(UNMET, f"{_a(f'{acc_words} {field} program')} (yours is not)")
    military_only = list(cond.accreditation) == [Accreditation.MILITARY]
    claimed = met
    if cond.completed_more_than_months is not None:
        ago = months_words(cond.completed_more_than_months)
        claimed = Outcome(UNKNOWN, f"confirm you finished your program more than {ago} ago")

    def one(p: Program, as_of: dt.date, dates: bool) -> Outcome:
        parts: list[Outcome] = []
        if wanted:
            if p.accreditation is None:
                parts.append(ask_acc)
            elif not wanted.intersection(p.accreditation):
                parts.append(wrong_acc)
        done = p.completed is not None and p.completed <= as_of
        if not done and not cond.enrolled_ok:
            when = f" (expected {p.completed.isoformat()})" if p.completed else ""
            opens = p.completed
            if opens and cond.completed_more_than_months is not None:
                opens = _first_after(opens, cond.completed_more_than_months)
            parts.append(
                Outcome(UNMET, f"finish your {field} program{when}", opens, None, bool(opens))
            )
        elif done and p.completed is not None:
            parts.append(_program_window(cond, p.completed, as_of, field, dates))
        for need, have, what in (
            (cond.min_contact_hours, p.contact_hours, "contact"),
            (cond.min_practicum_hours, p.practicum_hours, "practicum"),
        ):
            if need is None:
                continue
            if have is None:
                parts.append(
                    Outcome(UNKNOWN, f"confirm your program had at least {need:g} {what} hours")
                )
            elif have < need:
                parts.append(
                    Outcome(
                        UNMET, f"a program with at least {need:g} {what} hours (yours had {have:g})"
                    )
                )
        return _combine(parts) if parts else met

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.from_flags:
            # --program speaks of the track's accredited program, never of a military course.
            if military_only:
                return not_found if facts.military is False else ask
            if facts.program_claim is None:
                return ask
            return claimed if facts.program_claim else not_found
        if facts.programs is None:
            return not_said
        if field_id not in facts.program_fields:
            return not_found
        return _best([one(p, as_of, dates) for p in facts.programs if p.field == field_id])

    return run


def _best(found: Sequence[Outcome]) -> Outcome:
    """The outcome of the program that serves the person best (whatever the list order)."""
    for wanted in (MET, UNKNOWN):
        hits = [o for o in found if o.status == wanted]
        if hits:
            if wanted == MET and any(o.closes_on is None for o in hits):
                return Outcome(MET)
            if wanted == MET:
                return max(hits, key=lambda o: o.closes_on or dt.date.max)
            return min(hits, key=lambda o: o.gap or "")
    return min(found, key=lambda o: (not o.waits, o.opens_on or dt.date.max, o.gap or ""))


def _program_window(
    cond: ProgramCondition, done: dt.date, as_of: dt.date, field: str, dates: bool
) -> Outcome:
    closes = None
    if cond.completed_within_months is not None:
        n = cond.completed_within_months
        if done < months_ago(as_of, n):
            return Outcome(
                UNMET,
                f"{_a(field)} program finished within the last {months_words(n)} "
                f"(yours finished {done.isoformat()})",
            )
        closes = _first_after(done, n, within=True) if dates else None
    if cond.completed_more_than_months is not None:
        m = cond.completed_more_than_months
        if not done < months_ago(as_of, m):
            opens = _first_after(done, m)
            return Outcome(
                UNMET,
                f"wait until {opens.isoformat()} (more than {months_words(m)} after your program)",
                opens,
                None,
                True,
            )
    return Outcome(MET, closes_on=closes)


def _first_after(done: dt.date, months: int, within: bool = False) -> dt.date:
    """First day `done` is more than `months` before it (or, `within`, the last day it is not)."""
    day = add_months(done, months)
    while not done < add_months(day, -months):
        day += ONE_DAY
    return day - ONE_DAY if within else day


def _combine(parts: Sequence[Outcome]) -> Outcome:
    if len(parts) == 1:
        return parts[0]
    status = all_of([p.status for p in parts])
    if status == MET:
        closes = [p.closes_on for p in parts if p.closes_on]
        return Outcome(MET, closes_on=min(closes) if closes else None)
    open_parts = [p for p in parts if p.status != MET]
    gap = "; ".join(p.gap for p in open_parts if p.gap)
    waits = status == UNMET and all(p.waits for p in open_parts)
    opens = max((p.opens_on for p in open_parts if p.opens_on), default=None) if waits else None
    return Outcome(status, gap, opens, None, waits)


def _procedures(cond: ProceduresCondition) -> Check:
    want = [(str(p), n, procedure_words(str(p), short=True)) for p, n in cond.minimums.items()]
    counts = either([f"{n} {words}" for _, n, words in want], "and")
    ask = Outcome(UNKNOWN, f"confirm your documented counts: {counts}")
    met = Outcome(MET)

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.procedures is None:
            return ask
        short, unknown = [], []
        for p, n, words in want:
            have = facts.procedures.get(p)
            if have is None:
                unknown.append(f"{n} {words}")
            elif have < n:
                more = n - have
                noun = words[:-1] if more == 1 and words.endswith("s") else words
                short.append(f"{more} more {noun}" if have else f"{n} documented {words}")
        if not short and not unknown:
            return met
        gaps = [either(short, "and")] if short else []
        if unknown:
            gaps.append(f"confirm your documented counts: {either(unknown, 'and')}")
        return Outcome(UNMET if short else UNKNOWN, "; ".join(gaps))

    return run


def _credential(cond: CredentialCondition) -> Check:
    names = either(list(cond.any_of))
    wanted = frozenset(cond.any_of)
    met = Outcome(MET)
    unmet = Outcome(UNMET, f"earn {names} first")
    unknown = Outcome(UNKNOWN, f"confirm whether you hold {names}")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.credentials and not wanted.isdisjoint(facts.credentials):
            return met
        return unmet if facts.credentials_complete else unknown

    return run


def _military() -> Check:
    met = Outcome(MET)
    unmet = Outcome(UNMET, "training in a US military medical program")
    unknown = Outcome(UNKNOWN, "confirm whether you trained in a US military medical program")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.military is True:
            return met
        if facts.programs and any(
            p.accreditation and Accreditation.MILITARY in p.accreditation for p in facts.programs
        ):
            return met
        return unmet if facts.military is False else unknown

    return run


def _age(cond: AgeCondition) -> Check:
    years = cond.min_years
    met = Outcome(MET)
    unknown = Outcome(UNKNOWN, f"confirm you are at least {years} years old")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.birth_date is None:
            return unknown
        if age_on(facts.birth_date, as_of) >= years:
            return met
        birthday = add_months(facts.birth_date, 12 * years)
        return Outcome(UNMET, f"turn {years} (on {birthday.isoformat()})", birthday, None, True)

    return run


__all__ = ["MET", "UNKNOWN", "UNMET", "Check", "Outcome", "Status", "check", "prepare"]
