"""Writers for `plan`: the dated plan as a table, markdown, csv, json and an iCalendar file."""

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.models.guidance import Cited, MilestoneKind, PlanWeek, StudyPlan, WeekKind
from certadvisor.render.guidance import (
    cited,
    fee_text,
    print_lines,
    resource_markdown,
    resource_text,
)
from certadvisor.render.ics import CalendarEvent, calendar_bytes
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import Citations, marker, print_sources
from certadvisor.render.output import Rendering

# rich is imported inside the table writers only: json, markdown, csv and ics skip it.
if TYPE_CHECKING:
    from rich.console import Console

_WEEK_WORDS = {
    WeekKind.STUDY: "Study",
    WeekKind.PRACTICE: "Practice exam, then review the misses",
    WeekKind.BUFFER: "Buffer: light review, logistics, rest",
}
# Reminders on the dates that cannot slip (a planning choice, not a catalog fact).
_ALARMS = {MilestoneKind.APPLY_BY: (7,), MilestoneKind.EXAM: (7, 1)}
_CSV_HEADERS = ("week", "kind", "starts", "ends", "hours", "topics")


def week_focus(week: PlanWeek) -> str:
    """'Chemistry 6 h, Hematology 2 h' for a study week, the purpose for the others."""
    if week.kind is WeekKind.STUDY:
        return ", ".join(f"{t.domain} {t.hours:g} h" for t in week.topics)
    return _WEEK_WORDS[week.kind]


def _span(week: PlanWeek) -> str:
    return f"{week.starts:%a %d %b} – {week.ends:%a %d %b %Y}"


def assumption_lines(plan: StudyPlan) -> list[str]:
    """The planning figures with what they are: the person's own or a default assumption."""
    return [f"{a.value:g} {a.unit}: {a.text}" for a in plan.assumptions]


def headline(plan: StudyPlan) -> str:
    """One sentence: from when to when, how many hours."""
    days = (plan.exam_date - plan.start).days
    weeks = plan.fit.study_weeks_available
    hours = f"{plan.fit.needed_hours:g} study hours planned"
    if not plan.fit.fits:
        fitted = sum(d.planned_hours or 0 for d in plan.domains)
        hours = f"{fitted:g} of the {plan.fit.needed_hours:g} study hours needed fit"
    return (
        f"From {plan.start} to the exam on {plan.exam_date} ({days} days): "
        f"{hours}, {weeks} study week{'s' if weeks != 1 else ''} available."
    )


def apply_line(plan: StudyPlan) -> str | None:
    """'Aim to apply on 2027-01-05.' when the plan knows a date."""
    if plan.apply_on is None:
        return None
    return f"Aim to apply on {plan.apply_on} (see the dates below for why)."


_WINDOW_WORDS = {
    "apply_before_completion": "Apply before completion",
    "testing_period": "Testing period",
    "application_valid": "Application valid",
    "voucher_valid": "Voucher valid",
    "processing": "Processing",
}


def window_lines(plan: StudyPlan, cites: Citations) -> list[str]:
    """The body's windows that apply, each marked with its source."""
    lines = []
    for w in plan.windows:
        days = f"{w.days} days" if w.days is not None else "no figure given"
        disputed = " DISPUTED: the sources disagree." if w.disputed else ""
        routes = f" (routes: {', '.join(w.routes)})" if w.routes else ""
        label = _WINDOW_WORDS.get(w.kind.value, w.kind.value)
        lines.append(f"{label}, {days}: {w.text}{routes}{disputed} {cites.ref(w)}")
    return lines


def left_out_lines(plan: StudyPlan) -> list[str]:
    """Domains the schedule leaves out, with why."""
    return [f"{x.domain}: {x.reason}" for x in plan.left_out]


def domain_rows(plan: StudyPlan, cites: Citations) -> list[tuple[str, ...]]:
    """Domain, its published weight (marked), the share used, the hours (and, when the
    hours do not all fit, the hours the weeks give it)."""
    ref = cites.ref(plan.outline) if plan.outline else ""
    rows: list[tuple[str, ...]] = []
    for d in plan.domains:
        published = []
        if d.weight_percent is not None:
            published.append(f"{d.weight_percent:g}%")
        if d.items is not None:
            published.append(f"{d.items} items")
        weight = f"{', '.join(published)} {ref}" if published else "not in the catalog"
        row: tuple[str, ...] = (d.name, weight, f"{d.share_percent:g}%", f"{d.hours:g}")
        if not plan.fit.fits:
            row += (f"{d.planned_hours or 0:g}",)
        rows.append(row)
    return rows


