"""Writers for `show`: one track with every figure marked and footnoted."""

from typing import TYPE_CHECKING, Any

from certadvisor.eligibility.wording import describe, money, months_words
from certadvisor.models.catalog import Track
from certadvisor.models.common import Fact
from certadvisor.render.costs import markdown_cost_section, print_cost_section
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import Citations, print_sources
from certadvisor.render.output import Rendering
from certadvisor.render.pay import pay_lines, pay_payload
from certadvisor.render.programs import ESTIMATE_NOTE, program_blocks
from certadvisor.render.state_credential import EXAM_POINTER, shows_exam, state_lines
from certadvisor.render.state_notes import markdown_state_notes, print_state_notes

# rich is imported inside the table writers only: json and markdown output skip its import.
# The state's models are types only here: `show` without --state never loads them.
if TYPE_CHECKING:
    from rich.console import Console

    from certadvisor.catalog.wages import Pay
    from certadvisor.models.costs import TotalCost
    from certadvisor.models.programs import ProgramsNeeded
    from certadvisor.models.states import StateBlock


def _fact(value: Fact | None, cites: Citations, fmt: str = "{}") -> str:
    if value is None or value.value is None:
        return "unknown"
    text = fmt.format(value.value)
    return f"{text} {cites.ref(value)}"


def exam_rows(track: Track, cites: Citations) -> list[tuple[str, str]]:
    """Label and marked value for each exam fact."""
    e = track.exam
    rows = [
        ("Questions", _fact(e.questions, cites)),
        ("Scored questions", _fact(e.scored_questions, cites)),
        ("Time", _fact(e.minutes, cites, "{} minutes")),
        ("Format", _fact(e.format, cites)),
        ("Delivery", _fact(e.delivery, cites)),
        ("Test vendor", _fact(e.vendor, cites)),
        ("Passing", _fact(e.passing, cites)),
    ]
    if e.outline:
        parts = []
        for d in e.outline.domains:
            share = f" {d.weight_percent:g}%" if d.weight_percent is not None else ""
            share += f" ({d.items} items)" if d.items is not None else ""
            parts.append(f"{d.name}{share}")
        rows.append(("Content", "; ".join(parts) + f" {cites.ref(e.outline)}"))
    return rows


def fee_rows(track: Track, cites: Citations) -> list[tuple[str, str, str, str]]:
    """Fee label, amount, how often, and marker."""
    rows = []
    for fee in track.fees:
        amount = money(fee.amount)
        if fee.amount_max is not None:
            amount = f"{money(fee.amount)}–{money(fee.amount_max)}"
        who = {True: "members", False: "non-members", None: ""}[fee.member]
        label = fee.label + (f" ({', '.join(fee.routes)})" if fee.routes else "")
        per = {
            "once": "",
            "year": "per year",
            "cycle": "per renewal cycle",
            "attempt": "per attempt",
        }
        when = ", ".join(x for x in (per[fee.per.value], who) if x)
        rows.append((label, amount, when, cites.ref(fee)))
    return rows


