"""The JSON Schemas: shipped in schemas/, equal to what `data schema` prints, true to the data.

check-jsonschema (a strict draft 2020-12 validator, run as a separate process as CI and an
editor would) checks the bundled catalog, the state rules and the examples against them.
"""

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
NAMES = ("tracks", "profile", "states")


def _check(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMAS / schema)]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _kind(path: Path) -> str | None:
    """Which schema a bundled data file follows, by its top-level list (None: no schema).

    wages.yaml keys pay by track and state in mappings: it is no catalog.
    """
    top = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next((k for k in ("tracks", "states") if isinstance(top.get(k), list)), None)


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schema_equals_what_the_tool_prints(run: Any, name: str) -> None:
    result = run("data", "schema", name)
    assert result.exit_code == 0
    shipped = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert result.stdout == shipped, "regenerate: certadvisor data schema NAME > schemas/..."


@pytest.mark.parametrize("name", NAMES)
def test_schema_has_no_openapi_only_keyword(name: str) -> None:
    text = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert '"discriminator"' not in text
    assert json.loads(text)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schemas_are_valid_draft_2020_12() -> None:
    files = [str(SCHEMAS / f"{n}.schema.json") for n in NAMES]
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("kind", ["tracks", "states"])
def test_bundled_data_validates(kind: str) -> None:
    files = [p for p in sorted((ROOT / "data").glob("*.yaml")) if _kind(p) == kind]
    assert files
    proc = _check(f"{kind}.schema.json", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_examples_validate_against_the_profile_schema() -> None:
    files = sorted((ROOT / "examples").glob("*.yaml"))
    assert files
    proc = _check("profile.schema.json", *files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_example_names_its_schema_for_the_editor() -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/profile.schema.json", path


@pytest.mark.parametrize("spelling", ["GED", "ged", " HSE ", "high_school"])
def test_profile_schema_takes_every_spelling_the_loader_takes(
    tmp_path: Path, run: Any, spelling: str
) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(f"education:\n  highest: '{spelling}'\n", encoding="utf-8")
    assert run("data", "validate", str(profile)).exit_code == 0
    proc = _check("profile.schema.json", profile)
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize(
    ("schema", "text", "complaint"),
    [
        ("profile.schema.json", "education:\n  highest: college\n", "college"),
        ("profile.schema.json", "nmae: Maria\n", "nmae"),
        ("tracks.schema.json", "tracks:\n  - id: x\n    colour: red\n", "colour"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(
    tmp_path: Path, schema: str, text: str, complaint: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    proc = _check(schema, bad)
    assert proc.returncode == 1
    assert complaint in proc.stdout


def test_a_bare_year_is_caught_by_the_tracks_schema(tmp_path: Path) -> None:
    # what 43 facts of the bundled catalog did before they were quoted
    text = (ROOT / "data" / "tracks.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "tracks.yaml"
    bad.write_text(text.replace('as_of: "2026"', "as_of: 2026", 1), encoding="utf-8")
    assert 'as_of: "2026"' in text
    proc = _check("tracks.schema.json", bad)
    assert proc.returncode == 1
    assert "is not of type 'string'" in proc.stdout
