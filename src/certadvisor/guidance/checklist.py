"""Pure: the numbered steps from choosing a track to keeping it, ticked from a profile and marks.

The eleven steps keep their numbers for every track and every person, so a mark saved in the
wallet (`checklist --mark N`) means the same step whatever the profile later says. What a step
holds is specific: the route the person is closest to, that route's documents, the fee, the
body's application facts, the recency windows, the renewal rules.
"""

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from certadvisor.costs import first_time_cost
from certadvisor.eligibility import RouteResult, TrackResult
from certadvisor.eligibility.wording import describe, money
from certadvisor.guidance.plan import sorted_resources
from certadvisor.models.catalog import ExperienceCondition, ProgramCondition, Route, Track
from certadvisor.models.common import Provenance, provenance
from certadvisor.models.guidance import STEP_COUNT, Checklist, Item, Step, StepKey
from certadvisor.models.profile import Profile
from certadvisor.models.states import StateNote


def _prov(obj: Any) -> Provenance | None:
    source = getattr(obj, "source", None)
    confidence = getattr(obj, "confidence", None)
    if not source or not confidence:
        return None
    return provenance(source, getattr(obj, "as_of", None), confidence)


def _fact_item(label: str, fact: Any, suffix: str = "") -> list[Item]:
    if fact is None or getattr(fact, "value", None) is None:
        return []
    return [Item.model_construct(text=f"{label}: {fact.value}{suffix}", source=_prov(fact))]


def _qualify(track: Track, route: Route | None, res: RouteResult | None) -> list[Item]:
    if route is None:
        return [
            Item.model_construct(text=f"{r.name}: {r.summary}", source=_prov(r))
            for r in track.routes
        ] or [
            Item.model_construct(
                text="The catalog does not know this track's routes; ask the body."
            )
        ]
    if res is None:
        return [Item.model_construct(text=describe(c), done=False) for c in route.conditions]
    items = []
    for c in res.conditions:
        note = c.gap
        if c.status == "unknown" and not note:
            note = "your profile does not say"
        if c.status == "met" and c.closes_on:
            note = f"holds until {c.closes_on}"
        if c.status == "unmet" and c.opens_on:
            note = f"{note}; met by time alone on {c.opens_on}" if note else f"met on {c.opens_on}"
        items.append(
            Item.model_construct(
                text=c.text,
                done=c.status == "met",
                note=note,
                source=_prov(c) if c.source else _prov(route),
            )
        )
    return items


def _documents(track: Track, route: Route | None) -> list[Item]:
    if route is not None:
        items = [
            Item.model_construct(text=d, done=False, source=_prov(route)) for d in route.documents
        ]
        items += [Item.model_construct(text=f"Confirm: {n}", done=False) for n in route.notes]
        return items or [
            Item.model_construct(
                text="The catalog lists no documents for this route; ask the body."
            )
        ]
    items = [
        Item.model_construct(text=f"{r.name}: {', '.join(r.documents)}", source=_prov(r))
        for r in track.routes
        if r.documents
    ]
    return items or [
        Item.model_construct(text="The catalog lists no documents for this track; ask the body.")
    ]


def _fee(track: Track, route: Route | None, member: bool) -> list[Item]:
    cost = first_time_cost(track, member=member, route=route.id if route else None)
    items = [
        Item.model_construct(text=f"{p.label}: {money(p.unit_amount)}", source=_prov(p), note=p.why)
        for p in cost.parts
    ]
    total = f"{'at least ' if cost.lower_bound else ''}{money(cost.amount)}"
    which = (
        f"route {cost.route}" if cost.route and route is None and cost.basis == "cheapest" else ""
    )
    who = "member prices" if member else "non-member prices"
    head = f"To sit the exam once: {total} ({who}{', cheapest ' + which if which else ''})"
    items.insert(0, Item.model_construct(text=head))
    items += [
        Item.model_construct(
            text=f"Not counted: {p.label}: {money(p.unit_amount)}", source=_prov(p)
        )
        for p in cost.not_counted
    ]
    return items


def _apply(track: Track) -> list[Item]:
    a = track.application
    items = _fact_item("How", a.how)
    if a.lead_days and a.lead_days.value is not None:
        items.append(
            Item.model_construct(
                text=f"Apply at least {a.lead_days.value} days before the exam",
                source=_prov(a.lead_days),
            )
        )
    else:
        items.append(
            Item.model_construct(
                text=f"The catalog does not know how long {track.issuer.abbreviation} "
                "needs between application and exam: ask before you book."
            )
        )
    return items


