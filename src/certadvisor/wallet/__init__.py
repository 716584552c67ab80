"""The wallet: credentials a person holds, the CE they earn, and the renewals they owe.

Modules: `store` (the SQLite file: identity, migrations, transactions, backup, checklist
marks), `records` (rows in and out: credentials, CE, certificates), `transfer` (export and
all-or-nothing import), `checks` (input checks, no pydantic, so the store opens fast),
`model` (stored records), `documents` (the export document), `results` (status results and
the catalog rules read), `rules` and `progress` (pure renewal arithmetic) and `service` (the
catalog's rules applied to the store's records).

Store API for other commands (every write is one transaction; names are matched ignoring
case, and a person is created on first write)::

    from certadvisor.wallet.store import open_store

    with open_store() as store:                     # create=False: read only, makes no file
        done = store.checklist_marks("me", "cma-aama")        # frozenset[int], 1-based steps
        store.set_checklist_mark("me", "cma-aama", 3, True)   # True when it changed anything
        store.set_checklist_mark("me", "cma-aama", 3, False)  # unmark

Checklist marks are kept per person and track id (resolve the track first), survive
`wallet export`/`wallet import`, and need no credential to be held. Errors are
`certadvisor.errors.StoreError` (locked, damaged, not a wallet, newer schema) or
`UsageError` (a step below 1).
"""
