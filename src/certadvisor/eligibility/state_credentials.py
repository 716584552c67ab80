"""The state credentials a person's state asks for, and what a national certificate counts for.

Which credentials apply, and which national exams each accepts, are read from the catalog's
state routes (their `exam` conditions): no state is special-cased in code.
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from certadvisor.eligibility.engine import Applicant, Evaluator
from certadvisor.eligibility.wording import either, money, procedure_words
from certadvisor.models.catalog import (
    Condition,
    CredentialCondition,
    ExamCondition,
    FeePer,
    ProceduresCondition,
    Route,
    Track,
    TrackKind,
    TrainingHoursCondition,
)
from certadvisor.models.results import (
    EligibilitySummary,
    FeeLine,
    PersonResult,
    StateCredentialResult,
    TrackResult,
)

# What a route still asks besides the accepted exam, in the fewest words (by condition kind).
_EXTRA_WORDS = {
    "program": "an approved program",
    "experience": "work experience",
    "semester_hours": "the college science credits",
    "state_exam": "the state's own exam",
    "unrecorded": "what the profile cannot record",
}
# Asked of nearly everyone, or shown by the credential's own routes: not worth a word here.
_UNSAID = frozenset({"education", "age", "military", "exam"})


def state_tracks(tracks: Iterable[Track], code: str | None) -> list[Track]:
    """The catalog's state credentials of one state, in catalog order."""
    if code is None:
        return []
    return [t for t in tracks if t.kind == TrackKind.STATE_CREDENTIAL and t.jurisdiction == code]


def relevant(state: Sequence[Track], categories: Iterable[str]) -> list[Track]:
    """The state's credentials for the kinds of work (categories) being looked at."""
    wanted = {str(c) for c in categories}
    return [t for t in state if str(t.category) in wanted]


def accepting_routes(credential: Track, track_id: str) -> list[tuple[Route, ExamCondition]]:
    """The credential's routes whose exam condition names the national track."""
    found = []
    for route in credential.routes:
        for cond in route.conditions:
            if isinstance(cond, ExamCondition) and any(a.id == track_id for a in cond.accepted):
                found.append((route, cond))
    return found


def accepts_others(credential: Track) -> bool:
    """Whether the credential's routes name accepted exams from an agency's known list."""
    return any(
        isinstance(c, ExamCondition) and c.list_found
        for route in credential.routes
        for c in route.conditions
    )


def also_needed(route: Route, track_id: str) -> list[str]:
    """What the route asks besides the exam, in a few words each ('an approved program')."""
    words: list[str] = []
    for cond in route.conditions:
        if isinstance(cond, ProceduresCondition):
            phrases = [
                f"{n} {procedure_words(str(p), short=True)}" for p, n in cond.minimums.items()
            ]
        else:
            phrase = _extra(cond, track_id)
            phrases = [phrase] if phrase else []
        words += [p for p in phrases if p not in words]
    return words


def _extra(cond: Condition, track_id: str) -> str | None:
    if cond.kind in _UNSAID:
        return None
    if isinstance(cond, TrainingHoursCondition):
        where = f"{cond.approved_in}-approved" if cond.approved_in else "approved"
        return f"{where} training"
    if isinstance(cond, CredentialCondition):
        return None if track_id in cond.any_of else f"holding {either(cond.any_of)}"
    return _EXTRA_WORDS.get(cond.kind, cond.kind.replace("_", " "))


def counts_for(
    track_id: str, credentials: Sequence[Track], results: dict[str, TrackResult] | None = None
) -> list[str]:
    """'counts for WA MA-C: yes, with an approved program' for each credential accepting it.

    With the person's results on the credentials, a route they already meet says so.
    """
    lines = []
    for credential in credentials:
        routes = accepting_routes(credential, track_id)
        if not routes:
            continue
        verdict = _verdict(routes, track_id, credential, results)
        lines.append(f"counts for {credential.abbreviation}: {verdict}")
    return lines


def _verdict(
    routes: list[tuple[Route, ExamCondition]],
    track_id: str,
    credential: Track,
    results: dict[str, TrackResult] | None,
) -> str:
    result = (results or {}).get(credential.id)
    ready = result is not None and any(
        r.status == "eligible" for r in result.routes if r.id in {x.id for x, _ in routes}
    )
    route, exam = min(routes, key=lambda rc: len(also_needed(rc[0], track_id)))
    answer = "yes" if exam.list_found else "maybe (the agency's list of exams was not found)"
    if ready:
        return f"{answer}, and you qualify now"
    extras = also_needed(route, track_id)
    text = f"{answer}, with {either(extras, 'and')}" if extras else answer
    if exam.within_years:
        text += f" (exam passed within the last {exam.within_years} years)"
    return text