def _schedule(track: Track) -> list[Item]:
    a, e = track.application, track.exam
    items = _fact_item("Scheduling", a.scheduling) + _fact_item("Delivery", e.delivery)
    items += _fact_item("Test vendor", e.vendor)
    return items or [
        Item.model_construct(
            text="The catalog does not say how the exam is scheduled; the "
            "body's approval letter will."
        )
    ]


def _prepare(track: Track) -> list[Item]:
    items = []
    outline = track.exam.outline
    if outline:
        doms = []
        for d in outline.domains:
            share = f" {d.weight_percent:g}%" if d.weight_percent is not None else ""
            share += f" ({d.items} items)" if d.items is not None else ""
            doms.append(f"{d.name}{share}")
        items.append(
            Item.model_construct(text="Content domains: " + "; ".join(doms), source=_prov(outline))
        )
    for r in sorted_resources(track):
        price = f", {money(r.price)}" if r.price is not None else ""
        items.append(
            Item.model_construct(
                text=f"{r.kind.value.replace('_', ' ').capitalize()}: {r.title}{price}",
                url=r.url,
                source=_prov(r),
                note=r.note,
                done=False,
            )
        )
    if not track.study_resources:
        items.append(
            Item.model_construct(text="The catalog lists no study resources for this track yet.")
        )
    items.append(
        Item.model_construct(
            text=f"Make a dated plan: certadvisor plan {track.id} --exam-date YYYY-MM-DD"
        )
    )
    return items


def _window_words(track: Track, route: Route | None) -> list[Item]:
    routes = [route] if route else track.routes
    items = []
    for r in routes:
        for c in r.conditions:
            windowed = (isinstance(c, ProgramCondition) and c.completed_within_months) or (
                isinstance(c, ExperienceCondition) and c.within_months
            )
            if windowed:
                prefix = "" if route else f"{r.name}: "
                items.append(Item.model_construct(text=f"{prefix}{describe(c)}", source=_prov(r)))
    return items


def _deadlines(track: Track, route: Route | None, res: RouteResult | None) -> list[Item]:
    items = []
    if res is not None and res.status == "eligible" and res.closes_on:
        items.append(
            Item.model_construct(
                text=f"Apply by {res.closes_on}: after that day this route no longer holds for you",
                done=False,
            )
        )
    if res is not None and res.opens_on:
        items.append(
            Item.model_construct(text=f"This route opens for you on {res.opens_on} by time alone")
        )
    items += _window_words(track, route)
    items += _fact_item(
        "After approval, the application stays valid", track.application.valid_days, " days"
    )
    return items or [Item.model_construct(text="The catalog has no recency window for this route.")]


def _sit(track: Track) -> list[Item]:
    e, a = track.exam, track.application
    items = _fact_item("Questions", e.questions) + _fact_item("Time", e.minutes, " minutes")
    items += _fact_item("Format", e.format) + _fact_item("Passing", e.passing)
    items += _fact_item("Retakes", a.retakes) + _fact_item("Attempts", a.attempts)
    return items or [
        Item.model_construct(text="The catalog knows little about this exam; see the handbook.")
    ]


def _result(track: Track) -> list[Item]:
    items = _fact_item("Results", track.application.results)
    return items or [
        Item.model_construct(
            text=f"The catalog does not say how {track.issuer.abbreviation} "
            "sends the result and the certificate; ask when you apply."
        )
    ]


def _keep(track: Track) -> list[Item]:
    r = track.renewal
    items = _fact_item("Renew every", r.cycle_months, " months")
    if r.ce and r.ce.total_points is not None:
        items.append(
            Item.model_construct(
                text=f"Continuing education: {r.ce.total_points:g} {r.ce.unit} per cycle",
                source=_prov(r.ce),
            )
        )
    for m in r.methods:
        items += _fact_item("Way to renew", m)
    w = r.submit_window
    if w and w.opens_days_before is not None and w.closes_days_before is not None:
        span = f"between {w.opens_days_before} and {w.closes_days_before} days before expiry"
    elif w and w.opens_days_before is not None:
        span = f"from {w.opens_days_before} days before expiry"
    elif w and w.closes_days_before is not None:
        span = f"at least {w.closes_days_before} days before expiry"
    else:
        span = ""
    if w and span:
        items.append(Item.model_construct(text=f"File the renewal {span}", source=_prov(w)))
    items += [
        Item.model_construct(text=f"After expiry: {rule.text}", source=_prov(rule))
        for rule in r.late_rules
    ]
    if not items:
        items.append(
            Item.model_construct(text="The catalog does not know this credential's renewal rules.")
        )
    items.append(
        Item.model_construct(
            text=f"Track CE and the deadline: certadvisor wallet add {track.id} --earned YYYY-MM-DD"
        )
    )
    return items


