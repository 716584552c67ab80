"""The factors of a recommendation's score: goal and setting fit, budget, time, state, eligibility.

The weights and the fit tables are this tool's judgement (the ranking says so); the figures a
factor rests on are catalog facts and keep their sources.
"""

from collections.abc import Mapping, Sequence
from enum import StrEnum

from certadvisor.costs import first_time_cost
from certadvisor.eligibility.effort import about
from certadvisor.eligibility.wording import money, months_words
from certadvisor.models.base import Field
from certadvisor.models.catalog import Track
from certadvisor.models.common import Provenance, Strict, provenance
from certadvisor.models.guidance import Cited
from certadvisor.models.results import EligibilitySummary
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
    # As much as the setting: a counselor points a holder up the ladder (MLT to MLS); at 10,
    # a cheap step sideways that the held credential already covers outranked the step up.
    "ladder": 20,
    # As much as the state rule: whether the national credential counts for the state's own.
    "state_fit": 10,
}
# Judgement: career areas where a credential held is a step toward another (a medical
# assistant draws blood and runs EKGs; a phlebotomist works in the laboratory's front end).
RELATED_AREAS: dict[str, frozenset[str]] = {
    "medical_assisting": frozenset({"phlebotomy", "ekg", "patient_care"}),
    "phlebotomy": frozenset({"laboratory", "patient_care", "medical_assisting"}),
    "patient_care": frozenset({"phlebotomy", "ekg", "medical_assisting"}),
    "ekg": frozenset({"patient_care", "medical_assisting"}),
    "laboratory": frozenset({"phlebotomy"}),
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


class Factor(Strict):
    """One factor of one track's score."""

    name: str
    weight: int
    value: float | None = Field(description="0..1; null when the person did not say")
    points: float | None
    judgement: bool = Field(description="true when the value is the tool's judgement")
    reason: str
    facts: list[Cited] = Field(default_factory=list)
    best_value: float | None = Field(
        default=None,
        description="The value if what the person must still confirm turns out in their favour; "
        "null when nothing unknown decides this factor",
    )


def _prov(source: str | None, as_of: str | None, confidence: str | None) -> Provenance | None:
    if not source or not confidence:
        return None
    return provenance(source, as_of, confidence)


def factor(
    name: str,
    value: float | None,
    reason: str,
    facts: Sequence[Cited] = (),
    judgement: bool = False,
    best: float | None = None,
) -> Factor:
    """A factor with its points: the value times the factor's weight (the worst case)."""
    points = None if value is None else float(round(value * WEIGHTS[name], 1))
    # built without validation (that would build the model's schema on every run): the
    # numbers are made floats here, as validation made them
    return Factor.model_construct(
        name=name,
        weight=WEIGHTS[name],
        value=None if value is None else float(value),
        points=points,
        judgement=judgement,
        reason=reason,
        facts=list(facts),
        best_value=float(best) if best is not None and best != value else None,
    )


def fit(name: str, table: Mapping[str, float], category: str, asked: str) -> Factor:
    """How well a career area fits what was asked, by a judgement table."""
    value = table.get(category, 0.0)
    area = category.replace("_", " ")
    return factor(name, value, f"{area} for {asked}: fit {value:g}", judgement=True)


def budget_factor(track: Track, budget: int | None, member: bool) -> Factor:
    """Whether sitting the exam fits the budget."""
    if budget is None:
        return factor("budget", None, "no budget given")
    cost = first_time_cost(track, member=member)
    facts = [
        Cited.model_construct(
            text=f"{p.label}: {money(p.unit_amount)}", source=_prov(p.source, p.as_of, p.confidence)
        )
        for p in cost.parts
    ]
    if cost.lower_bound and not cost.amount:
        return factor("budget", 0.5, "the fee to sit the exam is not known", facts)
    shown = f"{'at least ' if cost.lower_bound else ''}{money(cost.amount)}"
    if cost.amount > budget:
        return factor(
            "budget", 0.0, f"to sit the exam costs {shown}, over your {money(budget)}", facts
        )
    if cost.lower_bound:
        return factor("budget", 0.5, f"to sit the exam costs {shown}; part of it is unknown", facts)
    return factor(
        "budget", 1.0, f"to sit the exam costs {shown}, within your {money(budget)}", facts
    )


def time_factor(track: Track, months: float | None, verdict: EligibilitySummary | None) -> Factor:
    """Whether the months still needed (from the person's gaps) fit the time frame.

    Without a profile, the catalog's fastest time to eligibility stands in for them.
    """
    if months is None:
        return factor("time", None, "no time frame given")
    if verdict is not None and verdict.status == "eligible":
        return factor("time", 1.0, "eligible now by your profile")
    if verdict is not None and verdict.closest is not None:
        return _time_left(months, verdict)
    known = [t for t in track.time_to_eligible if t.months_min is not None]
    if not known:
        facts = [Cited.model_construct(text=t.text, source=t) for t in track.time_to_eligible]
        return factor("time", 0.5, "the catalog has no time to eligibility in months", facts)
    fastest = min(known, key=lambda t: (t.months_min or 0, t.months_max or 0))
    low = fastest.months_min or 0
    high = fastest.months_max if fastest.months_max is not None else low
    span = months_words(low) if high == low else f"{low:g} to {high:g} months"
    value, fits = _fits(low, high, months)
    return factor(
        "time",
        value,
        f"the fastest way takes {span}: {fits} in {months_words(months)}",
        [Cited.model_construct(text=fastest.text, source=fastest)],
    )


def _fits(low: float, high: float | None, months: float) -> tuple[float, str]:
    if high is not None and high <= months:
        return 1.0, "fits"
    return (0.5, "may fit") if low <= months else (0.0, "does not fit")


def _time_left(months: float, verdict: EligibilitySummary) -> Factor:
    """Scored on the months the closest route still needs (best and worst case)."""
    low = verdict.months_needed or 0.0
    high = verdict.months_needed_max
    at_best = "eligible now" if low == 0 else f"{about(low)} still needed"
    if high == low:
        need = at_best
    elif high is None:
        need = f"{at_best} at best, no known way in at worst"
    else:
        need = f"{at_best} at best, {about(high)} at worst"
    _, fits = _fits(low, high, months)
    worst = 0.0 if high is None or high > months else 1.0
    return factor(
        "time",
        worst,
        f"{need} (closest route: {verdict.closest}): {fits} in {months_words(months)}",
        best=1.0 if low <= months else 0.0,
    )


_TOPIC_WORDS = {
    "laboratory_licensure": "laboratory licence",
    "phlebotomy_certification": "phlebotomy certification",
    "medical_assistant_credential": "medical-assistant credential",
    "other": "other rule",
}


def state_factor(track: Track, state: State | None, code: str | None) -> Factor:
    """Whether the state has a rule of its own, or refuses the credential."""
    if code is None:
        return factor("state", None, "no state given")
    notes = [
        n
        for n in (state.notes if state else [])
        if track.category in n.categories or track.id in n.tracks or track.id in n.not_accepted
    ]
    facts: list[Cited] = []
    for n in notes:
        fact = Cited.model_construct(
            text=_TOPIC_WORDS[n.topic] + (" (disputed)" if n.disputed else ""), source=n
        )
        if all((f.text, f.source and f.source.source) != (fact.text, n.source) for f in facts):
            facts.append(fact)
    if any(track.id in n.not_accepted for n in notes):
        return factor("state", 0.0, f"{code} does not accept it (see the state rules)", facts)
    if notes:
        return factor(
            "state", 0.5, f"{code} has a rule of its own for this work (see the state rules)", facts
        )
    return factor("state", 1.0, f"the catalog has no {code} rule for this track")


def eligibility_factor(verdict: EligibilitySummary | None, asked: bool) -> Factor:
    """The eligibility verdict as a factor: an unknown counts as not yet (its best case apart)."""
    if not asked:
        return factor("eligibility", None, "no profile given")
    if verdict is None:
        return factor("eligibility", 0.0, "not evaluated", best=1.0)
    if verdict.status == "eligible":
        return factor("eligibility", 1.0, f"eligible now (route {verdict.route})")
    words = verdict.status.replace("_", " ")
    reason = f"{words}: {'; '.join(verdict.missing)}" if verdict.missing else words
    if verdict.status == "unknown":
        could = verdict.months_needed == 0
        reason += " (eligible now at best, if what you must confirm is so)" if could else ""
        return factor("eligibility", 0.0, reason, best=1.0 if could else 0.0)
    return factor("eligibility", 0.0, reason)


def ladder_factor(
    track: Track, held: Mapping[str, tuple[str, str]], covered: Sequence[str]
) -> Factor:
    """Whether the track builds on a credential the person holds (judgement).

    `held` maps the ids of held credentials to their (abbreviation, career area); `covered`
    lists the held credentials that alone qualify for the track (a step sideways, not up).
    """
    if not held:
        return factor("ladder", None, "no credentials held (or not said)")

    def said(ids: Sequence[str]) -> str:
        return " or ".join(held[i][0] if i in held else i for i in ids)

    names = ", ".join(h[0] for h in held.values())
    if covered:
        return factor(
            "ladder",
            0.0,
            f"your {said(covered)} alone qualifies you for it: a step sideways",
            judgement=True,
        )
    asks = sorted(
        {c for r in track.routes for cond in r.conditions for c in getattr(cond, "any_of", [])}
        & set(held)
    )
    if asks:
        return factor(
            "ladder",
            1.0,
            f"builds on your {said(asks)}: a route asks for it",
            judgement=True,
        )
    area = str(track.category)
    near = sorted(h for h, (_, a) in held.items() if a == area or area in RELATED_AREAS.get(a, ()))
    if near:
        return factor("ladder", 0.75, f"a related step from your {said(near)}", judgement=True)
    return factor("ladder", 0.5, f"unrelated to what you hold ({names})", judgement=True)
