"""The source registry: confidence is earned by the publisher, sources are named, ages are real."""

from pathlib import Path
from typing import Any

import pytest

from certadvisor.catalog.sources import (
    bundled_registry,
    confidence_problems,
    describe,
    kind_of,
    registry_from,
)
from certadvisor.catalog.yaml_io import load_yaml
from certadvisor.models.common import Confidence
from certadvisor.models.sources import PublisherKind, Source, allows

FIXTURES = Path(__file__).parent / "fixtures" / "provenance"
OFFICIAL_KINDS = {"certifying_body"}
GOVERNMENT_KINDS = {"government"}


def test_an_essay_site_official_fact_is_refused_naming_file_line_and_source(run: Any) -> None:
    path = FIXTURES / "essay_official.yaml"
    r = run("data", "validate", str(path))
    assert r.exit_code == 3
    assert r.stdout == ""
    first = r.stderr.splitlines()[0]
    assert f"{path}:19:" in first
    assert "tracks[0].routes[0]" in first
    assert "essay-site-cma (content_site)" in first
    assert "at most unverified" in first


def test_loading_a_catalog_with_an_unearned_confidence_fails_too(run: Any) -> None:
    r = run("--data", str(FIXTURES / "essay_official.yaml"), "tracks")
    assert r.exit_code == 3
    assert "confidence official is higher than source essay-site-cma" in r.stderr


def test_a_copy_of_an_official_document_is_official_when_the_registry_names_it(run: Any) -> None:
    r = run("data", "validate", str(FIXTURES / "copy_official.yaml"))
    assert r.exit_code == 0, r.stderr
    assert "valid catalog, 1 track" in r.stdout


def test_a_bare_url_on_a_copy_host_is_a_content_site(tmp_path: Path) -> None:
    text = (FIXTURES / "copy_official.yaml").read_text()
    text = text.replace(
        "source: https://copies.example/another-page, confidence: unverified",
        "source: https://copies.example/another-page, confidence: official",
    )
    raw = text.encode()
    data = load_yaml(raw, "x.yaml")
    reg = bundled_registry().extended(
        [Source.model_validate(s) for s in data["sources"]]  # the file's own registry
    )
    problems = confidence_problems(data, raw, "x.yaml", reg)
    assert len(problems) == 1
    assert problems[0].startswith("x.yaml:28:")
    assert "(content_site) allows (at most unverified)" in problems[0]


def test_an_unknown_source_id_is_refused(tmp_path: Path, run: Any) -> None:
    text = (
        (FIXTURES / "copy_official.yaml")
        .read_text()
        .replace("source: px-handbook, confidence", "source: px-no-such-source, confidence")
    )
    path = tmp_path / "cat.yaml"
    path.write_text(text)
    r = run("data", "validate", str(path))
    assert r.exit_code == 3
    assert "source 'px-no-such-source' is not in the registry" in r.stderr


@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        (PublisherKind.CERTIFYING_BODY, {"official", "secondary", "unverified"}),
        (PublisherKind.GOVERNMENT, {"government", "secondary", "unverified"}),
        (PublisherKind.SCHOOL, {"secondary", "unverified"}),
        (PublisherKind.ACCREDITOR, {"secondary", "unverified"}),
        (PublisherKind.EMPLOYER_OR_JOB_SITE, {"secondary", "unverified"}),
        (PublisherKind.ASSOCIATION, {"secondary", "unverified"}),
        (PublisherKind.PREP_VENDOR, {"unverified"}),
        (PublisherKind.CONTENT_SITE, {"unverified"}),
        (PublisherKind.FORUM, {"unverified"}),
    ],
)
def test_each_publisher_kind_caps_confidence(kind: PublisherKind, allowed: set[str]) -> None:
    assert {c.value for c in Confidence if allows(kind, c)} == allowed


def test_a_copy_is_named_by_publisher_title_and_date_then_the_copy_host() -> None:
    src = Source.model_validate(
        {
            "id": "nha-handbook",
            "publisher": "NHA",
            "publisher_kind": "certifying_body",
            "title": "Candidate Handbook",
            "published": "2015-10",
            "read_at": "https://docplayer.net/11863685-candidate-handbook.html",
            "read_on": "2026-11-26",
        }
    )
    lab = describe("nha-handbook", registry_from([src]))
    assert lab is not None
    assert lab.plain == "NHA, Candidate Handbook (2015-10), read in a copy at docplayer.net"
    assert lab.markdown == "NHA, *Candidate Handbook* (2015-10), read in a copy at docplayer.net"
    assert lab.url == "https://docplayer.net/11863685-candidate-handbook.html"
    # the same document cited by its copy's address resolves to the same source
    assert describe(src.read_at or "", registry_from([src])) == lab


def test_an_unregistered_url_is_shown_as_it_is(run: Any) -> None:
    assert describe("https://www.example.org/page", registry_from([])) is None
    assert kind_of("https://www.example.org/page", registry_from([])) is None
    r = run("--data", str(FIXTURES / "copy_official.yaml"), "show", "px-copy")
    assert r.exit_code == 0, r.stderr
    assert "https://copies.example/another-page (undated)" in r.stdout
    assert "Fixture Board, Candidate Handbook (2015-10), read in a copy at" in r.stdout


