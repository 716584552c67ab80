"""The wallet: credentials a person holds, the CE they earn, and the renewals they owe.

This package's own API is the store and the checks on what people type, which import neither
pydantic nor the catalog models, so that every command that opens the wallet starts fast::

    from certadvisor.wallet import open_store

    with open_store() as store:                     # create=False: read only, makes no file
        done = store.checklist_marks("me", "cma-aama")        # frozenset[int], 1-based steps
        store.set_checklist_mark("me", "cma-aama", 3, True)   # True when it changed anything
        store.set_checklist_mark("me", "cma-aama", 3, False)  # unmark

Checklist marks are kept per person and track id (resolve the track first), survive
`wallet export`/`wallet import`, and need no credential to be held. Errors are
`certadvisor.errors.StoreError` (locked, damaged, not a wallet, newer schema) or
`UsageError` (a step below 1).

The heavier parts are public modules of their own, each imported by the command that needs it
(importing them here would make `wallet list` load the catalog models, and every command the
export models):

- `records`: credentials and CE rows in and out (`add_credential`, `held_credentials`,
  `ce_entries`, `remove_ce`, ...); `ce`: `add_ce`, which also keeps the certificate file;
- `status`: `wallet_status`, the catalog's renewal rules (`results.TrackRules`, looked up by
  a `RulesLookup` the caller gives) applied to the store's records; its result types are in
  `results`, the pure arithmetic in `rules`, `cycles`, `deadlines` and `progress`;
- `transfer`: `export_document`, `export_data` (the same as plain json data), `read_import`
  and `import_records` (the export document's models are in `documents`); `read_bundle` and
  `import_bundle` for the zip `wallet export --with-files` writes (`bundle`: the zip, its
  certificates staged and checked by SHA-256); `backup`: `backup_store`.

Internals: `store` (the SQLite file: identity, migrations, transactions, checklist marks),
`model` (stored records), `checks` (input checks, free of pydantic).
"""

from certadvisor.dates import parse_day
from certadvisor.wallet.checks import (
    DEFAULT_PERSON,
    check_person,
    check_points,
    clean_text,
    required_text,
)
from certadvisor.wallet.store import CERTIFICATES, WalletStore, open_store, store_path

__all__ = [
    "CERTIFICATES",
    "DEFAULT_PERSON",
    "WalletStore",
    "check_person",
    "check_points",
    "clean_text",
    "open_store",
    "parse_day",
    "required_text",
    "store_path",
]
