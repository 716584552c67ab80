"""A profile read without Pydantic: it either defers to Pydantic or gives exactly its result.

`profiles.well_formed` vouches for plainly well-formed profiles so that a warm `eligible
--profile` or `report` skips Pydantic; a person sees the same output only if every profile
it accepts builds the very objects Pydantic's validation builds, and if it defers on every
profile Pydantic refuses (so the error messages stay Pydantic's).
"""

import datetime as dt
import math
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from certadvisor.models import profile as models
from certadvisor.models.vocab import (
    Accreditation,
    Duty,
    EducationLevel,
    ExperienceField,
    Procedure,
    ProgramField,
)
from certadvisor.profiles import vouch, well_formed
from certadvisor.profiles.well_formed import build_profile, profile_values

ROOT = Path(__file__).resolve().parent.parent
SINGLE_EXAMPLES = sorted(
    p for p in (ROOT / "examples").glob("*.yaml") if "profiles:" not in p.read_text()
)


def test_the_reader_knows_exactly_the_keys_the_models_declare() -> None:
    pairs = [
        (well_formed.PROFILE_KEYS, models.Profile),
        (well_formed.EDUCATION_KEYS, models.Education),
        (well_formed.PROGRAM_KEYS, models.Program),
        (well_formed.JOB_KEYS, models.Job),
        (well_formed.CREDENTIAL_KEYS, models.HeldCredential),
        (well_formed.EXAM_KEYS, models.PassedExam),
    ]
    for keys, model in pairs:
        assert keys == set(model.model_fields), model.__name__


def _same(built: Any, validated: Any) -> None:
    """Equal values of equal types all the way down, and the same keys given at each level."""
    assert type(built) is type(validated)
    if isinstance(validated, BaseModel):
        assert built.model_fields_set == validated.model_fields_set
        for name in type(validated).model_fields:
            _same(getattr(built, name), getattr(validated, name))
    elif isinstance(validated, list):
        assert len(built) == len(validated)
        for a, b in zip(built, validated, strict=True):
            _same(a, b)
    elif isinstance(validated, dict):
        assert list(built) == list(validated)
        for key in validated:
            assert type(key) is type(next(k for k in built if k == key))
            _same(built[key], validated[key])
    else:
        assert built == validated


def _check(item: Any) -> bool:
    """Defers, or gives what Pydantic gives; True when it vouched."""
    values = profile_values(item)
    try:
        validated = models.Profile.model_validate(item)
    except ValidationError:
        assert values is None, f"vouched for a profile Pydantic refuses: {item!r}"
        return False
    if values is None:
        return False
    built = build_profile(values)
    _same(built, validated)
    assert built == validated
    assert built.model_dump(mode="json") == validated.model_dump(mode="json")
    return True


# Values as a YAML file gives them (dates as text) and the tricky neighbours of each.
_days = st.dates(dt.date(1890, 1, 1), dt.date(2110, 12, 31))
_day_texts = st.one_of(
    _days.map(dt.date.isoformat),
    st.from_regex(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,3}", fullmatch=True),
    st.sampled_from(["2024-02-30", "2023-02-29", "2024-02-29", "2024-13-01", "2024-05-06\n"]),
)
_odd = st.sampled_from(
    [None, True, False, 0, 1, -1, 1.5, "1", "", " ", "yes", [], {}, dt.datetime(2024, 5, 6)]
)
_numbers = st.one_of(
    st.integers(-5, 150_000),
    st.floats(-5, 150_000),
    st.sampled_from([math.nan, math.inf, -math.inf]),
    st.sampled_from([0, 0.0, -0.0, 100_000, 100_000.0, 100_000.5, 1.5, 1.50001, 1_000_000]),
    st.booleans(),
    st.sampled_from(["8", "8.0"]),
)
_texts = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["Dana", "  Dana  ", "a\nb", "x" * 100, "x" * 101, " " * 3, "ß", "ﬀ"]
)


def _day() -> st.SearchStrategy[Any]:
    return st.one_of(_day_texts, _days, _odd)


def _word(values: list[str]) -> st.SearchStrategy[Any]:
    spelled = st.sampled_from(values)
    return st.one_of(
        spelled,
        spelled,
        spelled.map(str.upper),
        spelled.map(lambda v: f" {v}"),
        st.sampled_from(["GED", " ged ", "Hse", "other"]),
        _odd,
    )


def _list(item: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(item, max_size=3), _odd)


def _record(fields: dict[str, st.SearchStrategy[Any]], required: tuple[str, ...] = ()):
    optional = {k: v for k, v in fields.items() if k not in required}
    base = st.fixed_dictionaries(
        {k: fields[k] for k in required}, optional={**optional, "extra": st.just(1)}
    )
    return st.one_of(base, base, _odd)


