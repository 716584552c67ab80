"""The parts of `show` only a state credential has: where it applies, who issues it, the law."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certadvisor.models.catalog import Track, TrackKind
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import Citations

if TYPE_CHECKING:
    from rich.console import Console

    from certadvisor.models.results import StateCredentialResult


def is_state_credential(track: Track) -> bool:
    """Whether the track is a state credential (it then has a jurisdiction and an agency)."""
    return track.kind == TrackKind.STATE_CREDENTIAL


def state_lines(track: Track, cites: Citations) -> list[str]:
    """'State credential: CA', the agency with its law, and the scope, each marked."""
    agency = track.agency
    if not is_state_credential(track) or agency is None:
        return []
    body = agency.name + (f", {agency.division}" if agency.division else "")
    lines = [
        f"State credential: {track.jurisdiction} — needed to do this work there",
        f"Issuing agency: {body} {cites.ref(agency)}",
    ]
    if agency.law:
        lines.append(f"Law: {'; '.join(agency.law)}")
    if track.scope is not None and track.scope.value is not None:
        lines.append(f"Allows: {track.scope.value} {cites.ref(track.scope)}")
    return lines


def shows_exam(track: Track) -> bool:
    """A state credential without exam facts of its own leaves the Exam table out."""
    return not is_state_credential(track) or track.exam.model_dump(exclude_none=True) != {}


EXAM_POINTER = (
    "Exam: the catalog has no exam facts of the state's own; the routes name the exams it accepts."
)


def _state_name(results: "Sequence[StateCredentialResult]") -> str:
    return results[0].jurisdiction if results else ""


def credential_title(r: "StateCredentialResult") -> str:
    """'ca-cpt1 — Certified Phlebotomy Technician I (California) (CA CPT I)'."""
    return f"{r.track} — {r.credential} ({r.abbreviation})"


def credential_lines(
    r: "StateCredentialResult", cites: Citations, explain: bool
) -> list[tuple[int, str]]:
    """What one state credential asks of the person, as (indent, line): the deciding route
    (every route, condition by condition, with `explain`), what is missing, the fees, cited."""
    from certadvisor.render.eligibility import condition_line, route_title

    wanted = r.route or r.closest
    lines: list[tuple[int, str]] = []
    for route in r.routes if explain else [x for x in r.routes if x.id == wanted]:
        lines.append((0, route_title(route, cites)))
        if explain:
            lines += [(2, condition_line(c, route, cites)) for c in route.conditions]
            lines += [(2, f"Confirm: {n}") for n in route.notes]
    if not r.routes:
        lines.append((0, "The catalog does not know this credential's routes."))
    if r.missing:
        lines.append((0, f"Still needed (closest route {r.closest}):"))
        lines += [(2, f"• {m}") for m in r.missing]
    lines += [(0, f"Fee: {f.text} {cites.ref(f)}") for f in r.fees]
    return lines


def print_state_credentials(
    console: "Console",
    results: "Sequence[StateCredentialResult]",
    state: str | None,
    cites: Citations,
    explain: bool = False,
) -> None:
    """The credentials the person's state asks for this work, each judged like a track."""
    from rich.padding import Padding
    from rich.text import Text

    from certadvisor.render.eligibility import status_words

    if not results:
        return
    console.print(
        Text(f"State credentials for this work in {state or _state_name(results)}", style="heading")
    )
    for r in results:
        head = Text(f"{credential_title(r)}: ", style="heading")
        head.append(status_words(r.status), style=r.status)
        console.print(head)
        for indent, line in credential_lines(r, cites, explain):
            console.print(Padding(Text(line), (0, 0, 0, 2 + indent)))


def markdown_state_credentials(
    doc: MarkdownDoc, results: "Sequence[StateCredentialResult]", state: str | None, level: int
) -> None:
    """The same as a markdown section: a summary table, then each credential's routes."""
    from certadvisor.render.eligibility import condition_line, route_title, status_words

    if not results:
        return
    cites = doc.citations
    doc.heading(f"State credentials for this work in {state or _state_name(results)}", level)
    doc.table(
        ["Credential", "Status", "Route", "Still needed", "Fees"],
        [
            [
                f"{r.abbreviation} (`{r.track}`)",
                status_words(r.status),
                r.route or (f"closest: {r.closest}" if r.closest else "—"),
                "; ".join(r.missing) or "—",
                "; ".join(f"{f.text} {cites.ref(f)}" for f in r.fees) or "—",
            ]
            for r in results
        ],
    )
    for r in results:
        doc.heading(f"{r.abbreviation} — {r.credential}: {status_words(r.status)}", level + 1)
        for route in r.routes:
            doc.paragraph(f"**{route_title(route, cites)}**")
            doc.tasks(
                [
                    (c.status == "met", condition_line(c, route, cites, True))
                    for c in route.conditions
                ]
            )
            doc.bullets(f"Confirm: {n}" for n in route.notes)
