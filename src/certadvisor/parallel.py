"""Split CPU-bound work over forked processes (POSIX), for big cohorts; in order, or in-process.

Forking shares the parent's loaded catalog and people without pickling them; only results
come back, pickled through a pipe. Where fork is missing, or a child fails, the work is
simply done in the parent, so the answer never depends on how it was computed.
"""

import contextlib
import os
import pickle
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO, TypeVar

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows, where nothing forks either
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")
R = TypeVar("R")
PIPE_BYTES = 1 << 20  # a result pipe's size where the system allows it


def workers() -> int:
    """How many processes to use: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def fork_map(func: Callable[[Sequence[T]], R], items: Sequence[T], parts: int) -> list[R]:
    """`func` over `parts` consecutive slices of `items`, the parent doing the last slice."""
    if parts < 2 or len(items) < parts or not hasattr(os, "fork"):
        return [func(items)]
    size = -(-len(items) // parts)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    children: list[tuple[int, int, Sequence[T]]] = []
    for chunk in chunks[:-1]:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 0
            try:
                os.close(read)
                with os.fdopen(write, "wb") as fh:
                    fh.write(pickle.dumps(func(chunk), protocol=pickle.HIGHEST_PROTOCOL))
            except BaseException:
                code = 1
            os._exit(code)
        os.close(write)
        children.append((pid, read, chunk))
    last = func(chunks[-1])
    results: list[R] = []
    for pid, read, chunk in children:
        with os.fdopen(read, "rb") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and data
        results.append(pickle.loads(data) if ok else func(chunk))  # noqa: S301 - our own child
    results.append(last)
    return results


class Unprepared(Exception):
    """A block that `prepare` could not make ready: nothing was yielded (see `fork_stream`)."""


_READY, _GO = b"Y", b"G"


def fork_stream(
    func: Callable[[Any], R],
    blocks: Sequence[Sequence[T]],
    parts: int,
    prepare: Callable[[Sequence[T]], Any] | None = None,
) -> Iterator[R]:
    """`func` over each block, yielded in block order as soon as it is ready.

    `parts` forked workers take the blocks in turn (worker k does blocks k, k + parts, ...)
    and each sends its answers through its own pipe, which holds them back once full: the
    parent keeps about one answer per worker, whatever the number of blocks. A worker that
    fails leaves its remaining blocks to the parent, so the answer is the same either way.

    With `prepare`, `func` takes `prepare(block)` instead of the block, and every block is
    prepared (each worker its own share, kept in its memory) before any is worked on: a
    block prepared as None raises `Unprepared` before the first answer is yielded.
    """
    ready: Callable[[Sequence[T]], Any] = prepare or (lambda block: block)
    if parts < 2 or len(blocks) < 2 or not hasattr(os, "fork"):
        made = [ready(b) for b in blocks]
        if any(m is None for m in made):
            raise Unprepared
        yield from (func(m) for m in made)
        return
    parts = min(parts, len(blocks))
    pipes: list[tuple[int, BinaryIO | None]] = []
    controls: list[int] = []
    try:
        for k in range(parts):
            read, write = os.pipe()
            _widen(write)
            go_read, go_write = os.pipe() if prepare else (-1, -1)
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                os.close(read)
                if prepare:
                    os.close(go_write)
                _serve(func, prepare, blocks[k::parts], go_read, write)
            os.close(write)
            if prepare:
                os.close(go_read)
                controls.append(go_write)
            pipes.append((pid, os.fdopen(read, "rb")))
        if prepare:
            _start(pipes, controls)
        for i, block in enumerate(blocks):
            pid, fh = pipes[i % parts]
            answer = _receive(fh)
            if answer is None:  # this worker failed: the parent does the rest of its share
                if fh is not None:
                    fh.close()
                pipes[i % parts] = (pid, None)
                made = ready(block)
                if made is None:  # prepared once by the worker: only a changed world fails
                    raise RuntimeError("a block that was prepared could not be again")
                yield func(made)
            else:
                yield answer[0]
    finally:
        for fd in controls:
            with contextlib.suppress(OSError):
                os.close(fd)
        for pid, fh in pipes:
            if fh is not None:
                fh.close()
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)  # already done, or no longer wanted
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)


def _widen(fd: int) -> None:
    """A pipe that holds a whole block's answer (a megabyte of CSV) where the system allows:
    the worker and the parent then take turns once a block, not once every 64 KiB."""
    size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl else None
    if size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, size, PIPE_BYTES)


def _start(pipes: list[tuple[int, BinaryIO | None]], controls: list[int]) -> None:
    """Wait until every worker has prepared its share, then let them all work; a worker
    that could not (or stopped) raises `Unprepared` (the `finally` above ends them all)."""
    for _, fh in pipes:
        if fh is None or fh.read(1) != _READY:
            raise Unprepared
    for fd in controls:
        os.write(fd, _GO)


def _serve(
    func: Callable[[Any], R],
    prepare: Callable[[Sequence[T]], Any] | None,
    share: Sequence[Sequence[T]],
    go: int,
    write: int,
) -> None:  # pragma: no cover - runs in the child
    code = 0
    try:
        with os.fdopen(write, "wb") as fh:
            made: list[Any] = list(share)
            if prepare:
                made = [prepare(block) for block in share]
                if any(m is None for m in made):
                    return
                fh.write(_READY)
                fh.flush()
                if os.read(go, 1) != _GO:
                    return
            for i, block in enumerate(made):
                made[i] = None  # what is done is let go of
                data = pickle.dumps(func(block), protocol=pickle.HIGHEST_PROTOCOL)
                fh.write(len(data).to_bytes(8, "big") + data)
                fh.flush()
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _receive(fh: "BinaryIO | None") -> tuple[Any] | None:
    """One answer from a worker's pipe, or None when the worker stopped short."""
    if fh is None:
        return None
    head = fh.read(8)
    if len(head) < 8:
        return None
    size = int.from_bytes(head, "big")
    data = fh.read(size)
    if len(data) < size:
        return None
    return (pickle.loads(data),)  # noqa: S301 - our own child's answer
