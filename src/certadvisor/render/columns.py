"""Fitting table columns to a terminal width: keep by priority, then share the room left."""

from collections.abc import Sequence

# Each column costs its width plus a space either side and its right border.
COLUMN_OVERHEAD = 3


def keep_by_priority(width: int, needs: Sequence[int]) -> int:
    """How many columns, taken in priority order with these narrowest widths, fit `width`.

    The first column always stays; once one column does not fit, every lower priority goes too.
    """
    budget = width - 1  # the table's left border
    kept = 0
    for need in needs:
        if need + COLUMN_OVERHEAD > budget and kept:
            break
        kept += 1
        budget -= need + COLUMN_OVERHEAD
    return kept


def share_room(
    widths: Sequence[int], natural: Sequence[int], ratios: Sequence[int], room: int
) -> list[int]:
    """Grow the widths by `room`, shared by ratio, none past its longest line (`natural`)."""
    out = list(widths)
    growing = [i for i, r in enumerate(ratios) if r and out[i] < natural[i]]
    while room > 0 and growing:
        share = sum(ratios[i] for i in growing)
        given = 0
        for i in growing:
            extra = min(max(1, room * ratios[i] // share), natural[i] - out[i], room - given)
            out[i] += extra
            given += extra
        room -= given
        growing = [i for i in growing if out[i] < natural[i]]
        if not given:
            break
    return out


def not_shown_note(width: int, dropped: Sequence[str]) -> str:
    """The one line that names the columns a narrow terminal left out, and the way to see them."""
    return (
        f"Not shown at {width} columns: {', '.join(dropped)}. Widen the terminal or use "
        "--format markdown."
    )
