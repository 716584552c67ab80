"""The same flag is spelled the same way, with the same short alias and meaning, on every command.

Walks every command of the app (groups included) through its click command objects. The one
documented exception: the wallet reads no profile, and there `-p` is short for `--person`.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from typer.main import get_command

from certadvisor.cli.app import app
from certadvisor.cli.clicks import Command, Context

# long option -> (its short alias, or None) and the metavar its value is shown with
SHARED: dict[str, tuple[str | None, str | None]] = {
    "--profile": ("-p", "FILE"),
    "--as-of": (None, "YYYY-MM-DD"),
    "--member": (None, None),
    "--state": (None, "XX"),
    "--format": ("-f", None),
    "--output": ("-o", "FILE"),
    "--person": (None, "NAME"),
}
# the documented exceptions: (command path prefix, long option) -> its short alias there
EXCEPTIONS: dict[tuple[str, str], str | None] = {("wallet", "--person"): "-p"}


def commands() -> Iterator[tuple[str, Command]]:
    """Every leaf command as ("wallet ce add", command)."""

    def walk(cmd: Command, path: list[str]) -> Iterator[tuple[str, Command]]:
        ctx = Context(cmd, info_name=path[-1] if path else "certadvisor")
        names = getattr(cmd, "list_commands", None)
        if names is None:
            yield " ".join(path), cmd
            return
        for name in names(ctx):
            sub = cmd.get_command(ctx, name)  # type: ignore[attr-defined]
            assert sub is not None, name
            yield from walk(sub, [*path, name])

    yield from walk(get_command(app), [])


ALL = list(commands())


def options(cmd: Command) -> list[Any]:
    return [p for p in cmd.params if p.param_type_name == "option" and not p.hidden]


def long_name(param: Any) -> str | None:
    return next((o for o in param.opts if o.startswith("--")), None)


def expected_short(path: str, long: str) -> str | None:
    for (prefix, name), short in EXCEPTIONS.items():
        if name == long and (path == prefix or path.startswith(prefix + " ")):
            return short
    return SHARED[long][0]


def test_the_walk_finds_every_command_and_group() -> None:
    paths = [p for p, _ in ALL]
    assert {"tracks", "eligible", "report", "wallet status", "wallet ce add", "data review"} <= set(
        paths
    )
    assert len(paths) > 25


@pytest.mark.parametrize(("path", "cmd"), ALL, ids=[p for p, _ in ALL])
def test_shared_options_have_one_spelling_and_one_short_alias(path: str, cmd: Command) -> None:
    for param in options(cmd):
        long = long_name(param)
        if long not in SHARED:
            continue
        shorts = [o for o in param.opts if not o.startswith("--")]
        want = expected_short(path, long)
        assert shorts == ([want] if want else []), f"{path} {long}: {shorts}"
        metavar = SHARED[long][1]
        if metavar:
            assert param.metavar == metavar, f"{path} {long} shows {param.metavar}"


@pytest.mark.parametrize(("path", "cmd"), ALL, ids=[p for p, _ in ALL])
def test_a_short_alias_means_one_option_everywhere(path: str, cmd: Command) -> None:
    meaning = {"-p": "--profile", "-f": "--format", "-o": "--output", "-q": "--query"}
    for param in options(cmd):
        long = long_name(param)
        for short in (o for o in param.opts if not o.startswith("--")):
            if path.startswith("wallet") and short == "-p":
                assert long == "--person", f"{path}: -p is {long}"
                continue
            assert meaning.get(short) == long, f"{path}: {short} is {long}"


def test_member_is_a_flag_with_its_negation_everywhere() -> None:
    found = [(p, o) for p, c in ALL for o in options(c) if long_name(o) == "--member"]
    assert {p for p, _ in found} >= {"show", "compare", "checklist", "recommend", "report"}
    for path, param in found:
        assert param.is_flag and param.secondary_opts == ["--no-member"], path
        assert param.default is False, path


def test_as_of_takes_the_same_kind_of_date_everywhere() -> None:
    found = [(p, o) for p, c in ALL for o in options(c) if long_name(o) == "--as-of"]
    assert {p for p, _ in found} >= {
        "show",
        "compare",
        "eligible",
        "checklist",
        "plan",
        "recommend",
        "report",
        "wallet status",
        "wallet calendar",
        "data sources",
        "data review",
    }
    for path, param in found:
        ctx = Context(dict(ALL)[path])
        assert str(param.type_cast_value(ctx, "2026-11-30")) == "2026-11-30", path
        with pytest.raises(Exception, match="2026-13-01|date|month"):
            param.type_cast_value(ctx, "2026-13-01")


def test_every_command_that_writes_a_format_takes_output_too() -> None:
    for path, cmd in ALL:
        names = {long_name(o) for o in options(cmd)}
        if "--format" in names:
            assert "--output" in names, path


def test_profile_and_state_are_offered_wherever_a_person_is_evaluated() -> None:
    for path in ("compare", "eligible", "checklist", "plan", "recommend", "report"):
        names = {long_name(o) for o in options(dict(ALL)[path])}
        assert {"--profile", "--as-of"} <= names, path
    for path in ("show", "compare", "eligible", "checklist", "recommend", "report"):
        names = {long_name(o) for o in options(dict(ALL)[path])}
        assert "--state" in names, path


def test_the_wallet_exception_is_said_in_its_help(run: Any) -> None:
    result = run("wallet", "--help")
    assert result.exit_code == 0
    assert "-p is short for --person" in " ".join(result.stdout.split())
