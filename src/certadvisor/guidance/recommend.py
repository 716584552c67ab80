"""Pure: rank tracks for a person's goal, setting, budget, time, state and eligibility.

The scoring weights and the goal/setting fit tables are judgements of this tool, stated as such
in every output; the figures behind each factor (fees, time to eligibility, state rules,
eligibility) are catalog facts and keep their sources.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from certadvisor.errors import UsageError
from certadvisor.guidance.compare import PayBrief
from certadvisor.guidance.factors import (
    GOAL_FIT,
    SETTING_FIT,
    WEIGHTS,
    Factor,
    Goal,
    Setting,
    budget_factor,
    eligibility_factor,
    factor,
    fit,
    ladder_factor,
    state_factor,
    time_factor,
)
from certadvisor.guidance.pay_factor import PAY_WEIGHT, pay_factors
from certadvisor.guidance.state_fit import path_name, state_fit
from certadvisor.models.base import Field
from certadvisor.models.catalog import CredentialCondition, Track
from certadvisor.models.common import Strict
from certadvisor.models.path import PersonPath
from certadvisor.models.profile import Profile
from certadvisor.models.results import EligibilitySummary
from certadvisor.models.states import State

__all__ = [
    "Excluded",
    "Factor",
    "Goal",
    "Held",
    "Ranked",
    "Recommendation",
    "Request",
    "Setting",
    "held_ids",
    "parse_goal",
    "parse_setting",
    "rank_tracks",
]


JUDGEMENT_NOTE = (
    "Judgement, not catalog facts: the factor weights, how well each career area fits a goal or "
    "a setting, and how a fact turns into points (within budget or time: full; partly unknown "
    "or partly fitting: half; a state rule of its own: half) are this tool's estimates. The "
    "fees, times, state rules and eligibility behind them are catalog facts, cited."
)
HELD_NOTE = (
    " Credentials you hold are not ranked. The ladder factor (judgement) credits a track that "
    "builds on what you hold and gives nothing to one your credential alone qualifies you for."
)
WORST_NOTE = (
    "Where what you must still confirm decides a factor, the score counts it against you (the "
    "worst case) and the best case is shown beside it; the ranking is sorted by the score."
)


class Request(Strict):
    """What the person told us (None: not asked)."""

    goal: Goal
    setting: Setting | None = None
    budget: int | None = Field(default=None, ge=0)
    months: float | None = Field(default=None, ge=0)
    state: str | None = None
    member: bool = False
    person: str | None = None
    weigh_pay: bool = False


class Ranked(Strict):
    """One track with its score and its factors."""

    rank: int
    track: str
    credential: str
    abbreviation: str
    category: str
    score: float = Field(description="0-100: points over the weights of the factors scored")
    factors: list[Factor]
    best_score: float | None = Field(
        default=None,
        description="The score if what the person must confirm turns out in their favour; "
        "null when nothing unknown decides it",
    )
    covered_by: list[str] = Field(
        default_factory=list,
        description="Held credentials that alone qualify for this track: it is ranked after "
        "the tracks that add to what the person holds",
    )
    note: str | None = None
    state_path: str | None = Field(
        default=None,
        description="With a state: the national credential and the state credential it "
        "leads to ('CPT (NHA) + CA CPT I'), priced in the state_fit factor",
    )
    path: PersonPath | None = Field(
        default=None, description="The person's fastest and cheapest path, with a profile"
    )


class Excluded(Strict):
    """A track left out of the ranking, and why."""

    track: str
    abbreviation: str
    reason: str


class Held(Strict):
    """A track whose credential the person already holds: never ranked as a recommendation."""

    track: str
    credential: str
    abbreviation: str
    reason: str = "you already hold this credential"


class Recommendation(Strict):
    """The ranking with what it rests on."""

    request: Request
    weights: dict[str, int]
    judgement_note: str
    worst_case_note: str = WORST_NOTE
    ranking: list[Ranked]
    excluded: list[Excluded] = Field(default_factory=list)
    held: list[Held] = Field(
        default_factory=list, description="Tracks the person holds, left out of the ranking"
    )
    not_scored: list[str] = Field(default_factory=list)


def held_ids(profile: Profile) -> set[str]:
    """The track ids of the credentials a profile holds."""
    from certadvisor.eligibility.facts import held_credentials  # not at start-up

    return set(held_credentials(profile))


def parse_setting(text: str) -> Setting:
    """'public health', 'public-health' or 'PUBLIC_HEALTH' -> Setting.PUBLIC_HEALTH."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    try:
        return Setting(key)
    except ValueError:
        choices = ", ".join(s.value.replace("_", " ") for s in Setting)
        raise UsageError(f"unknown setting {text!r}", f"Choose one of: {choices}.") from None


def parse_goal(text: str) -> Goal:
    """'Clinical' -> Goal.CLINICAL; anything else is a usage error."""
    try:
        return Goal(text.strip().lower())
    except ValueError:
        choices = ", ".join(g.value for g in Goal)
        raise UsageError(f"unknown goal {text!r}", f"Choose one of: {choices}.") from None


def _covered_by(track: Track, held: Collection[str]) -> list[str]:
    """Held credentials that alone qualify for the track (a route asking only for them).

    Such a track is a step sideways or down from what the person holds (PBT(ASCP) for an
    MLT(ASCP) holder): this tool's judgement ranks it after the tracks that add to it.
    """
    found: set[str] = set()
    for route in track.routes:
        needs = [
            set(c.any_of) & set(held)
            for c in route.conditions
            if isinstance(c, CredentialCondition)
        ]
        if len(needs) == len(route.conditions) and all(needs):
            found.update(*needs)
    return sorted(found)


