"""Pure: the bodies' exam windows as dated plan steps (earliest day to apply, apply-by dates)."""

import datetime as dt

from certadvisor.models.catalog import ExamWindow, Track, WindowKind
from certadvisor.models.guidance import Cited, Milestone, MilestoneKind

# Windows that bound how early an application (or voucher) can come before the exam.
_VALIDITY = (WindowKind.TESTING_PERIOD, WindowKind.APPLICATION_VALID, WindowKind.VOUCHER_VALID)
_EARLIEST_TITLES = {
    WindowKind.TESTING_PERIOD: "Earliest start of the testing period",
    WindowKind.APPLICATION_VALID: "Earliest sensible day to apply",
    WindowKind.VOUCHER_VALID: "Earliest sensible day to buy the exam voucher",
}


def windows_of(track: Track, route_id: str | None) -> list[ExamWindow]:
    """The track's windows for a route: those for every route and those naming it.

    Without a route (no profile) every window is returned, so that none is hidden.
    """
    if route_id is None:
        return list(track.windows)
    return [w for w in track.windows if not w.routes or route_id in w.routes]


def _disputed(window: ExamWindow) -> str:
    return " (disputed: the sources disagree; confirm with the body)" if window.disputed else ""


def earliest_by_validity(
    track: Track, windows: list[ExamWindow], start: dt.date, exam: dt.date
) -> list[Milestone]:
    """The tightest validity window as its earliest sensible date, when that is after start.

    A testing period, when the body has one, is what binds the exam date; an application's
    or voucher's validity binds only without it.
    """
    dated = [w for w in windows if w.kind in _VALIDITY and w.days is not None]
    testing = [w for w in dated if w.kind is WindowKind.TESTING_PERIOD]
    dated = testing or dated
    if not dated:
        return []
    tightest = min(dated, key=lambda w: w.days or 0)
    days = tightest.days or 0
    earliest = exam - dt.timedelta(days=days)
    if earliest <= start:
        return []
    text = (
        f"{track.issuer.abbreviation}: {tightest.text} Counting back {days} days from the "
        f"exam on {exam}{_disputed(tightest)}"
    )
    return [
        Milestone.model_construct(
            date=earliest,
            kind=MilestoneKind.APPLY_OPENS,
            title=_EARLIEST_TITLES[tightest.kind],
            details=[Cited.model_construct(text=text, source=tightest)],
        )
    ]


def processing_deadline(
    track: Track, windows: list[ExamWindow], start: dt.date, exam: dt.date, warnings: list[str]
) -> Milestone | None:
    """Apply-by from the body's typical processing time, when it gives a number."""
    window = next(
        (w for w in windows if w.kind is WindowKind.PROCESSING and w.days is not None), None
    )
    if window is None or window.days is None:
        return None
    issuer = track.issuer.abbreviation
    due = exam - dt.timedelta(days=window.days)
    if due < start:
        warnings.append(
            f"Little time to apply for this date: {issuer} typically needs about "
            f"{window.days} days to process an application, so it should have gone in by {due}."
        )
    return Milestone.model_construct(
        date=max(due, start),
        kind=MilestoneKind.APPLY_BY,
        title="Apply by this date at the latest",
        details=[
            Cited.model_construct(
                text=f"{issuer} typically needs about {window.days} days: {window.text}"
                f"{_disputed(window)}",
                source=window,
            )
        ],
    )


def before_completion(
    track: Track, windows: list[ExamWindow], start: dt.date, opens_on: dt.date | None
) -> Milestone | None:
    """The earliest day a student may apply, counted back from the program's completion."""
    window = next(
        (w for w in windows if w.kind is WindowKind.APPLY_BEFORE_COMPLETION and w.days is not None),
        None,
    )
    if window is None or window.days is None or opens_on is None:
        return None
    earliest = max(opens_on - dt.timedelta(days=window.days), start)
    return Milestone.model_construct(
        date=earliest,
        kind=MilestoneKind.APPLY_OPENS,
        title="Earliest day to apply as a completing student",
        details=[
            Cited.model_construct(
                text=f"{track.issuer.abbreviation}: {window.text} Your route opens on "
                f"{opens_on}{_disputed(window)}",
                source=window,
            )
        ],
    )
