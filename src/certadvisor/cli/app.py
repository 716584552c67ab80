"""The root Typer app: global options, the one error boundary, and every command."""

import importlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from certadvisor import __version__
from certadvisor.cli.clicks import (
    Abort,
    ClickException,
    Command,
    Context,
    DateTime,
    Exit,
    NoArgsIsHelpError,
    Parameter,
    TyperGroup,
    TyperOption,
    UsageError,
)
from certadvisor.cli.common import AppState, plain_models_if_cached, state
from certadvisor.errors import CertAdvisorError, ExitCode
from certadvisor.text import safe, safe_line

COMMANDS = (
    "tracks", "show", "compare", "eligible", "checklist", "plan", "recommend", "report",
    "wallet", "data",
)  # fmt: skip
GROUPS = ("wallet", "data")
HELP = (
    "Certification advisor for allied-health careers: which credentials exist, which "
    "you can sit for, what they cost, how to prepare and how to keep them.\n\n"
    "Example: certadvisor eligible --profile me.yaml"
)
SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


class LazyCommands(TyperGroup):
    """The root group: a command's module is imported when the command is used.

    This is click's lazy-loading pattern: Typer would otherwise build every command up front,
    which costs about 15 ms of every command's start-up. It is also the one error boundary.
    """

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Context, cmd_name: str) -> Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(_load(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        if args and args[0] not in COMMANDS:
            # an unknown word: load them all, so that Typer can suggest the closest
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def main(  # type: ignore[override]
        self, args: Any = None, prog_name: str | None = None, standalone_mode: bool = True
    ) -> Any:
        # click in standalone mode prints its errors as a boxed panel of several lines; without
        # it they come here, to be said as the contract's one or two plain lines
        try:
            result = super().main(args=args, prog_name=prog_name, standalone_mode=False)
            code = result if isinstance(result, int) else 0
        except ClickException as exc:
            code = _report_usage_error(exc)
        except Abort:
            sys.stderr.write("Aborted.\n")
            code = int(ExitCode.DOMAIN)
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except CertAdvisorError as exc:
            if state(ctx).debug:
                raise
            _say_error(exc.message, exc.hint_with(_flag), exc.details)
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (ClickException, Exit, Abort):
            raise
        except Exception as exc:
            # anything else is a bug, not a user error: one line, the traceback on request
            if state(ctx).debug:
                raise
            _say_error(
                f"unexpected internal error: {type(exc).__name__}: {str(exc)[:500]}",
                "Please report it; run again with --debug to see the traceback.",
                [],
            )
            raise typer.Exit(int(ExitCode.DOMAIN)) from None


def _load(name: str) -> Command:
    """The click command of one command module, built as Typer builds a registered one."""
    module = importlib.import_module(f"certadvisor.cli.commands.{name}")
    holder = typer.Typer(rich_markup_mode="markdown", context_settings=SETTINGS)
    holder.callback()(lambda: None)
    if name in GROUPS:
        holder.add_typer(module.app, name=name)
    else:
        holder.command(name)(getattr(module, name))
    group = typer.main.get_command(holder)
    assert isinstance(group, TyperGroup)
    command = group.commands[name]
    _accept_global_options(command)
    adjust = getattr(module, "adjust_command", None)  # a command's own parser tweaks
    if adjust is not None:
        adjust(command)
    return command


def _set_data(ctx: Context, param: Parameter, value: tuple[str, ...]) -> None:
    state(ctx).data.extend(Path(v) for v in value)


def _set_flag(ctx: Context, param: Parameter, value: bool) -> None:
    if value and param.name:
        setattr(state(ctx), param.name, True)


def _hidden_global_flag(*decls: str) -> TyperOption:
    return TyperOption(
        param_decls=list(decls), is_flag=True, expose_value=False, hidden=True, callback=_set_flag
    )


def _accept_global_options(command: Command) -> None:
    """Let --data, --no-color, --debug, --excel and --no-pager follow the command too: people
    type them last."""
    command.params += [
        TyperOption(
            param_decls=["--data"],
            multiple=True,
            expose_value=False,
            hidden=True,
            callback=_set_data,
        ),
        _hidden_global_flag("--no-color", "no_color"),
        _hidden_global_flag("--debug", "debug"),
        _hidden_global_flag("--excel", "excel"),
        _hidden_global_flag("--no-pager", "no_pager"),
    ]
    for param in command.params:
        if isinstance(param.type, DateTime):
            param.type = _BoundedDateTime(param.type.formats)
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            _accept_global_options(sub)


class _BoundedDateTime(DateTime):
    """A date flag within the years every input date keeps to (see certadvisor.dates)."""

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Any:
        from certadvisor.dates import check_day

        converted = super().convert(value, param, ctx)
        try:
            check_day(converted.date())
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return converted


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"certadvisor {__version__}\n")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Extra or replacement catalog file or folder (repeatable; also CERTADVISOR_DATA).",
            metavar="PATH",
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain output, no colour.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="Start CSV output with a UTF-8 byte-order mark, for Excel."),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long tables (default: through CERTADVISOR_PAGER, PAGER or less "
            "on a terminal).",
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Certification advisor for allied-health careers."""
    ctx.obj = AppState(
        data=list(data or []), no_color=no_color, debug=debug, excel=excel, no_pager=no_pager
    )
    plain_models_if_cached(ctx.obj)


def build_app() -> typer.Typer:
    """The Typer app; its commands are loaded when they are used."""
    application = typer.Typer(
        rich_markup_mode="markdown",
        cls=LazyCommands,
        name="certadvisor",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        context_settings=SETTINGS,
    )
    application.callback()(root)
    return application


app = build_app()


def _flag(option: str) -> str:
    """The command-line flag of an engine input: with_ce is --with-ce."""
    return "--" + option.replace("_", "-")


def _say_error(message: str, hint: str | None, details: list[str]) -> None:
    # every line may quote an input: shown escaped, each problem kept on one line
    lines = [f"Error: {safe_line(message)}"]
    lines += [f"  {safe_line(d)}" for d in details[1:20]]
    if len(details) > 20:
        lines.append(f"  ... and {len(details) - 20} more")
    if hint:
        lines.append(safe(hint))
    _write_stderr("\n".join(lines) + "\n")


def _write_stderr(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _report_usage_error(exc: ClickException) -> int:
    """Print click's usage error as the contract's plain lines; return its exit code."""
    ctx = exc.ctx if isinstance(exc, UsageError) else None
    if isinstance(exc, NoArgsIsHelpError):
        # building the error already formatted the help, and Rich printed it while doing so;
        # only a plain (non-Rich) help is left in the message to print
        text = exc.format_message()
        if text.strip():
            sys.stdout.write(text + "\n")
        return 0
    lines = [f"Error: {safe_line(exc.format_message())}"]
    if ctx is not None:
        lines.append(f"Try '{safe_line(ctx.command_path)} --help'.")
    _write_stderr("\n".join(lines) + "\n")
    return exc.exit_code


def _silence_stdout() -> None:
    """After the reader of a pipe went away, point stdout at /dev/null so exit is quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    """Console-script entry point."""
    try:
        typer.main.get_command(app).main()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
