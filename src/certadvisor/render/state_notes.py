"""Writers for a state's notes (licensure, state credentials), shared by every --state."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import Citations

# Types only: `show` imports this module and, without --state, never needs the state models.
if TYPE_CHECKING:
    from rich.console import Console

    from certadvisor.models.states import StateNote

_TOPICS = {
    "laboratory_licensure": "Laboratory licensure",
    "phlebotomy_certification": "Phlebotomy certification",
    "medical_assistant_credential": "Medical-assistant credential",
    "other": "Other",
}


def note_lines(code: str, name: str, notes: "Sequence[StateNote]", cites: Citations) -> list[str]:
    """One plain line per note, with its marker and footnote."""
    if not notes:
        return [f"{name} ({code}): the catalog has no state rule for these tracks."]
    lines = []
    for n in notes:
        extra = " (sources disagree)" if n.disputed else ""
        extra += f" Not accepted: {', '.join(n.not_accepted)}." if n.not_accepted else ""
        lines.append(f"{_TOPICS[n.topic]}: {n.text}{extra} {cites.ref(n)}")
    return lines


def print_state_notes(
    console: "Console", code: str, name: str, notes: "Sequence[StateNote]", cites: Citations
) -> None:
    """A titled block of the state's notes on a console."""
    from rich.text import Text

    console.print(Text(f"State rules: {name} ({code})", style="heading"))
    for line in note_lines(code, name, notes, cites):
        console.print(Text(f"  • {line}"))


def markdown_state_notes(
    doc: MarkdownDoc, code: str, name: str, notes: "Sequence[StateNote]"
) -> None:
    """A section of the state's notes in a markdown document."""
    doc.heading(f"State rules: {name} ({code})", 2)
    doc.bullets(note_lines(code, name, notes, doc.citations))
