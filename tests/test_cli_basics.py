"""The command line as a user meets it: help, version, formats, exit codes, plain output."""

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from certadvisor import __version__
from certadvisor.cli.app import app

ROOT = Path(__file__).parent.parent

CONTRACT_IDS = (
    "cma-aama rma-amt ccma-nha ncma-ncct mlt-ascp mls-ascp "
    "cpt-nha pbt-ascp rpt-amt ncpt-ncct cpcta-nha cet-nha"
).split()


def _all_command_paths() -> list[list[str]]:
    root = get_command(app)
    paths: list[list[str]] = []

    def walk(cmd: Any, prefix: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


@pytest.mark.parametrize("path", _all_command_paths(), ids=lambda p: " ".join(p))
def test_every_command_has_help_with_an_example(run: Any, path: list[str]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage:" in result.stdout
    cmd = get_command(app)
    for name in path:
        cmd = cmd.commands[name]  # type: ignore[attr-defined]
    if not hasattr(cmd, "commands"):
        assert "Example:" in (cmd.help or ""), f"{' '.join(path)} has no example in its help"


def test_version(run: Any) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"certadvisor {__version__}"


def test_unknown_flag_is_a_usage_error(run: Any) -> None:
    result = run("tracks", "--bogus")
    assert result.exit_code == 2
    assert "--bogus" in result.stderr
    assert result.stdout == ""


def test_tracks_lists_all_contract_ids(run: Any) -> None:
    result = run("tracks", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = result.json()
    assert set(doc) == {"schema_version", "command", "data_as_of", "data"}
    assert doc["schema_version"] == 1 and doc["command"] == "tracks"
    assert [t["id"] for t in doc["data"]["tracks"]] == CONTRACT_IDS


def test_tracks_filters(run: Any) -> None:
    result = run("tracks", "--category", "phlebotomy", "--format", "json")
    ids = [t["id"] for t in result.json()["data"]["tracks"]]
    assert sorted(ids) == ["cpt-nha", "ncpt-ncct", "pbt-ascp", "rpt-amt"]
    result = run("tracks", "--issuer", "ascp", "--format", "json")
    assert [t["id"] for t in result.json()["data"]["tracks"]] == [
        "mlt-ascp",
        "mls-ascp",
        "pbt-ascp",
    ]
    result = run("tracks", "--query", "laboratory scientist", "--format", "json")
    assert [t["id"] for t in result.json()["data"]["tracks"]] == ["mls-ascp"]


def test_tracks_unknown_category_is_a_usage_error(run: Any) -> None:
    result = run("tracks", "--category", "nursing")
    assert result.exit_code == 2
    assert "unknown category 'nursing'" in result.stderr


def test_tracks_table_is_plain_without_colour(run: Any) -> None:
    result = run("--no-color", "tracks")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    for track_id in CONTRACT_IDS:
        assert track_id in result.stdout


def test_tracks_csv(run: Any) -> None:
    result = run("tracks", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == CONTRACT_IDS
    assert {"id", "credential", "abbreviation", "issuer", "category", "routes"} <= set(rows[0])


def test_output_file_infers_format_and_is_announced(run: Any, tmp_path: Path) -> None:
    target = tmp_path / "tracks.json"
    result = run("tracks", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"saved to {target}" in result.stderr
    assert json.loads(target.read_text())["command"] == "tracks"


def test_output_to_missing_folder_is_a_clear_error(run: Any, tmp_path: Path) -> None:
    result = run("tracks", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_resolves_abbreviations_case_insensitively(run: Any) -> None:
    for query in ("cma-aama", "CMA-AAMA", "CMA", "cma"):
        result = run("show", query, "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert result.json()["data"]["track"]["id"] == "cma-aama"


def test_show_ambiguous_abbreviation_lists_candidates(run: Any) -> None:
    result = run("show", "CPT")
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr
    assert "cpt-nha" in result.stderr and "pbt-ascp" in result.stderr


def test_show_unknown_track_names_closest(run: Any) -> None:
    result = run("show", "cma-amaa")
    assert result.exit_code == 1
    assert "unknown track 'cma-amaa'" in result.stderr
    assert "cma-aama" in result.stderr
    assert result.stdout == ""


def test_show_csv_is_refused(run: Any) -> None:
    result = run("show", "cma-aama", "--format", "csv")
    assert result.exit_code == 2
    assert "'csv' is not one of 'table', 'json', 'markdown'" in result.stderr


def test_show_marks_every_figure_and_lists_sources(run: Any) -> None:
    result = run("show", "cma-aama")
    assert result.exit_code == 0
    assert "Sources" in result.stdout
    # publisher and title, then the address on its own line
    assert re.search(r"^\[1\] AAMA", result.stdout, re.M)
    assert re.search(r"^    https://", result.stdout, re.M)
    assert "● official" in result.stdout  # the legend of markers


def test_bad_catalog_exits_3_without_traceback(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tracks:\n  - id: Bad Id\n")
    result = run("--data", str(bad), "tracks")
    assert result.exit_code == 3
    assert f"{bad}:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_data_validate_good_and_bad(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("tracks:\n  - id: demo\n    credential: 5\n")
    result = run("data", "validate", str(bad))
    assert result.exit_code == 3
    assert "tracks[0]" in result.stderr


@pytest.mark.parametrize("name", ["tracks", "profile", "states"])
def test_data_schema_is_json_schema(run: Any, name: str) -> None:
    result = run("data", "schema", name)
    assert result.exit_code == 0
    schema = result.json()
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "$defs" in schema


def test_data_schema_tracks_forbids_unknown_keys(run: Any) -> None:
    schema = run("data", "schema", "tracks").json()
    assert schema["$defs"]["Track"]["additionalProperties"] is False


def test_data_sources_lists_unverified_first(run: Any) -> None:
    result = run("data", "sources", "--format", "json")
    assert result.exit_code == 0
    facts = result.json()["data"]["facts"]
    statuses = [f["status"] for f in facts]
    order = {"unverified": 0, "stale": 1, "undated": 2, "current": 3}
    assert statuses == sorted(statuses, key=order.__getitem__)
    assert all(f["source"].startswith("http") and f["source_id"] for f in facts)
    assert {f["confidence"] for f in facts} <= {"official", "government", "secondary", "unverified"}


def test_data_sources_stale_after_changes_the_count(run: Any) -> None:
    loose = run("data", "sources", "--stale-after", "100000", "--format", "json").json()["data"]
    strict = run("data", "sources", "--stale-after", "0", "--format", "json").json()["data"]
    assert loose["counts"]["stale"] == 0
    assert strict["counts"]["stale"] > 0


def test_data_path(run: Any, isolated: Path) -> None:
    result = run("data", "path")
    assert result.exit_code == 0
    assert str(isolated) in result.stdout
    assert "tracks.yaml" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["tracks", "--bogus"],
        ["--bogus"],
        ["eligible", "--format", "xml"],
        ["eligible", "--as-of", "2026-02-30", "--diploma"],
        ["data", "schema", "foo"],
        ["show"],
    ],
)
def test_usage_errors_are_one_or_two_plain_lines(run: Any, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2, result.stderr
    assert lines[0].startswith("Error: ")
    assert "╭" not in result.stderr and "Traceback" not in result.stderr


def test_output_to_a_folder_is_a_usage_error(run: Any, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("tracks", "-o", str(folder))
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    assert list(folder.iterdir()) == [] and list(tmp_path.glob(".out.*")) == []


def test_unknown_id_with_nothing_alike_still_names_ids(run: Any) -> None:
    result = run("show", "xyz")
    assert result.exit_code == 1
    assert "Did you mean" in result.stderr
    named = result.stderr.split("Did you mean", 1)[1]
    assert any(track_id in named for track_id in CONTRACT_IDS)


def test_impossible_catalog_date_is_named_by_field(run: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("as_of: 2026-02-30\ntracks: []\n")
    result = run("data", "validate", str(bad))
    assert result.exit_code == 3
    assert f"{bad}:1:1: as_of:" in result.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            "amount_unstated: true\n            min_months: 12",
            "amount_unstated takes no min_months",
        ),
        ("amount_unstated: false", "give min_months or min_hours"),
    ],
)
def test_an_unstated_experience_amount_is_explicit(
    run: Any, tmp_path: Path, change: str, message: str
) -> None:
    """An amount nobody gives is said as such, never mixed with a guessed one or left out."""
    text = (ROOT / "data" / "tracks.yaml").read_text()
    assert text.count("amount_unstated: true") == 1
    bad = tmp_path / "tracks.yaml"
    bad.write_text(text.replace("amount_unstated: true", change))
    result = run("data", "validate", str(bad))
    assert result.exit_code == 3, result.stdout
    assert message in result.stderr and "experience" in result.stderr
    assert "Traceback" not in result.stderr
