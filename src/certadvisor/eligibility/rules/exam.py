"""The exam rules: passed an accepted national exam, or the state's own, inside a window.

A profile's `exams:` gives the date each exam was passed; a held credential counts as its
exam passed on the date it was earned. The list is complete when a profile gives either
list; the shorthand flags name credentials without dates.
"""

import datetime as dt
from collections.abc import Sequence

from certadvisor.eligibility.facts import MET, UNKNOWN, UNMET, Check, Facts, Outcome, add_months
from certadvisor.eligibility.wording import either
from certadvisor.models.catalog import AcceptedExam, ExamCondition, StateExamCondition


def exam_check(cond: ExamCondition) -> Check:
    """The check for an accepted-exam condition."""
    check = _passed_check(list(cond.accepted), cond.within_years)
    if cond.list_found:
        return check
    names = either([a.name for a in cond.accepted])

    def unlisted(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        # the agency's list was not found: a candidate passed is for the person to confirm
        out = check(facts, as_of, dates)
        if out.status == MET:
            return Outcome(UNKNOWN, "confirm with the agency that your exam is on its list")
        if out.status == UNMET:
            return Outcome(UNMET, f"pass a national exam the agency accepts (such as {names})")
        return out

    return unlisted


def state_exam_check(cond: StateExamCondition) -> Check:
    """The check for a state's own exam."""
    return _passed_check([AcceptedExam(id=cond.exam, name=cond.name)], cond.within_years)


def _passed_check(accepted: Sequence[AcceptedExam], years: int | None) -> Check:
    names = either([a.name for a in accepted])
    window = f" within the last {years} years" if years else ""
    ask = Outcome(UNKNOWN, f"confirm whether you passed {names}{window}")
    unmet = Outcome(UNMET, f"pass {names}")

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        passed = facts.exam_dates
        if passed is None:
            return ask
        cutoff = add_months(as_of, -12 * years) if years else None
        undated: list[str] = []
        stale: list[str] = []
        best: dt.date | None = None
        for exam in accepted:
            if exam.id not in passed:
                continue
            on = passed[exam.id]
            if on is None:
                if exam.passed_on_or_after is None and cutoff is None:
                    return Outcome(MET)
                undated.append(exam.name)
            elif exam.passed_on_or_after is not None and on < exam.passed_on_or_after:
                stale.append(
                    f"{exam.name} counts only if passed on or after {exam.passed_on_or_after}"
                )
            elif cutoff is not None and on < cutoff:
                stale.append(f"your {exam.name} pass ({on}) is more than {years} years old")
            elif best is None or on > best:
                best = on
        if best is not None:
            closes = add_months(best, 12 * years) - dt.timedelta(days=1) if years else None
            return Outcome(MET, closes_on=closes)
        if undated:
            need = f" (it must be{window})" if years else ""
            return Outcome(UNKNOWN, f"confirm the date you passed {either(undated)}{need}")
        if stale:
            return Outcome(UNMET, f"{'; '.join(stale)}: pass {names}{window}")
        return unmet if not facts.from_flags else ask

    return run
