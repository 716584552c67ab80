"""The status of each credential: the catalog's renewal rules applied to the store's records."""

import datetime as dt
from collections.abc import Callable

from certadvisor.wallet.cycles import current_cycle
from certadvisor.wallet.model import HeldCredential
from certadvisor.wallet.records import History, status_rows
from certadvisor.wallet.results import PersonStatus, TrackRules, WalletStatus
from certadvisor.wallet.rules import credential_status
from certadvisor.wallet.store import WalletStore

# A track's rules by id, or None when the catalog has no such track.
RulesLookup = Callable[[str], TrackRules | None]


def wallet_status(
    store: WalletStore, rules_of: RulesLookup, person: str | None, as_of: dt.date
) -> WalletStatus:
    """Every credential of one person (or everyone) as of a date."""
    rules: dict[str, TrackRules | None] = {}

    def window(cred: HeldCredential, history: History) -> tuple[dt.date | None, dt.date | None]:
        if cred.track not in rules:
            rules[cred.track] = rules_of(cred.track)
        found = rules[cred.track]
        if found is None:
            return None, None
        cycle = current_cycle(cred, found, as_of, history.renewals)
        return cycle.start, cycle.end

    people = []
    for name, held in status_rows(store, person, window, as_of):
        creds = [
            credential_status(h.held, rules[h.held.track], h.tallies, as_of, h.history, h.earlier)
            for h in held
        ]
        people.append(PersonStatus.model_construct(name=name, credentials=creds))
    return WalletStatus.model_construct(as_of=as_of, people=people)
