"""Writers for `eligible`: status matrix and route trees, cohort matrix, markdown, csv and json.

Rich is imported inside the table writers only: json, markdown and csv (a big cohort's usual
format) never need it, and it costs about 30 ms to import.
"""

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.eligibility import (
    ConditionResult,
    EligibilitySummary,
    PersonBrief,
    PersonResult,
    Report,
    RouteResult,
    TrackResult,
    held_credentials,
)
from certadvisor.models.states import StateBlock
from certadvisor.render.cohort_state import markdown_state_grids, print_state_grids, state_grids
from certadvisor.render.columns import (
    WHOLE,
    Col,
    fitted_table,
    not_shown_note,
    print_fitted_table,
)
from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.marks import LEGEND, Citations, catalog_reviewed
from certadvisor.render.output import Rendering, csv_piece
from certadvisor.render.state_credential import (
    markdown_state_credentials,
    print_state_credentials,
)
from certadvisor.render.state_notes import markdown_state_notes, print_state_notes
from certadvisor.text import plural, safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

MARKS = {
    "eligible": "✓",
    "not_eligible": "✗",
    "unknown": "?",
    "met": "✓",
    "unmet": "✗",
}
WORDS = {"eligible": "eligible", "not_eligible": "not eligible", "unknown": "unknown"}
KEY = (
    "✓ eligible / met   ✗ not eligible / unmet   "
    "? unknown (the profile does not say, or the rule is unconfirmed)"
)
TAILS_KEPT = 50_000  # distinct summaries whose CSV cells a cohort's writer remembers
CSV_HEADERS = ("name", "track", "status", "route", "missing", "closest_route", "unverified")
StateBlocks = Callable[[], Sequence[StateBlock]]
"""The states of the people shown, asked for only by the formats that show them."""


def status_words(status: str) -> str:
    """'✓ eligible', '✗ not eligible', '? unknown', '✓ met' ..."""
    return f"{MARKS.get(status, '')} {WORDS.get(status, status)}"


def date_notes(result: TrackResult) -> list[str]:
    """Plain sentences for the dates: when a route opens, until when one counts."""
    lines = []
    abbr = result.abbreviation
    for route in result.routes:
        if route.status == "eligible" and route.closes_on:
            what = "program" if _closing_kind(route) == "program" else "work experience"
            lines.append(
                f"Your {what} counts for {abbr} until {route.closes_on.isoformat()} "
                f"(route {route.id})."
            )
        elif route.status == "not_eligible" and route.opens_on:
            named = route.id if route.id.startswith("route") else f"route {route.id}"
            lines.append(f"If you keep on as now, {named} opens on {route.opens_on.isoformat()}.")
    return lines


def _closing_kind(route: RouteResult) -> str:
    ends = [c for c in route.conditions if c.closes_on == route.closes_on]
    return ends[0].kind if ends else ""


def _condition_line(
    c: ConditionResult, route: RouteResult, cites: Citations, caveats: bool = False
) -> str:
    line = f"{MARKS[c.status]} {c.text}"
    if c.source or c.confidence != route.confidence:
        source = c.source or route.source
        line += " " + cites.mark(source, None if c.source else route.as_of, c.confidence)
    if c.status != "met" and c.gap:
        line += f" — still needed: {c.gap}"
    if c.opens_on and c.kind == "experience":
        line += f" (met on {c.opens_on.isoformat()} if you keep on as now)"
    if c.closes_on:
        line += f" (counts until {c.closes_on.isoformat()})"
    if c.assumption:
        line += f" (assumed: {c.assumption})"
    if caveats and c.unverified and c.note:
        line += f" [unverified: {c.note}]"
    return line


def _route_title(r: RouteResult, cites: Citations, markdown: bool = False) -> str:
    flag = " (unverified)" if r.unverified else ""
    # in markdown only the status is bold: a line that is all emphasis reads as a heading
    status = f"**{status_words(r.status)}**" if markdown else status_words(r.status)
    line = f"{status}: {r.name} [{r.id}]{flag} {cites.ref(r)}"
    return line.rstrip() if markdown else line


condition_line = _condition_line
route_title = _route_title


def _deciding(t: TrackResult) -> RouteResult | None:
    wanted = t.route or t.closest
    return next((r for r in t.routes if r.id == wanted), None)