_TITLES = {
    StepKey.CHOOSE: "Choose {abbr}: check it fits your goal and your state",
    StepKey.QUALIFY: "Qualify: {route}",
    StepKey.DOCUMENTS: "Gather the documents",
    StepKey.FEE: "Pay the fee",
    StepKey.APPLY: "Apply to {issuer}",
    StepKey.SCHEDULE: "Schedule the exam",
    StepKey.PREPARE: "Prepare",
    StepKey.DEADLINES: "Mind the deadlines",
    StepKey.SIT: "Sit the exam",
    StepKey.RESULT: "Get the result and the certificate",
    StepKey.KEEP: "Keep it: renew on time",
}


def build_checklist(
    track: Track,
    profile: Profile | None = None,
    result: TrackResult | None = None,
    marked: Collection[int] = (),
    state_notes: Sequence[StateNote] = (),
    member: bool = False,
    as_of: dt.date | None = None,
    person: str | None = None,
) -> Checklist:
    """The eleven steps for a track; ticked by the profile (via its eligibility) and by marks."""
    route_id = (result.route or result.closest) if result else None
    route = next((r for r in track.routes if r.id == route_id), None)
    res = next((r for r in result.routes if r.id == route_id), None) if result else None
    held = bool(
        profile and profile.credentials and any(c.id == track.id for c in profile.credentials)
    )
    contents = _contents(track, route, res, member, state_notes)
    title_words = {
        "abbr": track.abbreviation,
        "route": _route_words(route, result),
        "issuer": track.issuer.abbreviation,
    }
    steps = []
    for number, key in enumerate(StepKey, 1):
        done_by, why = _done_by(key, number, track, result, held, marked)
        steps.append(
            Step.model_construct(
                number=number,
                key=key,
                title=_TITLES[key].format(**title_words),
                done=done_by is not None,
                done_by=done_by,
                why=why,
                items=contents[key],
            )
        )
    return Checklist.model_construct(
        track=track.id,
        credential=track.credential,
        abbreviation=track.abbreviation,
        issuer=track.issuer.abbreviation,
        person=person or (profile.name if profile else None),
        as_of=as_of,
        status=result.status if result else None,
        route=route.id if route else None,
        route_name=route.name if route else None,
        steps=steps,
        marked=sorted(set(marked)),
        notes=_notes(result),
    )


def _route_words(route: Route | None, result: TrackResult | None) -> str:
    """The route named in the qualify step's title."""
    if route is None:
        return "meet one of the routes"
    if result and result.status == "eligible":
        return route.name
    return f"{route.name} (the route you are closest to)"


def _choose(track: Track, state_notes: Sequence[StateNote]) -> list[Item]:
    items = [
        Item.model_construct(
            text=f"{n.text}{' (sources disagree)' if n.disputed else ''}", source=_prov(n)
        )
        for n in state_notes
    ]
    if track.summary:
        items.insert(0, Item.model_construct(text=track.summary))
    return items


def _contents(
    track: Track,
    route: Route | None,
    res: RouteResult | None,
    member: bool,
    state_notes: Sequence[StateNote],
) -> dict[StepKey, list[Item]]:
    """What each step holds for this track and route."""
    return {
        StepKey.CHOOSE: _choose(track, state_notes),
        StepKey.QUALIFY: _qualify(track, route, res),
        StepKey.DOCUMENTS: _documents(track, route),
        StepKey.FEE: _fee(track, route, member),
        StepKey.APPLY: _apply(track),
        StepKey.SCHEDULE: _schedule(track),
        StepKey.PREPARE: _prepare(track),
        StepKey.DEADLINES: _deadlines(track, route, res),
        StepKey.SIT: _sit(track),
        StepKey.RESULT: _result(track),
        StepKey.KEEP: _keep(track),
    }


def _done_by(
    key: StepKey,
    number: int,
    track: Track,
    result: TrackResult | None,
    held: bool,
    marked: Collection[int],
) -> tuple[str | None, str | None]:
    """Who ticked the step (the profile or a mark) and why; (None, None) when not done."""
    if held and key is not StepKey.KEEP:
        return "profile", f"you hold {track.abbreviation}"
    if key is StepKey.QUALIFY and result and result.status == "eligible":
        return "profile", "you meet this route"
    if number in marked:
        return "marked", "marked done"
    return None, None


def _notes(result: TrackResult | None) -> list[str]:
    notes = list(result.notes) if result else []
    if result is None:
        notes.append(
            "No profile given: the steps are general. Add --profile to tick what you "
            "have done and to pick your closest route."
        )
    return notes


__all__ = ["STEP_COUNT", "Checklist", "Item", "Step", "StepKey", "build_checklist"]
