"""Writer for `wallet export`: an audit-ready record in json (the import format), csv, markdown.

The json is written from plain data with `json_indent` (the same bytes as ``json.dumps(...,
indent=2)``); the csv and markdown (`wallet_export_text`) are loaded only when asked for.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from certadvisor.render.json_indent import dumps_indented
from certadvisor.render.output import Rendering

if TYPE_CHECKING:
    from certadvisor.wallet.documents import WalletRecords
    from certadvisor.wallet.results import WalletStatus


class JsonReady:
    """Data already in json's terms (the export of 50,000 entries builds no model for them)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def model_dump(self, mode: str = "json") -> dict[str, Any]:
        return self.data


def export_rendering(
    plain: Callable[[], dict[str, Any]],
    records: "Callable[[], WalletRecords]",
    status: "Callable[[], WalletStatus]",
    data_as_of: str | None,
) -> Rendering:
    """Every record: json (the import format), csv (a row per CE entry) or markdown.

    Each format reads only what it needs: json the records as plain data (``plain``, the same
    as ``records`` dumped), csv and markdown the records with their status.
    """

    def markdown() -> str:
        from certadvisor.render.wallet_export_text import markdown_text

        return markdown_text(records(), status(), data_as_of)

    def csv() -> tuple[list[str], list[list[Any]]]:
        from certadvisor.render.wallet_export_text import csv_rows

        return csv_rows(records(), status())

    return Rendering(
        command="wallet export",
        data_as_of=data_as_of,
        payload=lambda: JsonReady(plain()),
        markdown=markdown,
        csv=csv,
        json_text=dumps_indented,
    )
