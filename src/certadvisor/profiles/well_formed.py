"""A profile proved well-formed without Pydantic, or left to Pydantic when in doubt.

Validating one profile costs a warm run about 140 ms (importing Pydantic and building the
model's schema), more than the command's own work. Most profiles are plain YAML whose every
value already has the exact type `models.profile` declares: `profile_values` recognises
those and gives each field's value as Pydantic's validation would (text to its enum member,
a whole number of hours to a float, a GED to high_school, the state upper-cased, a name
stripped). Anything else, even a value Pydantic would accept after a conversion (a quoted
date, ``fte: "1"``), gives None: the caller then validates with Pydantic, so every error and
every conversion stays Pydantic's. This module imports no model (the models' kind is chosen
later, `models.mode`); `build_profile` turns the values into the model classes in use.
"""

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from certadvisor.dates import check_day, parse_day
from certadvisor.models.vocab import (
    MAX_COUNT,
    MAX_FTE,
    MAX_HOURS,
    MAX_ID_LENGTH,
    MAX_SUBJECT_LENGTH,
    STATE_PATTERN,
    Accreditation,
    Duty,
    EducationLevel,
    ExperienceField,
    Procedure,
    ProgramField,
)
from certadvisor.text import check_label

if TYPE_CHECKING:
    from certadvisor.models.profile import Profile


class Doubt(Exception):
    """A value this reader does not vouch for (Pydantic decides what it means)."""


# The keys of each model of models/profile.py (tests/test_profile_fast.py holds them equal)
PROFILE_KEYS = frozenset(
    [
        "name",
        "as_of",
        "state",
        "birth_date",
        "education",
        "programs",
        "experience",
        "procedures",
        "credentials",
        "exams",
        "military",
    ]
)
EDUCATION_KEYS = frozenset(["highest", "semester_hours", "total_semester_hours"])
PROGRAM_KEYS = frozenset(
    [
        "field",
        "accreditation",
        "completed",
        "contact_hours",
        "practicum_hours",
        "didactic_hours",
        "state_approved",
    ]
)
JOB_KEYS = frozenset(["field", "started", "ended", "fte", "duties"])
CREDENTIAL_KEYS = frozenset(["id", "earned"])
EXAM_KEYS = frozenset(["id", "passed"])

_STATE = re.compile(STATE_PATTERN)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Values = dict[str, Any]


def profile_values(item: object) -> Values | None:
    """The profile's field values as validation gives them (sub-models as dicts of their own
    values), only the keys present; None when any value is not plainly well-formed."""
    try:
        return _profile(item)
    except Doubt:
        return None


def build_profile(values: Values) -> "Profile":
    """The `Profile` (of the models in use) holding ``values`` from `profile_values`."""
    from certadvisor.models.profile import (
        Education,
        HeldCredential,
        Job,
        PassedExam,
        Profile,
        Program,
    )

    made = dict(values)
    if made.get("education") is not None:
        made["education"] = Education.model_construct(**made["education"])
    for key, model in (
        ("programs", Program),
        ("experience", Job),
        ("credentials", HeldCredential),
        ("exams", PassedExam),
    ):
        if made.get(key) is not None:
            made[key] = [model.model_construct(**v) for v in made[key]]
    profile: Profile = Profile.model_construct(**made)
    return profile


def _profile(item: object) -> Values:
    data = _record(item, PROFILE_KEYS)
    readers: dict[str, Callable[[Any], Any]] = {
        "name": _name,
        "as_of": _day,
        "state": _state,
        "birth_date": _day,
        "education": _education,
        "programs": lambda v: _list(v, _program),
        "experience": lambda v: _list(v, _job),
        "procedures": _procedures,
        "credentials": lambda v: _list(v, _credential),
        "exams": lambda v: _list(v, _exam),
        "military": _bool,
    }
    return {key: _optional(readers[key], value) for key, value in data.items()}


def _record(item: object, keys: frozenset[str], required: tuple[str, ...] = ()) -> Values:
    """A mapping of known text keys holding every required one (its values still unread)."""
    if type(item) is not dict:
        raise Doubt
    if not all(type(k) is str and k in keys for k in item):
        raise Doubt
    if not all(k in item for k in required):
        raise Doubt
    return item


