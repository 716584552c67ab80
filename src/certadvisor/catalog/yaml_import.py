"""PyYAML imported without compiling a pattern that only its pure-Python reader uses.

`yaml.reader` compiles one large character-class pattern when it is imported (about 6 ms, a
tenth of a warm command's own work). Only the pure-Python reader uses it; libyaml's reader,
used whenever present, checks characters itself. The pattern is compiled on first use.
"""

import re
import sys
from typing import Any

_NON_PRINTABLE_START = "[^\x09\x0a\x0d\x20-\x7e\x85"


class _Deferred:
    """A pattern compiled when first used; otherwise it behaves as the compiled pattern."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern)
        return getattr(self._compiled, name)


def import_yaml() -> Any:
    """The `yaml` module, imported once with its reader's character pattern deferred."""
    module = sys.modules.get("yaml")
    if module is not None:
        return module
    real = re.compile

    def deferring(pattern: Any, flags: int = 0) -> Any:
        if flags == 0 and isinstance(pattern, str) and pattern.startswith(_NON_PRINTABLE_START):
            return _Deferred(pattern)
        return real(pattern, flags)

    re.compile = deferring
    try:
        import yaml
    finally:
        re.compile = real
    return yaml
