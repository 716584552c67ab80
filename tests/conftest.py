"""Shared fixtures: an isolated home and cache, no colour, a fixed width, an in-process runner."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from certadvisor.cli.app import app
from wallet_helpers import WALLET_CATALOG


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets its own CERTADVISOR_HOME and cache, plain output at 100 columns."""
    home = tmp_path / "home"
    monkeypatch.setenv("CERTADVISOR_HOME", str(home))
    monkeypatch.delenv("CERTADVISOR_CACHE", raising=False)
    monkeypatch.delenv("CERTADVISOR_DATA", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    # calendars are stamped with the time of writing unless this fixes it (the same bytes)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795694400")
    yield home


class Result:
    """What a command did: exit code, stdout and stderr apart."""

    def __init__(self, exit_code: int, stdout: str, stderr: str, exception: BaseException | None):
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr
        self.exception = exception

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def run() -> Any:
    """Run certadvisor in process: ``run("tracks", "--format", "json")``."""

    def invoke(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        r = runner.invoke(app, list(args), input=input)
        return Result(r.exit_code, r.stdout, r.stderr, r.exception)

    return invoke


@pytest.fixture
def wallet_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """One catalog cache for the session (``usefixtures``): wallet tests are not about loading."""
    monkeypatch.setenv("CERTADVISOR_CACHE", str(tmp_path_factory.getbasetemp() / "wcache"))
    yield


@pytest.fixture
def w(run: Any) -> Any:
    """Run a wallet command with the wallet fixture catalog added."""
    return lambda *args: run("--data", str(WALLET_CATALOG), "wallet", *args)
