"""Writers for `data review`: the maintainer's queue in every format."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.render.columns import WHOLE, Col, fitted_table, print_fitted_table
from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.marks import LEGEND, catalog_reviewed, marker
from certadvisor.render.output import Rendering

if TYPE_CHECKING:
    from rich.console import Console

    from certadvisor.validation.review import ReviewItem

_HEADERS = (
    "rank",
    "impact",
    "owner",
    "fact",
    "value",
    "confidence",
    "age_days",
    "why",
    "source",
    "cite",
)


def _row(item: "ReviewItem") -> list[Any]:
    f = item.fact
    age = "" if f.age_days is None else f.age_days
    return [item.rank, item.impact, f.owner, f.path, f.value, f.confidence, age, item.why]


def _print_review(console: "Console", shown: Sequence["ReviewItem"], summary: str) -> None:
    from rich.text import Text

    rows: list[list[Text | str]] = []
    for item in shown:
        f = item.fact
        text = Text(f"{f.path}: {f.value}\n{item.why}\n")
        text.append(f.cite or f.source, style="muted")
        age = "undated" if f.age_days is None else f"{f.age_days} d"
        confidence = f"{marker(f.confidence)} {f.confidence}"
        rows.append([str(item.rank), item.impact, f.owner, text, confidence, age])
    cols = [
        Col("#", WHOLE, right=True, no_wrap=True),
        Col("Impact", WHOLE, no_wrap=True),
        Col("Track / state", 12, ratio=1),
        Col("Fact, why it matters, source", 18, ratio=4),
        Col("Confidence", WHOLE, no_wrap=True),
        Col("Age", WHOLE, right=True, no_wrap=True),
    ]
    # the fact is what a maintainer reviews: at a narrow width confidence and age go first
    t, dropped = fitted_table(
        console.width, cols, (0, 3, 2, 1, 4, 5), rows, title=summary, title_justify="left"
    )
    print_fitted_table(console, t, dropped)
    console.print(f"Markers: {LEGEND}", style="muted")


def review_rendering(
    items: Sequence["ReviewItem"], data_as_of: str | None, limit: int | None
) -> Rendering:
    """The review queue (the first `limit` items when given) in every format."""
    shown = list(items[:limit] if limit else items)
    counts = {
        i: sum(1 for x in items if x.impact == i)
        for i in ("eligibility", "cost", "deadline", "route")
    }
    summary = (
        f"{len(items)} facts to review: a 20% change of {counts['eligibility']} flips an "
        f"eligibility result for a representative profile, {counts['cost']} move a 5-year cost "
        f"by more than 20% when dropped or doubled, {counts['deadline']} set a renewal deadline, "
        f"{counts['route']} more routes decide eligibility; the bigger change first, then the "
        "weakest and oldest source."
    )

    def markdown() -> str:
        doc = MarkdownDoc()
        doc.heading("Catalog review queue")
        doc.paragraph(summary)
        doc.table(
            ["#", "Impact", "Track / state", "Fact", "Value", "Confidence", "Age (days)", "Why"]
            + ["Source"],
            [[*_row(i), i.fact.cite_markdown or i.fact.source] for i in shown],
        )
        doc.paragraph(catalog_reviewed(data_as_of))
        return doc.render()

    return Rendering(
        command="data review",
        data_as_of=data_as_of,
        payload=lambda: {"counts": counts, "items": [i.as_dict() for i in shown]},
        table=lambda console: _print_review(console, shown, summary),
        markdown=markdown,
        csv=lambda: (_HEADERS, [[*_row(i), i.fact.source, i.fact.cite] for i in shown]),
    )
