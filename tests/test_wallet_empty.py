"""`wallet status` with no wallet yet reads as an empty wallet does, and makes none."""

from pathlib import Path
from typing import Any

import pytest

from certadvisor.render.wallet_empty import EMPTY_STATUS_COLUMNS
from certadvisor.render.wallet_status import STATUS_COLUMNS
from certadvisor.wallet import open_store, store_path

CASES = [
    [fmt, *who]
    for fmt in ("table", "markdown", "csv", "json")
    for who in ([], ["--all"], ["--person", "Bob"])
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: "-".join(a))
def test_no_wallet_reads_as_an_empty_wallet(run: Any, args: list[str]) -> None:
    cmd = ["wallet", "status", "--as-of", "2026-11-26", "--format", *args]
    before = run(*cmd)
    assert before.exit_code == 0, before.stderr
    assert not store_path().exists()  # reading made no wallet
    with open_store():
        pass  # an empty wallet on disk: the full evaluation path
    after = run(*cmd)
    assert after.exit_code == 0, after.stderr
    assert before.stdout == after.stdout
    assert before.stdout or args == ["table", "--all"]  # no one to name: nothing said


def test_empty_csv_header_is_the_status_header() -> None:
    assert EMPTY_STATUS_COLUMNS == STATUS_COLUMNS


def test_a_bad_person_name_is_refused_without_a_wallet(run: Any, isolated: Path) -> None:
    r = run("wallet", "status", "--person", "")
    assert r.exit_code != 0
    assert "--person" in r.stderr
