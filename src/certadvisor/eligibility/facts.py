"""What the eligibility engine knows about a person, digested once: dates, work time, claims.

A profile (every key optional) or the shorthand flags of `eligible` (`Assertions`) become one
`Facts` object. Unknown is explicit everywhere: an education level is a range of possible
ranks, lists carry whether they are complete, and the flags' claims about "the program for
this track" are kept as claims for the rules to honour.

Time rules (shared by every condition):
- a month is a calendar month; "within N months of the evaluation date" means on or after the
  same day N months earlier (2026-11-26 minus 12 months is 2025-11-26, which still counts);
- a job runs from `started` up to and including `ended`; a current job (no `ended`) runs up to
  the evaluation date, which is not itself counted (a job started exactly 12 months ago is
  12 months of work);
- a job without `fte` counts as full time (1.0), as the profile format documents; results say
  when they relied on that;
- concurrent jobs add up, but never to more than one full-time month per calendar month
  (hours, by contrast, are hours really worked: 40 a week times fte).
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

from certadvisor.models.base import Field
from certadvisor.models.common import Strict
from certadvisor.models.profile import Profile, Program
from certadvisor.models.results import Status
from certadvisor.models.vocab import Duty, EducationLevel, ProgramField

MET: Final = "met"
UNMET: Final = "unmet"
UNKNOWN: Final = "unknown"
TOP_RANK = len(EducationLevel) - 1
HOURS_PER_DAY = 40 / 7
ONE_DAY = dt.timedelta(days=1)
# Which profile experience field a track's category means for `--experience-months`.
CATEGORY_FIELD = {
    "medical_assisting": "medical_assisting",
    "laboratory": "clinical_laboratory",
    "phlebotomy": "phlebotomy",
    "patient_care": "patient_care",
    "ekg": "ekg",
}


class Assertions(Strict):
    """What the shorthand flags of `eligible` say about a person; None means not said.

    - `diploma`: True is "at least a high-school diploma or GED" (higher levels stay
      unknown), False is "none"; `degree` is the highest level exactly.
    - `program` is a claim about "the accredited training program for the track being
      checked, finished within its recency window", so it is read per track: True meets
      that track's program conditions (hours included), except "finished more than N months
      ago" (unknown) and military courses (left to `military`); False means no such program,
      finished or under way.
    - `experience_months`: full-time work in the track's own field (its category), ending on
      the evaluation date; other fields stay unknown.
    - `credentials` are held; nothing is said about any other credential.
    - `program_fields` narrows `program`: the program finished was in these fields only
      (None: "the program of each track checked", as the bare flag has always meant).
    - `birth_date` or `age` (whole years on the evaluation date) answer age conditions.
    - `duties` are the duties of the work `experience_months` describes.
    - `military_field` and `military_date` (when the training ended) detail `military`; left
      out, conditions on the training's field or date stay unknown.
    - Procedure counts and credit hours are never said by the flags: unknown.
    """

    diploma: bool | None = None
    degree: EducationLevel | None = None
    program: bool | None = None
    experience_months: float | None = Field(default=None, ge=0)
    credentials: tuple[str, ...] = ()
    military: bool | None = None
    program_fields: tuple[ProgramField, ...] | None = None
    birth_date: dt.date | None = None
    age: int | None = Field(default=None, ge=0, le=130)
    duties: tuple[Duty, ...] | None = None
    military_field: ProgramField | None = None
    military_date: dt.date | None = None

    def is_empty(self) -> bool:
        """True when the flags say nothing at all."""
        return self == Assertions.model_construct()  # no validation: no schema built


@dataclass(frozen=True, slots=True)
class Span:
    """One job as the engine counts it: [start, end) with end None while it goes on."""

    field: str
    start: dt.date
    end: dt.date | None
    fte: float
    fte_given: bool
    duties: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class Facts:
    """A person's answers, with what is unknown made explicit."""

    level_lo: int
    level_hi: int
    total_hours: float | None
    subject_hours: Mapping[str, float] | None
    programs: tuple[Program, ...] | None
    program_claim: bool | None
    from_flags: bool
    jobs: tuple[Span, ...] | None
    job_fields_complete: frozenset[str] | None
    procedures: Mapping[str, int] | None
    credentials: frozenset[str] | None
    credentials_complete: bool
    military: bool | None
    birth_date: dt.date | None
    program_fields: frozenset[str] = frozenset()
    job_fields: frozenset[str] = frozenset()
    # exams passed (profile `exams:`, then held credentials) with the date when known
    exam_dates: Mapping[str, dt.date | None] | None = None
    # from the flags only: the fields --program FIELD named (None: each track's own program),
    # age in whole years on the evaluation date, and the military training's field and end
    claim_fields: frozenset[str] | None = None
    age: int | None = None
    military_field: str | None = None
    military_date: dt.date | None = None

    def jobs_complete_for(self, fields: Sequence[str]) -> bool:
        """Whether the work history is known in full for these fields."""
        if self.jobs is None:
            return False
        return self.job_fields_complete is None or set(fields) <= self.job_fields_complete


