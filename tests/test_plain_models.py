"""Warm runs without Pydantic: the same output, and validation still where inputs need it.

A warm command (catalog cache filled) runs on the plain stand-ins of `models.plain`; the
time saved is the user-visible part, these tests pin the mechanism and that nothing else
changes: every output is byte-identical to a run with Pydantic's models.
"""

import datetime as dt
import json
import shutil
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from pydantic_probe import run_probed

ROOT = Path(__file__).resolve().parent.parent
PROFILE = str(ROOT / "examples" / "receptionist-thinking-of-ma.yaml")
COHORT = str(ROOT / "examples" / "counselor-cohort.yaml")

# Runs the console script's entry and says on stderr, last, whether Pydantic was imported.

WARM_COMMANDS = [
    ["show", "cma-aama", "--format", "json"],
    ["show", "ccma-nha", "--state", "WA"],
    ["compare", "--format", "json"],
    ["compare", "--state", "CA", "--category", "phlebotomy", "--format", "markdown"],
    ["eligible", "--diploma", "--program", "--format", "json"],
    ["checklist", "cma-aama", "--format", "json"],
    ["plan", "cma-aama", "--exam-date", "2027-03-15", "--start", "2026-12-01", "--format", "json"],
    ["recommend", "--no-input", "--goal", "clinical", "--months", "12", "--format", "json"],
    ["tracks", "--format", "json"],
]


def _run(home: Path, *args: str, pydantic: bool = False) -> tuple[int, str, str, bool]:
    return run_probed(home, *args, pydantic=pydantic)


@pytest.fixture(scope="module")
def warm_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("warm") / "home"
    code, _, err, _ = _run(home, "show", "ccma-nha", "--state", "WA")  # fills every cache
    assert code == 0, err
    return home


def test_a_profile_is_validated_with_pydantic(warm_home: Path) -> None:
    code, out, err, loaded = _run(warm_home, "eligible", "--profile", COHORT, "--format", "csv")
    assert code == 3
    assert loaded
    assert out.count("name,track,status") == 1  # the header once: no restart after writing
    assert "profiles[4] (Kim)" in err


PROFILE_COMMANDS = [
    ["eligible", "-p", PROFILE],
    ["eligible", "--profile", PROFILE, "--format", "json"],
    ["report", "--profile", PROFILE, "--goal", "clinical", "--months", "12"],
    ["recommend", "--no-input", "--profile", PROFILE, "--goal", "clinical", "--format", "json"],
]


@pytest.mark.parametrize(
    "args", WARM_COMMANDS + PROFILE_COMMANDS, ids=lambda a: " ".join(a[:2] + a[-2:])
)
def test_a_warm_command_skips_pydantic_and_prints_the_same(
    warm_home: Path, args: list[str]
) -> None:
    """Also with a well-formed profile, which is read without Pydantic."""
    code, out, err, loaded = _run(warm_home, *args)
    assert code == 0, err
    assert not loaded
    assert (code, out, err) == _run(warm_home, *args, pydantic=True)[:3]


@pytest.mark.parametrize(
    ("old", "new"),
    [("fte: 1.0", 'fte: "1.0"'), ("state: OH", "state: Ohio"), ("fte: 1.0", "fte: 2")],
    ids=["quoted number", "bad state", "fte too high"],
)
def test_a_profile_in_doubt_is_validated_by_pydantic_as_before(
    warm_home: Path, tmp_path: Path, old: str, new: str
) -> None:
    doubtful = tmp_path / "doubtful.yaml"
    doubtful.write_text(Path(PROFILE).read_text().replace(old, new))
    args = ["eligible", "--profile", str(doubtful), "--format", "json"]
    code, out, err, loaded = _run(warm_home, *args)
    assert loaded
    assert (code, out, err) == _run(warm_home, *args, pydantic=True)[:3]
    assert code == (0 if "1.0" in new else 3)


def test_a_cache_miss_validates_and_answers_as_a_warm_run(tmp_path: Path) -> None:
    cold = _run(tmp_path / "home", "show", "cma-aama", "--format", "json")
    assert cold[0] == 0 and cold[3]
    warm = _run(tmp_path / "home", "show", "cma-aama", "--format", "json")
    assert warm[:3] == cold[:3] and not warm[3]
    assert json.loads(warm[1])["data"]["track"]["id"] == "cma-aama"


