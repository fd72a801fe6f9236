"""Every internal link, anchor, stylesheet, script and image must resolve to something we write."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin

from exguide.errors import Diagnostic, did_you_mean, error
from exguide.site.htmlrefs import refs_and_ids
from exguide.site.urls import Urls, output_path

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# Written after the link check by the search indexer; checked by the search step itself.
GENERATED_LATER = ("pagefind/",)


def ids_of(html: str) -> frozenset[str]:
    """Every anchor a #fragment can point to on a page: ids, and names of <a> elements."""
    return refs_and_ids(html)[1]


def refs_of(html: str) -> list[str]:
    """Every href, src, poster and srcset URL of a page's elements, once each, in order."""
    return list(refs_and_ids(html)[0])


def check_links(pages: dict[str, str], files: set[str], urls: Urls,
                sources: dict[str, str]) -> list[Diagnostic]:
    """Problems for links in ``pages`` (output path -> HTML) that resolve to nothing.

    ``files`` holds every output path the build writes; ``sources`` maps a page's
    output path to the content file it is made from, so errors name that file.
    """
    ids_cache: dict[str, set[str]] = {}

    def ids_for(target: str) -> set[str] | None:
        if target not in pages:
            return None
        if target not in ids_cache:
            ids_cache[target] = ids_of(pages[target])
        return ids_cache[target]

    checker = LinkChecker(files, urls, ids_for)
    problems: list[Diagnostic] = []
    for page_path, html in pages.items():
        if page_path.endswith(".html"):
            problems += checker.check_page(page_path, refs_of(html), sources.get(page_path, ""))
    return problems


class LinkChecker:
    """Checks pages' refs against one build's files; incremental builds feed it only the pages that changed.

    ``ids_for(output path)`` gives a page's anchor ids, or None when the path is not a page.
    Verdicts are remembered: most refs (stylesheet, nav, cards) repeat on every page.
    """

    def __init__(self, files: set[str], urls: Urls, ids_for):
        self.files, self.urls, self.ids_for = files, urls, ids_for
        self._verdicts: dict = {}

    def check_page(self, page_path: str, refs, source: str = "") -> list[Diagnostic]:
        page_href = self.urls.href("/" + page_path[: -len("index.html")] if page_path.endswith("index.html")
                                   else "/" + page_path)
        problems = []
        for ref in refs:
            key = ref if ref.startswith("/") else (page_href, ref)  # an absolute ref means the same everywhere
            if key in self._verdicts:
                reason = self._verdicts[key]
            else:
                reason = self._verdicts[key] = _broken(ref, page_href, self.files, self.urls, self.ids_for)
            if reason:
                where = f" on {page_path}" if not source else ""
                problems.append(error(source, _line_in(source, ref), "link", f"'{ref}'{where} {reason}"))
        return problems


def _line_in(source: str, ref: str) -> int:
    """The line of ``source`` that holds the link (its #fragment, else its last path part); 0 if unknown.

    Only called for a broken link, so reading the file again costs nothing in a good build.
    """
    if not source:
        return 0
    path, _, fragment = ref.partition("#")
    needle = "#" + fragment if fragment else path.rstrip("/").rsplit("/", 1)[-1]
    try:
        lines = Path(source).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    for number, line in enumerate(lines, 1):
        if needle and needle in line:
            return number
    return 0


def _broken(ref, page_href, files, urls, ids_for) -> str | None:
    """Why ``ref`` on a page is broken, or None."""
    ref = ref.replace("&amp;", "&")
    if not ref or _EXTERNAL.match(ref):
        return None
    target_href, _, fragment = urljoin(page_href, ref).partition("#")
    target_href = target_href.partition("?")[0]
    url = urls.strip_base(target_href)
    if url is None:
        return f"points outside the site's base path {urls.base_path}"
    target = output_path(unquote(url))
    if target.startswith(GENERATED_LATER):
        return None
    if target not in files:
        return "resolves to nothing"
    ids = ids_for(target) if fragment else None
    if ids is not None and unquote(fragment) not in ids:
        hint = did_you_mean(unquote(fragment), sorted(ids))
        return f"points to a missing anchor '#{fragment}'{hint or '; link to a heading that exists'}"
    return None
