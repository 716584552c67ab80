"""A first reading of big catalog files is announced (a spinner on a terminal), once."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from certadvisor import catalog as catalog_module

GOOD = (Path(__file__).parent / "fixtures" / "compare_catalog.yaml").read_text()


def test_a_cache_miss_on_big_files_is_announced_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []

    @contextlib.contextmanager
    def notice(message: str) -> Iterator[None]:
        said.append(message)
        yield

    monkeypatch.setattr("certadvisor.catalog.loader.NOTICE_BYTES", 1)
    extra = tmp_path / "extra.yaml"
    extra.write_text(GOOD)
    first = catalog_module.load([extra], notice)
    assert len(said) == 1 and "catalog files" in said[0]
    again = catalog_module.load([extra], notice)  # served from the cache: nothing to say
    assert len(said) == 1
    assert first.all_ids == again.all_ids


def test_small_files_are_not_announced(tmp_path: Path) -> None:
    said: list[str] = []

    @contextlib.contextmanager
    def notice(message: str) -> Iterator[None]:
        said.append(message)
        yield

    catalog_module.load([], notice)
    assert said == []


def test_no_spinner_when_stderr_is_not_a_terminal(run: object, tmp_path: Path) -> None:
    r = run("tracks")  # type: ignore[operator]
    assert r.exit_code == 0
    assert r.stderr == ""
