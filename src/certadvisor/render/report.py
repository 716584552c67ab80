"""Writer for `report`: one person's advising packet as GitHub markdown (and json)."""

from typing import TYPE_CHECKING

from certadvisor.eligibility import TrackResult, held_credentials
from certadvisor.eligibility.wording import field_words, level_words
from certadvisor.guidance.recommend import Ranked
from certadvisor.guidance.report import AdvisingReport
from certadvisor.models.profile import Profile
from certadvisor.models.states import StateBlock
from certadvisor.render.checklist import checklist_markdown_into
from certadvisor.render.compare import caveat_lines, title
from certadvisor.render.compare_cells import COLUMNS, cells, column_keys, headers
from certadvisor.render.costs import LOWER_BOUND_HELP
from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.marks import catalog_reviewed
from certadvisor.render.output import Rendering
from certadvisor.render.plan import plan_markdown_into
from certadvisor.render.recommend import factor_text, request_line, weights_line
from certadvisor.render.state_credential import markdown_state_credentials
from certadvisor.render.state_notes import markdown_state_notes

if TYPE_CHECKING:
    from rich.console import Console

_STATUS = {"eligible": "eligible", "not_eligible": "not eligible", "unknown": "unknown"}
_NOT_SAID = "not said"


def _join(items: list[str], empty: str) -> str:
    return "; ".join(items) if items else empty


def who_rows(profile: Profile, state_name: str | None) -> list[tuple[str, str]]:
    """The profile in plain words; a key left out reads 'not said', an empty list 'none'."""
    p = profile
    edu = _NOT_SAID
    if p.education is not None:
        parts = [level_words(p.education.highest) if p.education.highest else "level not said"]
        hours = p.education.semester_hours or {}
        if hours:
            parts.append("semester hours: " + ", ".join(f"{k} {v:g}" for k, v in hours.items()))
        if p.education.total_semester_hours is not None:
            parts.append(f"{p.education.total_semester_hours:g} semester hours in all")
        edu = "; ".join(parts)
    programs = (
        None
        if p.programs is None
        else [
            f"{field_words(g.field)}"
            + (f" ({', '.join(a.value for a in g.accreditation)})" if g.accreditation else "")
            + (f", completed {g.completed}" if g.completed else ", under way")
            + (f", {g.contact_hours:g} contact hours" if g.contact_hours is not None else "")
            + (f", {g.practicum_hours:g} practicum hours" if g.practicum_hours is not None else "")
            for g in p.programs
        ]
    )
    jobs = (
        None
        if p.experience is None
        else [
            f"{field_words(j.field)} from {j.started} to {j.ended or 'now'}"
            + (f", {j.fte:g} FTE" if j.fte is not None else "")
            + (f", duties: {', '.join(d.value for d in j.duties)}" if j.duties else "")
            for j in p.experience
        ]
    )
    procs = (
        None
        if p.procedures is None
        else [f"{n} {k.value.replace('_', ' ')}" for k, n in p.procedures.items()]
    )
    creds = (
        None
        if p.credentials is None
        else [c.id + (f" (earned {c.earned})" if c.earned else "") for c in p.credentials]
    )
    state = _NOT_SAID if p.state is None else f"{p.state} ({state_name or 'no rules known'})"
    military = _NOT_SAID if p.military is None else ("yes" if p.military else "no")
    return [
        ("Name", p.name or _NOT_SAID),
        ("State", state),
        ("Born", str(p.birth_date) if p.birth_date else _NOT_SAID),
        ("Education", edu),
        ("Programs", _NOT_SAID if programs is None else _join(programs, "none")),
        ("Work", _NOT_SAID if jobs is None else _join(jobs, "none")),
        ("Procedures", _NOT_SAID if procs is None else _join(procs, "none")),
        ("Credentials held", _NOT_SAID if creds is None else _join(creds, "none")),
        ("Military training", military),
    ]


