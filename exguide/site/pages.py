"""The plan stage: the list of pages to write, each with its URL, template and context.

What a page depends on is worked out after it renders, from what its templates read
(fingerprint.py, tracking.py), so the plan does not declare it.
"""
from __future__ import annotations

from typing import Callable

from exguide.content.model import Exercise
from exguide.errors import Diagnostic, error
from exguide.site.library import Library
from exguide.site.page import Page
from exguide.site.routine_pages import routine_pages
from exguide.site.search_parts import site_part_folders
from exguide.site.term_pages import az_pages, group_pages, muscle_pages, vocabulary_pages


def _counted(terms, lists) -> list[tuple]:
    """(term, count) for every term, in declared order."""
    return [(t, len(lists.get(t.id, []))) for t in terms]


def _summary(exercise: Exercise) -> str:
    return exercise.key_points[0] if exercise.key_points else ""


def _make(key, inputs, make):
    return make()


def plan_pages(lib: Library, keep: Callable = _make) -> tuple[list[Page], list[Diagnostic]]:
    """Every page of the site; two pages on one path is an error.

    ``keep(key, inputs, make)`` gives ``make()`` or an equal page made before from equal
    inputs (the reuse layer hands out the same object again, so later steps recognise an
    unchanged page by identity and skip work).
    """
    tax, u = lib.taxonomy, lib.urls
    pages: list[Page] = []
    muscles = list(tax.muscles.values())
    groups = list(tax.groups.values())
    categories = _counted(tax.categories.values(), lib.by_category)
    equipment = _counted(tax.equipment.values(), lib.by_equipment)

    pages.append(Page(u.home(), "home.html", lib.settings.title, kind="home",
                      description=lib.settings.description,
                      context={"groups": _counted(groups, lib.by_group), "categories": categories,
                               "equipment": equipment, "exercise_count": len(lib.exercises),
                               "muscles": _counted(muscles, lib.targets_of),
                               "routines": [plan.routine for plan in lib.routines]}))
    pages.extend(az_pages(lib))
    for exercise in lib.exercises:
        url = u.exercise(exercise.slug)
        # everything the page is made from: the exercises it names and those naming it included
        inputs = (exercise, lib.bodies.get(exercise.source_path, ""), lib.urls,
                  tuple(map(lib.by_slug.get, exercise.easier + exercise.harder + exercise.related)),
                  tuple(lib.referenced_by.get(exercise.slug, ())), tax,
                  tuple(plan.routine for plan in lib.routines_of.get(exercise.slug, ())))
        pages.append(keep(url, inputs, lambda: _exercise_page(lib, exercise, url)))

    regions = []
    for region in ("upper", "core", "lower"):
        region_groups = [(g, [(m, len(lib.targets_of.get(m.id, [])), len(lib.secondary_of.get(m.id, [])))
                              for m in muscles if m.group == g.id])
                         for g in groups if g.region == region]
        if region_groups:
            regions.append((region, region_groups))
    pages.append(Page(u.muscles(), "muscles.html", "Muscles", kind="muscles",
                      description="Every muscle we cover, grouped by body region, with the exercises for each.",
                      context={"regions": regions}))
    pages.extend(muscle_pages(lib))
    pages.extend(group_pages(lib))
    for kind, title, terms, lists, overview_url, term_url in (
            ("category", "Categories", categories, lib.by_category, u.categories(), u.category),
            ("equipment", "Equipment", equipment, lib.by_equipment, u.equipment_list(), u.equipment)):
        pages.append(Page(overview_url, "terms.html", title, kind=f"{kind}-list",
                          description=f"Browse exercises by {kind}.",
                          context={"terms": terms, "term_kind": kind, "term_url": term_url}))
        pages.extend(vocabulary_pages(lib, kind, terms, lists, overview_url, title, term_url))
    pages.extend(routine_pages(lib))
    parts = site_part_folders(lib)
    pages.append(Page(u.search(), "search.html", "Search", kind="search",
                      description="Search every exercise by name, muscle, equipment or text.",
                      context={"search_parts": ["/" + folder for folder in parts[1:]]}))
    pages.append(Page(u.file("404.html"), "404.html", "Page not found", kind="404"))
    pages.append(Page(u.file("sitemap.xml"), "sitemap.xml", "Sitemap", kind="sitemap",
                      context={"entries": _sitemap_entries(pages)}))
    pages.append(Page(u.file("robots.txt"), "robots.txt", "robots", kind="robots"))
    # the offline service worker sits at the site root so its scope is the whole site (base path included)
    pages.append(Page(u.file("sw.js"), "sw.js", "Service worker", kind="service-worker"))
    # a list page equal to the last build's is that page again (Page compares as data)
    pages = [page if page.kind == "exercise" else keep(page.url, (page,), lambda p=page: p) for page in pages]
    return pages, _collisions(pages)


def _exercise_page(lib: Library, exercise: Exercise, url: str) -> Page:
    tax = lib.taxonomy
    pick = [lib.by_slug[s] for s in exercise.related if s in lib.by_slug]
    # pages that link here are shown as related too, so relations read both ways
    backlinks = [e for e in lib.referenced_by.get(exercise.slug, []) if e.slug not in exercise.related
                 and e.slug not in exercise.easier + exercise.harder]
    related = pick + sorted(set(backlinks) - set(pick), key=lambda e: (e.title.casefold(), e.slug))
    easier = [lib.by_slug[s] for s in exercise.easier if s in lib.by_slug]
    harder = [lib.by_slug[s] for s in exercise.harder if s in lib.by_slug]
    return Page(url, "exercise.html", exercise.title, kind="exercise",
                description=_summary(exercise), source_path=exercise.source_path,
                context={"exercise": exercise, "body": lib.bodies.get(exercise.source_path, ""),
                         "category": tax.categories[exercise.category],
                         "targets": [tax.muscles[m] for m in exercise.targets],
                         "secondary": [tax.muscles[m] for m in exercise.secondary],
                         "equipment": [tax.equipment[e] for e in exercise.equipment],
                         "easier": easier, "harder": harder, "related": related,
                         "routines": [plan.routine for plan in lib.routines_of.get(exercise.slug, ())]})


def _sitemap_entries(pages: list[Page]) -> list[tuple[str, str]]:
    """(url, lastmod) for every HTML page worth indexing."""
    entries = []
    for page in pages:
        if page.kind in ("404", "sitemap", "robots", "search"):
            continue
        record = page.context.get("exercise") or page.context.get("routine")
        lastmod = record.updated.isoformat() if record is not None and record.updated else ""
        entries.append((page.url, lastmod))
    return entries


def _collisions(pages: list[Page]) -> list[Diagnostic]:
    """Two pages on one output path would silently overwrite each other."""
    seen: dict[str, Page] = {}
    problems = []
    for page in pages:
        other = seen.get(page.output_path)
        if other is not None:
            names = ", ".join(sorted(filter(None, (other.source_path or other.title, page.source_path or page.title))))
            problems.append(error("", 0, "", f"two pages would be written to {page.output_path}: {names}"))
        seen[page.output_path] = page
    return problems