def _values(enum: type) -> list[str]:
    return [m.value for m in enum]


_education = _record(
    {
        "highest": _word(_values(EducationLevel)),
        "semester_hours": st.one_of(st.dictionaries(_texts, _numbers, max_size=3), _odd),
        "total_semester_hours": _numbers,
    }
)
_program = _record(
    {
        "field": _word(_values(ProgramField)),
        "accreditation": _list(_word(_values(Accreditation))),
        "completed": _day(),
        "contact_hours": _numbers,
        "practicum_hours": _numbers,
        "didactic_hours": _numbers,
        "state_approved": _list(st.sampled_from(["CA", "ca", "C", "CAL", "ÇA", 1])),
    },
    ("field",),
)
_job = _record(
    {
        "field": _word(_values(ExperienceField)),
        "started": _day(),
        "ended": _day(),
        "fte": _numbers,
        "duties": _list(_word(_values(Duty))),
    },
    ("field", "started"),
)
_credential = _record({"id": _texts, "earned": _day()}, ("id",))
_exam = _record({"id": _texts, "passed": _day()}, ("id",))
_profiles = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(_texts, _odd),
        "as_of": _day(),
        "state": st.one_of(st.sampled_from(["OH", "oh", "Oh", "O", "OHI", "ß", "ÖH"]), _odd),
        "birth_date": _day(),
        "education": _education,
        "programs": _list(_program),
        "experience": _list(_job),
        "procedures": st.one_of(
            st.dictionaries(
                st.sampled_from([*_values(Procedure), "VENIPUNCTURES", "other"]),
                st.one_of(st.integers(-2, 1_000_002), _odd),
                max_size=3,
            ),
            _odd,
        ),
        "credentials": _list(_credential),
        "exams": _list(_exam),
        "military": st.one_of(st.booleans(), _odd),
        "nickname": st.just("x"),
    },
)


@settings(max_examples=400, deadline=None)
@given(_profiles)
def test_a_generated_profile_is_deferred_or_read_as_pydantic_reads_it(item: Any) -> None:
    _check(item)


# Profiles whose every value is plainly well-formed: each must be vouched for.
_good_day = _days.filter(lambda d: 1900 <= d.year <= 2100).map(dt.date.isoformat)
_good_hours = st.one_of(st.integers(0, 100_000), st.floats(0, 100_000))
_good_text = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=20)
_good_profiles = st.fixed_dictionaries(
    {},
    optional={
        "name": _good_text,
        "as_of": _good_day,
        "state": st.sampled_from(["OH", "wa", "Ca"]),
        "birth_date": _good_day,
        "education": st.fixed_dictionaries(
            {},
            optional={
                "highest": st.sampled_from([*_values(EducationLevel), "GED", "hse"]),
                "semester_hours": st.dictionaries(_good_text, _good_hours, max_size=2),
                "total_semester_hours": _good_hours,
            },
        ),
        "programs": st.lists(
            st.fixed_dictionaries(
                {"field": st.sampled_from(_values(ProgramField))},
                optional={
                    "accreditation": st.lists(st.sampled_from(_values(Accreditation))),
                    "completed": st.one_of(_good_day, st.none()),
                    "contact_hours": _good_hours,
                    "state_approved": st.lists(st.sampled_from(["CA", "WA"])),
                },
            ),
            max_size=2,
        ),
        "experience": st.lists(
            st.fixed_dictionaries(
                {
                    "field": st.sampled_from(_values(ExperienceField)),
                    "started": st.just("2020-01-01"),
                },
                optional={
                    "ended": st.one_of(_good_day.filter(lambda d: d >= "2020-01-01"), st.none()),
                    "fte": st.floats(0.01, 1.5),
                    "duties": st.lists(st.sampled_from(_values(Duty))),
                },
            ),
            max_size=2,
        ),
        "procedures": st.dictionaries(
            st.sampled_from(_values(Procedure)), st.integers(0, 1_000_000), max_size=3
        ),
        "credentials": st.lists(
            st.fixed_dictionaries({"id": _good_text}, optional={"earned": _good_day}), max_size=2
        ),
        "exams": st.lists(st.fixed_dictionaries({"id": _good_text}), max_size=2),
        "military": st.booleans(),
    },
)


@settings(max_examples=200, deadline=None)
@given(_good_profiles)
def test_a_plainly_well_formed_profile_is_read_without_pydantic(item: Any) -> None:
    assert _check(item), item


@pytest.mark.parametrize("path", SINGLE_EXAMPLES, ids=lambda p: p.name)
def test_every_example_profile_is_vouched_for(path: Path) -> None:
    assert vouch.vouch(path)
    kept = vouch.taken(path)
    assert kept is not None and kept[0] == path.read_bytes()
    assert vouch.taken(path) is None  # handed over once
    assert _check(kept[1])


