"""A cohort's state credentials: one person-by-credential grid per state, and counts.

The national grid has a column per track for everyone; a state credential concerns only the
people of its state, so each state that has credentials for the work shown gets its own grid
(in the order its people first appear), with the same marks.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from certadvisor.eligibility import PersonBrief, PersonResult, Report
from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.text import plural

if TYPE_CHECKING:
    from rich.console import Console

MARKS = {"eligible": "✓", "not_eligible": "✗", "unknown": "?"}


class StateGrid(NamedTuple):
    """The people of one state against that state's credentials (ids, short names, marks)."""

    code: str
    ids: list[str]
    names: list[str]
    people: list[tuple[str, list[str]]]  # label, one status per credential

    def counts(self, i: int) -> dict[str, int]:
        """How many people of the state are eligible, not eligible, unknown on credential i."""
        found = {"eligible": 0, "not_eligible": 0, "unknown": 0}
        for _, statuses in self.people:
            found[statuses[i]] += 1
        return found


def _short(abbreviation: str, code: str) -> str:
    """'WA MA-C' -> 'MA-C': the grid's heading already names the state."""
    return abbreviation.removeprefix(f"{code} ") or abbreviation


def state_grids(
    report: Report, people: Sequence[PersonBrief] | Sequence[PersonResult]
) -> list[StateGrid]:
    """One grid per state whose credentials apply to the people shown."""
    grids: dict[str, StateGrid] = {}
    for p in people:
        if p.state is None:
            continue
        if isinstance(p, PersonBrief):
            statuses = [str(b.status) for b in p.credentials]
        else:
            statuses = [str(r.status) for r in p.state_credentials]
        if not statuses:
            continue
        if p.state not in grids:
            tracks = report.state_credentials(p.state)
            names = [_short(t.abbreviation, p.state) for t in tracks]
            grids[p.state] = StateGrid(p.state, [t.id for t in tracks], names, [])
        grids[p.state].people.append((p.label, statuses))
    return list(grids.values())


def print_state_grids(console: "Console", grids: Sequence[StateGrid]) -> None:
    """Each state's grid, then one table of counts per credential."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if not grids:
        return
    for grid in grids:
        who = plural(len(grid.people), "person")
        console.print(Text(f"State credentials in {grid.code} ({who})", style="heading"))
        table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), collapse_padding=True, pad_edge=False)
        table.add_column("Person", overflow="fold", min_width=6, max_width=24)
        for name in grid.names:
            table.add_column(name, justify="center", no_wrap=True, min_width=len(name))
        for label, statuses in grid.people:
            table.add_row(Text(label), *[Text(MARKS[s], style=s) for s in statuses])
        console.print(table)
    summary = Table(
        title="Per state credential (people of its state)",
        title_justify="left",
        header_style="heading",
    )
    summary.add_column("Credential", no_wrap=True)
    summary.add_column("✓ eligible", justify="right")
    summary.add_column("✗ not eligible", justify="right")
    summary.add_column("? unknown", justify="right")
    for grid in grids:
        for i, track_id in enumerate(grid.ids):
            counts = grid.counts(i)
            summary.add_row(
                f"{grid.code} {grid.names[i]} {track_id}",
                *[str(counts[k]) for k in ("eligible", "not_eligible", "unknown")],
            )
    console.print(summary)


def markdown_state_grids(doc: MarkdownDoc, grids: Sequence[StateGrid], level: int) -> None:
    """The same grids as markdown tables, one heading per state."""
    for grid in grids:
        doc.heading(f"State credentials in {grid.code}", level)
        doc.table(
            ["Person", *[f"{n} (`{i}`)" for n, i in zip(grid.names, grid.ids, strict=True)]],
            [[md_text(label), *[MARKS[s] for s in statuses]] for label, statuses in grid.people],
        )
