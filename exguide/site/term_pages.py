"""The plan of the list pages: the A–Z list and each muscle, group, category and equipment page, cut into
pages of ``settings.page_size`` exercises (pager.py), so no page grows with the library.

Each page's context holds only its own slice of exercises and plain values (its ``pager``, the totals),
so the reuse layer sees an exercise that moves from one page to the next as a change of both pages'
shapes, and an edit to a card's fields as a read of the pages that show it.
"""
from __future__ import annotations

from exguide.site.library import Library
from exguide.site.page import Page
from exguide.site.pager import letter_index, pagers


def az_pages(lib: Library) -> list[Page]:
    """All exercises, A to Z; when paged, every page has the letter index into the pages, and the first
    card of each letter carries the anchor the index links to."""
    u, size, exercises = lib.urls, lib.settings.page_size, lib.exercises
    paged = pagers(u.exercises(), len(exercises), size)
    letters, anchors = letter_index([e.title for e in exercises], size) if len(paged) > 1 else ([], {})
    return [Page(pager.page_url(pager.number), "exercises.html", pager.title("All exercises"), kind="exercises",
                 description=f"All {len(exercises)} exercise guides from A to Z.",
                 context={"exercises": exercises[pager.start:pager.start + size], "letters": letters,
                          "anchors": anchors.get(pager.number, {}), **_paging(pager, paged)})
            for pager in paged]


def muscle_pages(lib: Library) -> list[Page]:
    """Per muscle: the exercises that target it, then those that also work it, paged as one list."""
    tax, u, size = lib.taxonomy, lib.urls, lib.settings.page_size
    pages = []
    for muscle in tax.muscles.values():
        primary = lib.targets_of.get(muscle.id, [])
        secondary = lib.secondary_of.get(muscle.id, [])
        paged = pagers(u.muscle(muscle.id), len(primary) + len(secondary), size)
        for pager in paged:
            start, end = pager.start, pager.start + size
            after = len(primary)
            pages.append(Page(pager.page_url(pager.number), "muscle.html", pager.title(muscle.name),
                              kind="muscle", description=muscle.description,
                              context={"term": muscle, "group": tax.groups.get(muscle.group),
                                       "primary": primary[start:end],
                                       "secondary": secondary[max(0, start - after):max(0, end - after)],
                                       "primary_count": len(primary), "secondary_count": len(secondary),
                                       **_paging(pager, paged)}))
    return pages


def group_pages(lib: Library) -> list[Page]:
    """Per muscle group: its muscles (a few chips, on every page) and its exercises, paged."""
    tax, u, size = lib.taxonomy, lib.urls, lib.settings.page_size
    pages = []
    for group in tax.groups.values():
        members = [(m, len(lib.targets_of.get(m.id, []))) for m in tax.muscles.values() if m.group == group.id]
        exercises = lib.by_group.get(group.id, [])
        paged = pagers(u.group(group.id), len(exercises), size)
        for pager in paged:
            pages.append(Page(pager.page_url(pager.number), "group.html", pager.title(group.name), kind="group",
                              description=group.description,
                              context={"term": group, "members": members,
                                       "exercises": exercises[pager.start:pager.start + size],
                                       "exercise_count": len(exercises), **_paging(pager, paged)}))
    return pages


def vocabulary_pages(lib: Library, kind: str, terms: list[tuple], lists: dict, overview_url: str,
                     overview_title: str, term_url) -> list[Page]:
    """Per category or piece of equipment: its exercises, paged."""
    size = lib.settings.page_size
    pages = []
    for term, _count in terms:
        exercises = lists.get(term.id, [])
        paged = pagers(term_url(term.id), len(exercises), size)
        for pager in paged:
            pages.append(Page(pager.page_url(pager.number), "term.html", pager.title(term.name), kind=kind,
                              description=term.description,
                              context={"term": term, "term_kind": kind,
                                       "exercises": exercises[pager.start:pager.start + size],
                                       "exercise_count": len(exercises), "overview_url": overview_url,
                                       "overview_title": overview_title, **_paging(pager, paged)}))
    return pages


def _paging(pager, paged: list) -> dict:
    """The ``pager`` a template shows: None when the whole list fits on one page."""
    return {"pager": pager if len(paged) > 1 else None}
