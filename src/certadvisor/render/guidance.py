"""Shared by the plan, checklist, recommend and report writers: cited text, fees, resources."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certadvisor.eligibility.wording import money
from certadvisor.models.catalog import Fee, StudyResource
from certadvisor.models.guidance import Cited
from certadvisor.render.marks import Citations

if TYPE_CHECKING:
    from rich.console import Console

RESOURCE_KINDS = {
    "content_outline": "Content outline",
    "handbook": "Candidate handbook",
    "practice_exam": "Practice exam",
    "review_course": "Review course",
    "question_bank": "Question bank",
    "skills_checklist": "Skills checklist",
    "study_guide": "Study guide",
}


def cited(items: Sequence[Cited], cites: Citations, sep: str = "; ") -> str:
    """Texts joined, each followed by the marker and footnote of its fact (none for advice)."""
    parts = []
    for item in items:
        ref = cites.ref(item.source) if item.source is not None else ""
        parts.append(f"{item.text} {ref}".strip())
    return sep.join(parts)


def fee_text(fee: Fee, cites: Citations) -> str:
    """'Exam fee (members): $125 ● [2]', with the range, cadence and caveat when there are any."""
    who = {True: " (members)", False: " (non-members)", None: ""}[fee.member]
    if "member" in fee.label.lower():
        who = ""
    amount = money(fee.amount)
    if fee.amount_max is not None:
        amount = f"{money(fee.amount)}–{money(fee.amount_max)}"
    per = f" per {fee.per.value}" if fee.per.value != "once" else ""
    routes = f" [{', '.join(fee.routes)}]" if fee.routes else ""
    note = f" — {fee.note}" if fee.note and fee.amount is None else ""
    return f"{fee.label}{who}{routes}: {amount}{per} {cites.ref(fee)}{note}"


def resource_text(res: StudyResource, cites: Citations, with_url: bool = True) -> str:
    """'Practice exam: FXB practice exam, $50 ○ [4] <https://...>'."""
    kind = RESOURCE_KINDS.get(res.kind.value, res.kind.value)
    price = f", {money(res.price)}" if res.price is not None else ""
    url = f" {res.url}" if with_url and res.url else ""
    note = f" — {res.note}" if res.note else ""
    return f"{kind}: {res.title}{price} {cites.ref(res)}{url}{note}"


def resource_markdown(res: StudyResource, cites: Citations) -> str:
    """A resource line for markdown, its title linked when the catalog gives an address."""
    kind = RESOURCE_KINDS.get(res.kind.value, res.kind.value)
    title = f"[{res.title}](<{res.url}>)" if res.url else res.title
    price = f", {money(res.price)}" if res.price is not None else ""
    note = f" — {res.note}" if res.note else ""
    return f"{kind}: {title}{price} {cites.ref(res)}{note}"


def print_lines(console: "Console", title: str, lines: Sequence[str], style: str = "") -> None:
    """A titled bullet list on a console (nothing when there are no lines)."""
    from rich.table import Table
    from rich.text import Text

    if not lines:
        return
    console.print(Text(title, style="heading"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row(Text("  •"), Text(line, style=style))
    console.print(grid)
