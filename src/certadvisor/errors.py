"""The exception hierarchy: every error a user can cause, with its message, hint and exit code."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit statuses fixed by the contract."""

    OK = 0
    DOMAIN = 1
    USAGE = 2
    INVALID_INPUT = 3
    INTERRUPTED = 130


class CertAdvisorError(Exception):
    """Base of every expected error; the CLI prints it as one or two plain lines."""

    exit_code: ExitCode = ExitCode.DOMAIN

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        details: list[str] | None = None,
        *,
        option: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []
        # The engine input a hint points to ("force"); the command line names it as a flag
        # in the hint's {option} (the engine knows no flags).
        self.option = option

    def hint_with(self, spell: Callable[[str], str]) -> str | None:
        """The hint with its {option} spelled as the caller names that input."""
        if self.hint is None or self.option is None:
            return self.hint
        return self.hint.replace("{option}", spell(self.option))


class DomainError(CertAdvisorError):
    """Unknown track, nothing to compare, wallet entry not found."""

    exit_code = ExitCode.DOMAIN


class UnknownTrackError(DomainError):
    """A track id or abbreviation that matches nothing (or several things)."""


class UsageError(CertAdvisorError):
    """A flag or argument that cannot be used as given."""

    exit_code = ExitCode.USAGE


class InvalidInputError(CertAdvisorError):
    """An input file (catalog, profile, cohort, wallet import) that does not validate."""

    exit_code = ExitCode.INVALID_INPUT


class StoreError(CertAdvisorError):
    """The wallet store cannot be opened or written safely."""

    exit_code = ExitCode.DOMAIN