def _goal_words(goal: Goal) -> str:
    return "a clinical or laboratory goal" if goal is Goal.EITHER else f"a {goal.value} goal"


def _setting(request: Request, category: str) -> Factor:
    if request.setting is None:
        return factor("setting", None, "no setting given", judgement=True)
    words = request.setting.value.replace("_", " ")
    return fit("setting", SETTING_FIT[request.setting], category, f"a {words}")


@dataclass(frozen=True, slots=True)
class _Scored:
    """A track that fits the goal, with its score and what it rests on."""

    score: float
    best: float
    order: int
    track: Track
    factors: list[Factor]
    covered: list[str]
    path: str | None = None


def _score(
    track: Track,
    order: int,
    goal: Factor,
    request: Request,
    state: State | None,
    eligibility: Mapping[str, EligibilitySummary] | None,
    held: Mapping[str, tuple[str, str]],
    state_catalog: Sequence[Track] = (),
    more: Sequence[Factor] = (),
) -> _Scored:
    """Every factor of one track and its score over the weights of the factors scored."""
    verdict = eligibility.get(track.id) if eligibility is not None else None
    covered = _covered_by(track, held)
    fitness = state_fit(track, request.state, state_catalog, request.member, list(held))
    factors = [
        goal,
        _setting(request, str(track.category)),
        budget_factor(track, request.budget, request.member),
        time_factor(track, request.months, verdict),
        state_factor(track, state, request.state),
        eligibility_factor(verdict, eligibility is not None),
        ladder_factor(track, held, covered),
        fitness.factor,
        *more,
    ]
    weight = sum(f.weight for f in factors if f.value is not None)
    points = sum(f.points or 0 for f in factors)
    best = sum(
        (f.best_value * f.weight if f.best_value is not None else f.points or 0) for f in factors
    )
    return _Scored(
        round(100 * points / weight, 1),
        round(100 * best / weight, 1),
        order,
        track,
        factors,
        covered,
        path_name(track, fitness.credential) if fitness.credential else None,
    )


# Results are built with `model_construct`: every field is given with its type, and
# validating would build each result model's schema on every run.
def _ranked(rank: int, s: _Scored) -> Ranked:
    t = s.track
    return Ranked.model_construct(
        rank=rank,
        track=t.id,
        credential=t.credential,
        abbreviation=t.abbreviation,
        category=str(t.category),
        score=s.score,
        best_score=s.best if s.best != s.score else None,
        factors=s.factors,
        covered_by=s.covered,
        state_path=s.path,
    )


def rank_tracks(
    tracks: Sequence[Track],
    request: Request,
    state: State | None = None,
    eligibility: Mapping[str, EligibilitySummary] | None = None,
    held: Collection[str] = (),
    state_catalog: Sequence[Track] = (),
    pay: Mapping[str, PayBrief] | None = None,
) -> Recommendation:
    """Score every track that fits the goal; sorted by score, then best case, then catalog order.

    A track in ``held`` (the person's credentials) is listed apart, never ranked: advising
    someone to earn what they have is no advice. Building on what is held is the ladder
    factor of the score, like every other reason for the order. `pay` (track id to its pay)
    adds the pay factor, only when the person asks to weigh pay.
    """
    fitting = [
        t for t in tracks if t.id not in held and GOAL_FIT[request.goal].get(str(t.category))
    ]
    pay_scores = pay_factors(fitting, pay) if pay is not None else {}
    known = {t.id: (t.abbreviation, str(t.category)) for t in tracks}
    holding_areas = {h: known.get(h, (h, "")) for h in held}
    scored: list[_Scored] = []
    excluded: list[Excluded] = []
    holding: list[Held] = []
    for order, track in enumerate(tracks):
        if track.id in held:
            holding.append(
                Held.model_construct(
                    track=track.id, credential=track.credential, abbreviation=track.abbreviation
                )
            )
            continue
        category = str(track.category)
        goal = fit("goal", GOAL_FIT[request.goal], category, _goal_words(request.goal))
        if not goal.value:
            excluded.append(
                Excluded.model_construct(
                    track=track.id,
                    abbreviation=track.abbreviation,
                    reason=f"{category.replace('_', ' ')} is not {request.goal.value} work",
                )
            )
            continue
        more = [pay_scores[track.id]] if track.id in pay_scores else []
        scored.append(
            _score(
                track, order, goal, request, state, eligibility, holding_areas, state_catalog, more
            )
        )
    scored.sort(key=lambda s: (-s.score, -s.best, s.order))
    ranking = [_ranked(i + 1, s) for i, s in enumerate(scored)]
    not_scored = sorted(
        {f.name for r in ranking for f in r.factors if f.value is None}, key=list(WEIGHTS).index
    )
    weights = dict(WEIGHTS) | ({"pay": PAY_WEIGHT} if pay is not None else {})
    return Recommendation.model_construct(
        request=request,
        weights=weights,
        judgement_note=JUDGEMENT_NOTE + (HELD_NOTE if held else ""),
        ranking=ranking,
        excluded=excluded,
        held=holding,
        not_scored=not_scored,
    )


def with_paths(rec: Recommendation, paths: Mapping[str, PersonPath]) -> Recommendation:
    """The ranking with each ranked track's path for the person (guidance.path)."""
    ranking = [r.model_copy(update={"path": paths.get(r.track)}) for r in rec.ranking]
    return rec.model_copy(update={"ranking": ranking})