def renewal_rows(track: Track, cites: Citations) -> list[tuple[str, str]]:
    """Label and marked value for each renewal rule."""
    r = track.renewal
    rows = [("Cycle", _fact(r.cycle_months, cites, "every {} months"))]
    if r.anchor and r.anchor.value:
        anchor = "end of the month earned" if r.anchor.value == "end_of_month" else "date earned"
        if r.anchor.fixed is not None:
            anchor = f"a fixed date: every licence ends on {r.anchor.fixed.words()}"
        rows.append(("Cycle counts from", f"{anchor} {cites.ref(r.anchor)}"))
        late = r.anchor.fixed.issued_late if r.anchor.fixed else None
        if late is not None:
            when = f"within {late.value} days before that date" if late.value else "mid-cycle"
            rows.append(
                (
                    "First expiry",
                    f"for a licence issued {when}, not said by the sources (it may run to the "
                    f"next date) {cites.ref(late)}",
                )
            )
    if r.ce:
        parts = []
        if r.ce.total_points is not None:
            parts.append(f"{r.ce.total_points:g} {r.ce.unit} per cycle")
        for c in r.ce.categories:
            bounds = []
            if c.min_points is not None:
                bounds.append(f"at least {c.min_points:g}")
            if c.max_points is not None:
                bounds.append(f"at most {c.max_points:g}")
            if bounds:
                parts.append(f"{c.name}: {' and '.join(bounds)}")
        if r.ce.min_approved_points is not None:
            body = r.ce.approved_by or "the body"
            parts.append(f"at least {r.ce.min_approved_points:g} approved by {body}")
        if r.ce.rollover is False:
            parts.append("no rollover between cycles")
        elif r.ce.rollover is None:
            parts.append("rollover between cycles not stated")
        rows.append(("Continuing education", "; ".join(parts) + f" {cites.ref(r.ce)}"))
    for m in r.methods:
        rows.append(("Way to renew", _fact(m, cites)))
    if r.submit_window:
        w = r.submit_window
        span = []
        if w.opens_days_before is not None:
            span.append(f"from {w.opens_days_before} days")
        if w.closes_days_before is not None:
            span.append(f"until {w.closes_days_before} days")
        rows.append(("File renewal", " ".join(span) + f" before expiry {cites.ref(w)}"))
    for rule in r.late_rules:
        rows.append(("After expiry", f"{rule.text} {cites.ref(rule)}"))
    return rows


def other_rows(track: Track, cites: Citations) -> list[tuple[str, str]]:
    """Time to eligibility, pay and outlook, application facts and notes."""
    rows = []
    for t in track.time_to_eligible:
        span = ""
        if t.months_min is not None and t.months_max is not None:
            span = f" ({months_words(t.months_min)} to {months_words(t.months_max)})"
            if t.months_min == t.months_max:
                span = f" ({months_words(t.months_min)})"
        rows.append(("Time to eligibility", f"{t.text}{span} {cites.ref(t)}"))
    occ = track.occupation
    if occ:
        if occ.median_pay and occ.median_pay.value is not None:
            rows.append(
                (
                    f"Median pay, {occ.title}",
                    f"{money(occ.median_pay.value)} a year ({occ.pay_period or 'date unknown'}) "
                    f"{cites.ref(occ.median_pay)}",
                )
            )
        if occ.outlook_percent and occ.outlook_percent.value is not None:
            rows.append(
                (
                    "Job outlook",
                    f"{occ.outlook_percent.value:+g}% ({occ.outlook_period or 'period unknown'}) "
                    f"{cites.ref(occ.outlook_percent)}",
                )
            )
    a = track.application
    for label, fact in (
        ("How to apply", a.how),
        ("Apply ahead", a.lead_days),
        ("Application valid", a.valid_days),
        ("Scheduling", a.scheduling),
        ("Results", a.results),
        ("Retakes", a.retakes),
        ("Attempts", a.attempts),
    ):
        if fact is not None and fact.value is not None:
            suffix = " days" if label in ("Apply ahead", "Application valid") else ""
            rows.append((label, f"{fact.value}{suffix} {cites.ref(fact)}"))
    for n in track.notes:
        rows.append(("Note", _fact(n, cites)))
    return rows


_WINDOW_LABELS = {
    "apply_before_completion": "Apply before completion",
    "testing_period": "Testing period",
    "application_valid": "Application valid",
    "voucher_valid": "Voucher valid",
    "processing": "Processing",
}


def window_rows(track: Track, cites: Citations) -> list[tuple[str, str]]:
    """The body's timing windows: label and '90 days: what the body says [mark]'."""
    rows = []
    for w in track.windows:
        days = f"{w.days} days" if w.days is not None else "no figure given"
        extra = f" (routes: {', '.join(w.routes)})" if w.routes else ""
        disputed = " DISPUTED: the sources disagree." if w.disputed else ""
        note = f" {w.note}" if w.note else ""
        value = f"{days}: {w.text}{extra}{disputed}{note} {cites.ref(w)}"
        rows.append((_WINDOW_LABELS.get(w.kind.value, w.kind.value), value))
    return rows


