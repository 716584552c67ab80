"""Eligibility: a profile against a track's routes, condition by condition.

The API: `evaluate`/`evaluate_track` give full `TrackResult` objects for one person,
`summarize` the short `EligibilitySummary` per track, `Evaluator` compiles tracks once for
many people, and `Report` evaluates the people of one `eligible` run (a cohort on demand).
A person is an `Applicant`: a `Profile` or the shorthand flags' `Assertions`. `describe`,
`money` and friends put conditions, durations and money in plain words.

Each name is imported on first use (PEP 562): `show`, `compare` and `wallet status` need only
the plain words, and importing the engine with them costs about 25 ms of their start-up.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from certadvisor.eligibility.cohort import Admit, PersonBrief, Report, Subject
    from certadvisor.eligibility.engine import (
        Applicant,
        Evaluator,
        evaluate,
        evaluate_track,
        summarize,
    )
    from certadvisor.eligibility.facts import Assertions
    from certadvisor.eligibility.wording import (
        describe,
        either,
        field_words,
        level_words,
        money,
        months_words,
        procedure_words,
    )
    from certadvisor.models.results import (
        ConditionResult,
        EligibilitySummary,
        PersonResult,
        RouteResult,
        TrackResult,
    )

_COHORT = "certadvisor.eligibility.cohort"
_ENGINE = "certadvisor.eligibility.engine"
_WORDING = "certadvisor.eligibility.wording"
_RESULTS = "certadvisor.models.results"
_HOME = {
    "Admit": _COHORT,
    "PersonBrief": _COHORT,
    "Report": _COHORT,
    "Subject": _COHORT,
    "Applicant": _ENGINE,
    "Evaluator": _ENGINE,
    "evaluate": _ENGINE,
    "evaluate_track": _ENGINE,
    "summarize": _ENGINE,
    "Assertions": "certadvisor.eligibility.facts",
    "held_credentials": "certadvisor.eligibility.facts",
    "describe": _WORDING,
    "either": _WORDING,
    "field_words": _WORDING,
    "level_words": _WORDING,
    "money": _WORDING,
    "months_words": _WORDING,
    "procedure_words": _WORDING,
    "ConditionResult": _RESULTS,
    "EligibilitySummary": _RESULTS,
    "PersonResult": _RESULTS,
    "RouteResult": _RESULTS,
    "TrackResult": _RESULTS,
}


def __getattr__(name: str) -> Any:
    """The public name from the module that defines it, imported on first use."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "Admit",
    "Applicant",
    "Assertions",
    "ConditionResult",
    "EligibilitySummary",
    "Evaluator",
    "PersonBrief",
    "PersonResult",
    "Report",
    "RouteResult",
    "Subject",
    "TrackResult",
    "describe",
    "either",
    "evaluate",
    "evaluate_track",
    "field_words",
    "held_credentials",
    "level_words",
    "money",
    "months_words",
    "procedure_words",
    "summarize",
]