def eligibility_row(r: TrackResult, held: bool = False) -> tuple[str, str, str, str, str]:
    """Track, status (? when unverified; held when the person holds it), route, what is
    missing, the dates that matter."""
    status = _STATUS[r.status] + (" ?" if r.unverified else "") + (", held" if held else "")
    route = r.route or (f"closest: {r.closest}" if r.closest else "—")
    dates = []
    if r.opens_on:
        dates.append(f"opens {r.opens_on}")
    if r.closes_on:
        dates.append(f"until {r.closes_on}")
    return (
        f"{r.abbreviation} ({r.track})",
        status,
        route,
        _join(r.missing, "—"),
        ", ".join(dates) or "—",
    )


def _comparison(doc: MarkdownDoc, report: AdvisingReport) -> None:
    """The compare table, its cells citing into the report's one list of sources."""
    comparison = report.comparison
    keys = column_keys(comparison)
    cols = [c for c in COLUMNS if c.key in keys]
    most = max((r.cost.amount for r in comparison.rows), default=0.0)
    state = report.state
    refused = {t for n in state.notes for t in n.not_accepted} if state else set()
    rows = []
    for row in comparison.rows:
        one = cells(
            row, keys, doc.citations, most, state.code if state and row.track in refused else None
        )
        one["track"] = [" — ".join(one["track"][:2]), *one["track"][2:]]
        rows.append(["; ".join(one[c.key]) for c in cols])
    doc.paragraph(title(comparison) + ".")
    doc.table(headers(comparison, cols), rows)
    doc.paragraph(LOWER_BOUND_HELP)
    doc.bullets(caveat_lines(comparison))


def report_markdown(
    report: AdvisingReport, data_as_of: str | None, state: StateBlock | None = None
) -> str:
    """The whole packet: who, eligibility, ranking and comparison, best fit, plan, sources."""
    doc = MarkdownDoc()
    _who(doc, report, data_as_of, state)
    _eligibility(doc, report)
    _ranking(doc, report)
    _focus(doc, report)
    if report.checklist:
        checklist_markdown_into(doc, report.checklist, level=2)
    if report.plan:
        plan_markdown_into(doc, report.plan, level=2)
    if state is not None:
        markdown_state_notes(doc, state.code, state.name, state.notes)
    doc.sources_footer(data_as_of)
    return doc.render()


def _who(
    doc: MarkdownDoc, report: AdvisingReport, data_as_of: str | None, state: StateBlock | None
) -> None:
    doc.heading(f"Advising report: {md_text(report.person)}")
    source = (
        "the profile's or --as-of date"
        if report.as_of_given
        else ("today; pass --as-of or set as_of in the profile for a fixed date")
    )
    doc.paragraph(
        f"Evaluated as of {report.as_of} ({source}). "
        + catalog_reviewed(
            data_as_of,
            "Figures carry a confidence marker and a source number listed at the end.",
        )
    )
    doc.heading("Who", 2)
    doc.table(
        ["About", "What the profile says"],
        [
            (about, md_text(says) if about == "Name" else says)
            for about, says in who_rows(report.profile, state.name if state else None)
        ],
    )
    # "Ranked for", not "Asked for": a goal left out is the default (either), not a request
    doc.paragraph(request_line(report.recommendation, False))


def _eligibility(doc: MarkdownDoc, report: AdvisingReport) -> None:
    doc.heading("Eligibility", 2)
    doc.paragraph(
        "Every track in the catalog; `?` marks a result that rests on unverified information."
    )
    held = held_credentials(report.profile)
    doc.table(
        ["Track", "Status", "Route", "What is missing", "Dates"],
        [eligibility_row(r, r.track in held) for r in report.eligibility],
    )
    # a credential held needs no "confirm before you apply"
    notes = [
        f"{r.abbreviation}: {n}" for r in report.eligibility if r.track not in held for n in r.notes
    ]
    notes += [f"{r.abbreviation}: {c}" for r in report.eligibility for c in r.counts_for]
    doc.bullets(notes)
    code = report.state.code if report.state is not None else None
    markdown_state_credentials(doc, report.state_credentials, code, 3)


