"""What every command shares: the app state, the output options, the catalog, emitting."""

import os
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from certadvisor.cli.clicks import Context
from certadvisor.errors import UsageError
from certadvisor.text import safe

if TYPE_CHECKING:
    from certadvisor.catalog import LoadedCatalog
    from certadvisor.render.output import Rendering


@dataclass
class AppState:
    """Global options, set by the root callback."""

    data: list[Path] = field(default_factory=list)
    no_color: bool = False
    debug: bool = False
    excel: bool = False
    no_pager: bool = False
    _catalog: "LoadedCatalog | None" = None


def state(ctx: Context) -> AppState:
    """The app state of this invocation (a default one when a command runs alone in tests)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
    return root.obj


def plain_models_if_cached(st: AppState) -> None:
    """Let this run's models be the plain stand-ins when the catalog it reads is cached
    (asked when the first model loads, once every option, --data too, is read)."""
    from certadvisor.models import mode

    def cached() -> bool:
        from certadvisor.catalog.loader import cache_is_warm

        return cache_is_warm(st.data)

    mode.plain_if(cached)


def catalog(ctx: typer.Context) -> "LoadedCatalog":
    """The merged catalog, loaded once per invocation."""
    from certadvisor import catalog as catalog_module

    st = state(ctx)
    if st._catalog is None:
        from certadvisor.render.progress import slow_work

        with slow_work("Loading the catalog", st.no_color):
            st._catalog = catalog_module.load(st.data)
        _label_sources(st.data)
    return st._catalog


def _label_sources(data: list[Path]) -> None:
    """Let footers name sources by publisher and title; the registry is read on first use."""
    from certadvisor.render.marks import use_source_labels

    found: dict[str, object] = {}

    def describe(ref: str) -> object:
        from certadvisor.catalog import catalog_paths
        from certadvisor.catalog.sources import describe as describe_source
        from certadvisor.catalog.sources import registry_for

        if "" not in found:
            found[""] = registry_for(catalog_paths(data))
        return describe_source(ref, found[""])  # type: ignore[arg-type]

    use_source_labels(describe)


def note(ctx: typer.Context, message: str) -> None:
    """A message for the person on stderr (never mixed with data on stdout)."""
    sys.stderr.write(safe(message) + "\n")


def emit(
    ctx: typer.Context,
    rendering: "Rendering",
    fmt: StrEnum | None,
    output: str | None,
) -> None:
    """Render a result in the chosen format to stdout or a file."""
    from certadvisor.render.output import emit as emit_rendering

    if output not in (None, "-"):
        _refuse_an_input(ctx, Path(str(output)).expanduser())
    emit_rendering(
        rendering,
        fmt.value if fmt else None,
        output,
        no_color=state(ctx).no_color,
        announce=lambda m: note(ctx, m),
        excel=state(ctx).excel,
        paged=not state(ctx).no_pager,
    )


def _refuse_an_input(ctx: typer.Context, target: Path) -> None:
    """A usage error when -o names a file this run reads (its profile or a --data file):
    writing the results there would lose the input."""
    try:
        found = os.stat(target)
    except OSError:
        return
    profile = ctx.params.get("profile")
    inputs = [*([Path(str(profile))] if profile else []), *state(ctx).data]
    for path in inputs:
        try:
            same = os.path.samestat(os.stat(path), found)
        except OSError:
            continue
        if same:
            raise UsageError(
                f"{target}: is the input file {path}; refusing to write the results over it",
                "Write them to another file with -o.",
            )