def _optional(read: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else read(value)


def _list(value: Any, read: Callable[[Any], Any]) -> list[Any]:
    if type(value) is not list:
        raise Doubt
    return [read(v) for v in value]


def _name(value: Any) -> str:
    if type(value) is not str:
        raise Doubt
    try:
        return check_label(value)
    except ValueError:
        raise Doubt from None


def _state(value: Any) -> str:
    # the model upper-cases the state before its pattern is checked
    if type(value) is not str:
        raise Doubt
    upper = value.upper()
    if not _STATE.fullmatch(upper):
        raise Doubt
    return upper


def _day(value: Any) -> dt.date:
    # the YAML reader leaves dates as text (catalog.yaml_io): only YYYY-MM-DD is read here
    if type(value) is str and _DAY.fullmatch(value):
        try:
            return check_day(parse_day(value))
        except ValueError:
            raise Doubt from None
    if type(value) is not dt.date:
        raise Doubt
    try:
        return check_day(value)
    except ValueError:
        raise Doubt from None


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise Doubt
    return value


def _number(value: Any) -> float:
    if type(value) is not int and type(value) is not float:
        raise Doubt
    as_float = float(value)
    if not math.isfinite(as_float):
        raise Doubt
    return as_float


def _hours(value: Any) -> float:
    hours = _number(value)
    if not 0 <= hours <= MAX_HOURS:
        raise Doubt
    return hours


def _count(value: Any) -> int:
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        raise Doubt
    return value


def _member(vocabulary: Mapping[str, Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if type(value) is not str or value not in vocabulary:
            raise Doubt
        return vocabulary[value]

    return read


_level = _member(EducationLevel._value2member_map_)
_program_field = _member(ProgramField._value2member_map_)
_accreditation = _member(Accreditation._value2member_map_)
_experience_field = _member(ExperienceField._value2member_map_)
_duty = _member(Duty._value2member_map_)
_procedure = _member(Procedure._value2member_map_)


def _highest(value: Any) -> EducationLevel:
    # the model reads a GED (or HSE), in any case and spacing, as high_school
    if type(value) is str and value.strip().lower() in ("ged", "hse"):
        return EducationLevel.HIGH_SCHOOL
    level: EducationLevel = _level(value)
    return level


def _subjects(value: Any) -> dict[str, float]:
    if type(value) is not dict:
        raise Doubt
    for key in value:
        if type(key) is not str:
            raise Doubt
        _label_of_subject(key)
    return {key: _hours(hours) for key, hours in value.items()}


def _label_of_subject(key: str) -> None:
    try:
        check_label(key, max_len=MAX_SUBJECT_LENGTH)
    except ValueError:
        raise Doubt from None


def _education(value: Any) -> Values:
    data = _record(value, EDUCATION_KEYS)
    readers: dict[str, Callable[[Any], Any]] = {
        "highest": _highest,
        "semester_hours": _subjects,
        "total_semester_hours": _hours,
    }
    return {key: _optional(readers[key], v) for key, v in data.items()}


def _approved_state(value: Any) -> str:
    if type(value) is not str or not _STATE.fullmatch(value):
        raise Doubt
    return value


def _program(value: Any) -> Values:
    data = _record(value, PROGRAM_KEYS, ("field",))
    readers: dict[str, Callable[[Any], Any]] = {
        "field": _program_field,
        "accreditation": lambda v: _list(v, _accreditation),
        "completed": _day,
        "contact_hours": _hours,
        "practicum_hours": _hours,
        "didactic_hours": _hours,
        "state_approved": lambda v: _list(v, _approved_state),
    }
    found = {key: _optional(readers[key], v) for key, v in data.items()}
    if found["field"] is None:
        raise Doubt
    return found


def _fte(value: Any) -> float:
    fte = _number(value)
    if not 0 < fte <= MAX_FTE:
        raise Doubt
    return fte


def _job(value: Any) -> Values:
    data = _record(value, JOB_KEYS, ("field", "started"))
    readers: dict[str, Callable[[Any], Any]] = {
        "field": _experience_field,
        "started": _day,
        "ended": _day,
        "fte": _fte,
        "duties": lambda v: _list(v, _duty),
    }
    found = {key: _optional(readers[key], v) for key, v in data.items()}
    if found["field"] is None or found["started"] is None:
        raise Doubt
    if found.get("ended") is not None and found["ended"] < found["started"]:
        raise Doubt
    return found


def _procedures(value: Any) -> dict[Procedure, int]:
    if type(value) is not dict:
        raise Doubt
    return {_procedure(key): _count(count) for key, count in value.items()}


def _credential(value: Any) -> Values:
    data = _record(value, CREDENTIAL_KEYS, ("id",))
    ident = data["id"]
    if type(ident) is not str or not 1 <= len(ident) <= MAX_ID_LENGTH:
        raise Doubt
    found: Values = {"id": ident}
    if "earned" in data:
        found["earned"] = _optional(_day, data["earned"])
    return found


def _exam(value: Any) -> Values:
    data = _record(value, EXAM_KEYS, ("id",))
    ident = data["id"]
    if type(ident) is not str or not ident:
        raise Doubt
    found: Values = {"id": ident}
    if "passed" in data:
        found["passed"] = _optional(_day, data["passed"])
    return found
