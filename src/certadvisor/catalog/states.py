"""Load the bundled state rules and the list of valid state codes; pick the notes that apply."""

from collections.abc import Sequence
from functools import cache

from certadvisor.catalog.sources import bundled_registry, kept_validated, link_sources
from certadvisor.catalog.yaml_io import load_yaml, read_text, validation_lines
from certadvisor.errors import InvalidInputError, UsageError
from certadvisor.models.states import State, StateBlock, StateNote, StateRules
from certadvisor.paths import bundled_data_dir


@cache
def state_rules() -> StateRules:
    """states.yaml, validated.

    The validated rules are kept pickled in the cache folder (as the catalog is), keyed by
    the version, states.yaml and the source registry, so a warm run neither parses the YAML
    nor builds the models' validators; a missing or unreadable copy is rebuilt.
    """
    raw = read_text(bundled_data_dir() / "states.yaml", "states.yaml")
    return kept_validated("states", raw, StateRules, lambda: _validated_rules(raw))


def _validated_rules(raw: bytes) -> StateRules:
    from certadvisor.models.base import ValidationError

    data = load_yaml(raw, "states.yaml")
    try:
        return StateRules.model_validate(link_sources(data, bundled_registry()))
    except ValidationError as exc:
        lines = validation_lines(exc, data, raw, "states.yaml")
        raise InvalidInputError(lines[0], None, lines) from None


@cache
def state_codes() -> dict[str, str]:
    """Every valid two-letter code (50 states, DC, PR) and its name."""
    path = bundled_data_dir() / "state_codes.yaml"
    data = load_yaml(read_text(path, "state_codes.yaml"), "state_codes.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("codes"), dict):
        raise InvalidInputError("state_codes.yaml: needs a top-level 'codes:' mapping")
    return {str(k).upper(): str(v) for k, v in data["codes"].items()}


def check_state(code: str) -> str:
    """The upper-case code, or a usage error naming the valid form."""
    upper = code.strip().upper()
    if upper not in state_codes():
        raise UsageError(
            f"unknown state code {code!r}",
            "Use a two-letter US state code such as WA or CA (PR and DC work too).",
        )
    return upper


def state_notes(code: str) -> State | None:
    """The state's entry in states.yaml, or None when the research says nothing of it."""
    upper = check_state(code)
    return next((s for s in state_rules().states if s.code == upper), None)


def notes_touching(
    state: State | None, categories: Sequence[str] = (), tracks: Sequence[str] = ()
) -> list[StateNote]:
    """The state's notes that touch any of the categories or tracks (all when none are given)."""
    if state is None:
        return []
    if not categories and not tracks:
        return list(state.notes)
    wanted_categories, wanted_tracks = set(categories), set(tracks)
    return [
        n
        for n in state.notes
        if set(n.categories) & wanted_categories or set(n.tracks) & wanted_tracks
    ]


def state_block(
    code: str,
    categories: Sequence[str],
    tracks: Sequence[str],
    per_track: Sequence[tuple[str, str]] = (),
) -> StateBlock:
    """A state's name and its notes touching these categories or tracks (a usage error for a
    bad code); ``per_track`` (track id, category) pairs also get their own notes."""
    upper = check_state(code)
    found = state_notes(upper)
    notes = notes_touching(found, categories, tracks)
    by_track = {track: notes_touching(found, [category], [track]) for track, category in per_track}
    # built without validation: the notes are the validated rules' own
    return StateBlock.model_construct(
        code=upper, name=state_codes()[upper], notes=notes, by_track=by_track
    )
