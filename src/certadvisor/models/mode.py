"""Whether this process's models are Pydantic's or the plain stand-ins, decided once.

Importing Pydantic and building the model classes costs about 140 ms, more than a warm
command's own work. A run of the console script may use plain-Python stand-ins
(`models.plain`) for reading what was validated before (the catalog cache) and building
results. The choice is made when the first model module is imported and never changes: a
process that must validate after that restarts itself with Pydantic's models, before it
has written anything (`need_pydantic`). This module imports only the standard library, so the
entry point can set it up for free.
"""

import os
import sys
from collections.abc import Callable

FORCE_PYDANTIC = "CERTADVISOR_PYDANTIC"  # set to 1: always Pydantic's models (set on a restart)

_plain_allowed = False
_decided: str | None = None
_warm_check: Callable[[], bool] | None = None


def allow_plain() -> None:
    """Let this process use the plain stand-ins (the console script, before any import)."""
    global _plain_allowed
    assert _decided is None, "the models' kind is chosen before any model loads"
    _plain_allowed = os.environ.get(FORCE_PYDANTIC, "") != "1"


def plain_allowed() -> bool:
    """Whether this process may still use the plain stand-ins (nothing chose Pydantic's)."""
    return _plain_allowed and _decided in (None, "plain")


def plain_if(check: Callable[[], bool]) -> None:
    """Use the plain stand-ins only if ``check()`` says so when the first model loads (is
    the catalog cached?): a miss then validates with Pydantic's models, with no restart."""
    global _warm_check
    _warm_check = check


def decide() -> bool:
    """True for the plain stand-ins; called once, by the first model module imported."""
    global _decided
    if _decided is None:
        _decided = "plain" if _plain_allowed and _checked() else "pydantic"
    return _decided == "plain"


def _checked() -> bool:
    if _warm_check is None:
        return True
    try:
        return _warm_check()
    except Exception:  # noqa: BLE001 - a check that fails says no; the real work will say why
        return False


def need_pydantic() -> None:
    """Make sure validation can run: before the models are imported, choose Pydantic's;
    after plain ones were imported, restart the process with Pydantic's models."""
    global _plain_allowed
    if _decided is None:
        _plain_allowed = False
    elif _decided == "plain":
        _restart()


def _restart() -> None:
    # what is validated after the models loaded is a cached copy of bundled data found
    # missing (the state rules, the training programs, a corrupt catalog cache), read before
    # a command writes anything; inputs (--profile, `data`) choose Pydantic's before loading
    os.environ[FORCE_PYDANTIC] = "1"
    argv = list(getattr(sys, "orig_argv", [sys.executable, *sys.argv]))
    os.execv(sys.executable, [sys.executable, *argv[1:]])
