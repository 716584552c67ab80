"""The program rule: a training program of a field and accreditation, finished in a window.

A profile lists programs; the flags only claim "the track's accredited program" (see
facts.Assertions), so both are read here. Of several programs in the field, the one that
serves the person best decides.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from certadvisor.eligibility.facts import (
    MET,
    ONE_DAY,
    UNKNOWN,
    UNMET,
    Check,
    Facts,
    Outcome,
    add_months,
    all_of,
    months_ago,
    months_between,
)
from certadvisor.eligibility.wording import days_words, either, field_words, months_words
from certadvisor.models.catalog import ProgramCondition
from certadvisor.models.profile import Program
from certadvisor.models.vocab import Accreditation

_MET = Outcome(MET)


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


@dataclass(frozen=True, slots=True)
class _ProgramRule:
    """A program condition with its wording worked out once, for judging one program."""

    cond: ProgramCondition
    field: str
    wanted: frozenset[Accreditation]
    ask_acc: Outcome
    wrong_acc: Outcome
    hours: bool  # whether the condition asks for contact or practicum hours
    undated: Outcome  # a program with no completed date, where students count
    ask_end: Outcome  # the same, where students count only near the end

    def one(self, p: Program, as_of: dt.date, dates: bool) -> Outcome:
        """One program of the field against every part of the condition."""
        parts: list[Outcome] = []
        if self.wanted:
            if p.accreditation is None:
                parts.append(self.ask_acc)
            elif not self.wanted.intersection(p.accreditation):
                parts.append(self.wrong_acc)
        done = p.completed is not None and p.completed <= as_of
        if not done and not self.cond.enrolled_ok:
            parts.append(self._unfinished(p, as_of))
        elif not done:
            parts += self._student(p, as_of, dates)
        elif done and p.completed is not None:
            parts.append(_program_window(self.cond, p.completed, as_of, self.field, dates))
        if self.hours:
            parts += self._hours(p)
        return _combine(parts) if parts else _MET

    def _student(self, p: Program, as_of: dt.date, dates: bool) -> list[Outcome]:
        """A program under way where students may apply: from so many days before its end,
        when the condition says so, until the window after it closes; a program with no date
        is read as under way."""
        days = self.cond.enrolled_within_days
        if p.completed is None:
            return [self.undated if days is None else self.ask_end]
        opens = p.completed - dt.timedelta(days=days or 0)
        if days is None or opens <= as_of:
            within = self.cond.completed_within_months
            if within is None or not dates:
                return []
            return [Outcome(MET, closes_on=_first_after(p.completed, within, within=True))]
        return [
            Outcome(
                UNMET,
                f"wait until {opens.isoformat()} ({days_words(days)} before your {self.field} "
                f"program ends on {p.completed.isoformat()})",
                opens,
                None,
                True,
                months=_until(as_of, opens),
            )
        ]

    def _unfinished(self, p: Program, as_of: dt.date) -> Outcome:
        """A program still under way: it opens when it finishes (and any wait after)."""
        when = f" (expected {p.completed.isoformat()})" if p.completed else ""
        opens = p.completed
        if opens and self.cond.completed_more_than_months is not None:
            opens = _first_after(opens, self.cond.completed_more_than_months)
        gap = f"finish your {self.field} program{when}"
        return Outcome(UNMET, gap, opens, None, bool(opens), months=_until(as_of, opens))

    def _hours(self, p: Program) -> list[Outcome]:
        """Contact and practicum hours the program falls short of, or does not say."""
        found = []
        for need, have, what in (
            (self.cond.min_contact_hours, p.contact_hours, "contact"),
            (self.cond.min_practicum_hours, p.practicum_hours, "practicum"),
        ):
            if need is None:
                continue
            if have is None:
                found.append(
                    Outcome(UNKNOWN, f"confirm your program had at least {need:g} {what} hours")
                )
            elif have < need:
                found.append(
                    Outcome(
                        UNMET, f"a program with at least {need:g} {what} hours (yours had {have:g})"
                    )
                )
        return found


def program_check(cond: ProgramCondition) -> Check:
    """The check for a program condition."""
    field = field_words(cond.field)
    kind = _a(f"{_accredited(cond.accreditation)}{field} program")
    acc_words = _accredited(cond.accreditation).strip()
    each = "a finished program (no field given) was taken as one for each track checked"
    claimed = Outcome(MET, assumption=each)
    if cond.completed_more_than_months is not None:
        ago = months_words(cond.completed_more_than_months)
        claimed = Outcome(
            UNKNOWN, f"confirm you finished your program more than {ago} ago", assumption=each
        )
    field_id = str(cond.field)
    military_only = list(cond.accreditation) == [Accreditation.MILITARY]
    not_found = Outcome(UNMET, f"complete {kind}")
    ask = Outcome(UNKNOWN, f"confirm you finished {kind}")
    not_said = Outcome(UNKNOWN, f"confirm you finished {kind} (not in the profile)")
    one = _ProgramRule(
        cond=cond,
        field=field,
        wanted=frozenset(cond.accreditation),
        ask_acc=Outcome(UNKNOWN, f"confirm your {field} program is {acc_words}"),
        wrong_acc=Outcome(UNMET, f"{_a(f'{acc_words} {field} program')} (yours is not)"),
        hours=cond.min_contact_hours is not None or cond.min_practicum_hours is not None,
        undated=Outcome(
            MET, assumption=f"a {field} program with no completed date was taken as under way"
        ),
        ask_end=Outcome(
            UNKNOWN,
            f"confirm when your {field} program ends: students may test from "
            f"{days_words(cond.enrolled_within_days or 0)} before they finish (give its expected "
            "completed date)",
        ),
    ).one

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        if facts.from_flags:
            # --program speaks of the track's accredited program, never of a military course.
            if military_only:
                return _military_course(cond, facts, as_of, field, not_found, ask, dates)
            if facts.program_claim is None:
                return ask
            if not facts.program_claim:
                return not_found
            if facts.claim_fields is None:
                return claimed
            return _MET if field_id in facts.claim_fields else not_found
        if facts.programs is None:
            return not_said
        if field_id not in facts.program_fields:
            return not_found
        found = [one(p, as_of, dates) for p in facts.programs if p.field == field_id]
        return found[0] if len(found) == 1 else _best(found)

    return run


def _until(as_of: dt.date, opens: dt.date | None) -> float | None:
    """The months until a program of the person's own opens the route: its time, kept when
    the outcome is combined or softened, so that no new program is priced in its place."""
    return None if opens is None else months_between(as_of, opens)


def _military_course(
    cond: ProgramCondition,
    facts: Facts,
    as_of: dt.date,
    field: str,
    not_found: Outcome,
    ask: Outcome,
    dates: bool,
) -> Outcome:
    """A military course as `--military FIELD[:DATE]` describes it (the flag alone: unknown)."""
    if facts.military is False:
        return not_found
    if facts.military_field is None:
        return ask
    if facts.military_field != str(cond.field):
        return not_found
    if facts.military_date is None:
        if cond.completed_within_months is None and cond.completed_more_than_months is None:
            return Outcome(MET)
        return Outcome(UNKNOWN, f"confirm when your military {field} course ended")
    if facts.military_date > as_of:
        when = facts.military_date.isoformat()
        return Outcome(
            UNMET,
            f"finish your military {field} course ({when})",
            facts.military_date,
            None,
            True,
            months=_until(as_of, facts.military_date),
        )
    return _program_window(cond, facts.military_date, as_of, field, dates)


def _best(found: Sequence[Outcome]) -> Outcome:
    """The outcome of the program that serves the person best (whatever the list order)."""
    for wanted in (MET, UNKNOWN):
        hits = [o for o in found if o.status == wanted]
        if hits:
            if wanted == MET and any(o.closes_on is None for o in hits):
                # a program read with no assumption serves better than one read with one
                return min((o for o in hits if o.closes_on is None), key=_assumed)
            if wanted == MET:
                return max(hits, key=lambda o: o.closes_on or dt.date.max)
            return min(hits, key=lambda o: o.gap or "")
    return min(found, key=lambda o: (not o.waits, o.opens_on or dt.date.max, o.gap or ""))


def _program_window(
    cond: ProgramCondition, done: dt.date, as_of: dt.date, field: str, dates: bool
) -> Outcome:
    """A finished program against the condition's recency window and waiting time."""
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
                months=_until(as_of, opens),
            )
    return Outcome(MET, closes_on=closes)