def test_state_rules_cached_no_more_are_validated_again(warm_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(warm_home, home)
    before = _run(home, "show", "ccma-nha", "--state", "WA")
    for kept in (home / "cache").rglob("states"):
        shutil.rmtree(kept)  # the catalog is warm, the state rules are not
    assert _run(home, "show", "ccma-nha", "--state", "WA")[:3] == before[:3]


def test_a_bad_catalog_is_one_line_and_exit_3(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tracks:\n  - id: x\n    nonsense: 1\n")
    env_home = tmp_path / "home"
    code, out, err, _ = _run(env_home, "--data", str(bad), "show", "cma-aama")
    assert code == 3
    assert out == ""
    assert err.strip().startswith("bad.yaml") or str(bad) in err
    assert "Traceback" not in err


def test_data_validate_still_validates(warm_home: Path) -> None:
    code, out, err, loaded = _run(warm_home, "data", "validate", "data/tracks.yaml")
    assert code == 0, err
    assert loaded


# The stand-ins against Pydantic itself: the same declarations on either base dump alike.


class _Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


def _declare(base: type, field: Any) -> dict[str, type]:
    """The same small family of models on ``base`` (Pydantic's or the plain one)."""

    class Part(base):  # type: ignore[valid-type,misc]
        model_config = {"extra": "forbid", "frozen": True}
        name: str
        note: str | None = None

    class Labelled(Part):
        label: str = "x"

    class Whole(base):  # type: ignore[valid-type,misc]
        model_config = {"extra": "forbid", "frozen": True}
        hours: float
        maybe_hours: float | None = None
        colour: _Colour
        part: Part
        parts: list[Part] = field(default_factory=list)
        pair: tuple[int, ...] = ()
        rates: dict[str, float] = field(default_factory=dict)
        day: dt.date | None = None
        hidden: str = field(default="secret", exclude=True)
        _kept: int | None = None

    return {"Part": Part, "Labelled": Labelled, "Whole": Whole}


def _families() -> tuple[dict[str, type], dict[str, type]]:
    import pydantic

    from certadvisor.models import plain

    real = _declare(pydantic.BaseModel, pydantic.Field)
    stand_in = _declare(plain.BaseModel, plain.Field)
    return real, stand_in


def _whole(family: dict[str, type]) -> Any:
    return family["Whole"](
        hours=3,
        colour="blue",
        part=family["Labelled"](name="a", label="b"),
        parts=[{"name": "b", "note": "n"}],
        pair=[1, 2],
        rates={"k": 1},
        day=dt.date(2026, 12, 1),
    )


def test_the_stand_ins_build_and_dump_as_pydantic_does() -> None:
    real, stand_in = _families()
    a, b = _whole(real), _whole(stand_in)
    for kwargs in ({}, {"mode": "json"}, {"mode": "json", "exclude": {"part"}}):
        assert b.model_dump(**kwargs) == a.model_dump(**kwargs)
    assert json.dumps(b.model_dump(mode="json")) == json.dumps(a.model_dump(mode="json"))
    assert b.model_dump(include={"hours", "colour"}) == a.model_dump(include={"hours", "colour"})
    assert type(b.hours) is float and b.colour is _Colour.BLUE and type(b.pair) is tuple
    made = stand_in["Whole"].model_construct(hours=2, colour=_Colour.RED, part=b.part)
    real_made = real["Whole"].model_construct(hours=2, colour=_Colour.RED, part=a.part)
    assert made.model_dump(mode="json") == real_made.model_dump(mode="json")
    copied = b.model_copy(update={"hours": 5.0})
    assert copied.hours == 5.0 and copied.part is b.part and b.hours == 3.0
    assert copied != b and b == _whole(stand_in) and hash(b.part) == hash(_whole(stand_in).part)
    with pytest.raises(TypeError):
        b.hours = 1.0  # frozen


def test_the_stand_ins_read_what_pydantic_pickled() -> None:
    import io
    import pickle

    real, stand_in = _families()
    for name, cls in real.items():  # findable by pickle, under a name of this module
        cls.__qualname__ = f"_Pydantic{name}"
        globals()[cls.__qualname__] = cls

    class _AsStandIns(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if name.startswith("_Pydantic"):
                return stand_in[name.removeprefix("_Pydantic")]
            return super().find_class(module, name)

    original = _whole(real)
    original._kept = 4  # a private attribute, as a condition keeps its other reading
    read = _AsStandIns(io.BytesIO(pickle.dumps(original, protocol=5))).load()
    assert type(read) is stand_in["Whole"] and type(read.part) is stand_in["Labelled"]
    assert read.model_dump(mode="json") == original.model_dump(mode="json")
    assert read._kept == 4
