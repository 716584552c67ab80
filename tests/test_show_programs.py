"""`show TRACK` lists the training programs its routes ask for: forms, figures, sources."""

from typing import Any

from certadvisor.catalog.programs import programs_needed
from certadvisor.models.catalog import Track
from certadvisor.models.programs import ProgramTable

SRC = {"source": "https://example.org/x", "confidence": "official"}


def test_show_lists_the_program_forms_with_tuition_examples_and_estimates(run: Any) -> None:
    result = run("show", "cpt-nha")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Training programs (for the routes that need one)" in out
    assert "Phlebotomy program (routes: training-program)" in out
    assert "1.2–2 months; tuition $700–$3,000 (estimate) ?" in out
    assert "e.g. Bakersfield College (California)" in out and "$2,200" in out
    assert "One-semester college course: 4 months; tuition unknown" in out  # never $0


def test_show_cites_each_program_source_in_markdown(run: Any) -> None:
    md = run("show", "cet-nha", "--format", "markdown").stdout
    assert "## Training programs (for the routes that need one)" in md
    line = next(x for x in md.splitlines() if x.startswith("- Continuing-education course"))
    assert "84 clock hours; 3 months; tuition $1,845–$1,875 (estimate) ◆ [" in line
    assert "templecollege.edu" in md


def test_show_json_carries_the_programs_with_their_routes(run: Any) -> None:
    data = run("show", "mlt-ascp", "--format", "json").json()["data"]
    fields = {p["program"]["field"]: p["routes"] for p in data["programs"]}
    assert "mlt" in fields and "route-1" in fields["mlt"]
    form = data["programs"][0]["program"]["forms"][0]
    assert {"source", "confidence", "estimate"} <= form.keys()


def test_a_track_whose_routes_need_no_program_lists_none(run: Any) -> None:
    track = Track.model_validate(
        {
            "id": "x-y",
            "credential": "X",
            "abbreviation": "X",
            "category": "ekg",
            "issuer": {"name": "X", "abbreviation": "X"},
            "routes": [
                {
                    **SRC,
                    "id": "work",
                    "name": "work",
                    "summary": "work",
                    "conditions": [
                        {**SRC, "kind": "experience", "fields": ["ekg"], "min_months": 12}
                    ],
                }
            ],
        }
    )
    table = ProgramTable.model_validate(
        {"programs": [{"field": "ekg", "title": "EKG", "forms": [{**SRC, "id": "a", "name": "A"}]}]}
    )
    assert programs_needed(track, table) == []


def test_the_cached_copy_of_the_programs_gives_the_same_table() -> None:
    from certadvisor.catalog.programs import program_table

    program_table.cache_clear()
    fresh = program_table()  # validated, and its copy kept
    program_table.cache_clear()
    try:
        again = program_table()  # rebuilt from the copy
        assert again.model_dump(mode="json", warnings=False) == fresh.model_dump(mode="json")
        assert again.of("ekg") is not None
    finally:
        program_table.cache_clear()
