"""Whether a national credential works in the person's state, and the path it takes there.

The state credentials and the national exams their routes accept are catalog data
(`data/state-tracks.yaml`); which credential a national track leads to is read from them,
never decided per state in code. How a fact turns into points is this tool's judgement, as
for the state factor (full, half, none).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from certadvisor.costs import first_time_cost
from certadvisor.eligibility.state_credentials import (
    accepting_routes,
    accepts_others,
    counts_for,
    state_tracks,
)
from certadvisor.eligibility.wording import money
from certadvisor.guidance.factors import Factor, factor
from certadvisor.models.catalog import ExamCondition, Track
from certadvisor.models.common import provenance
from certadvisor.models.guidance import Cited


@dataclass(frozen=True)
class StateFit:
    """The factor and the state credential the path adds (None: the state asks for none)."""

    factor: Factor
    credential: Track | None = None


def short_name(track: Track) -> str:
    """'CPT (NHA)' for a national track, the abbreviation alone for a state credential."""
    abbr = track.abbreviation
    issuer = track.issuer.abbreviation
    if track.jurisdiction or not issuer or issuer in abbr or "(" in abbr:
        return abbr
    return f"{abbr} ({issuer})"


def path_name(track: Track, credential: Track | None) -> str:
    """'CPT (NHA) + CA CPT I', or the national credential alone."""
    name = short_name(track)
    return f"{name} + {credential.abbreviation}" if credential is not None else name


def path_cost_words(track: Track, credential: Track, member: bool) -> str:
    """'CPT (NHA) + CA CPT I: at least $117 + $100 = at least $217' (unknown parts said)."""
    national = first_time_cost(track, member=member)
    state = first_time_cost(credential)
    low = national.lower_bound or state.lower_bound
    total = national.amount + state.amount

    def shown(amount: float, lower: bool) -> str:
        return ("at least " if lower else "") + money(amount) if amount or not lower else "unknown"

    return (
        f"{path_name(track, credential)}: {shown(national.amount, national.lower_bound)} + "
        f"{shown(state.amount, state.lower_bound)} = {shown(total, low)}"
    )


def state_fit(
    track: Track, code: str | None, catalog_tracks: Sequence[Track], member: bool = False
) -> StateFit:
    """How the national track fares against the credentials its state asks for this work.

    Counted by the state: full. The state asks for no national exam, or its list is not
    known: half. The state's credential accepts other national exams but not this one: none.
    """
    if code is None:
        return StateFit(factor("state_fit", None, "no state given"))
    same = [t for t in state_tracks(catalog_tracks, code) if t.category == track.category]
    if not same:
        return StateFit(
            factor("state_fit", 1.0, f"the catalog has no {code} credential for this work")
        )
    accepting = [c for c in same if any(e.list_found for _, e in accepting_routes(c, track.id))]
    maybe = [c for c in same if accepting_routes(c, track.id) and c not in accepting]
    if accepting:
        return _fit(track, accepting[0], 1.0, counts_for(track.id, [accepting[0]])[0], member)
    if maybe:
        return _fit(track, maybe[0], 0.5, counts_for(track.id, [maybe[0]])[0], member)
    unmodelled = [c for c in same if not c.routes]
    if unmodelled:
        what = f"what {unmodelled[0].abbreviation} accepts is not in the catalog"
        return _fit(track, unmodelled[0], 0.5, what, member)
    strict = [c for c in same if accepts_others(c)]
    if strict:
        names = _accepted(strict[0])
        why = (
            f"does not count for {strict[0].abbreviation}, which {code} asks for this work "
            f"(it accepts {', '.join(names)})"
        )
        return _fit(track, strict[0], 0.0, why, member)
    why = f"{same[0].abbreviation}, which {code} asks for this work, asks for no national exam"
    return _fit(track, same[0], 0.5, why, member)


def _accepted(credential: Track) -> list[str]:
    """The exam names the credential's routes accept from an agency's known list."""
    return sorted(
        {
            a.name
            for r in credential.routes
            for c in r.conditions
            if isinstance(c, ExamCondition) and c.list_found
            for a in c.accepted
        }
    )


def _fit(track: Track, credential: Track, value: float, why: str, member: bool) -> StateFit:
    routes = [r for r, _ in accepting_routes(credential, track.id)] or credential.routes
    facts = [
        Cited.model_construct(
            text=f"{credential.abbreviation}: {r.name}",
            source=provenance(r.source, r.as_of, r.confidence),
        )
        for r in routes[:2]
    ]
    reason = f"{why}; path {path_cost_words(track, credential, member)}"
    return StateFit(factor("state_fit", value, reason, facts), credential)


def state_paths(
    tracks: Sequence[Track], code: str, catalog_tracks: Sequence[Track], member: bool = False
) -> dict[str, str]:
    """Per national track, the state credential its work needs in `code` and the path's
    first-time cost, or why the national credential does not count for it (compare --state)."""
    out = {}
    for track in tracks:
        if track.jurisdiction:
            continue
        fit = state_fit(track, code, catalog_tracks, member)
        if fit.credential is None:
            continue
        if fit.factor.value:
            out[track.id] = path_cost_words(track, fit.credential, member)
        else:
            out[track.id] = f"{short_name(track)} {fit.factor.reason}"
    return out
