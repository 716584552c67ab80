"""Pure: rank tracks for a person's goal, setting, budget, time, state and eligibility.

The scoring weights and the goal/setting fit tables are judgements of this tool, stated as such
in every output; the figures behind each factor (fees, time to eligibility, state rules,
eligibility) are catalog facts and keep their sources.
"""

from collections.abc import Collection, Mapping, Sequence
from enum import StrEnum

from pydantic import Field

from certadvisor.eligibility.wording import money, months_words
from certadvisor.errors import UsageError
from certadvisor.models.catalog import CredentialCondition, Track
from certadvisor.models.common import Provenance, Strict
from certadvisor.models.guidance import Cited
from certadvisor.models.profile import Profile
from certadvisor.models.states import State


class Goal(StrEnum):
    """The kind of work the person wants."""

    CLINICAL = "clinical"
    LABORATORY = "laboratory"
    EITHER = "either"


class Setting(StrEnum):
    """Where the person wants to work."""

    CLINIC = "clinic"
    HOSPITAL = "hospital"
    LABORATORY = "laboratory"
    PUBLIC_HEALTH = "public_health"


WEIGHTS: dict[str, int] = {
    "goal": 30,
    "setting": 20,
    "budget": 15,
    "time": 15,
    "state": 10,
    "eligibility": 10,
}
GOAL_FIT: dict[Goal, dict[str, float]] = {
    Goal.CLINICAL: {"medical_assisting": 1.0, "patient_care": 1.0, "ekg": 0.8, "phlebotomy": 0.6},
    Goal.LABORATORY: {"laboratory": 1.0, "phlebotomy": 0.6},
    Goal.EITHER: {
        c: 1.0 for c in ("medical_assisting", "patient_care", "ekg", "phlebotomy", "laboratory")
    },
}
SETTING_FIT: dict[Setting, dict[str, float]] = {
    Setting.CLINIC: {
        "medical_assisting": 1.0,
        "phlebotomy": 0.6,
        "ekg": 0.5,
        "patient_care": 0.3,
        "laboratory": 0.3,
    },
    Setting.HOSPITAL: {
        "patient_care": 1.0,
        "ekg": 0.9,
        "phlebotomy": 0.9,
        "laboratory": 0.8,
        "medical_assisting": 0.4,
    },
    Setting.LABORATORY: {"laboratory": 1.0, "phlebotomy": 0.7},
    Setting.PUBLIC_HEALTH: {
        "laboratory": 0.9,
        "medical_assisting": 0.5,
        "phlebotomy": 0.5,
        "patient_care": 0.3,
        "ekg": 0.2,
    },
}
JUDGEMENT_NOTE = (
    "Judgement, not catalog facts: the factor weights, how well each career area fits a goal or "
    "a setting, and how a fact turns into points (within budget or time: full; partly unknown "
    "or partly fitting: half; a state rule of its own: half) are this tool's estimates. The "
    "fees, times, state rules and eligibility behind them are catalog facts, cited."
)
HELD_NOTE = (
    " Credentials you hold are not ranked; a track one of them alone qualifies you for comes "
    "after the others, and equal scores go first to the career area of what you hold."
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


class EligibilityView(Strict):
    """The eligibility engine's verdict on one track, as the ranking needs it."""

    status: str = Field(description="eligible | not_eligible | unknown")
    route: str | None = None
    closest: str | None = None
    missing: list[str] = Field(default_factory=list)


class Factor(Strict):
    """One factor of one track's score."""

    name: str
    weight: int
    value: float | None = Field(description="0..1; null when the person did not say")
    points: float | None
    judgement: bool = Field(description="true when the value is the tool's judgement")
    reason: str
    facts: list[Cited] = Field(default_factory=list)


class Ranked(Strict):
    """One track with its score and its factors."""

    rank: int
    track: str
    credential: str
    abbreviation: str
    category: str
    score: float = Field(description="0-100: points over the weights of the factors scored")
    factors: list[Factor]
    covered_by: list[str] = Field(
        default_factory=list,
        description="Held credentials that alone qualify for this track: it is ranked after "
        "the tracks that add to what the person holds",
    )
    note: str | None = None


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
    ranking: list[Ranked]
    excluded: list[Excluded] = Field(default_factory=list)
    held: list[Held] = Field(
        default_factory=list, description="Tracks the person holds, left out of the ranking"
    )
    not_scored: list[str] = Field(default_factory=list)


def held_ids(profile: Profile) -> set[str]:
    """The track ids of the credentials a profile holds."""
    return {c.id for c in profile.credentials or []}


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


def _prov(source: str | None, as_of: str | None, confidence: str | None) -> Provenance | None:
    if not source or not confidence:
        return None
    return Provenance.model_validate({"source": source, "as_of": as_of, "confidence": confidence})


def _factor(
    name: str,
    value: float | None,
    reason: str,
    facts: Sequence[Cited] = (),
    judgement: bool = False,
) -> Factor:
    points = None if value is None else round(value * WEIGHTS[name], 1)
    return Factor(
        name=name,
        weight=WEIGHTS[name],
        value=value,
        points=points,
        judgement=judgement,
        reason=reason,
        facts=list(facts),
    )


def _fit(name: str, table: Mapping[str, float], category: str, asked: str) -> Factor:
    value = table.get(category, 0.0)
    area = category.replace("_", " ")
    return _factor(name, value, f"{area} for {asked}: fit {value:g}", judgement=True)


def _budget(track: Track, budget: int | None, member: bool) -> Factor:
    from certadvisor.costs.total import first_time_cost

    if budget is None:
        return _factor("budget", None, "no budget given")
    cost = first_time_cost(track, member=member)
    facts = [
        Cited(
            text=f"{p.label}: {money(p.unit_amount)}", source=_prov(p.source, p.as_of, p.confidence)
        )
        for p in cost.parts
    ]
    if cost.lower_bound and not cost.amount:
        return _factor("budget", 0.5, "the fee to sit the exam is not known", facts)
    shown = f"{'at least ' if cost.lower_bound else ''}{money(cost.amount)}"
    if cost.amount > budget:
        return _factor(
            "budget", 0.0, f"to sit the exam costs {shown}, over your {money(budget)}", facts
        )
    if cost.lower_bound:
        return _factor(
            "budget", 0.5, f"to sit the exam costs {shown}; part of it is unknown", facts
        )
    return _factor(
        "budget", 1.0, f"to sit the exam costs {shown}, within your {money(budget)}", facts
    )


def _time(track: Track, months: float | None, verdict: EligibilityView | None) -> Factor:
    if months is None:
        return _factor("time", None, "no time frame given")
    if verdict is not None and verdict.status == "eligible":
        return _factor("time", 1.0, "eligible now by your profile")
    known = [t for t in track.time_to_eligible if t.months_min is not None]
    if not known:
        facts = [Cited(text=t.text, source=t) for t in track.time_to_eligible]
        return _factor("time", 0.5, "the catalog has no time to eligibility in months", facts)
    closest = verdict.closest if verdict is not None else None
    yours = [t for t in known if closest and closest in t.routes]
    way = f"your closest route ({closest})" if yours else "the fastest way"
    fastest = min(yours or known, key=lambda t: (t.months_min or 0, t.months_max or 0))
    low = fastest.months_min or 0
    high = fastest.months_max if fastest.months_max is not None else low
    span = months_words(low) if high == low else f"{low:g} to {high:g} months"
    value, fits = (
        (1.0, "fits")
        if high <= months
        else ((0.5, "may fit") if low <= months else (0.0, "does not fit"))
    )
    return _factor(
        "time",
        value,
        f"{way} takes {span}: {fits} in {months_words(months)}",
        [Cited(text=fastest.text, source=fastest)],
    )


_TOPIC_WORDS = {
    "laboratory_licensure": "laboratory licence",
    "phlebotomy_certification": "phlebotomy certification",
    "medical_assistant_credential": "medical-assistant credential",
    "other": "other rule",
}


def _state(track: Track, state: State | None, code: str | None) -> Factor:
    if code is None:
        return _factor("state", None, "no state given")
    notes = [
        n
        for n in (state.notes if state else [])
        if track.category in n.categories or track.id in n.tracks or track.id in n.not_accepted
    ]
    facts: list[Cited] = []
    for n in notes:
        fact = Cited(text=_TOPIC_WORDS[n.topic] + (" (disputed)" if n.disputed else ""), source=n)
        if all((f.text, f.source and f.source.source) != (fact.text, n.source) for f in facts):
            facts.append(fact)
    if any(track.id in n.not_accepted for n in notes):
        return _factor("state", 0.0, f"{code} does not accept it (see the state rules)", facts)
    if notes:
        return _factor(
            "state", 0.5, f"{code} has a rule of its own for this work (see the state rules)", facts
        )
    return _factor("state", 1.0, f"the catalog has no {code} rule for this track")


def _eligibility(verdict: EligibilityView | None, asked: bool) -> Factor:
    if not asked:
        return _factor("eligibility", None, "no profile given")
    if verdict is None:
        return _factor("eligibility", 0.5, "not evaluated")
    value = {"eligible": 1.0, "not_eligible": 0.0}.get(verdict.status, 0.5)
    if verdict.status == "eligible":
        reason = f"eligible now (route {verdict.route})"
    elif verdict.missing:
        reason = f"{verdict.status.replace('_', ' ')}: {'; '.join(verdict.missing)}"
    else:
        reason = verdict.status.replace("_", " ")
    return _factor("eligibility", value, reason)


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


def rank_tracks(
    tracks: Sequence[Track],
    request: Request,
    state: State | None = None,
    eligibility: Mapping[str, EligibilityView] | None = None,
    held: Collection[str] = (),
) -> Recommendation:
    """Score every track that fits the goal; higher is better, ties keep catalog order.

    A track in ``held`` (the person's credentials) is listed apart, never ranked: advising
    someone to earn what they have is no advice. A track a held credential alone qualifies
    for is ranked after the rest, and equal scores favour the career area of what is held.
    """
    scored: list[tuple[float, int, Track, list[Factor], list[str]]] = []
    names = {t.id: t.abbreviation for t in tracks}
    excluded: list[Excluded] = []
    holding: list[Held] = []
    for order, track in enumerate(tracks):
        if track.id in held:
            holding.append(
                Held(track=track.id, credential=track.credential, abbreviation=track.abbreviation)
            )
            continue
        category = str(track.category)
        asked = (
            "a clinical or laboratory goal"
            if request.goal is Goal.EITHER
            else f"a {request.goal.value} goal"
        )
        goal = _fit("goal", GOAL_FIT[request.goal], category, asked)
        if not goal.value:
            excluded.append(
                Excluded(
                    track=track.id,
                    abbreviation=track.abbreviation,
                    reason=f"{category.replace('_', ' ')} is not {request.goal.value} work",
                )
            )
            continue
        if request.setting is None:
            setting = _factor("setting", None, "no setting given", judgement=True)
        else:
            words = request.setting.value.replace("_", " ")
            setting = _fit("setting", SETTING_FIT[request.setting], category, f"a {words}")
        verdict = eligibility.get(track.id) if eligibility is not None else None
        factors = [
            goal,
            setting,
            _budget(track, request.budget, request.member),
            _time(track, request.months, verdict),
            _state(track, state, request.state),
            _eligibility(verdict, eligibility is not None),
        ]
        weight = sum(f.weight for f in factors if f.value is not None)
        points = sum(f.points or 0 for f in factors)
        covered = _covered_by(track, held)
        scored.append((round(100 * points / weight, 1), order, track, factors, covered))
    areas = {str(t.category) for t in tracks if t.id in held}
    scored.sort(key=lambda s: (bool(s[4]), -s[0], str(s[2].category) not in areas, s[1]))
    ranking = [
        Ranked(
            rank=i + 1,
            track=t.id,
            credential=t.credential,
            abbreviation=t.abbreviation,
            category=str(t.category),
            score=score,
            factors=factors,
            covered_by=covered,
            note=(
                f"ranked after the tracks that add to what you hold: your "
                f"{' or '.join(names.get(c, c) for c in covered)} alone qualifies you for it "
                "(judgement)"
                if covered
                else None
            ),
        )
        for i, (score, _, t, factors, covered) in enumerate(scored)
    ]
    not_scored = sorted(
        {f.name for r in ranking for f in r.factors if f.value is None}, key=list(WEIGHTS).index
    )
    return Recommendation(
        request=request,
        weights=dict(WEIGHTS),
        judgement_note=JUDGEMENT_NOTE + (HELD_NOTE if held else ""),
        ranking=ranking,
        excluded=excluded,
        held=holding,
        not_scored=not_scored,
    )
