"""Pure: one person's advising packet (eligibility, comparison, ranking, checklist, plan)."""

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence

from certadvisor.eligibility import EligibilitySummary, TrackResult
from certadvisor.eligibility.engine import Evaluator
from certadvisor.eligibility.state_credentials import judge_in_state
from certadvisor.guidance.checklist import build_checklist
from certadvisor.guidance.compare import Comparison, compare_tracks
from certadvisor.guidance.path import person_paths
from certadvisor.guidance.plan import build_plan
from certadvisor.guidance.recommend import (
    Recommendation,
    Request,
    held_ids,
    rank_tracks,
    with_paths,
)
from certadvisor.guidance.standing import standing_of
from certadvisor.models.base import Field
from certadvisor.models.catalog import Track
from certadvisor.models.common import Strict
from certadvisor.models.guidance import Checklist, StudyPlan
from certadvisor.models.profile import Profile
from certadvisor.models.programs import ProgramTable
from certadvisor.models.results import StateCredentialResult
from certadvisor.models.states import State, StateNote


class PlanOptions(Strict):
    """What `report --exam-date` asks of the plan."""

    exam_date: dt.date
    hours_per_week: float | None = None
    total_hours: float | None = None


class AdvisingReport(Strict):
    """Everything one person's packet shows, in the order it shows it."""

    person: str
    profile: Profile
    as_of: dt.date
    as_of_given: bool = Field(description="false when the evaluation date is today's")
    eligibility: list[TrackResult]
    recommendation: Recommendation
    comparison: Comparison
    best: str | None = Field(description="The best-ranked track, or null when none fits")
    focus: str | None = Field(description="The track the checklist and plan detail")
    checklist: Checklist | None = None
    plan: StudyPlan | None = None
    state: State | None = None
    state_credentials: list[StateCredentialResult] = Field(
        default_factory=list, description="The credentials the person's state asks for this work"
    )


def build_report(
    person: str,
    profile: Profile,
    tracks: Sequence[Track],
    request: Request,
    as_of: dt.date,
    as_of_given: bool,
    state: State | None = None,
    plan: PlanOptions | None = None,
    marks: Mapping[str, Collection[int]] | None = None,
    focus: str | None = None,
    catalog_tracks: Sequence[Track] = (),
    programs: ProgramTable | None = None,
) -> AdvisingReport:
    """Evaluate every track, rank those that fit the goal, then detail the best fit (or
    ``focus``, a track id the person chose); with the `programs` table, the person's path
    to each track ranked and compared."""
    # one evaluation: the results shown and the standings the paths are priced from
    evaluated, standings = Evaluator(tracks).assess(profile, as_of)
    results, in_state = judge_in_state(evaluated, catalog_tracks, request.state, profile, as_of)
    summaries = {r.track: EligibilitySummary.of(r) for r in results}
    rec = rank_tracks(tracks, request, state, summaries, held_ids(profile), catalog_tracks)
    by_id = {t.id: t for t in tracks}
    fitting = [by_id[r.track] for r in rec.ranking]  # compared in rank order
    paths = (
        person_paths(fitting, profile, as_of, programs, member=request.member, standings=standings)
        if programs is not None
        else None
    )
    if paths is not None:
        rec = with_paths(rec, paths)
    comparison = compare_tracks(fitting, member=request.member, eligibility=summaries, paths=paths)
    best = rec.ranking[0].track if rec.ranking else None
    focus = focus or best
    checklist = study = None
    if focus is not None:
        track = by_id[focus]
        result = next(r for r in results if r.track == focus)
        checklist = build_checklist(
            track,
            profile,
            result,
            (marks or {}).get(focus, ()),
            _state_notes(state, track),
            request.member,
            as_of,
            person,
        )
        if plan is not None:
            # The plan knows the person's route: it starts when the route opens and says
            # so when the exam date comes before it.
            study = build_plan(
                track,
                plan.exam_date,
                as_of,
                plan.hours_per_week,
                plan.total_hours,
                standing=standing_of(result, person),
            )
    # built without validation: its parts are the engines' own results
    return AdvisingReport.model_construct(
        person=person,
        profile=profile,
        as_of=as_of,
        as_of_given=as_of_given,
        eligibility=results,
        recommendation=rec,
        comparison=comparison,
        best=best,
        focus=focus,
        checklist=checklist,
        plan=study,
        state=state,
        state_credentials=in_state,
    )


def _state_notes(state: State | None, track: Track) -> list[StateNote]:
    """The state's notes on the track's category or on the track itself."""
    if state is None:
        return []
    return [n for n in state.notes if track.category in n.categories or track.id in n.tracks]


def file_names(labels: Sequence[str], suffix: str) -> list[str]:
    """One safe, distinct file name per person: 'maria.md', 'maria-2.md', 'person-3.md'."""
    seen: set[str] = set()
    names = []
    for i, label in enumerate(labels, 1):
        ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
        stem = re.sub(r"[^a-z0-9]+", "-", ascii_label.lower()).strip("-")[:60] or f"person-{i}"
        name, n = stem, 2
        while name in seen:
            name, n = f"{stem}-{n}", n + 1
        seen.add(name)
        names.append(f"{name}{suffix}")
    return names
