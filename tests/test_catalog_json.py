"""JSON catalog files are read beside YAML ones: the same schema, limits and messages."""

import json
from pathlib import Path
from typing import Any

import yaml

from certadvisor.paths import bundled_data_dir


def _json_track(folder: Path, new_id: str) -> Path:
    bundled = yaml.safe_load((bundled_data_dir() / "tracks.yaml").read_text())["tracks"][0]
    track = {**bundled, "id": new_id, "aliases": []}
    path = folder / "bulk.json"
    path.write_text(json.dumps({"tracks": [track]}, default=str))
    return path


def test_a_json_catalog_file_adds_its_tracks(run: Any, tmp_path: Path) -> None:
    path = _json_track(tmp_path, "bulk-cma")
    r = run("--data", str(path), "tracks", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert "bulk-cma" in [t["id"] for t in r.json()["data"]["tracks"]]


def test_a_folder_gives_its_json_files_too(run: Any, tmp_path: Path) -> None:
    _json_track(tmp_path, "bulk-cma")
    r = run("--data", str(tmp_path), "show", "bulk-cma", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert r.json()["data"]["track"]["id"] == "bulk-cma"


def test_a_bad_json_catalog_names_file_line_and_field(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"tracks": [\n {"id": "x-y", "credential": 5}]}')
    r = run("--data", str(path), "tracks")
    assert r.exit_code != 0
    assert f"{path}:2:" in r.stderr and "tracks[0].credential: must be text" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_repeated_key_in_a_json_catalog_is_refused(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"tracks": [{"id": "x", "id": "y"}]}')
    r = run("--data", str(path), "tracks")
    assert r.exit_code != 0
    assert "appears twice" in r.stderr
