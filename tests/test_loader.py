"""The catalog loader: each broken input named by file, line, record and field; a safe cache."""

import json
from pathlib import Path

import pytest

from certadvisor import catalog as catalog_module
from certadvisor.catalog.cache import CACHE_FORMAT
from certadvisor.errors import InvalidInputError, UnknownTrackError

GOOD = """\
tracks:
  - id: demo-track
    credential: Demo Credential
    abbreviation: DEMO (X)
    category: phlebotomy
    issuer: {name: Demo Body, abbreviation: DB}
    routes:
      - id: training
        name: Training route
        summary: a program
        source: https://example.org/routes
        confidence: official
        conditions:
          - {kind: education, min_level: high_school}
    fees:
      - {kind: exam, label: Exam fee, amount: 100, source: https://example.org/fees,
         confidence: official}
"""


def write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def load_error(path: Path) -> InvalidInputError:
    with pytest.raises(InvalidInputError) as info:
        catalog_module.load([path])
    return info.value


def test_extra_file_adds_a_track(tmp_path: Path) -> None:
    loaded = catalog_module.load([write(tmp_path, GOOD)])
    assert "demo-track" in loaded.ids
    assert loaded.track("DEMO").fees[0].amount == 100


def test_extra_file_replaces_a_track_with_the_same_id(tmp_path: Path) -> None:
    first = write(tmp_path, GOOD, "a.yaml")
    second = write(tmp_path, GOOD.replace("amount: 100", "amount: 150"), "b.yaml")
    loaded = catalog_module.load([first, second])
    assert loaded.ids.count("demo-track") == 1
    assert loaded.track("demo-track").fees[0].amount == 150


def test_env_variable_adds_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CERTADVISOR_DATA", str(write(tmp_path, GOOD)))
    assert "demo-track" in catalog_module.load().ids


def test_negative_fee_is_named_by_file_line_record_and_field(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, GOOD.replace("amount: 100", "amount: -1")))
    assert err.message.startswith(f"{tmp_path / 'extra.yaml'}:16:")
    assert "tracks[0].fees[0].amount: must be at least 0" in err.message


def test_misspelled_key_is_refused(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, GOOD.replace("    routes:", "    rutes:")))
    assert ":7:5: tracks[0].rutes: is not a known key" in err.message


def test_unknown_condition_kind_names_the_condition(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, GOOD.replace("kind: education", "kind: schooling")))
    assert "tracks[0].routes[0].conditions[0]" in err.message
    assert "'schooling'" in err.message


def test_bad_vocabulary_names_the_field(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, GOOD.replace("min_level: high_school", "min_level: college")))
    assert "tracks[0].routes[0].conditions[0].min_level: must be one of" in err.message


def test_missing_required_key(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, GOOD.replace("    credential: Demo Credential\n", "")))
    assert "tracks[0].credential: is required" in err.message


def test_every_error_is_listed(tmp_path: Path) -> None:
    text = GOOD.replace("amount: 100", "amount: -1").replace("category: phlebotomy", "category: x")
    err = load_error(write(tmp_path, text))
    assert len(err.details) == 2


def test_duplicate_track_ids_in_one_file(tmp_path: Path) -> None:
    body = GOOD.split("tracks:\n", 1)[1]
    err = load_error(write(tmp_path, "tracks:\n" + body + body))
    assert "track ids must be unique" in err.message and "demo-track" in err.message


def test_credential_condition_must_name_a_real_track(tmp_path: Path) -> None:
    text = GOOD.replace(
        "{kind: education, min_level: high_school}", "{kind: credential, any_of: [no-such-track]}"
    )
    err = load_error(write(tmp_path, text))
    assert "demo-track" in err.message and "'no-such-track' is not a track id" in err.message


def test_fee_naming_an_unknown_route(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, GOOD.replace("amount: 100,", "amount: 100, routes: [nope],")))
    assert "names unknown routes: nope" in err.message


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "tracks:\n  - id: x\n   bad: [\n"))
    assert err.message.startswith(f"{tmp_path / 'extra.yaml'}:3:")
    assert "YAML syntax error" in err.message


def test_not_a_catalog(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "- just\n- a list\n"))
    assert "not a catalog file" in err.message


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcde", "bcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("tracks: [*f]")
    err = load_error(write(tmp_path, "\n".join(lines) + "\n"))
    assert "aliases expand" in err.message


def test_oversized_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("certadvisor.catalog.reading.MAX_FILE_BYTES", 100)
    err = load_error(write(tmp_path, GOOD))
    assert "over the" in err.message and "limit" in err.message


def test_missing_file(tmp_path: Path) -> None:
    err = load_error(tmp_path / "nope.yaml")
    assert "no such file" in err.message


def test_python_tags_are_not_executed(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, "tracks: !!python/object/apply:os.system ['echo hi']\n"))
    assert "YAML" in err.message


def test_cache_is_reused_and_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    extra = write(tmp_path, GOOD)
    catalog_module.load([extra])
    cache_root = tmp_path / "home" / "cache" / "catalog"
    [folder] = [p for p in cache_root.iterdir() if p.is_dir()]
    # flip bytes of the cached tracks: the checksum no longer matches, so it is rebuilt
    blob = bytearray((folder / "tracks.bin").read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    (folder / "tracks.bin").write_bytes(bytes(blob))
    assert catalog_module.load([extra]).track("demo-track").fees[0].amount == 100
    (folder / "index.json").write_bytes(b"garbage")
    assert catalog_module.load([extra]).track("demo-track").fees[0].amount == 100
    head, payload = (folder / "index.json").read_bytes().split(b"\n", 1)
    assert json.loads(payload)["format"] == CACHE_FORMAT


def test_changed_file_is_not_served_from_a_stale_cache(tmp_path: Path) -> None:
    extra = write(tmp_path, GOOD)
    assert catalog_module.load([extra]).track("demo-track").fees[0].amount == 100
    extra.write_text(GOOD.replace("amount: 100", "amount: 120"))
    assert catalog_module.load([extra]).track("demo-track").fees[0].amount == 120


def test_unwritable_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where a folder should be")
    monkeypatch.setenv("CERTADVISOR_CACHE", str(blocker))
    assert "demo-track" in catalog_module.load([write(tmp_path, GOOD)]).ids


def test_unknown_id_names_the_closest(tmp_path: Path) -> None:
    loaded = catalog_module.load([write(tmp_path, GOOD)])
    with pytest.raises(UnknownTrackError) as info:
        loaded.resolve("demo-trak")
    assert "demo-track" in (info.value.hint or "")


def test_shared_alias_is_ambiguous(tmp_path: Path) -> None:
    two = GOOD + GOOD.split("tracks:\n", 1)[1].replace("demo-track", "other-track")
    loaded = catalog_module.load(
        [
            write(
                tmp_path,
                two.replace("abbreviation: DEMO (X)", "abbreviation: DEMO (X)\n    aliases: [DT]"),
            )
        ]
    )
    with pytest.raises(UnknownTrackError) as info:
        loaded.resolve("dt")
    assert "ambiguous" in info.value.message
    assert "demo-track" in info.value.message and "other-track" in info.value.message
    assert loaded.resolve("DEMO-TRACK") == "demo-track"
