"""Results a long-running process (`serve`) keeps from one build to the next.

Each result is filed with the inputs it was made from and made again only when those differ.
Unchanged files give the very same frozen objects build after build, so the comparison is
mostly identity, done at C speed inside a tuple comparison; objects that are not the same
are compared by value, which is just as exact since results depend on values only.
"""
from __future__ import annotations

from typing import Callable, Hashable, TypeVar

R = TypeVar("R")


class Reuse:
    """key -> result, kept while its inputs are equal to those it was made from.

    Only what the last build asked for is kept: ``turn()`` at the start of each build
    drops everything else, so nothing accumulates over a long session.
    """

    __slots__ = ("_last", "_now")

    def __init__(self) -> None:
        self._last: dict = {}
        self._now: dict = {}

    def get(self, key: Hashable, inputs: tuple, make: Callable[[], R]) -> R:
        known = self._now.get(key) or self._last.get(key)
        if known is None or known[0] != inputs:
            known = (inputs, make())
        self._now[key] = known
        return known[1]

    def turn(self) -> None:
        self._last, self._now = self._now, {}


class Live:
    """One Reuse per name, made on first use: what only this process can reuse (kept objects are
    only the same objects within one process, so this is never pickled). ``turn()`` starts a build."""

    def __init__(self) -> None:
        self._kept: dict[str, Reuse] = {}
        self._tables: dict[str, dict] = {}

    def table(self, name: str) -> dict:
        """A plain dict kept as long as this process, for values that are the same whenever their key is."""
        return self._tables.setdefault(name, {})

    def __getitem__(self, name: str) -> Reuse:
        kept = self._kept.get(name)
        if kept is None:
            kept = self._kept[name] = Reuse()
        return kept

    def turn(self) -> None:
        for kept in self._kept.values():
            kept.turn()