def _first_after(done: dt.date, months: int, within: bool = False) -> dt.date:
    """First day `done` is more than `months` before it (or, `within`, the last day it is not)."""
    day = add_months(done, months)
    while not done < add_months(day, -months):
        day += ONE_DAY
    return day - ONE_DAY if within else day


def _assumed(outcome: Outcome) -> bool:
    return outcome.assumption is not None


def _combine(parts: Sequence[Outcome]) -> Outcome:
    """The parts of one program's verdict as one outcome (three-valued AND, dates merged)."""
    if len(parts) == 1:
        return parts[0]
    status = all_of([p.status for p in parts])
    assumed = "; ".join(dict.fromkeys(p.assumption for p in parts if p.assumption)) or None
    if status == MET:
        closes = [p.closes_on for p in parts if p.closes_on]
        return Outcome(MET, closes_on=min(closes) if closes else None, assumption=assumed)
    open_parts = [p for p in parts if p.status != MET]
    gap = "; ".join(p.gap for p in open_parts if p.gap)
    waits = status == UNMET and all(p.waits for p in open_parts)
    opens = max((p.opens_on for p in open_parts if p.opens_on), default=None) if waits else None
    months = max((p.months for p in open_parts if p.months is not None), default=None)
    return Outcome(status, gap, opens, None, waits, assumed, months)
