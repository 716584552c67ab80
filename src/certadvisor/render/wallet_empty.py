"""`wallet status` before any wallet exists: the same text as `wallet_status`, without its models.

Nothing is held, so nothing is evaluated: this writer needs neither the renewal rules nor the
result models (and so not pydantic), which keeps the first command a new user types fast.
tests/test_wallet_empty.py holds it to the full writer's output in every format.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any

from certadvisor.render.markdown import MarkdownDoc
from certadvisor.render.output import Rendering

if TYPE_CHECKING:
    from rich.console import Console

# render.wallet_status.STATUS_COLUMNS, spelled out so that module's models stay unloaded
EMPTY_STATUS_COLUMNS = (
    "person",
    "track",
    "credential",
    "number",
    "earned",
    "cycle_start",
    "cycle_end",
    "days_left",
    "cycle_confidence",
    "ce_unit",
    "ce_required",
    "ce_counted",
    "ce_needed",
    "ce_confidence",
    "approved",
    "approved_required",
    "next_action",
    "next_action_detail",
    "next_action_date",
    "urgency",
    "cycle_anchor_assumed",
    "overdue",
    "assumed",
)


def empty_status_rendering(names: list[str], as_of: dt.date, data_as_of: str | None) -> Rendering:
    """`wallet status` of people who hold nothing yet (everyone, when ``names`` is empty)."""
    payload: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "people": [{"name": n, "credentials": []} for n in names],
    }
    return Rendering(
        command="wallet status",
        data_as_of=data_as_of,
        payload=lambda: payload,
        table=lambda console: _print_empty(console, names, as_of),
        markdown=lambda: _empty_markdown(names, as_of, data_as_of),
        csv=lambda: (list(EMPTY_STATUS_COLUMNS), []),
    )


def _print_empty(console: "Console", names: list[str], as_of: dt.date) -> None:
    from rich.text import Text

    for name in names:
        console.print(Text(f"Wallet of {name} — as of {as_of}", style="heading"))
        console.print(
            Text(
                "No credentials yet. Add one: certadvisor wallet add TRACK --earned YYYY-MM-DD",
                style="muted",
            )
        )


def _empty_markdown(names: list[str], as_of: dt.date, data_as_of: str | None) -> str:
    doc = MarkdownDoc()
    doc.heading(f"Credential status as of {as_of}")
    for name in names:
        doc.heading(name, 2)
        doc.paragraph("No credentials in the wallet.")
    doc.sources_footer(data_as_of)
    return doc.render()