def facts_from_profile(profile: Profile) -> Facts:
    """Digest a profile once; the result serves every track."""
    edu = profile.education
    lo, hi = 0, TOP_RANK
    if edu is not None and edu.highest is not None:
        lo = hi = edu.highest.rank
    jobs: tuple[Span, ...] | None = None
    if profile.experience is not None:
        jobs = tuple(
            Span(
                str(j.field),
                j.started,
                j.ended + ONE_DAY if j.ended is not None else None,
                1.0 if j.fte is None else j.fte,
                j.fte is not None,
                None if j.duties is None else frozenset(str(d) for d in j.duties),
            )
            for j in profile.experience
        )
    return Facts(
        level_lo=lo,
        level_hi=hi,
        total_hours=None if edu is None else edu.total_semester_hours,
        subject_hours=None if edu is None else edu.semester_hours,
        programs=None if profile.programs is None else tuple(profile.programs),
        program_fields=frozenset(str(p.field) for p in profile.programs or ()),
        job_fields=frozenset(j.field for j in jobs or ()),
        program_claim=None,
        from_flags=False,
        jobs=jobs,
        job_fields_complete=None,
        procedures=None
        if profile.procedures is None
        else {str(k): v for k, v in profile.procedures.items()},
        credentials=None
        if profile.credentials is None
        else frozenset(c.id for c in profile.credentials),
        credentials_complete=profile.credentials is not None,
        military=profile.military,
        birth_date=profile.birth_date,
        exam_dates=_exam_dates(profile),
    )


def held_credentials(person: "Profile | Assertions") -> dict[str, dt.date | None]:
    """The tracks a person lists as held, with the date earned (None from the flags)."""
    return {
        (c if isinstance(c, str) else c.id): (None if isinstance(c, str) else c.earned)
        for c in person.credentials or ()
    }


def _exam_dates(profile: Profile) -> dict[str, dt.date | None] | None:
    if profile.exams is None and profile.credentials is None:
        return None
    dates: dict[str, dt.date | None] = {c.id: c.earned for c in profile.credentials or ()}
    dates.update({e.id: e.passed or dates.get(e.id) for e in profile.exams or ()})
    return dates


