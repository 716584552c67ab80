"""The factors of a recommendation's score: goal and setting fit, budget, time, state, eligibility.

The weights and the fit tables are this tool's judgement (the ranking says so); the figures a
factor rests on are catalog facts and keep their sources.
"""

from collections.abc import Mapping, Sequence
from enum import StrEnum

from pydantic import Field

from certadvisor.costs.total import first_time_cost
from certadvisor.eligibility.wording import money, months_words
from certadvisor.models.catalog import Track
from certadvisor.models.common import Provenance, Strict
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


def _prov(source: str | None, as_of: str | None, confidence: str | None) -> Provenance | None:
    if not source or not confidence:
        return None
    return Provenance.model_validate({"source": source, "as_of": as_of, "confidence": confidence})


def factor(
    name: str,
    value: float | None,
    reason: str,
    facts: Sequence[Cited] = (),
    judgement: bool = False,
) -> Factor:
    """A factor with its points: the value times the factor's weight."""
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
        Cited(
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
    """Whether the closest route (else the fastest) fits the time frame."""
    if months is None:
        return factor("time", None, "no time frame given")
    if verdict is not None and verdict.status == "eligible":
        return factor("time", 1.0, "eligible now by your profile")
    known = [t for t in track.time_to_eligible if t.months_min is not None]
    if not known:
        facts = [Cited(text=t.text, source=t) for t in track.time_to_eligible]
        return factor("time", 0.5, "the catalog has no time to eligibility in months", facts)
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
    return factor(
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
        fact = Cited(text=_TOPIC_WORDS[n.topic] + (" (disputed)" if n.disputed else ""), source=n)
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
    """The eligibility verdict as a factor."""
    if not asked:
        return factor("eligibility", None, "no profile given")
    if verdict is None:
        return factor("eligibility", 0.5, "not evaluated")
    value = {"eligible": 1.0, "not_eligible": 0.0}.get(verdict.status, 0.5)
    if verdict.status == "eligible":
        reason = f"eligible now (route {verdict.route})"
    elif verdict.missing:
        reason = f"{verdict.status.replace('_', ' ')}: {'; '.join(verdict.missing)}"
    else:
        reason = verdict.status.replace("_", " ")
    return factor("eligibility", value, reason)