def test_a_source_needs_somewhere_it_was_read() -> None:
    with pytest.raises(ValueError, match="url, a read_at"):
        Source.model_validate(
            {
                "id": "x",
                "publisher": "X",
                "publisher_kind": "school",
                "title": "T",
                "read_on": "2026-11-30",
            }
        )


def test_the_registry_refuses_unknown_keys_and_kinds(tmp_path: Path, run: Any) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(
        "sources:\n"
        "  - id: a\n    publisher: A\n    publisher_kind: blog\n    title: T\n"
        "    url: https://a.example\n    read_on: 2026-11-30\n    authour: me\n"
    )
    r = run("data", "validate", str(path))
    assert r.exit_code == 3
    assert f"{path}:4:" in r.stderr and "publisher_kind" in r.stderr
    assert "authour: is not a known key" in r.stderr


def _facts(run: Any, *args: str) -> list[dict[str, Any]]:
    r = run("data", "sources", "--format", "json", "--as-of", "2026-11-30", *args)
    assert r.exit_code == 0, r.stderr
    facts: list[dict[str, Any]] = r.json()["data"]["facts"]
    return facts


def test_bundled_official_and_government_facts_rest_on_such_publishers(run: Any) -> None:
    facts = _facts(run)
    assert len(facts) > 300
    official = [f for f in facts if f["confidence"] == "official"]
    government = [f for f in facts if f["confidence"] == "government"]
    assert official and government
    bad = [f for f in official if f["publisher_kind"] not in OFFICIAL_KINDS]
    bad += [f for f in government if f["publisher_kind"] not in GOVERNMENT_KINDS]
    assert bad == []


def test_every_bundled_fact_cites_a_registered_source_with_read_on(run: Any) -> None:
    for f in _facts(run):
        assert f["source_id"] and f["publisher"] and f["publisher_kind"] and f["read_on"], f
        assert f["source"] == (f["read_at"] or f["url"]), f  # results carry the address
        assert f["cite"].startswith(f["publisher"] + ", "), f
        assert f["url"] or f["read_at"], f
        if f["read_at"]:
            assert "read in a copy at" in f["cite"], f


def test_staleness_uses_the_newer_of_published_and_read_on(run: Any) -> None:
    facts = _facts(run, "--stale-after", "2")
    stale = {f["source_id"] for f in facts if f["status"] == "stale"}
    current = {f["source_id"] for f in facts if f["status"] == "current"}
    # read 2026-11-26, published earlier: four days old on 2026-11-30
    assert "nha-candidate-handbook-2015" in stale
    # read 2026-11-30 by the audit
    assert "aama-eligibility" in current
    assert all(f["age_days"] is not None for f in facts)
    later = _facts(run, "--stale-after", "365")
    assert not [f for f in later if f["status"] == "stale"]


def test_footers_name_the_publisher_and_the_copy(run: Any) -> None:
    r = run("show", "cpt-nha")
    assert r.exit_code == 0, r.stderr
    assert (
        "NHA, Candidate Handbook (2015-10), read in a copy at docplayer.net\n"
        "    https://docplayer.net/11863685-Candidate-handbook-nhanow-com.html"
    ) in r.stdout
    md = run("show", "cpt-nha", "--format", "markdown")
    assert "NHA, *Candidate Handbook* (2015-10), read in a copy at docplayer.net" in md.stdout


def test_review_ranks_eligibility_then_cost_then_deadline_weakest_and_oldest_first(
    run: Any,
) -> None:
    fixture = FIXTURES / "review_catalog.yaml"
    r = run("--data", str(fixture), "data", "review", "--format", "json", "--as-of", "2026-11-30")
    assert r.exit_code == 0, r.stderr
    mine = [i for i in r.json()["data"]["items"] if i["owner"] == "pxr-track"]
    assert [(i["impact"], i["path"]) for i in mine] == [
        ("eligibility", "routes[1]"),  # 12 months -> 14.4 flips an archetype's result
        ("cost", "fees[0]"),  # the whole first-time cost, checked 2024: older than the rest
        ("deadline", "renewal.cycle_months"),
        ("route", "routes[0]"),  # no threshold to move: after the tested changes
        ("minor", "exam.questions"),  # unverified before official
        ("minor", "fees[1]"),  # a member price: not counted at non-member prices
        ("minor", "exam.minutes"),
        ("minor", "fees[2]"),  # a practice exam: never counted
    ]
    ranks = [i["rank"] for i in mine]
    assert ranks == sorted(ranks)
    assert mine[1]["age_days"] > mine[0]["age_days"]
    assert "over 20%" in mine[1]["why"]


def test_review_offers_every_format(run: Any) -> None:
    for fmt in ("table", "markdown", "csv"):
        r = run("data", "review", "--limit", "3", "--format", fmt, "--as-of", "2026-11-30")
        assert r.exit_code == 0, r.stderr
        assert r.stdout
    csv_lines = run("data", "review", "--limit", "3", "-f", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("rank,impact,owner,fact")
    assert len(csv_lines) == 4
