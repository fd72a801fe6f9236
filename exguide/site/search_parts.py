"""Which pages go into which search index, when the site is too big for one.

Pagefind holds everything it indexes in memory until it writes (about 100 KB a page: 1.9 GB
for 20,000 exercises), and any change re-indexes every page. So a large site is indexed in
parts of at most ``search_pages_per_index`` pages, each a bundle of its own under pagefind/
(the first is pagefind/ itself); the search page merges them in the browser (Pagefind's
mergeIndex), and a rebuild indexes again only the parts whose pages changed.

Pages are dealt out in title order, like cards: the page of rank r goes to part r mod n. A
search sorted by title gives each result its rank within its own part as its score, and the
merged list is sorted by score with ties kept in part order, so dealing this way makes the
merged A-Z list exactly the site's A-Z list.
"""
from __future__ import annotations

from dataclasses import dataclass

BUNDLE = "pagefind/"
# ~500 MB of Pagefind's memory at its peak. Not lower by default: each part fetches its own index
# chunks per search, and a part with no page holding a searched word answers with near matches.
DEFAULT_PAGES_PER_INDEX = 5000


@dataclass(frozen=True)
class SearchPart:
    folder: str  # output folder of this part's bundle: "pagefind/", "pagefind/part-2/", ...
    pages: tuple[str, ...]  # output paths of the pages it indexes


def part_count(pages: int, per_index: int) -> int:
    return max(1, -(-pages // max(1, per_index)))


def part_folders(pages: int, per_index: int) -> list[str]:
    """The bundle folders of a site with ``pages`` indexed pages: the first is the main bundle."""
    return [BUNDLE] + [f"{BUNDLE}part-{n}/" for n in range(2, part_count(pages, per_index) + 1)]


def site_part_folders(lib) -> list[str]:
    """The bundle folders of a library (site/library.Library): every exercise and routine page is indexed."""
    return part_folders(len(lib.exercises) + len(lib.routines), lib.settings.search_pages_per_index)


def plan_parts(titles: dict[str, str], count: int) -> tuple[SearchPart, ...]:
    """``count`` parts of the pages in ``titles`` (output path -> the title Pagefind sorts it by)."""
    folders = part_folders(count, 1)
    ranked = sorted(titles, key=lambda path: (titles[path], path))
    return tuple(SearchPart(folder, tuple(ranked[i::len(folders)])) for i, folder in enumerate(folders))