def facts_from_assertions(claims: Assertions, category: str, as_of: dt.date) -> Facts:
    """The flags read for one track (its category decides the field of --experience-months)."""
    lo, hi = 0, TOP_RANK
    if claims.diploma is True:
        lo = EducationLevel.HIGH_SCHOOL.rank
    elif claims.diploma is False:
        lo = hi = EducationLevel.NONE.rank
    if claims.degree is not None:
        lo = hi = claims.degree.rank
    jobs: tuple[Span, ...] | None = None
    complete = None
    if claims.experience_months is not None:
        field = CATEGORY_FIELD.get(category, category)
        complete = frozenset({field})
        jobs = ()
        if claims.experience_months > 0:
            start = months_before(as_of, claims.experience_months)
            duties = None if claims.duties is None else frozenset(str(d) for d in claims.duties)
            jobs = (Span(field, start, None, 1.0, True, duties),)
    return Facts(
        level_lo=lo,
        level_hi=hi,
        total_hours=None,
        subject_hours=None,
        programs=None,
        program_claim=claims.program,
        from_flags=True,
        jobs=jobs,
        job_fields=frozenset(j.field for j in jobs or ()),
        job_fields_complete=complete,
        procedures=None,
        credentials=frozenset(claims.credentials),
        credentials_complete=False,
        military=True if claims.military_field else claims.military,
        birth_date=claims.birth_date,
        exam_dates=dict.fromkeys(claims.credentials),
        claim_fields=None
        if claims.program_fields is None
        else frozenset(str(f) for f in claims.program_fields),
        age=claims.age,
        military_field=None if claims.military_field is None else str(claims.military_field),
        military_date=claims.military_date,
    )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = _month_days(year, month)
    return dt.date(year, month, day.day if day.day <= last else last)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    """Days in the month, by the (proleptic Gregorian) calendar `datetime` counts in."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


@lru_cache(maxsize=1024)
def months_ago(day: dt.date, months: int) -> dt.date:
    """`add_months(day, -months)`, remembered: windows are counted back from few dates."""
    return add_months(day, -months)


def months_before(day: dt.date, months: float) -> dt.date:
    """The date a (possibly fractional) number of calendar months before `day`."""
    whole = int(months)
    start = add_months(day, -whole)
    frac = months - whole
    if frac > 0:
        prev = add_months(start, -1)
        start -= dt.timedelta(days=round(frac * (start - prev).days))
    return start


def months_between(start: dt.date, end: dt.date) -> float:
    """Calendar months from start to end (exclusive), with a fraction for the last month."""
    if end <= start:
        return 0.0
    n = (end.year - start.year) * 12 + end.month - start.month
    anchor = add_months(start, n)
    if anchor > end:
        n -= 1
        anchor = add_months(start, n)
    if anchor == end:
        return float(n)
    nxt = add_months(start, n + 1)
    return n + (end - anchor).days / (nxt - anchor).days


def work_done(jobs: Sequence[Span], since: dt.date | None, until: dt.date) -> tuple[float, float]:
    """Full-time-equivalent months and hours worked in [since, until) by these jobs.

    Overlapping jobs add up, capped at full time per day for months (not for hours).
    """
    segments: list[tuple[dt.date, dt.date, float]] = []
    for j in jobs:
        lo = j.start if since is None or j.start > since else since
        hi = until if j.end is None or j.end > until else j.end
        if hi > lo:
            segments.append((lo, hi, j.fte))
    if not segments:
        return 0.0, 0.0
    if len(segments) == 1:
        lo, hi, fte = segments[0]
        return months_between(lo, hi) * min(fte, 1.0), (hi - lo).days * HOURS_PER_DAY * fte
    points = sorted({p for s in segments for p in (s[0], s[1])})
    months = hours = 0.0
    for a, b in zip(points, points[1:], strict=False):
        load = sum(f for lo, hi, f in segments if lo <= a and hi >= b)
        if load:
            months += months_between(a, b) * min(load, 1.0)
            hours += (b - a).days * HOURS_PER_DAY * load
    return months, hours


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on a day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class Outcome(NamedTuple):
    """The verdict on one condition."""

    status: Status
    gap: str | None = None
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    waits: bool = False
    assumption: str | None = None
    months: float | None = None
    # unknown only because the rule is unverified: what it asks still counts at best
    soft: bool = False


Check = Callable[[Facts, dt.date, bool], Outcome]
"""A prepared condition: (facts, evaluation date, whether to compute window dates) -> Outcome."""


def all_of(statuses: Sequence[Status]) -> Status:
    """Three-valued AND."""
    if UNMET in statuses:
        return UNMET
    return UNKNOWN if UNKNOWN in statuses else MET
