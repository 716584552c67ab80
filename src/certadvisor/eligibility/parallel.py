"""Split CPU-bound work over forked processes (POSIX), for big cohorts; in order, or in-process.

Forking shares the parent's loaded catalog and people without pickling them; only results
come back, pickled through a pipe. Where fork is missing, or a child fails, the work is
simply done in the parent, so the answer never depends on how it was computed.
"""

import os
import pickle
from collections.abc import Callable, Sequence
from typing import TypeVar

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
