"""CE progress: points dated inside a cycle against the requirement, category by category."""

from collections.abc import Sequence

from certadvisor.models.catalog import CERequirement
from certadvisor.wallet.model import CETally
from certadvisor.wallet.results import CategoryProgress, CEProgress


def _sum(values: Sequence[float]) -> float:
    return round(sum(values), 4)


def ce_progress(ce: CERequirement | None, tallies: Sequence[CETally]) -> CEProgress | None:
    """The cycle's CE, summed by category and body, against the requirement."""
    if ce is None:
        return None
    by_category: dict[str, list[float]] = {}
    for t in tallies:
        by_category.setdefault(t.category, []).append(t.points)
    cats = []
    for c in ce.categories:
        earned = _sum(by_category.pop(c.id, []))
        counted = min(earned, c.max_points) if c.max_points is not None else earned
        missing = round(max(0.0, c.min_points - earned), 4) if c.min_points is not None else 0.0
        cats.append(
            CategoryProgress.model_construct(
                id=c.id,
                name=c.name,
                earned=earned,
                counted=counted,
                min_points=c.min_points,
                max_points=c.max_points,
                short=missing,
            )
        )
    counted = _sum([c.counted for c in cats] + [p for ps in by_category.values() for p in ps])
    short = round(max(0.0, ce.total_points - counted), 4) if ce.total_points is not None else None
    approved = approved_short = None
    if ce.min_approved_points is not None and ce.approved_by:
        body = ce.approved_by.casefold()
        approved = _sum([t.points for t in tallies if (t.approved_by or "").casefold() == body])
        approved_short = round(max(0.0, ce.min_approved_points - approved), 4)
    unknown = ce.total_points is None or (ce.min_approved_points is not None and approved is None)
    shorts = [short or 0.0, _sum([c.short for c in cats]), approved_short or 0.0]
    needed = max(shorts)
    return CEProgress.model_construct(
        source=ce.source,
        as_of=ce.as_of,
        confidence=str(ce.confidence),
        unit=ce.unit,
        required=ce.total_points,
        counted=counted,
        entries=sum(t.entries for t in tallies),
        short=short,
        categories=cats,
        approved_by=ce.approved_by,
        approved_required=ce.min_approved_points,
        approved=approved,
        approved_short=approved_short,
        rollover=ce.rollover,
        needed=None if unknown and needed == 0 else needed,
        met=None if unknown and needed == 0 else needed == 0,
    )


def shortfall_words(ce: CEProgress | None) -> str | None:
    """'6 more CEUs (Clinical 6; 10 approved by AAMA)', or None when nothing is known short."""
    if ce is None or not ce.needed:
        return None
    parts = [f"{c.name} {c.short:g}" for c in ce.categories if c.short]
    if ce.approved_short:
        parts.append(f"{ce.approved_short:g} approved by {ce.approved_by}")
    detail = f" ({'; '.join(parts)})" if parts else ""
    return f"{ce.needed:g} more {ce.unit}{detail}"
