"""The parts of `show` only a state credential has: where it applies, who issues it, the law."""

from certadvisor.models.catalog import Track, TrackKind
from certadvisor.render.marks import Citations


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