Held = dict[str, "dt.date | None"]  # the tracks a person holds, with the date earned


def _held_words(earned: "dt.date | None") -> str:
    return f"held (earned {earned.isoformat()})" if earned else "held"


def _next_step(t: TrackResult, held: Held) -> str:
    if t.track in held:
        return _held_words(held[t.track])
    if t.status == "eligible":
        return f"until {t.closes_on.isoformat()}" if t.closes_on else "apply when ready"
    if not t.missing:
        return "the catalog lists no route" if not t.routes else ""
    more = f" (+{len(t.missing) - 1} more)" if len(t.missing) > 1 else ""
    return t.missing[0] + more


def confirm_notes(t: TrackResult) -> list[str]:
    """The deciding route's documentation notes: what the person must confirm themselves."""
    deciding = _deciding(t)
    return [f"Confirm: {n}" for n in deciding.notes] if deciding else []


def _needed(t: TrackResult) -> float:
    if t.status == "eligible":
        return -1.0
    return t.months_needed_max if t.months_needed_max is not None else float("inf")


def headline(p: PersonResult, held: Held) -> str | None:
    """The one line that matters most: the track within reach soonest (of those not held)."""
    known = [t for t in p.results if t.routes and t.track not in held]
    if not known:
        return None
    best = min(known, key=_needed)
    if best.status == "eligible":
        ready = [t.abbreviation for t in known if t.status == "eligible"]
        return f"Eligible now: {', '.join(ready)}."
    if best.months_needed_max is None:
        return None
    step = best.missing[0] if best.missing else "see its routes"
    return f"Closest: {best.abbreviation} ({best.closest}), {_about(best)} — next: {step}."


def _about(t: TrackResult) -> str:
    from certadvisor.eligibility.effort import about

    lo, hi = t.months_needed or 0.0, t.months_needed_max or 0.0
    return about(hi) if lo == hi else f"{about(lo)} at best, {about(hi)} at worst"


def _route_cell(t: TrackResult) -> str:
    if t.route:
        return t.route
    return f"closest: {t.closest}" if t.closest else "—"


def _short(track_id: str) -> str:
    return track_id.split("-")[0].upper()[:6]


def _person_table(
    console: "Console", p: PersonResult, held: Held, cites: Citations, explain: bool
) -> None:
    from rich.text import Text
    from rich.tree import Tree

    who = "Your eligibility" if p.name is None and p.label == "you" else f"Eligibility of {p.label}"
    console.print(Text(f"{who} on {p.as_of.isoformat()}", style="heading"))
    brief = not explain and len(p.results) > 1
    rows: list[list[Text | str]] = []
    for t in p.results:
        deciding = _deciding(t)
        notes = [] if t.track in held else confirm_notes(t)  # held: nothing left to confirm
        if brief and notes:
            notes = [f"+ {len(notes)} to confirm (--explain)"]
        rows.append(
            [
                Text(t.track),
                Text(
                    status_words(t.status) + ("\n  unverified" if t.unverified else ""),
                    style=t.status,
                ),
                Text(_route_cell(t)),
                Text(cites.ref(deciding) if deciding else ""),
                Text("\n".join([_next_step(t, held), *notes, *t.counts_for])),
            ]
        )
    # a route id is never cut; at a narrow width the route and the source go before the step
    route_min = max((len(w) for r in rows for w in str(r[2]).split()), default=5)
    cols = [
        Col("Track", WHOLE, no_wrap=True),
        Col("Status", WHOLE, no_wrap=True),
        Col("Route", min(route_min, 20), ratio=1),
        Col("Src", WHOLE, no_wrap=True),
        Col("Next step", 20, ratio=3),
    ]
    matrix, dropped = fitted_table(
        console.width, cols, (0, 1, 4, 3, 2), rows, header_style="heading"
    )
    print_fitted_table(console, matrix, dropped)
    line = headline(p, held)
    if line:
        console.print(Text(line, style="heading"))
    print_state_credentials(console, p.state_credentials, p.state, cites, explain)
    if brief:
        console.print(Text("Route by route: add --explain (or name one track).", style="muted"))
        return
    for t in p.results:
        head = Text(f"{t.track} — {t.credential} ({t.abbreviation}): ", style="heading")
        head.append(status_words(t.status), style=t.status)
        tree = Tree(head)
        for r in t.routes:
            branch = tree.add(Text(_route_title(r, cites), style=r.status))
            for c in r.conditions:
                branch.add(Text(_condition_line(c, r, cites), style=c.status))
            for n in r.notes:
                branch.add(Text(f"Confirm: {n}", style="muted"))
        if not t.routes:
            tree.add(Text("The catalog does not know this track's routes."))
        console.print(tree)
        _track_footer(console, t)