def domain_headers(plan: StudyPlan) -> list[str]:
    """The domain table's headers: 'Planned' only when the hours do not all fit."""
    if plan.fit.fits:
        return ["Domain", "Published weight", "Share", "Hours"]
    return ["Domain", "Published weight", "Share", "Hours needed", "Planned"]


def milestone_rows(plan: StudyPlan, cites: Citations) -> list[tuple[str, str, str]]:
    """Date, step and its cited details."""
    return [(m.date.isoformat(), m.title, cited(m.details, cites)) for m in plan.milestones]


def plan_markdown_into(doc: MarkdownDoc, plan: StudyPlan, level: int = 1) -> None:
    """The plan's sections in a markdown document (the report reuses it under its own heading)."""
    cites = doc.citations
    doc.heading(f"Study plan: {plan.abbreviation} — {plan.credential}", level)
    doc.paragraph(headline(plan))
    for warning in plan.warnings:
        doc.raw(f"> **Warning:** {' '.join(warning.split())}\n")
    aim = apply_line(plan)
    if aim:
        doc.paragraph(f"**{aim}**")
    doc.paragraph("**Assumptions** (planning figures, not catalog facts):")
    doc.bullets(assumption_lines(plan))
    doc.heading("Dates", level + 1)
    doc.table(["Date", "Step", "Details"], milestone_rows(plan, cites))
    doc.heading("Weeks", level + 1)
    doc.table(
        ["Week", "Dates", "Focus", "Hours"],
        [(w.number, _span(w), week_focus(w), f"{w.hours:g}") for w in plan.weeks],
    )
    doc.heading("Hours by content domain", level + 1)
    doc.table(domain_headers(plan), domain_rows(plan, cites))
    doc.bullets(plan.notes)
    if plan.left_out:
        doc.heading("Left out of the schedule", level + 1)
        doc.bullets(left_out_lines(plan))
    if plan.windows:
        doc.heading(f"{plan.abbreviation} windows", level + 1)
        doc.bullets(window_lines(plan, cites))
    if plan.fees:
        doc.heading("Fees to pay when you apply", level + 1)
        doc.bullets(fee_text(f, cites) for f in plan.fees)
    doc.heading("Study resources", level + 1)
    if plan.resources:
        doc.bullets(resource_markdown(r, cites) for r in plan.resources)
    else:
        doc.paragraph("The catalog lists no study resources for this track yet.")


def plan_rendering(plan: StudyPlan, data_as_of: str | None) -> Rendering:
    """The plan in every format `plan` offers."""
    return Rendering(
        command="plan",
        data_as_of=data_as_of,
        payload=lambda: {"plan": plan},
        table=lambda console: _print_plan(console, plan, data_as_of),
        markdown=lambda: _plan_markdown(plan, data_as_of),
        csv=lambda: _plan_csv(plan),
        ics=lambda: plan_ics(plan),
    )


def _print_plan(console: "Console", plan: StudyPlan, data_as_of: str | None) -> None:
    from rich.text import Text

    cites = Citations()
    console.print(
        Text(f"Study plan: {plan.abbreviation} — {plan.credential} ({plan.track})", style="heading")
    )
    console.print(Text(headline(plan)))
    for warning in plan.warnings:
        console.print(Text(f"Warning: {warning}", style="urgent"))
    aim = apply_line(plan)
    if aim:
        console.print(Text(aim, style="bold"))
    print_lines(
        console,
        "Assumptions (planning figures, not catalog facts)",
        assumption_lines(plan),
        "muted",
    )
    _print_dates(console, plan, cites)
    _print_weeks(console, plan)
    _print_domains(console, plan, cites)
    print_lines(console, "Notes", plan.notes)
    print_lines(console, "Left out of the schedule", left_out_lines(plan), "urgent")
    print_lines(console, "Windows", window_lines(plan, cites))
    print_lines(console, "Fees to pay when you apply", [fee_text(f, cites) for f in plan.fees])
    print_lines(
        console,
        "Study resources",
        [resource_text(r, cites) for r in plan.resources]
        or ["The catalog lists no study resources for this track yet."],
    )
    print_sources(console, cites, data_as_of)


