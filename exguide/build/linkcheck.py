"""Every internal link, anchor, stylesheet, script and image must resolve to something we write."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urljoin

from exguide.errors import Diagnostic, did_you_mean, error
from exguide.content.sources import read_source, read_text
from exguide.site.htmlrefs import refs_and_ids
from exguide.site.markup import EXERCISE_FILE, quoted
from exguide.site.mdsource import link_lines
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
        self._sources: dict[str, tuple] = {}  # source path -> what _place needs of it, read once

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
            if reason and source:
                line, written = self._place(source, ref)
                problems.append(error(source, line, "link", f"'{quoted(written)}' {reason}"))
            elif reason:
                problems.append(error("", 0, "link", f"'{quoted(ref)}' on {page_path} {reason}"))
        return problems

    def _place(self, source: str, ref: str) -> tuple[int, str]:
        """(line in ``source``, the link as written there) of a broken link on a page made from it.

        Only called for a broken link, so reading the file again costs nothing in a good build.
        """
        if source not in self._sources:
            self._sources[source] = _read_links(source)
        body_links, body_line, lines = self._sources[source]
        found = _written(ref, body_links)
        if found is not None:
            written, offset = found
            return body_line + offset, written
        return _line_in(lines, ref), ref


def _read_links(source: str) -> tuple[list[tuple[str, int]], int, list[str]]:
    """The links of a content file's body (as written, with their line offsets), where the body
    starts, and the file's lines."""
    text, _ = read_text(Path(source), source)
    if text is None:
        return [], 1, []
    record = read_source(Path(source))
    return (link_lines(record.body) if record.body else []), record.body_line, text.split("\n")


def _written(ref: str, body_links: list[tuple[str, int]]) -> tuple[str, int] | None:
    """The body link that became ``ref`` on the page, with its line offset, or None (a template's link).

    A link kept as written (raw HTML, a #fragment, a full address) is found as itself; a link to an
    exercise file became that page's URL, so it is matched by file name and #fragment, else, when a
    slug renames the page, by #fragment alone.
    """
    path, _, fragment = ref.partition("#")
    page = path.rstrip("/").rsplit("/", 1)[-1]
    by_name = by_fragment = None
    for written, offset in body_links:
        if written == ref:
            return written, offset
        target, _, anchor = written.partition("#")
        if EXERCISE_FILE.search(target) and anchor == fragment:
            if by_name is None and posixpath.basename(target).rsplit(".", 1)[0] == page:
                by_name = written, offset
            if by_fragment is None and fragment:
                by_fragment = written, offset
    return by_name or by_fragment


def _line_in(lines: list[str], ref: str) -> int:
    """The first line that mentions the link's #fragment, else its last path part; 0 if none.

    For links a template made from the file's fields (an image, a related exercise), where no
    line holds the link itself.
    """
    path, _, fragment = ref.partition("#")
    needle = "#" + fragment if fragment else path.rstrip("/").rsplit("/", 1)[-1]
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
        return f"points outside the site's base path {urls.base_path}; link to a page under it"
    target = output_path(unquote(url))
    if target.startswith(GENERATED_LATER):
        return None
    if target not in files:
        return "resolves to nothing; link to a page or file the site has, or give a full https:// address"
    ids = ids_for(target) if fragment else None
    if ids is not None and unquote(fragment) not in ids:
        hint = did_you_mean(unquote(fragment), sorted(ids))
        return f"points to a missing anchor '#{fragment}'{hint or '; link to a heading that exists'}"
    return None