def _track_footer(console: "Console", t: TrackResult) -> None:
    from rich.padding import Padding
    from rich.text import Text

    if t.missing:
        console.print(Text(f"  Still needed (closest route {t.closest}):", style="heading"))
        for m in t.missing:
            console.print(Padding(Text(f"• {m}"), (0, 0, 0, 4)))
    if t.closest_reason:
        console.print(Padding(Text(f"Why closest: {t.closest_reason}."), (0, 0, 0, 2)))
    for line in [*date_notes(t), *t.notes]:
        style = "muted" if line.startswith("Assumed") else ""
        console.print(Padding(Text(line, style=style), (0, 0, 0, 2)))


def _header_fits(console: "Console", shorts: Sequence[str]) -> bool:
    """Whether the grid's header shows "Person" and every abbreviation whole at this width."""
    lines = console.render_lines(_grid([], shorts), console.options, pad=False)
    words = " ".join("".join(seg.text for seg in line) for line in lines).split()
    return {"Person", *shorts} <= set(words)


def _grid(people: Sequence[Any], shorts: Sequence[str]) -> "Table":
    """Person by track, one mark a cell; no abbreviation is ever folded."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    grid = Table(
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
        header_style="heading",
    )
    # a long name may fold, but a name is never squeezed away to make room for marks
    longest = max((len(p.label) for p in people), default=6)
    grid.add_column("Person", overflow="fold", min_width=max(6, min(12, longest)), max_width=24)
    for short in shorts:
        grid.add_column(short, justify="center", no_wrap=True, min_width=len(short))
    for person in people:
        cells: list[Text | str] = [Text(person.label)]
        cells += [Text(MARKS[b.status], style=b.status) for b in person.tracks[: len(shorts)]]
        grid.add_row(*cells)
    return grid


def _cohort_table(console: "Console", report: Report) -> None:
    from rich.table import Table
    from rich.text import Text

    people = report.briefs()
    if not people:
        console.print(Text("No valid people to evaluate.", style="heading"))
        return
    dates = {p.as_of for p in people}
    when = next(iter(dates)).isoformat() if len(dates) == 1 else "each person's own date"
    heading = f"Eligibility of {plural(len(people), 'person')} on {when}"
    console.print(Text(heading, style="heading"))
    shorts = [_short(track.id) for track in report.tracks]
    # every track whose whole abbreviation fits stays, in catalog order; the rest are named
    kept = len(shorts)
    while kept > 1 and not _header_fits(console, shorts[:kept]):
        kept -= 1
    console.print(_grid(people, shorts[:kept]))
    if kept < len(shorts):
        console.print(Text(not_shown_note(console.width, shorts[kept:]), style="muted"))
    summary = Table(title="Per track", title_justify="left", header_style="heading")
    summary.add_column("Track", no_wrap=True)
    summary.add_column("✓ eligible", justify="right")
    summary.add_column("✗ not eligible", justify="right")
    summary.add_column("? unknown", justify="right")
    for i, track in enumerate(report.tracks):
        counts = {"eligible": 0, "not_eligible": 0, "unknown": 0}
        for person in people:
            counts[person.tracks[i].status] += 1
        summary.add_row(
            f"{_short(track.id)} {track.id}",
            str(counts["eligible"]),
            str(counts["not_eligible"]),
            str(counts["unknown"]),
        )
    console.print(summary)
    print_state_grids(console, state_grids(report, people))


def _markdown_person(
    doc: MarkdownDoc, p: PersonResult, held: Held, level: int, cohort: bool
) -> None:
    cites = doc.citations
    who = md_text(p.label)
    doc.heading(f"{who}: eligibility on {p.as_of.isoformat()}", level)
    rows = []
    for t in p.results:
        deciding = _deciding(t)
        rows.append(
            [
                f"{t.abbreviation} (`{t.track}`)",
                status_words(t.status),
                _route_cell(t),
                cites.ref(deciding) if deciding else "",
                _held_words(held[t.track]) if t.track in held else "; ".join(t.missing) or "—",
                "—"
                if t.track in held
                else "; ".join(n.removeprefix("Confirm: ") for n in confirm_notes(t)) or "—",
            ]
        )
    doc.table(["Track", "Status", "Route", "Source", "Still needed", "Confirm"], rows)
    line = headline(p, held)
    if line:
        doc.paragraph(f"**{line}**")
    for t in p.results:
        # a cohort file repeats every track: the person's name keeps the headings unique
        mine = f"{who}: " if cohort else ""
        doc.heading(f"{mine}{t.abbreviation} — {t.credential}: {status_words(t.status)}", level + 1)
        if t.missing:
            doc.paragraph(f"Still needed (closest route `{t.closest}`):")
            doc.bullets(t.missing)
        if t.closest_reason:
            doc.paragraph(f"Why closest: {t.closest_reason}.")
        notes = [*date_notes(t), *t.notes, *[c[0].upper() + c[1:] for c in t.counts_for]]
        if notes:
            doc.bullets(notes)
        for r in t.routes:
            doc.paragraph(_route_title(r, cites, markdown=True))
            doc.tasks(
                [(c.status == "met", _condition_line(c, r, cites, True)) for c in r.conditions]
            )
            doc.bullets(f"Confirm: {n}" for n in r.notes)

    markdown_state_credentials(doc, p.state_credentials, p.state, level + 1)


def _invalid_lines(report: Report) -> list[str]:
    """'row 7, Kim: experience.0: ended ... is before started ...' for each invalid person."""
    lines = []
    for bad in report.invalid():
        where = ", ".join(x for x in (f"row {bad.row}" if bad.row else "", bad.name or "") if x)
        errors = [_without_row(e, bad.row, bad.name) for e in bad.errors]
        lines.append(f"{where or 'an entry'}: {'; '.join(errors)}")
    return lines


def _without_row(error: str, row: int | None, name: str | None) -> str:
    """An error without its 'FILE:row N (NAME): ' start, which the line leads with already."""
    if row is None:
        return error
    head = f":row {row}"
    at = error.find(head)
    rest = error[at + len(head) :] if at >= 0 else ""
    if name and rest.startswith(f" ({name})"):
        rest = rest[len(name) + 3 :]
    return rest[2:] if rest.startswith(": ") else error


def _markdown_doc(report: Report, data_as_of: str | None, states: StateBlocks) -> MarkdownDoc:
    """The people as markdown; its citations are the workbook's Sources sheet too."""
    doc = MarkdownDoc()
    people = report.results()
    doc.heading("Certification eligibility")
    doc.paragraph(f"Marks: {KEY}.")
    if len(people) > 1:
        doc.heading("Cohort", 2)
        doc.table(
            ["Person", *[_short(t.id) for t in report.tracks]],
            [[md_text(p.label), *[MARKS[t.status] for t in p.results]] for p in people],
        )
        markdown_state_grids(doc, state_grids(report, people), 3)
    for p, s in zip(people, report.subjects(), strict=True):
        _markdown_person(doc, p, held_credentials(s.person), 2, cohort=len(people) > 1)
    invalid = _invalid_lines(report)
    if invalid:
        doc.heading("Not evaluated: invalid entries", 2)
        doc.paragraph(
            f"{len(invalid)} person(s) of the file could not be evaluated. Fix these and run again:"
        )
        doc.bullets(md_text(line) for line in invalid)
    for block in states():
        markdown_state_notes(doc, block.code, block.name, block.notes)
    doc.sources_footer(data_as_of)
    return doc


