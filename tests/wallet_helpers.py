"""What the wallet tests share: the fixture catalog and the arguments of `wallet ce add`.

Use from any test::

    from wallet_helpers import WALLET_CATALOG, ce_args

    w(*ce_args(track="wx-plain", category="general"), "--approved-by", "AAMA")
"""

from pathlib import Path

WALLET_CATALOG = Path(__file__).parent / "fixtures" / "wallet_catalog.yaml"


def ce_args(
    *,
    track: str = "wx-eom",
    points: str = "2",
    category: str = "clinical",
    date: str = "2023-03-01",
    title: str = "Course",
    provider: str | None = None,
) -> list[str]:
    """`ce add` and its required options, ready to follow `wallet`."""
    return [
        "ce",
        "add",
        "--credential",
        track,
        "--points",
        points,
        "--category",
        category,
        "--date",
        date,
        "--title",
        title,
        *(["--provider", provider] if provider is not None else []),
    ]
