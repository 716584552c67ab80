"""A catalog file is read for its own sources only when it has a top-level `sources:` list."""

from pathlib import Path
from typing import Any

import pytest

from certadvisor.catalog import sources
from certadvisor.catalog.sources import may_list_sources, registry_for

FIXTURES = Path(__file__).parent / "fixtures"
# study_resources in every track, no top-level sources
STUDY_ONLY = FIXTURES / "guidance_catalog.yaml"
# a top-level sources list citing an essay site
OWN_SOURCES = FIXTURES / "provenance" / "essay_official.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the registry parsed as YAML, in order."""
    seen: list[str] = []
    real = sources.load_yaml

    def spy(raw: bytes, label: str) -> Any:
        seen.append(label)
        return real(raw, label)

    monkeypatch.setattr(sources, "load_yaml", spy)
    return seen


def test_a_catalog_with_study_resources_but_no_sources_is_not_parsed(parses: list[str]) -> None:
    assert b"study_resources:" in STUDY_ONLY.read_bytes()
    registry = registry_for([STUDY_ONLY])
    assert str(STUDY_ONLY) not in parses
    assert registry.by_id.keys() == registry_for([]).by_id.keys()


def test_a_catalogs_own_sources_are_parsed_once_then_kept(parses: list[str]) -> None:
    for _ in range(2):
        found = registry_for([OWN_SOURCES]).resolve("essay-site-cma")
        assert found is not None and found.publisher == "essays.example"
    assert parses.count(str(OWN_SOURCES)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"tracks:\n  - id: a\n    study_resources:\n      - {title: x}\n", False),
        (b"tracks: []\nmy_sources: []\n", False),
        (b"tracks:\n  - id: a\n    sources: []\n", False),
        (b"# own registry\nsources:\n  - id: x\n", True),
        (b"\xef\xbb\xbfsources: []\n", True),
        (b'"sources" : []\n', True),
        (b'{\n  "tracks": [],\n  "sources": []\n}\n', True),
    ],
)
def test_only_a_top_level_sources_key_counts(text: bytes, expected: bool) -> None:
    assert may_list_sources(text) is expected
