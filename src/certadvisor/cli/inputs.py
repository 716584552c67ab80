"""Flags to engine inputs the guidance commands share: the people of a profile, the date,
the flag names that engine errors about plan inputs leave to the command, and the values of
`eligible`'s shorthand flags (training fields, military training, duties)."""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from certadvisor.errors import UsageError

if TYPE_CHECKING:
    from certadvisor.catalog import LoadedCatalog
    from certadvisor.guidance.plan import PlanInputError
    from certadvisor.models.vocab import Duty, ProgramField
    from certadvisor.profiles.load import Person

_PLAN_FLAGS = {"hours_per_week": "--hours-per-week", "total_hours": "--total-hours"}


def people_of(loaded: "LoadedCatalog", profile: Path | None) -> "list[Person]":
    """Everyone in a profile or cohort file (credential ids resolved against this catalog)."""
    # Lazy: the profile models cost about 100 ms to import, and every dated command imports
    # this module for resolve_as_of, most of them without a profile.
    from certadvisor.profiles.load import load_profiles

    return load_profiles(profile, resolve=loaded.resolve) if profile else []


def resolve_as_of(
    flag: dt.date | dt.datetime | None, profile_as_of: dt.date | None = None
) -> dt.date:
    """The one rule for the evaluation date: --as-of, else the profile's as_of, else today."""
    if isinstance(flag, dt.datetime):
        return flag.date()
    if flag is not None:
        return flag
    return profile_as_of if profile_as_of is not None else dt.date.today()


def plan_flag_error(exc: "PlanInputError") -> UsageError:
    """The plan engine's input error restated with the flags that set the input."""
    if exc.field == "exam_date":
        return UsageError(exc.message, "Give an --exam-date in the future (or an earlier --start).")
    return UsageError(f"{_PLAN_FLAGS[exc.field]} {exc.value:g} is out of range", exc.hint)


def pick_person(people: "Sequence[Person]", name: str | None) -> "Person":
    """The one person of a profile file, or the one a cohort names (case-insensitive)."""
    if name is not None:
        wanted = name.strip().casefold()
        found = [p for p in people if p.label.casefold() == wanted]
        if len(found) == 1:
            return found[0]
        names = ", ".join(p.label for p in people)
        raise UsageError(
            f"{'no' if not found else 'more than one'} person named {name!r} in the profile file",
            f"People in it: {names}.",
        )
    if len(people) == 1:
        return people[0]
    names = ", ".join(p.label for p in people[:10]) + (", ..." if len(people) > 10 else "")
    raise UsageError(
        f"the profile file holds {len(people)} people; this command advises one",
        f"Pick one with --person NAME ({names}).",
    )


# Words people use for a training field, beyond the profile's own vocabulary.
_FIELD_ALIASES = {"medical_assistant": "medical_assisting", "pct": "patient_care"}
_AMBIGUOUS_FIELDS = {"laboratory", "lab", "clinical_laboratory", "medical_laboratory"}


def _field_key(word: str) -> str:
    key = word.strip().casefold().replace("-", "_").replace(" ", "_")
    return _FIELD_ALIASES.get(key, key)


def is_field_word(word: str) -> bool:
    """Whether a word (or comma list) names training fields: `--program`'s value, not a track."""
    from certadvisor.models.vocab import ProgramField

    known = {f.value for f in ProgramField} | _AMBIGUOUS_FIELDS
    parts = [_field_key(p) for p in word.split(",")]
    return bool(parts) and all(p in known for p in parts)


def is_military_word(word: str) -> bool:
    """Whether a word is `--military`'s FIELD[:DATE] value."""
    return is_field_word(word.split(":", 1)[0]) and "," not in word


def program_fields(values: Sequence[str], flag: str = "--program") -> "tuple[ProgramField, ...]":
    """The training fields a flag names (comma lists and repeats), each checked."""
    from certadvisor.models.vocab import ProgramField

    out: list[ProgramField] = []
    for value in values:
        for word in value.split(","):
            key = _field_key(word)
            if key in _AMBIGUOUS_FIELDS:
                raise UsageError(
                    f"{flag} {word}: a laboratory program is either mlt or mls",
                    f"Say {flag} mlt (technician) or {flag} mls (scientist).",
                )
            try:
                field = ProgramField(key)
            except ValueError:
                names = ", ".join(f.value for f in ProgramField)
                raise UsageError(
                    f"{flag} {word}: not a training field", f"Fields: {names}."
                ) from None
            if field not in out:
                out.append(field)
    return tuple(out)


def military_training(values: Sequence[str]) -> "tuple[ProgramField, dt.date | None]":
    """`--military FIELD[:DATE]` as the training's field and the day it ended (or ends)."""
    from certadvisor.dates import parse_bounded_day

    if len(values) > 1:
        raise UsageError(
            "--military takes one FIELD[:DATE]", "Give the one training that counts most."
        )
    field_part, _, day = values[0].partition(":")
    field = program_fields([field_part], "--military")[0]
    if not day:
        return field, None
    try:
        return field, parse_bounded_day(day)
    except ValueError as exc:
        raise UsageError(
            f"--military {values[0]}: {exc}", "Write the date as YYYY-MM-DD."
        ) from None


def duty_list(text: str) -> "tuple[Duty, ...]":
    """`--duties clinical,administrative` as duties of the profile's vocabulary."""
    from certadvisor.models.vocab import Duty

    out: list[Duty] = []
    for word in text.split(","):
        key = word.strip().casefold().replace("-", "_")
        if not key:
            continue
        try:
            out.append(Duty(key))
        except ValueError:
            names = ", ".join(d.value for d in Duty)
            raise UsageError(f"--duties {word.strip()}: not a duty", f"Duties: {names}.") from None
    if not out:
        raise UsageError("--duties is empty", "List duties, e.g. --duties clinical,administrative.")
    return tuple(dict.fromkeys(out))
