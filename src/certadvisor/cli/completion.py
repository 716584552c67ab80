"""Shell completion of values: track ids and abbreviations, state codes, wallet people.

Each completer runs while the shell waits, so it reads only what it needs and never fails:
a catalog or wallet that cannot be read completes nothing.
"""

import typer

from certadvisor.cli.common import state


def complete_track(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Track ids starting with what was typed, each with its abbreviation as the description
    (the shell keeps only values that start with the typed text, so abbreviations cannot
    stand in for ids here)."""
    from certadvisor import catalog

    try:
        summaries = catalog.load(state(ctx).data).summaries
    except Exception:  # completion must never break the shell
        return []
    return [(s.id, s.abbreviation) for s in summaries if s.id.startswith(incomplete)]


def complete_state(incomplete: str) -> list[tuple[str, str]]:
    """Two-letter state codes starting with what was typed, with the state's name."""
    from certadvisor.catalog.states import state_codes

    try:
        codes = state_codes()
    except Exception:  # completion must never break the shell
        return []
    typed = incomplete.strip().upper()
    return [(code, name) for code, name in codes.items() if code.startswith(typed)]


def complete_person(incomplete: str) -> list[str]:
    """The people in the wallet whose name starts with what was typed."""
    from certadvisor.wallet import open_store

    try:
        with open_store(create=False) as store, store.snapshot() as conn:
            names = [name for _, name in store.people(conn, None)]
    except Exception:  # completion must never break the shell
        return []
    typed = incomplete.strip().casefold()
    return [n for n in names if n.casefold().startswith(typed)]