def _route_lines(track: Track, cites: Citations) -> list[tuple[str, str, list[str], list[str]]]:
    out = []
    for route in track.routes:
        conds = []
        for c in route.conditions:
            mark = ""
            if c.confidence or c.source:
                source = c.source or route.source
                as_of = None if c.source else route.as_of
                mark = " " + cites.mark(source, as_of, c.confidence or route.confidence)
            conds.append(describe(c) + mark + (f" — {c.note}" if c.note else ""))
        extra = [f"Documents: {', '.join(route.documents)}"] if route.documents else []
        extra += [f"Confirm: {n}" for n in route.notes]
        out.append((f"{route.name} [{route.id}]", cites.ref(route), conds, extra))
    return out


def track_rendering(
    track: Track,
    data_as_of: str | None,
    costs: "TotalCost | None" = None,
    state: "StateBlock | None" = None,
    pay: "Pay | None" = None,
    programs: "list[ProgramsNeeded] | None" = None,
) -> Rendering:
    """One track in table, markdown and json, with its cost over a horizon, a state's notes,
    (with a state) what the work pays there, and the training programs its routes ask for."""
    needed = programs or []

    def payload() -> dict[str, Any]:
        found: dict[str, Any] = {
            "track": track.model_dump(mode="json"),
            "costs": costs.model_dump(mode="json") if costs is not None else None,
            "state": state.model_dump(mode="json") if state is not None else None,
        }
        if pay is not None:
            found["pay"] = pay_payload(pay)
        # warnings off: a table read from its cached copy keeps enum values as plain strings
        found["programs"] = [p.model_dump(mode="json", warnings=False) for p in needed]
        return found

    return Rendering(
        command="show",
        data_as_of=data_as_of,
        payload=payload,
        table=lambda console: _print_track(console, track, data_as_of, costs, state, pay, needed),
        markdown=lambda: _track_markdown(track, data_as_of, costs, state, pay, needed),
    )


def _print_track(
    console: "Console",
    track: Track,
    data_as_of: str | None,
    costs: "TotalCost | None",
    state: "StateBlock | None",
    pay: "Pay | None" = None,
    programs: "list[ProgramsNeeded] | None" = None,
) -> None:
    cites = Citations()
    _print_heading(console, track, cites)
    _print_routes(console, track, cites)
    if programs:
        _print_programs(console, programs, cites)
    if shows_exam(track):
        _print_facts(console, "Exam", exam_rows(track, cites))
    else:
        console.print(EXAM_POINTER, style="muted")
    _print_fees(console, track, cites)
    _print_facts(console, "Renewal", renewal_rows(track, cites))
    if track.windows:
        _print_facts(console, "Windows", window_rows(track, cites))
    if costs is not None:
        print_cost_section(console, costs, cites)
    rest = other_rows(track, cites)
    if rest:
        _print_facts(console, "More", rest)
    if state is not None:
        print_state_notes(console, state.code, state.name, state.notes, cites)
    if pay is not None:
        first = costs.first_time if costs is not None else None
        _print_lines(console, "Pay", pay_lines(pay, state.name if state else None, first, cites))
    print_sources(console, cites, data_as_of)


def _print_heading(console: "Console", track: Track, cites: Citations) -> None:
    from rich.markup import escape as esc
    from rich.text import Text

    console.print(f"[heading]{esc(track.credential)} — {esc(track.abbreviation)}[/] ({track.id})")
    issuer = f"{track.issuer.name} ({track.issuer.abbreviation})"
    console.print(Text(f"Issuer: {issuer}    Category: {track.category.replace('_', ' ')}"))
    for line in state_lines(track, cites):
        console.print(Text(line))
    if track.accreditation:
        acc = ", ".join(f"{a.name} {cites.ref(a)}" for a in track.accreditation)
        console.print(Text(f"Credential accredited by: {acc}"))
    if track.summary:
        console.print(Text(track.summary, style="muted"))


def _print_routes(console: "Console", track: Track, cites: Citations) -> None:
    from rich.text import Text
    from rich.tree import Tree

    tree = Tree(Text.from_markup("[heading]Eligibility routes[/] (meet any one)"))
    if not track.routes:
        tree.add("The catalog does not know this track's routes.")
    for name, ref, conds, extra in _route_lines(track, cites):
        branch = tree.add(Text(f"{name} {ref}"))
        for c in conds:
            branch.add(Text(c))
        for e in extra:
            branch.add(Text(e, style="muted"))
    console.print(tree)