def _ranking(doc: MarkdownDoc, report: AdvisingReport) -> None:
    rec = report.recommendation
    doc.heading("Tracks that fit the goal", 2)
    doc.paragraph(f"{request_line(rec, False)} *{rec.judgement_note}* {weights_line(rec)}")
    if rec.ranking:
        doc.table(
            ["#", "Track", "Score", *(n.replace("_", " ").capitalize() for n in rec.weights)],
            [
                (
                    r.rank,
                    f"{r.abbreviation} ({r.track})",
                    f"{r.score:g}",
                    *(_points(r, n) for n in rec.weights),
                )
                for r in rec.ranking
            ],
        )
        doc.bullets(f"{r.abbreviation}: {r.note}." for r in rec.ranking if r.note)
        _comparison(doc, report)
    elif rec.held:
        doc.paragraph("No track you do not already hold fits this goal.")
    else:
        doc.paragraph("No track in the catalog fits this goal.")
    if rec.held:
        doc.paragraph(
            "Already held, so not ranked: "
            + "; ".join(f"{h.abbreviation} (`{h.track}`)" for h in rec.held)
            + "."
        )
    if rec.excluded:
        doc.paragraph(
            "Left out: " + "; ".join(f"{e.abbreviation} ({e.reason})" for e in rec.excluded) + "."
        )


def _points(r: Ranked, name: str) -> str:
    return next(
        f"{f.points:g}" if f.points is not None else "—" for f in r.factors if f.name == name
    )


def _focus(doc: MarkdownDoc, report: AdvisingReport) -> None:
    """The heading of the track the checklist and plan detail, and why it was ranked."""
    rec = report.recommendation
    ranked = next((r for r in rec.ranking if r.track == report.focus), None)
    if ranked is not None and report.focus == report.best:
        doc.heading(f"Best fit: {ranked.abbreviation} — {ranked.credential}", 2)
    elif ranked is not None:
        doc.heading(f"Chosen track: {ranked.abbreviation} — {ranked.credential}", 2)
        doc.paragraph(
            f"Ranked {ranked.rank} of {len(rec.ranking)} for the goal; the best fit "
            f"is {rec.ranking[0].abbreviation} (`{rec.ranking[0].track}`)."
        )
    elif report.checklist is not None:
        doc.heading(f"Chosen track: {report.checklist.abbreviation}", 2)
        if any(h.track == report.focus for h in rec.held):
            doc.paragraph("You already hold it, so it was not ranked.")
        else:
            doc.paragraph("It is outside the goal asked for, so it was not ranked.")
    if ranked is not None:
        doc.bullets(factor_text(f, doc.citations) for f in ranked.factors)


# The columns a narrow terminal keeps longest, by header (the others keep their order after).
TERMINAL_RANKS = {
    name: rank
    for rank, name in enumerate(
        [
            "Track",
            "Status",
            "What is missing",
            "#",
            "Score",
            "5-year cost",
            "First time",
            "Your path",
            "Date",
            "Step",
            "Week",
            "Hours",
        ]
    )
}


def report_rendering(
    report: AdvisingReport, data_as_of: str | None, state: StateBlock | None = None
) -> Rendering:
    """The packet as markdown (shown rendered on a terminal) and as json."""
    text = report_markdown(report, data_as_of, state)

    def table(console: "Console") -> None:
        # rich.markdown (with markdown-it) is heavy: only a display with colour imports it
        from certadvisor.render.markdown_plain import PlainFirstMarkdown

        console.print(PlainFirstMarkdown(text, TERMINAL_RANKS))

    def plain(width: int) -> str | None:
        from certadvisor.render.markdown_plain import plain_text

        return plain_text(text, width, TERMINAL_RANKS)

    return Rendering(
        command="report",
        data_as_of=data_as_of,
        payload=lambda: {"report": report},
        table=table,
        plain=plain,
        markdown=lambda: text,
        html=lambda: _html(text),
    )


def _html(markdown: str) -> str:
    from certadvisor.render.html import html_document

    return html_document(markdown)
