"""`report`: the person's path (hold month, whole cost) for each track the packet covers."""

from typing import Any

ARGS = (
    "report",
    "--profile",
    "examples/receptionist-thinking-of-ma.yaml",
    "--goal",
    "clinical",
    "--setting",
    "clinic",
    "--months",
    "12",
    "--as-of",
    "2026-11-30",
)


def test_report_json_carries_a_path_for_every_compared_and_ranked_track(run: Any) -> None:
    result = run(*ARGS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = result.json()["data"]["report"]
    rows = report["comparison"]["rows"]
    assert rows and all(r["path"]["track"] == r["track"] for r in rows)
    ranked = report["recommendation"]["ranking"]
    assert all(r["path"] is not None for r in ranked)
    cma = next(r for r in rows if r["track"] == "cma-aama")["path"]["fastest"]
    assert cma["hold_month"] == "2027-05" and cma["cost"]["fees"] == 250


def test_report_markdown_shows_each_tracks_path_in_its_comparison(run: Any) -> None:
    md = run(*ARGS, "--format", "markdown").stdout
    assert "| Your path |" in md
    cma = next(x for x in md.splitlines() if x.startswith("| cma-aama"))
    assert "fastest: hold 2027-05+; by category-4" in cma
    assert "test within 90 days of approval ● [" in cma  # the body's window, cited
