"""Writers for `recommend`: the ranking, factor by factor."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from certadvisor.eligibility.wording import money, months_words
from certadvisor.guidance.recommend import Factor, Ranked, Recommendation
from certadvisor.models.states import StateBlock
from certadvisor.render.compare_path import cost_words, hold_words, via_words
from certadvisor.render.guidance import cited, print_lines
from certadvisor.render.markdown import MarkdownDoc, md_text
from certadvisor.render.marks import Citations, print_sources
from certadvisor.render.output import Rendering
from certadvisor.render.state_notes import markdown_state_notes, print_state_notes

if TYPE_CHECKING:
    from rich.console import Console

_CSV_HEADERS = (
    "rank",
    "track",
    "score",
    "goal",
    "setting",
    "budget",
    "time",
    "state",
    "eligibility",
    "ladder",
    "best_score",
    "state_fit",
    "state_path",
)
_NAMES = {
    "goal": "Goal",
    "pay": "Pay",
    "setting": "Setting",
    "budget": "Budget",
    "time": "Time",
    "state": "State",
    "eligibility": "Eligibility",
    "ladder": "Ladder",
    "state_fit": "State fit",
}

_NONE_LEFT = "No track you do not already hold fits this goal."


def request_line(rec: Recommendation, with_person: bool = True, markdown: bool = False) -> str:
    """'Ranked for a clinical goal, work in a hospital setting, a budget of $300, ...'
    (in `markdown`, the person's name escaped)."""
    r = rec.request
    goal = {"clinical": "a clinical goal", "laboratory": "a laboratory goal"}
    parts = [goal.get(r.goal.value, "either a clinical or a laboratory goal")]
    if r.setting:
        parts.append(f"work in a {r.setting.value.replace('_', ' ')} setting")
    if r.budget is not None:
        parts.append(f"a budget of {money(r.budget)}")
    if r.months is not None:
        parts.append(f"{months_words(r.months)} available")
    if r.state:
        parts.append(f"state {r.state}")
    if r.weigh_pay:
        parts.append("pay weighed")
    name = md_text(r.person) if markdown else r.person
    who = f"{name}: " if r.person and with_person else ""
    return f"{who}Ranked for " + ", ".join(parts) + "."


def factor_text(f: Factor, cites: Citations) -> str:
    """'Budget 15/15: to sit the exam costs $125 — Exam fee: $125 ● [2]'."""
    tag = " (judgement)" if f.judgement and f.value is not None else ""
    head = (
        f"{_NAMES[f.name]} {f.points:g}/{f.weight}{tag}"
        if f.points is not None
        else f"{_NAMES[f.name]} not scored"
    )
    facts = cited(f.facts, cites)
    reason = f.reason.replace(" (judgement)", "")
    if f.best_value is not None:
        head += f" (at best {f.best_value * f.weight:g})"
    return f"{head}: {reason}" + (f" — {facts}" if facts else "")


def score_text(r: Ranked) -> str:
    """'62' or '62 (best 88)' where unknowns decide."""
    return f"{r.score:g}" + (f" (best {r.best_score:g})" if r.best_score is not None else "")


def weights_line(rec: Recommendation) -> str:
    """'goal 30, setting 20, ...' with the factors not scored named."""
    text = ", ".join(f"{k} {v}" for k, v in rec.weights.items())
    if rec.not_scored:
        text += (
            f". Not scored (you did not say): {', '.join(rec.not_scored)}; the score is out "
            "of the factors that were"
        )
    return f"Weights (judgement): {text}."


def held_lines(rec: Recommendation, code: str = "") -> list[str]:
    """'MLT(ASCP) (mlt-ascp): you already hold this credential' for each held track."""
    return [f"{h.abbreviation} ({code}{h.track}{code}): {h.reason}" for h in rec.held]


def _note(r: Ranked) -> list[str]:
    return [f"Note: {r.note}"] if r.note else []


def path_line(r: Ranked, cites: Citations) -> list[str]:
    """'Your path: hold 2027-06+ by category-4, ...; now $250–$2,000' (with a profile)."""
    person = r.path
    if person is None:
        return []
    fast = person.fastest
    if fast is None:
        return ["Your path: no open route known"]
    words = [hold_words(fast), via_words(fast, cites), *cost_words(fast.cost)]
    return ["Your path (fastest): " + "; ".join(words)]


def _points(r: Ranked, name: str) -> str:
    f = next(f for f in r.factors if f.name == name)
    return "" if f.points is None else f"{f.points:g}/{f.weight}"


def recommend_rendering(
    rec: Recommendation,
    data_as_of: str | None,
    state: StateBlock | None = None,
) -> Rendering:
    """The ranking in table, markdown, csv and json."""

    def table(console: "Console") -> None:
        from rich.table import Table
        from rich.text import Text

        cites = Citations()
        console.print(Text("Recommended tracks", style="heading"))
        console.print(Text(request_line(rec)))
        console.print(Text(rec.judgement_note, style="muted"))
        console.print(Text(weights_line(rec), style="muted"))
        if any(r.best_score is not None for r in rec.ranking):
            console.print(Text(rec.worst_case_note, style="muted"))
        t = Table(show_lines=True)
        t.add_column("#", justify="right", no_wrap=True)
        t.add_column("Track", no_wrap=True)
        t.add_column("Score", justify="right", no_wrap=True)
        t.add_column("Why, factor by factor", overflow="fold", ratio=1)
        for r in rec.ranking:
            why = "\n".join(
                [*(factor_text(f, cites) for f in r.factors), *path_line(r, cites), *_note(r)]
            )
            t.add_row(str(r.rank), Text(f"{r.abbreviation}\n{r.track}"), score_text(r), Text(why))
        console.print(t)
        if not rec.ranking:
            console.print(
                Text(_NONE_LEFT if rec.held else "No track in the catalog fits this goal.")
            )
        print_lines(console, "Already held (not ranked)", held_lines(rec))
        print_lines(
            console, "Left out", [f"{e.abbreviation} ({e.track}): {e.reason}" for e in rec.excluded]
        )
        if state is not None:
            print_state_notes(console, state.code, state.name, state.notes, cites)
        print_sources(console, cites, data_as_of)

    def markdown() -> str:
        doc = MarkdownDoc()
        recommend_markdown_into(doc, rec, state)
        doc.sources_footer(data_as_of)
        return doc.render()

    def csv() -> tuple[Sequence[str], Sequence[Sequence[Any]]]:
        rows = [
            (
                r.rank,
                r.track,
                r.score,
                *(_points(r, n) for n in _CSV_HEADERS[3:-3]),
                r.best_score,
                _points(r, "state_fit") if any(f.name == "state_fit" for f in r.factors) else "",
                r.state_path or "",
            )
            for r in rec.ranking
        ]
        if "pay" in rec.weights:  # an added column, only when pay is weighed
            return (*_CSV_HEADERS, "pay"), [
                (*row, _points(r, "pay")) for row, r in zip(rows, rec.ranking, strict=True)
            ]
        return _CSV_HEADERS, rows

    return Rendering(
        command="recommend",
        data_as_of=data_as_of,
        payload=lambda: {"recommendation": rec},
        table=table,
        markdown=markdown,
        csv=csv,
    )


def recommend_markdown_into(
    doc: MarkdownDoc,
    rec: Recommendation,
    state: StateBlock | None = None,
    level: int = 1,
) -> None:
    """The ranking's sections in a markdown document (the report reuses them)."""
    cites = doc.citations
    doc.heading("Recommended tracks", level)
    doc.paragraph(request_line(rec, markdown=True))
    doc.paragraph(f"*{rec.judgement_note}* {weights_line(rec)}")
    if any(r.best_score is not None for r in rec.ranking):
        doc.paragraph(rec.worst_case_note)
    if rec.ranking:
        doc.table(
            ["#", "Track", "Score", *(_NAMES[n] for n in rec.weights)],
            [
                (
                    r.rank,
                    f"{r.abbreviation} ({r.track})",
                    score_text(r),
                    *(_points(r, n) for n in rec.weights),
                )
                for r in rec.ranking
            ],
        )
    else:
        doc.paragraph(_NONE_LEFT if rec.held else "No track in the catalog fits this goal.")
    for r in rec.ranking:
        doc.heading(
            f"{r.rank}. {r.abbreviation} — {r.credential} (score {score_text(r)})", level + 1
        )
        doc.bullets([*(factor_text(f, cites) for f in r.factors), *path_line(r, cites), *_note(r)])
    if rec.held:
        doc.heading("Already held (not ranked)", level + 1)
        doc.bullets(held_lines(rec, code="`"))
    if rec.excluded:
        doc.heading("Left out", level + 1)
        doc.bullets(f"{e.abbreviation} (`{e.track}`): {e.reason}" for e in rec.excluded)
    if state is not None:
        markdown_state_notes(doc, state.code, state.name, state.notes)