def _print_dates(console: "Console", plan: StudyPlan, cites: Citations) -> None:
    from rich.table import Table
    from rich.text import Text

    dates = Table(title="Dates", title_justify="left")
    dates.add_column("Date", no_wrap=True)
    dates.add_column("Step", ratio=1)
    dates.add_column("Details", ratio=2, overflow="fold")
    for date, step, details in milestone_rows(plan, cites):
        dates.add_row(date, Text(step), Text(details))
    console.print(dates)


def _print_weeks(console: "Console", plan: StudyPlan) -> None:
    from rich.table import Table
    from rich.text import Text

    weeks = Table(title="Weeks", title_justify="left")
    weeks.add_column("Wk", justify="right", no_wrap=True)
    weeks.add_column("Dates", no_wrap=True)
    weeks.add_column("Focus", overflow="fold")
    weeks.add_column("Hours", justify="right", no_wrap=True)
    for w in plan.weeks:
        weeks.add_row(
            str(w.number),
            f"{w.starts:%d %b} – {w.ends:%d %b}",
            Text(week_focus(w)),
            f"{w.hours:g}",
        )
    console.print(weeks)


def _print_domains(console: "Console", plan: StudyPlan, cites: Citations) -> None:
    from rich.table import Table
    from rich.text import Text

    doms = Table(title="Hours by content domain", title_justify="left")
    for name in domain_headers(plan):
        justify = "left" if name in ("Domain", "Published weight") else "right"
        doms.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in domain_rows(plan, cites):
        doms.add_row(*(Text(c) for c in row))
    console.print(doms)


def _plan_markdown(plan: StudyPlan, data_as_of: str | None) -> str:
    doc = MarkdownDoc()
    plan_markdown_into(doc, plan)
    doc.sources_footer(data_as_of)
    return doc.render()


def _plan_csv(plan: StudyPlan) -> tuple[Sequence[str], Sequence[Sequence[Any]]]:
    rows = [
        (
            w.number,
            w.kind.value,
            w.starts.isoformat(),
            w.ends.isoformat(),
            w.hours,
            week_focus(w) if w.kind is WeekKind.STUDY else "",
        )
        for w in plan.weeks
    ]
    return _CSV_HEADERS, rows


def _ics_text(details: Sequence[Cited]) -> str:
    lines = []
    for d in details:
        if d.source is None:
            lines.append(d.text)
        else:
            lines.append(f"{d.text} {marker(d.source.confidence)} (source: {d.source.source})")
    return "\n".join(lines)


def plan_ics(plan: StudyPlan) -> bytes:
    """Milestones as all-day events and study weeks as week-long events.

    UIDs name the track and the milestone's kind (a study week by its number), never a date,
    so that re-importing the plan after the exam moved replaces its events.
    """
    events = []
    seen: dict[str, int] = {}
    for m in plan.milestones:
        seen[m.kind.value] = seen.get(m.kind.value, 0) + 1
        nth = f"-{seen[m.kind.value]}" if seen[m.kind.value] > 1 else ""
        events.append(
            CalendarEvent(
                uid=f"plan-{plan.track}-{m.kind.value}{nth}@certadvisor",
                summary=f"{plan.abbreviation}: {m.title}",
                starts=m.date,
                ends=m.date + dt.timedelta(days=1),
                description=_ics_text(m.details) or None,
                alarms_days=_ALARMS.get(m.kind, ()),
            )
        )
    for w in plan.weeks:
        if w.kind is WeekKind.STUDY:
            events.append(
                CalendarEvent(
                    uid=f"plan-{plan.track}-week-{w.number}@certadvisor",
                    summary=f"{plan.abbreviation} study week {w.number}: {w.hours:g} h",
                    starts=w.starts,
                    ends=w.ends + dt.timedelta(days=1),
                    description=week_focus(w),
                )
            )
    return calendar_bytes(events, name=f"{plan.abbreviation} study plan")
