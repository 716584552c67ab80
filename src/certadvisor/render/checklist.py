"""Writers for `checklist`: numbered steps with sub-items; markdown is a GitHub task list."""

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from certadvisor.models.guidance import Checklist, Item, Step
from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.marks import Citations, print_sources
from certadvisor.render.output import Rendering

# rich is imported inside the table writers only: json, markdown and csv skip its import.
if TYPE_CHECKING:
    from rich.console import Console, Group

_CSV_HEADERS = ("step", "key", "done", "done_by", "title", "items")


def _md(text: str) -> str:
    """Catalog text on one markdown line, with characters that would start markup escaped."""
    text = " ".join(text.split())
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">", "|"):
        text = text.replace(ch, "\\" + ch)
    return text


def item_text(item: Item, cites: Citations, esc: bool = False) -> str:
    """'Questions: 200 ● [3] — holds until 2027-05-15'."""
    text = _md(item.text) if esc else item.text
    if item.url:
        text += f" <{item.url}>" if esc else f" {item.url}"
    ref = f" {cites.ref(item.source)}" if item.source is not None else ""
    note = f" — {_md(item.note) if esc else item.note}" if item.note else ""
    return f"{text}{ref}{note}"


def heading_line(cl: Checklist, markdown: bool = False) -> str:
    """Who and which route, in one sentence (in `markdown`, the person's name escaped)."""
    name = md_text(cl.person) if markdown else cl.person
    who = f"For {name}" if cl.person else "For anyone (no profile)"
    when = f", as of {cl.as_of}" if cl.as_of else ""
    status = f"; eligibility: {cl.status.replace('_', ' ')}" if cl.status else ""
    route = f"; route: {cl.route_name} ({cl.route})" if cl.route else ""
    done = sum(1 for s in cl.steps if s.done)
    return f"{who}{when}{status}{route}. {done} of {len(cl.steps)} steps done."


def _why(step: Step) -> str:
    return f" ({step.why})" if step.why else ""


def checklist_markdown_into(doc: MarkdownDoc, cl: Checklist, level: int = 1) -> None:
    """The checklist as a GitHub task list, sub-items nested under their step."""
    cites = doc.citations
    doc.heading(f"Checklist: {cl.abbreviation} — {cl.credential}", level)
    doc.paragraph(heading_line(cl, markdown=True))
    lines = []
    for s in cl.steps:
        box = "x" if s.done else " "
        why = f" ({_md(s.why)})" if s.why else ""
        lines.append(f"- [{box}] **{s.number}. {_md(s.title)}**{why}")
        for item in s.items:
            text = item_text(item, cites, esc=True)
            if item.done is None:
                lines.append(f"  - {text}")
            else:
                lines.append(f"  - [{'x' if item.done or s.done else ' '}] {text}")
    doc.raw("\n".join(lines) + "\n")
    if cl.notes:
        doc.bullets(_md(n) for n in cl.notes)
    doc.paragraph(f"Mark progress with `certadvisor checklist {cl.track} --mark N`.")


def checklist_rendering(cl: Checklist, data_as_of: str | None) -> Rendering:
    """The checklist in table, markdown, csv, xlsx, html and json."""

    @cache
    def csv_and_cites() -> tuple[tuple[Sequence[str], Sequence[Sequence[Any]]], Citations]:
        cites = Citations()
        return _checklist_csv(cl, cites), cites

    return Rendering(
        command="checklist",
        data_as_of=data_as_of,
        payload=lambda: {"checklist": cl},
        table=lambda console: _print_checklist(console, cl, data_as_of),
        markdown=lambda: _checklist_markdown(cl, data_as_of),
        csv=lambda: csv_and_cites()[0],
        sources=lambda: csv_and_cites()[1],
        html=lambda: _html(_checklist_markdown(cl, data_as_of)),
    )


def _html(markdown: str) -> str:
    from certadvisor.render.html import html_document

    return html_document(markdown)


def _print_checklist(console: "Console", cl: Checklist, data_as_of: str | None) -> None:
    from rich.table import Table
    from rich.text import Text

    cites = Citations()
    console.print(
        Text(f"Checklist: {cl.abbreviation} — {cl.credential} ({cl.track})", style="heading")
    )
    console.print(Text(heading_line(cl)))
    t = Table(show_header=False, show_lines=True)
    t.add_column(no_wrap=True)
    t.add_column(overflow="fold", ratio=1)
    for s in cl.steps:
        box = Text("[x]" if s.done else "[ ]", style="ok" if s.done else "")
        t.add_row(box, _step_cell(s, cites))
    console.print(t)
    for n in cl.notes:
        console.print(Text(f"Note: {n}", style="muted"))
    console.print(Text(f"Mark progress: certadvisor checklist {cl.track} --mark N", style="muted"))
    print_sources(console, cites, data_as_of)


def _step_cell(step: Step, cites: Citations) -> "Group":
    """A step's title over its items, each with its tick box or bullet."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    title = Text()
    title.append(f"{step.number}. {step.title}", style="heading")
    title.append(_why(step))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in step.items:
        mark = "•" if item.done is None else ("☑" if item.done or step.done else "☐")
        grid.add_row(Text(f" {mark}"), Text(item_text(item, cites)))
    return Group(title, grid)


def _checklist_markdown(cl: Checklist, data_as_of: str | None) -> str:
    doc = MarkdownDoc()
    checklist_markdown_into(doc, cl)
    doc.sources_footer(data_as_of)
    return doc.render()


def _checklist_csv(
    cl: Checklist, cites: Citations
) -> tuple[Sequence[str], Sequence[Sequence[Any]]]:
    rows = [
        (
            s.number,
            s.key.value,
            s.done,
            s.done_by,
            s.title,
            " | ".join(item_text(i, cites) for i in s.items),
        )
        for s in cl.steps
    ]
    return _CSV_HEADERS, rows
