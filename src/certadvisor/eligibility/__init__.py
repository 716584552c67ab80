"""Eligibility: a profile against a track's routes, condition by condition.

The API: `evaluate`/`evaluate_track` give full `TrackResult` objects for one person,
`summarize` the short `EligibilitySummary` per track, `Evaluator` compiles tracks once for
many people, and `Report` evaluates the people of one `eligible` run (a cohort on demand).
A person is an `Applicant`: a `Profile` or the shorthand flags' `Assertions`. `describe`,
`money` and friends put conditions, durations and money in plain words.
"""

from certadvisor.eligibility.cohort import Admit, PersonBrief, Report, Subject
from certadvisor.eligibility.evaluate import (
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
    "level_words",
    "money",
    "months_words",
    "procedure_words",
    "summarize",
]
