"""The questions `recommend` asks on a terminal when its options are missing."""

from collections.abc import Callable
from typing import TypeVar

from rich.console import Console
from rich.prompt import Prompt
from rich.text import Text

from certadvisor.catalog.states import check_state
from certadvisor.errors import CertAdvisorError, UsageError
from certadvisor.guidance.recommend import parse_goal, parse_setting
from certadvisor.render.console import stderr_console

T = TypeVar("T")


def ask(console: Console, question: str, parse: Callable[[str], T], default: str = "") -> T:
    """Ask until the answer parses; a usage error is shown and the question asked again.

    Ctrl-D (the input ends) is a usage error naming the options that answer without asking;
    Ctrl-C leaves the prompt's line ended and goes on to the exit status of an interrupt.
    """
    while True:
        try:
            answer = Prompt.ask(
                question, console=console, default=default, show_default=bool(default)
            )
        except EOFError:
            console.print()
            raise UsageError(
                f"no answer to {question.split(':')[0].split(' (')[0]!r}: the input ended (Ctrl-D)",
                "Answer the questions, or give --goal (and optionally --setting, --budget, "
                "--months, --state) with --no-input.",
            ) from None
        except KeyboardInterrupt:
            console.print()
            raise
        try:
            return parse(answer)
        except CertAdvisorError as exc:
            line = Text(exc.message, style="unverified")
            line.append(f" {exc.hint or ''}")
            console.print(line)


def ask_questions(ask_all: bool, no_color: bool = False) -> dict[str, object]:
    """recommend's questions on stderr, each asked again until its answer is valid."""
    console = stderr_console(no_color)
    out: dict[str, object] = {}
    out["goal"] = ask(console, "Goal: clinical, laboratory or either", parse_goal, "either").value
    if not ask_all:
        return out
    out["setting"] = ask(
        console,
        "Setting: clinic, hospital, laboratory, public health (Enter to skip)",
        lambda s: parse_setting(s).value if s else None,
    )
    out["budget"] = ask(
        console,
        "Budget in dollars to sit the exam (Enter to skip)",
        lambda s: _number(s, "budget", int),
    )
    out["months"] = ask(
        console, "Months available (Enter to skip)", lambda s: _number(s, "months", float)
    )
    out["state"] = ask(
        console, "State, two letters (Enter to skip)", lambda s: check_state(s) if s else None
    )
    return out


def _number(text: str, what: str, kind: type[int] | type[float]) -> int | float | None:
    if not text.strip():
        return None
    try:
        value = kind(text.replace(",", "").replace("$", "").strip())
    except ValueError:
        raise UsageError(f"{text!r} is not a number for the {what}") from None
    if value < 0:
        raise UsageError(f"the {what} cannot be negative")
    return value
