"""The military rule: trained in a US military medical program (of a field, recently).

A profile says `military: true` or lists a program accredited `military` (its field and
`completed` date); the flags say `--military` or `--military FIELD[:DATE]`. A condition on
the training's field or date is unknown, naming what to confirm, until that is said.
"""

import datetime as dt

from certadvisor.eligibility.facts import (
    MET,
    UNKNOWN,
    UNMET,
    Check,
    Facts,
    Outcome,
    months_ago,
)
from certadvisor.eligibility.wording import field_words, months_words
from certadvisor.models.catalog import MilitaryCondition
from certadvisor.models.vocab import Accreditation


def military_check(cond: MilitaryCondition | None = None) -> Check:
    """The check for a military condition."""
    field = None if cond is None or cond.field is None else str(cond.field)
    within = None if cond is None else cond.within_months
    enrolled_ok = cond is not None and cond.enrolled_ok
    what = "training in a US military medical program"
    if field:
        what = f"US military {field_words(field)} training"
    if within:
        what += f" that ended within the last {months_words(within)}"
    met = Outcome(MET)
    unmet = Outcome(UNMET, what)
    unknown = Outcome(UNKNOWN, f"confirm whether you had {what}")

    def one(
        trained_in: str | None, ended: dt.date | None, as_of: dt.date, under_way: bool
    ) -> Outcome:
        """One military training (its field and end date as far as known) against the condition."""
        if field and trained_in is None:
            return Outcome(UNKNOWN, f"confirm your military training was in {field_words(field)}")
        if field and trained_in != field:
            return Outcome(UNMET, f"{what} (yours was in {field_words(trained_in or '')})")
        if within is None:
            return met
        if under_way or (ended is not None and ended > as_of):
            if enrolled_ok:
                return met
            when = f" ({ended.isoformat()})" if ended else ""
            return Outcome(UNMET, f"finish your military training{when}", ended, None, bool(ended))
        if ended is None:
            return Outcome(
                UNKNOWN,
                f"confirm your military training ended within the last {months_words(within)}",
            )
        if ended < months_ago(as_of, within):
            return Outcome(UNMET, f"{what} (yours ended {ended.isoformat()})")
        return met

    def run(facts: Facts, as_of: dt.date, dates: bool) -> Outcome:
        found = [
            one(str(p.field), p.completed, as_of, p.completed is None)
            for p in facts.programs or ()
            if p.accreditation and Accreditation.MILITARY in p.accreditation
        ]
        if facts.from_flags and facts.military:
            found.append(one(facts.military_field, facts.military_date, as_of, False))
        elif facts.military is True and not found:
            found.append(one(None, None, as_of, False))
        # the training that serves the person best decides, whatever the list order
        for status in (MET, UNKNOWN, UNMET):
            hits = [o for o in found if o.status == status]
            if hits:
                return min(
                    hits, key=lambda o: (not o.waits, o.opens_on or dt.date.max, o.gap or "")
                )
        return unmet if facts.military is False else unknown

    return run