def fee_lines(track: Track) -> list[FeeLine]:
    """The credential's fees in words, each with its source ('... application fee: $100')."""
    lines = []
    for fee in track.fees:
        per = "" if fee.per == FeePer.ONCE else f" per {fee.per}"
        lines.append(
            FeeLine(
                text=f"{fee.label}: {money(fee.amount)}{per}",
                source=fee.source,
                as_of=str(fee.as_of) if fee.as_of is not None else None,
                confidence=str(fee.confidence),
            )
        )
    return lines


class StateLayer:
    """Adds to people's results the credentials their state asks for the work shown.

    Only a run that shows national tracks gets them, for those tracks' kinds of work; each
    state's credentials are compiled once for every person of that state.
    """

    def __init__(
        self, state_catalog: Callable[[], Iterable[Track]], shown: Sequence[Track]
    ) -> None:
        self._catalog = state_catalog  # read only when someone has a state (it costs a parse)
        national = [t for t in shown if t.kind != TrackKind.STATE_CREDENTIAL]
        self._categories = {str(t.category) for t in national}
        self._shown = {t.id for t in shown}
        self._by_state: dict[str, tuple[list[Track], Evaluator | None]] = {}

    def _for(self, code: str) -> tuple[list[Track], Evaluator | None]:
        if code not in self._by_state:
            found = relevant(state_tracks(self._catalog(), code), self._categories)
            found = [t for t in found if t.id not in self._shown]
            self._by_state[code] = (found, Evaluator(found) if found else None)
        return self._by_state[code]

    def credentials(self, code: str) -> list[Track]:
        """The state's credentials for the work shown (none when no national track is shown)."""
        return self._for(code)[0] if self._categories else []

    def briefs(
        self, code: str | None, person: Applicant, as_of: dt.date
    ) -> tuple[EligibilitySummary, ...]:
        """The state's credentials summarised for one person, as `apply` judges them."""
        if code is None or not self._categories:
            return ()
        evaluator = self._for(code)[1]
        return () if evaluator is None else tuple(evaluator.briefs(person, as_of))

    def apply(self, result: PersonResult, person: Applicant) -> PersonResult:
        """The person's result with the state's credentials and what each track counts for."""
        if result.state is None or not self._categories:
            return result
        credentials, evaluator = self._for(result.state)
        if evaluator is None:
            return result
        results, judged = judge(result.results, credentials, evaluator, person, result.as_of)
        return result.model_copy(update={"results": results, "state_credentials": judged})


def judge(
    results: Sequence[TrackResult],
    credentials: Sequence[Track],
    evaluator: Evaluator,
    person: Applicant,
    as_of: dt.date,
) -> tuple[list[TrackResult], list[StateCredentialResult]]:
    """The national results with what each counts for, and the state credentials judged."""
    judged = [
        _with_state_facts(track, r)
        for track, r in zip(credentials, evaluator.results(person, as_of), strict=True)
    ]
    by_id: dict[str, TrackResult] = {r.track: r for r in judged}
    counted = [
        r.model_copy(update={"counts_for": counts_for(r.track, credentials, by_id)})
        for r in results
    ]
    return counted, judged


def judge_in_state(
    results: Sequence[TrackResult],
    catalog_tracks: Sequence[Track],
    code: str | None,
    person: Applicant,
    as_of: dt.date,
) -> tuple[list[TrackResult], list[StateCredentialResult]]:
    """`judge` for one person of one state (the report's): the state's credentials for the
    kinds of work of the national results."""
    shown = {r.track for r in results}
    categories = {str(t.category) for t in catalog_tracks if t.id in shown}
    credentials = relevant(state_tracks(catalog_tracks, code), categories)
    if not credentials:
        return list(results), []
    return judge(results, credentials, Evaluator(credentials), person, as_of)


def _with_state_facts(track: Track, result: TrackResult) -> StateCredentialResult:
    return StateCredentialResult(
        **result.model_dump(),
        jurisdiction=track.jurisdiction or "",
        agency=track.agency.name if track.agency else None,
        fees=fee_lines(track),
    )