def _brief_rows(people: Sequence[PersonBrief]) -> list[list[Any]]:
    """Each person's CSV rows: the tracks, then the credentials their state asks for."""
    return [[p.label, *_brief_cells(b)] for p in people for b in (*p.tracks, *p.credentials)]


def _brief_cells(brief: EligibilitySummary) -> list[Any]:
    """A summary's CSV cells after the person's name."""
    return [
        brief.track,
        brief.status,
        brief.route,
        "; ".join(brief.missing),
        brief.closest,
        brief.unverified,
    ]


def _csv(report: Report) -> tuple[Sequence[str], list[list[Any]]]:
    rows = _brief_rows(report.briefs())
    for bad in report.invalid():
        label = bad.name or (f"row {bad.row}" if bad.row else "")
        rows.append([label, "", "invalid", "", "; ".join(bad.errors), "", ""])
    return CSV_HEADERS, rows


def eligibility_rendering(
    report: Report, data_as_of: str | None, states: StateBlocks, explain: bool = False
) -> Rendering:
    """The people of one `eligible` run in table, json, markdown and csv.

    The table shows one person's route trees only with `explain` or for a single track;
    markdown and JSON always keep everything.
    """

    def table(console: "Console") -> None:
        from rich.text import Text

        cites = Citations()
        people = report.subjects()
        if len(people) == 1:
            _person_table(
                console, report.results()[0], held_credentials(people[0].person), cites, explain
            )
        else:
            _cohort_table(console, report)
        invalid = _invalid_lines(report)
        if invalid:
            console.print(Text(f"Not evaluated ({len(invalid)} invalid):", style="heading"))
            for line in invalid:
                console.print(Text(f"  • {line}"))
        for block in states():
            print_state_notes(console, block.code, block.name, block.notes, cites)
        console.print(Text(f"Marks: {KEY}", style="muted"))
        if cites.urls:
            console.print(Text(f"Sources ({LEGEND}):", style="heading"))
            for line in cites.lines():
                # an address is never broken (it stays clickable); a source's name wraps
                console.print(Text(line), soft_wrap="://" in line)
        console.print(
            Text(
                catalog_reviewed(
                    data_as_of, "Rules change: check with the certifying body before you apply."
                ),
                style="muted",
            )
        )

    def payload() -> dict[str, Any]:
        people = report.results()
        return {
            "people": people,
            "states": [{"code": b.code, "name": b.name, "notes": b.notes} for b in states()],
            "invalid": [
                {"row": b.row, "name": b.name, "errors": b.errors} for b in report.invalid()
            ],
        }

    return Rendering(
        command="eligible",
        data_as_of=data_as_of,
        payload=payload,
        table=table,
        markdown=lambda: _markdown_doc(report, data_as_of, states).render(),
        csv=lambda: _csv(report),
        csv_stream=lambda: _csv_stream(report),
        html=lambda: _html(report, _markdown_doc(report, data_as_of, states).render()),
        sources=lambda: _markdown_doc(report, data_as_of, states).citations,
    )


