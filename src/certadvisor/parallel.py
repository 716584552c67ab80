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

T = TypeVar("T")
R = TypeVar("R")


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


def fork_stream(
    func: Callable[[Sequence[T]], R], blocks: Sequence[Sequence[T]], parts: int
) -> Iterator[R]:
    """`func` over each block, yielded in block order as soon as it is ready.

    `parts` forked workers take the blocks in turn (worker k does blocks k, k + parts, ...)
    and each sends its answers through its own pipe, which holds them back once full: the
    parent keeps about one answer per worker, whatever the number of blocks. A worker that
    fails leaves its remaining blocks to the parent, so the answer is the same either way.
    """
    if parts < 2 or len(blocks) < 2 or not hasattr(os, "fork"):
        yield from (func(b) for b in blocks)
        return
    parts = min(parts, len(blocks))
    pipes: list[tuple[int, BinaryIO | None]] = []
    try:
        for k in range(parts):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                _serve(func, blocks[k::parts], read, write)
            os.close(write)
            pipes.append((pid, os.fdopen(read, "rb")))
        for i, block in enumerate(blocks):
            pid, fh = pipes[i % parts]
            answer = _receive(fh)
            if answer is None:  # this worker failed: the parent does the rest of its share
                if fh is not None:
                    fh.close()
                pipes[i % parts] = (pid, None)
                yield func(block)
            else:
                yield answer[0]
    finally:
        for pid, fh in pipes:
            if fh is not None:
                fh.close()
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)  # already done, or no longer wanted
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)


def _serve(
    func: Callable[[Sequence[T]], R], share: Sequence[Sequence[T]], read: int, write: int
) -> None:  # pragma: no cover - runs in the child
    code = 0
    try:
        os.close(read)
        with os.fdopen(write, "wb") as fh:
            for block in share:
                data = pickle.dumps(func(block), protocol=pickle.HIGHEST_PROTOCOL)
                fh.write(len(data).to_bytes(8, "big") + data)
                fh.flush()
    except BaseException:
        code = 1
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