def test_a_file_in_doubt_is_left_to_pydantic(tmp_path: Path) -> None:
    good = (ROOT / "examples" / "receptionist-thinking-of-ma.yaml").read_text()
    cases = {
        "quoted.yaml": good.replace("fte: 1.0", 'fte: "1.0"'),
        "bad.yaml": good.replace("state: OH", "state: Ohio"),
        "broken.yaml": good + "\n  : [",
        "list.yaml": "- name: x\n",
        "cohort.yaml": "profiles:\n  - name: a\n  - name: b\n    fte: 1\n",
        "empty-cohort.yaml": "profiles: []\n",
        "rows.csv": "name\nDana\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        assert not vouch.vouch(path), name
        assert vouch.taken(path) is None
    assert not vouch.vouch(tmp_path / "missing.yaml")
    cohort = tmp_path / "fine-cohort.yaml"
    cohort.write_text("profiles:\n  - name: a\n  - name: b\n    military: true\n")
    assert vouch.vouch(cohort)
    assert vouch.taken(cohort) is not None


def test_a_big_cohort_is_left_to_pydantic_which_validates_it_faster(tmp_path: Path) -> None:
    person = "  - name: p{i}\n    military: true\n"
    cohort = tmp_path / "class.yaml"
    count = vouch.VOUCH_MAX_BYTES // len(person.format(i=0)) + 10
    cohort.write_text("profiles:\n" + "".join(person.format(i=i) for i in range(count)))
    assert cohort.stat().st_size > vouch.VOUCH_MAX_BYTES
    assert not vouch.vouch(cohort)
    assert vouch.taken(cohort) is None


def test_a_pipe_is_never_read_ahead(tmp_path: Path) -> None:
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    assert not vouch.vouch(fifo)  # returns at once: a read would block, and consume it


def _base() -> dict[str, Any]:
    return {
        "name": "Dana",
        "state": "OH",
        "birth_date": "1996-08-14",
        "education": {"highest": "high_school", "semester_hours": {"biology": 8}},
        "programs": [{"field": "phlebotomy", "accreditation": ["NAACLS"], "contact_hours": 90}],
        "experience": [{"field": "medical_assisting", "started": "2024-05-06", "fte": 1.0}],
        "procedures": {"venipunctures": 25},
        "credentials": [{"id": "cma-aama", "earned": "2021-06-01"}],
        "exams": [{"id": "cpt-nha"}],
        "military": False,
    }


# One value at a time at the edge of what the models accept (path, value).
_EDGES: list[tuple[tuple[Any, ...], Any]] = [
    *[(("experience", 0, "fte"), v) for v in (0, 0.0, -0.0, 1e-9, 1, 1.5, 1.5000001, 2, True)],
    *[(("experience", 0, "ended"), v) for v in ("2024-05-05", "2024-05-06", None, "2100-12-31")],
    *[(("experience", 0, "started"), v) for v in ("1899-12-31", "1900-01-01", "2101-01-01")],
    *[(("programs", 0, "contact_hours"), v) for v in (-1, 0, 100_000, 100_000.0, 100_001, False)],
    *[(("procedures", "venipunctures"), v) for v in (-1, 0, 1_000_000, 1_000_001, 25.0, True)],
    *[(("credentials", 0, "id"), v) for v in ("", "x", "x" * 100, "x" * 101, " ", 5)],
    *[(("exams", 0, "id"), v) for v in ("", "x", "x" * 500)],
    *[(("education", "highest"), v) for v in ("GED", " hse ", "Ged\t", "gedx", "High_school")],
    *[(("education", "semester_hours"), v) for v in ({" bio ": 1}, {"": 1}, {"x" * 61: 1})],
    *[(("name",), v) for v in ("", " ", " Dana ", "x" * 100, "x" * 101, "a\nb", "a\tb", 7)],
    *[(("state",), v) for v in ("oh", "OH ", "ß", "O", "OHI", "\u0131\u0131")],
    *[(("birth_date",), v) for v in ("1996-8-14", "1996-02-29", "1996-02-30", "19960814")],
    *[(("programs", 0, "state_approved"), v) for v in (["CA"], ["ca"], ["CA", "WA"], [])],
    *[(("military",), v) for v in (True, None, 0, "false")],
]


@pytest.mark.parametrize(("path", "value"), _EDGES, ids=lambda x: repr(x)[:30])
def test_a_value_at_the_edge_is_deferred_or_read_as_pydantic_reads_it(
    path: tuple[Any, ...], value: Any
) -> None:
    item = _base()
    assert _check(item)
    at: Any = item
    for step in path[:-1]:
        at = at[step]
    at[path[-1]] = value
    _check(item)