def _csv_stream(report: Report) -> Iterator[bytes]:
    """`_csv`'s bytes a block of people at a time: each worker writes its own people's rows."""

    from certadvisor.render.csv_cells import CsvLines

    lines = CsvLines()
    # A cohort's thousands of people share a few thousand distinct summaries (the engine
    # keeps one object of each): each summary's cells are written once, by identity.
    # A row is its person's lead and its summary's tail, each encoded once and joined as bytes.
    tails: dict[int, tuple[EligibilitySummary, bytes]] = {}

    def tail(brief: EligibilitySummary) -> bytes:
        if len(tails) > TAILS_KEPT:
            tails.clear()
        known = tails[id(brief)] = (brief, safe(lines.line(_brief_cells(brief))).encode())
        return known[1]

    def rows(people: list[PersonBrief]) -> bytes:
        out: list[bytes] = []
        get = tails.get
        for p in people:
            lead = safe(lines.lead([p.label])).encode()
            for b in (*p.tracks, *p.credentials):
                known = get(id(b))
                out += (lead, known[1] if known is not None and known[0] is b else tail(b))
        return b"".join(out)

    blocks = report.stream(rows)
    # The first block comes before the header: a file whose people cannot be read fails
    # before anything is written.
    first = next(blocks, None)

    def invalid() -> Iterator[bytes]:
        found = []
        for bad in report.invalid():
            label = bad.name or (f"row {bad.row}" if bad.row else "")
            found.append([label, "", "invalid", "", "; ".join(bad.errors), "", ""])
        yield csv_piece(found)

    return itertools.chain(
        [csv_piece([CSV_HEADERS])], [] if first is None else [first], blocks, invalid()
    )


def _html(report: Report, markdown: str) -> str:
    from certadvisor.render.html import html_document

    return html_document(markdown, people_break=len(report.subjects()) > 1)
