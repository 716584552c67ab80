"""The root Typer app: global options, the one error boundary, and every command."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from certadvisor import __version__
from certadvisor.cli.common import AppState
from certadvisor.errors import CertAdvisorError, ExitCode


def _say_error(message: str, hint: str | None, details: list[str]) -> None:
    lines = [f"Error: {message}"]
    lines += [f"  {d}" for d in details[1:20]]
    if len(details) > 20:
        lines.append(f"  ... and {len(details) - 20} more")
    if hint:
        lines.append(hint)
    sys.stderr.write("\n".join(lines) + "\n")


class _ErrorBoundary(TyperGroup):
    """Turns every expected error into plain lines on stderr and the contract's exit code."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        # Run click without its own error printing (a boxed panel of several lines), so that
        # usage errors too come out as the contract's one or two plain lines.
        try:
            rv = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except Exception as exc:
            if not _is_click_error(exc):
                raise
            code = _report_click_error(exc)
            if not standalone_mode:
                raise
            sys.exit(code)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CertAdvisorError as exc:
            state = ctx.obj if isinstance(ctx.obj, AppState) else AppState()
            if state.debug:
                raise
            _say_error(exc.message, exc.hint, exc.details)
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as exc:
            # click's own usage errors and exits pass through; anything else is a bug, not a
            # user error: one line, and the traceback only on request.
            if type(exc).__module__.split(".")[0] in ("click", "typer") or _debug(ctx):
                raise
            _say_error(
                f"unexpected internal error: {type(exc).__name__}: {exc}",
                "Please report it; run again with --debug to see the traceback.",
                [],
            )
            raise typer.Exit(int(ExitCode.DOMAIN)) from None


def _is_click_error(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] in ("click", "typer") and (
        hasattr(exc, "format_message") or type(exc).__name__ == "Abort"
    )


def _report_click_error(exc: Any) -> int:
    """Print a usage error as plain lines; return its exit code."""
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
        sys.stdout.write(ctx.get_help() + "\n")
        return 0
    if type(exc).__name__ == "Abort":
        sys.stderr.write("Aborted.\n")
        return int(ExitCode.DOMAIN)
    lines = [f"Error: {exc.format_message()}"]
    if ctx is not None:
        lines.append(f"Try '{ctx.command_path} --help'.")
    sys.stderr.write("\n".join(lines) + "\n")
    return int(getattr(exc, "exit_code", ExitCode.USAGE))


def _debug(ctx: Any) -> bool:
    root = ctx.find_root()
    return isinstance(root.obj, AppState) and root.obj.debug


def _silence_stdout() -> None:
    """After the reader of a pipe went away, point stdout at /dev/null so exit is quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Certification advisor for allied-health careers."""
    ctx.obj = AppState(data=list(data or []), no_color=no_color, debug=debug)


COMMANDS = (
    "tracks", "show", "compare", "eligible", "checklist", "plan", "recommend", "report",
    "wallet", "data",
)  # fmt: skip


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just the one about to run.

    Typer turns every registered function into a click command up front; registering only
    the command a process runs saves about 15 ms of every command's start-up.
    """
    import importlib

    application = typer.Typer(
        rich_markup_mode="markdown",
        cls=_ErrorBoundary,
        name="certadvisor",
        help=(
            "Certification advisor for allied-health careers: which credentials exist, which "
            "you can sit for, what they cost, how to prepare and how to keep them.\n\n"
            "Example: certadvisor eligible --profile me.yaml"
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    application.callback()(root)
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"certadvisor.cli.commands.{name}")
        if name in ("wallet", "data"):
            application.add_typer(module.app, name=name)
        else:
            application.command(name)(getattr(module, name))
    return application


def _command_in(argv: list[str]) -> str | None:
    """The command word of a command line, when it names one (skipping global options)."""
    words = iter(argv)
    for word in words:
        if word == "--data":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def _hoist_global_options(argv: list[str]) -> list[str]:
    """Move --no-color, --debug and --data PATH written after the command to the front.

    They are options of the program, not of one command, but people type them last.
    """
    front: list[str] = []
    rest: list[str] = []
    words = iter(argv)
    for word in words:
        if word in ("--no-color", "--debug") or word.startswith("--data="):
            front.append(word)
        elif word == "--data":
            front += [word, next(words, "")]
        elif word == "--":
            rest += [word, *words]
        else:
            rest.append(word)
    return front + rest


def __getattr__(name: str) -> typer.Typer:
    # `from certadvisor.cli.app import app` (tests, tools) gets the complete app on demand
    if name == "app":
        return build_app()
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    try:
        argv = _hoist_global_options(sys.argv[1:])
        build_app(_command_in(argv))(args=argv)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
