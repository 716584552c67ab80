"""The parts of click the error boundary needs, as Typer 0.28 ships them (vendored inside it).

The one module that reaches into Typer's vendored click, so a Typer upgrade is mended here.
"""

from typer import Abort, Exit
from typer._click.core import Command, Context, Parameter
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.types import DateTime
from typer.core import TyperGroup, TyperOption

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
]
