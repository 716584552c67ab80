"""The training programs a track's routes ask for, in plain lines, every figure cited (`show`)."""

from certadvisor.eligibility.wording import money
from certadvisor.models.programs import ProgramExample, ProgramForm, ProgramsNeeded
from certadvisor.render.marks import Citations

ESTIMATE_NOTE = (
    "(estimate): a typical figure, or one school's, not a rule. A figure no source gives is "
    "shown as unknown."
)


def _span(low: float | None, high: float | None, unit: str) -> str | None:
    if low is None:
        return None
    text = f"{low:,g}" if high is None or high == low else f"{low:,g}–{high:,g}"
    return f"{text} {unit}"


def _tuition(form: ProgramForm) -> str:
    if form.tuition_min is None:
        return "tuition unknown"
    if form.tuition_max is None or form.tuition_max == form.tuition_min:
        return f"tuition {money(form.tuition_min)}"
    return f"tuition {money(form.tuition_min)}–{money(form.tuition_max)}"


def form_line(form: ProgramForm, cites: Citations) -> str:
    """'Short course: 1.2–2 months; tuition $700–$3,000 (estimate) ? [4]'."""
    kind = f"{form.hours_kind} hours" if form.hours_kind else "hours"
    parts = [
        _span(form.hours, form.hours_max, kind),
        _span(form.months_min, form.months_max, "months") or "months unknown",
        _tuition(form),
    ]
    if form.accreditation:
        parts.append("accredited by " + " or ".join(str(a) for a in form.accreditation))
    if form.award is not None:
        parts.append(f"awards an {form.award.replace('_', ' ')} degree")
    estimate = " (estimate)" if form.estimate else ""
    return f"{form.name}: {'; '.join(p for p in parts if p)}{estimate} {cites.ref(form)}".strip()


def example_line(example: ProgramExample, cites: Citations) -> str:
    """'e.g. Temple College (Texas): 84 hours, 12 weeks; $1,845; 3 months ◆ [5]'."""
    extra = [money(example.tuition)] if example.tuition is not None else []
    extra += [f"{example.months:g} months"] if example.months is not None else []
    tail = f"; {'; '.join(extra)}" if extra else ""
    return f"e.g. {example.school}: {example.text}{tail} {cites.ref(example)}".strip()


def program_blocks(
    needed: list[ProgramsNeeded], cites: Citations
) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Per program: its heading, then each form's line with its note and examples."""
    out = []
    for item in needed:
        heading = f"{item.program.title} (routes: {', '.join(item.routes)})"
        forms = []
        for form in item.program.forms:
            details = [f"Note: {form.note}"] if form.note else []
            details += [example_line(e, cites) for e in form.examples]
            forms.append((form_line(form, cites), details))
        out.append((heading, forms))
    return out