def _print_programs(console: "Console", programs: "list[ProgramsNeeded]", cites: Citations) -> None:
    from rich.text import Text
    from rich.tree import Tree

    tree = Tree(Text.from_markup("[heading]Training programs[/] (for the routes that need one)"))
    for heading, forms in program_blocks(programs, cites):
        branch = tree.add(Text(heading))
        for line, details in forms:
            leaf = branch.add(Text(line))
            for d in details:
                leaf.add(Text(d, style="muted"))
    console.print(tree)
    console.print(Text(ESTIMATE_NOTE, style="muted"))


def _print_facts(console: "Console", title: str, rows: list[tuple[str, str]]) -> None:
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, title_justify="left", show_header=False, expand=False)
    t.add_column("", style="bold", no_wrap=True)
    t.add_column("", overflow="fold")
    for label, value in rows:
        t.add_row(Text(label), Text(value))
    console.print(t)


def _print_lines(console: "Console", title: str, lines: list[str]) -> None:
    from rich.text import Text

    console.print(Text(title, style="heading"))
    for line in lines:
        console.print(Text(f"  • {line}"))


def _print_fees(console: "Console", track: Track, cites: Citations) -> None:
    from rich.table import Table
    from rich.text import Text

    fees = Table(title="Fees", title_justify="left")
    fees.add_column("Fee", overflow="fold")
    fees.add_column("Amount", justify="right", no_wrap=True)
    fees.add_column("When / who")
    fees.add_column("Src", no_wrap=True)
    for row in fee_rows(track, cites):
        fees.add_row(*(Text(c) for c in row))
    if not track.fees:
        fees.add_row("No fee is known", "unknown", "", "")
    console.print(fees)


def _track_markdown(
    track: Track,
    data_as_of: str | None,
    costs: "TotalCost | None",
    state: "StateBlock | None",
    pay: "Pay | None" = None,
    programs: "list[ProgramsNeeded] | None" = None,
) -> str:
    doc = MarkdownDoc()
    cites = doc.citations
    doc.heading(f"{track.credential} — {track.abbreviation}")
    doc.paragraph(
        f"Track `{track.id}`. Issuer: {track.issuer.name} "
        f"({track.issuer.abbreviation}). Category: {track.category.replace('_', ' ')}."
    )
    if track.accreditation:
        acc = ", ".join(f"{a.name} {cites.ref(a)}" for a in track.accreditation)
        doc.paragraph(f"Credential accredited by: {acc}.")
    for line in state_lines(track, cites):
        doc.paragraph(line)
    if track.summary:
        doc.paragraph(track.summary)
    doc.heading("Eligibility routes (meet any one)", 2)
    for name, ref, conds, extra in _route_lines(track, cites):
        doc.heading(f"{name} {ref}", 3)
        doc.bullets([*conds, *extra])
    if programs:
        doc.heading("Training programs (for the routes that need one)", 2)
        for heading, forms in program_blocks(programs, cites):
            doc.heading(heading, 3)
            for line, details in forms:
                doc.bullets([line])
                if details:
                    doc.bullets(details)
        doc.paragraph(ESTIMATE_NOTE)
    doc.heading("Exam", 2)
    if shows_exam(track):
        doc.table(["Fact", "Value"], exam_rows(track, cites))
    else:
        doc.paragraph(EXAM_POINTER)
    doc.heading("Fees", 2)
    doc.table(["Fee", "Amount", "When / who", "Source"], fee_rows(track, cites))
    doc.heading("Renewal", 2)
    doc.table(["Rule", "Value"], renewal_rows(track, cites))
    if track.windows:
        doc.heading("Windows", 2)
        doc.table(["Window", "Value"], window_rows(track, cites))
    if costs is not None:
        markdown_cost_section(doc, costs)
    rest = other_rows(track, cites)
    if rest:
        doc.heading("More", 2)
        doc.table(["Fact", "Value"], rest)
    if state is not None:
        markdown_state_notes(doc, state.code, state.name, state.notes)
    if pay is not None:
        doc.heading("Pay", 2)
        first = costs.first_time if costs is not None else None
        doc.bullets(pay_lines(pay, state.name if state else None, first, cites))
    doc.sources_footer(data_as_of)
    return doc.render()
