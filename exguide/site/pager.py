"""Long lists cut into pages: which slice of a list a page shows, and the links between the pages.

Page 1 of a list stays at the list's own URL; page n is at ``<url>page/<n>/`` (``Urls.paged``).
A list that fits on one page gets no pager at all, so small sites look as they always did.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from exguide.site.urls import Urls

WINDOW = 2  # page numbers shown either side of the current one


@dataclass(frozen=True)
class Pager:
    """Page ``number`` of ``count`` pages over ``total`` items, ``size`` a page, of the list at ``url``."""

    url: str
    number: int
    count: int
    total: int
    size: int

    @property
    def start(self) -> int:
        """The index in the whole list of this page's first item."""
        return (self.number - 1) * self.size

    @property
    def first_shown(self) -> int:
        """1-based position of this page's first item ("Showing 101–200 of 3,412")."""
        return min(self.start + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.start + self.size, self.total)

    def page_url(self, number: int) -> str:
        return Urls.paged(self.url, number)

    @property
    def previous_url(self) -> str | None:
        return self.page_url(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.page_url(self.number + 1) if self.number < self.count else None

    @property
    def window(self) -> list[int]:
        """The page numbers the pager shows: a few either side of this one, always the first and the last."""
        low, high = max(1, self.number - WINDOW), min(self.count, self.number + WINDOW)
        return sorted({1, *range(low, high + 1), self.count})

    def title(self, title: str) -> str:
        """A page's title with "(page 2 of 35)" after it, except on page 1."""
        return title if self.number == 1 else f"{title} (page {self.number} of {self.count})"


def pagers(url: str, total: int, size: int) -> list[Pager]:
    """One pager per page of a ``total``-item list; an empty list still has its one page."""
    count = max(1, -(-total // size))
    return [Pager(url, number, count, total, size) for number in range(1, count + 1)]


def letter_of(title: str) -> str:
    """The A–Z index letter a title files under: its first letter without accents, '#' for anything else."""
    first = unicodedata.normalize("NFKD", title.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def letter_anchor(letter: str) -> str:
    return "letter-" + (letter.lower() if letter != "#" else "other")


def letter_index(titles: list[str], size: int) -> tuple[list[tuple[str, int, str]], dict[int, dict[int, str]]]:
    """Where each letter first appears in a sorted list of titles paged ``size`` at a time:
    ([(letter, page number, anchor id)], {page number: {position on the page: anchor id}})."""
    letters: list[tuple[str, int, str]] = []
    anchors: dict[int, dict[int, str]] = {}
    seen: set[str] = set()
    for index, title in enumerate(titles):
        letter = letter_of(title)
        if letter not in seen:
            seen.add(letter)
            number, anchor = index // size + 1, letter_anchor(letter)
            letters.append((letter, number, anchor))
            anchors.setdefault(number, {})[index % size] = anchor
    # in alphabetical order, '#' first, wherever a letter starts (accented titles sort after 'z')
    return sorted(letters, key=lambda item: (item[0] != "#", item[0])), anchors
