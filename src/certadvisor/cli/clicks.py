"""The parts of click the error boundary needs, as Typer 0.28 ships them (vendored inside it).

The one module that reaches into Typer's vendored click, so a Typer upgrade is mended here.
"""

from collections.abc import Callable
from typing import Any

from typer import Abort, Exit
from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.parser import _Option, _OptionParser, _ParsingState
from typer._click.types import DateTime
from typer.core import TyperGroup, TyperOption


def flag_with_value(command: Command, flag: str, dest: str, accepts: Callable[[str], bool]) -> None:
    """Let a boolean flag also take a value: the word after it, when `accepts` says it is one.

    `--program phlebotomy` sets `--program` and hands "phlebotomy" to the (hidden) list option
    named `dest`; bare `--program TRACK` keeps meaning the flag, then a track. Typer's
    vendored click has no optional option values, hence this hook on the parser.
    """
    (param,) = [p for p in command.params if flag in getattr(p, "opts", ())]
    plain = param.add_to_parser

    def add_to_parser(parser: _OptionParser, ctx: Context) -> None:
        plain(parser, ctx)
        parser._long_opt[flag] = _Peeking(parser._long_opt[flag], dest, accepts)

    setattr(param, "add_to_parser", add_to_parser)  # noqa: B010 (a method, per object)


class _Peeking(_Option):
    """A parsed flag that takes the next word as a value of another option when it fits."""

    def __init__(self, inner: _Option, dest: str, accepts: Callable[[str], bool]) -> None:
        self.__dict__.update(inner.__dict__)
        self._dest, self._accepts = dest, accepts

    def process(self, value: Any, state: _ParsingState) -> None:
        super().process(value, state)
        if state.rargs and self._accepts(state.rargs[0]):
            state.opts.setdefault(self._dest, []).append(state.rargs.pop(0))


__all__ = [
    "Abort",
    "ClickException",
    "Command",
    "Context",
    "DateTime",
    "Exit",
    "NoArgsIsHelpError",
    "Parameter",
    "TyperGroup",
    "TyperOption",
    "UsageError",
    "flag_with_value",
]
