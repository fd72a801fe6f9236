"""Every internal link, anchor, stylesheet, script and image must resolve to something we write."""
from __future__ import annotations

import re
from urllib.parse import unquote, urljoin

from .errors import Diagnostic, error
from .urls import Urls, output_path

_REF = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# Written after the link check by the search indexer; checked by the search step itself.
GENERATED_LATER = ("pagefind/",)


def ids_of(html: str) -> set[str]:
    return set(_ID.findall(html))


def check_links(pages: dict[str, str], files: set[str], urls: Urls,
                sources: dict[str, str]) -> list[Diagnostic]:
    """Problems for links in ``pages`` (output path -> HTML) that resolve to nothing.

    ``files`` holds every output path the build writes; ``sources`` maps a page's
    output path to the content file it is made from, so errors name that file.
    """
    problems: list[Diagnostic] = []
    ids_cache: dict[str, set[str]] = {}
    for page_path, html in pages.items():
        if not page_path.endswith(".html"):
            continue
        page_href = urls.href("/" + page_path[: -len("index.html")] if page_path.endswith("index.html")
                              else "/" + page_path)
        for ref in dict.fromkeys(_REF.findall(html)):
            reason = _broken(ref, page_href, page_path, pages, files, urls, ids_cache)
            if reason:
                source = sources.get(page_path, "")
                where = f" on {page_path}" if not source else ""
                problems.append(error(source, 0, "link", f"'{ref}'{where} {reason}"))
    return problems


def _broken(ref, page_href, page_path, pages, files, urls, ids_cache) -> str | None:
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
    if fragment and target in pages:
        if target not in ids_cache:
            ids_cache[target] = ids_of(pages[target])
        if unquote(fragment) not in ids_cache[target]:
            return f"points to a missing anchor '#{fragment}'"
    return None
