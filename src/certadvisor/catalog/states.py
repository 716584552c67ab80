"""Load the bundled state rules and the list of valid state codes."""

from functools import cache

from certadvisor.catalog.sources import bundled_registry, link_sources
from certadvisor.catalog.yaml_io import load_yaml, read_text, validation_lines
from certadvisor.errors import InvalidInputError, UsageError
from certadvisor.models.states import State, StateRules
from certadvisor.paths import bundled_data_dir


@cache
def state_rules() -> StateRules:
    """states.yaml, validated."""
    from pydantic import ValidationError

    path = bundled_data_dir() / "states.yaml"
    raw = read_text(path, "states.yaml")
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
