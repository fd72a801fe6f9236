"""Results a long-running process (`serve`) keeps from one build to the next.

Each result is filed with the inputs it was made from and made again only when those differ.
Unchanged files give the very same frozen objects build after build, so the comparison is
mostly identity, done at C speed inside a tuple comparison; objects that are not the same
are compared by value, which is just as exact since results depend on values only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class Live:
    """What only a long-running process (`serve`) can reuse between builds: results filed with
    the objects they were made from (Reuse, above). Never pickled: kept objects are only the
    same objects within one process. ``turn()`` starts each build.
    """

    taxonomy: Reuse = field(default_factory=Reuse)  # the vocabulary files' places and bytes -> load_taxonomy
    paths: dict = field(default_factory=dict)  # path text -> the Path of each exercise file found
    pages: Reuse = field(default_factory=Reuse)  # page URL -> Page: pages.plan_pages
    shapes: Reuse = field(default_factory=Reuse)  # page URL -> shape: fingerprint.py
    prints: Reuse = field(default_factory=Reuse)  # page URL -> fingerprint: fingerprint.py
    values: Reuse = field(default_factory=Reuse)  # (slug, fields read) -> their text: fingerprint.py
    bodies: Reuse = field(default_factory=Reuse)  # source path -> body key: BodyRenderer
    digests: Reuse = field(default_factory=Reuse)  # output path -> sha1 of bytes made this build: publish.py

    def turn(self) -> None:
        for kept in (self.taxonomy, self.pages, self.shapes, self.prints, self.values, self.bodies, self.digests):
            kept.turn()
