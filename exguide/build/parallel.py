"""Spread independent work (reading files, Markdown, rendering pages) over the machine's cores.

Workers are forked from the building process, so they start with everything it has
(taxonomy, library, compiled templates) and nothing large is pickled on the way in;
only results travel back. Results come back in input order, so the output is the same
byte for byte as a single-process build. Small jobs, one core, or no ``fork`` (Windows,
macOS defaults) mean a plain loop.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 48  # below this, starting workers costs more than it saves
_job: tuple[Callable, Sequence] | None = None  # set in each forked worker only


def cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def fork_map(func: Callable[[T], R], items: Sequence[T], workers: int | None = None,
             min_items: int = MIN_ITEMS) -> list[R]:
    """``[func(x) for x in items]``, in forked worker processes when that pays off.

    ``min_items``: fewer items than this run in a plain loop; slow items (encoding an image)
    pay for a worker from two on."""
    workers = min(workers or cores(), len(items) // max(1, min_items // 2) or 1)
    if workers < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [func(item) for item in items]
    context = multiprocessing.get_context("fork")
    # Several chunks per worker even out slow pages; few enough that the per-chunk overhead is small.
    chunksize = max(1, len(items) // (workers * 8))
    with context.Pool(workers, initializer=_start, initargs=(func, items)) as pool:
        return pool.map(_run, range(len(items)), chunksize=chunksize)


def _start(func: Callable, items: Sequence) -> None:
    global _job  # the worker's copy of the job, inherited through fork rather than pickled
    _job = (func, items)


def _run(index: int):
    func, items = _job  # type: ignore[misc]
    return func(items[index])
