"""Whether a national credential works in the person's state, and the path it takes there.

The state credentials and the national exams their routes accept are catalog data
(`data/state-tracks.yaml`); which credential a national track leads to is read from them,
never decided per state in code. How a fact turns into points is this tool's judgement, as
for the state factor (full, half, none).
"""

from collections.abc import Collection, Sequence
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


def path_cost_words(
    track: Track, credential: Track, member: bool, held: Collection[str] = ()
) -> str:
    """'CPT (NHA) + CA CPT I: at least $117 + $100 ? = at least $217 ?' (unknown parts said,
    a figure resting on an unverified source marked '?').

    A credential the person already holds costs nothing more: 'held + $100 = $100'.
    """
    costs = [
        None if track.id in held else first_time_cost(track, member=member),
        None if credential.id in held else first_time_cost(credential),
    ]
    known = [c for c in costs if c is not None]
    low = any(c.lower_bound for c in known)
    unsure = any(c.unverified for c in known)
    total = sum(c.amount for c in known)

    def shown(amount: float, lower: bool, unverified: bool) -> str:
        if lower and not amount:
            return "unknown"
        # '?' as everywhere: the figure rests on a source nobody official confirms
        return ("at least " if lower else "") + money(amount) + (" ?" if unverified else "")

    parts = ["held" if c is None else shown(c.amount, c.lower_bound, c.unverified) for c in costs]
    total_text = shown(total, low, unsure)
    return f"{path_name(track, credential)}: {parts[0]} + {parts[1]} = {total_text}"


def state_fit(
    track: Track,
    code: str | None,
    catalog_tracks: Sequence[Track],
    member: bool = False,
    held: Collection[str] = (),
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
        return _fit(track, accepting[0], 1.0, counts_for(track.id, [accepting[0]])[0], member, held)
    if maybe:
        return _fit(track, maybe[0], 0.5, counts_for(track.id, [maybe[0]])[0], member, held)
    unmodelled = [c for c in same if not c.routes]
    if unmodelled:
        what = f"what {unmodelled[0].abbreviation} accepts is not in the catalog"
        return _fit(track, unmodelled[0], 0.5, what, member, held)
    strict = [c for c in same if accepts_others(c)]
    if strict:
        names = _accepted(strict[0])
        why = (
            f"does not count for {strict[0].abbreviation}, which {code} asks for this work "
            f"(it accepts {', '.join(names)})"
        )
        return _fit(track, strict[0], 0.0, why, member, held)
    why = f"{same[0].abbreviation}, which {code} asks for this work, asks for no national exam"
    return _fit(track, same[0], 0.5, why, member, held)


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


def _fit(
    track: Track,
    credential: Track,
    value: float,
    why: str,
    member: bool,
    held: Collection[str] = (),
) -> StateFit:
    routes = [r for r, _ in accepting_routes(credential, track.id)] or credential.routes
    facts = [
        Cited.model_construct(
            text=f"{credential.abbreviation}: {r.name}",
            source=provenance(r.source, r.as_of, r.confidence),
        )
        for r in routes[:2]
    ]
    reason = f"{why}; path {path_cost_words(track, credential, member, held)}"
    return StateFit(factor("state_fit", value, reason, facts), credential)


def state_paths(
    tracks: Sequence[Track],
    code: str,
    catalog_tracks: Sequence[Track],
    member: bool = False,
    held: Collection[str] = (),
) -> dict[str, str]:
    """Per national track, the state credential its work needs in `code` and the path's
    first-time cost, or why the national credential does not count for it (compare --state).
    What the person holds (`held`, track ids) is not priced again."""
    out = {}
    for track in tracks:
        if track.jurisdiction:
            continue
        fit = state_fit(track, code, catalog_tracks, member, held)
        if fit.credential is None:
            continue
        if fit.factor.value:
            out[track.id] = path_cost_words(track, fit.credential, member, held)
        else:
            out[track.id] = f"{short_name(track)} {fit.factor.reason}"
    return out
