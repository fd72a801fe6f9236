"""The one place URLs are made, so a sub-path base URL can never be forgotten.

Vocabulary: a *url* is the site path before the base path ("/muscles/quadriceps/");
an *href* is what goes into a page ("/some-repo/muscles/quadriceps/"); an *output
path* is where the file lands under output/ ("muscles/quadriceps/index.html").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Urls:
    base_path: str = "/"
    site_url: str = ""

    # --- site URLs of each page kind ------------------------------------------
    @staticmethod
    def home() -> str:
        return "/"

    @staticmethod
    def exercise(slug: str) -> str:
        return f"/exercises/{_segment(slug)}/"

    @staticmethod
    def routine(slug: str) -> str:
        return f"/routines/{_segment(slug)}/"

    @staticmethod
    def routines() -> str:
        return "/routines/"

    @staticmethod
    def demo(name: str) -> str:
        """A demo's drawing (exguide/site/demo_files.py), named by what it is drawn from, shared by exercises."""
        return f"/demos/{_segment(name)}"

    @staticmethod
    def exercises() -> str:
        return "/exercises/"

    @staticmethod
    def muscle(term_id: str) -> str:
        return f"/muscles/{_segment(term_id)}/"

    @staticmethod
    def muscles() -> str:
        return "/muscles/"

    @staticmethod
    def group(term_id: str) -> str:
        return f"/groups/{_segment(term_id)}/"

    @staticmethod
    def category(term_id: str) -> str:
        return f"/categories/{_segment(term_id)}/"

    @staticmethod
    def categories() -> str:
        return "/categories/"

    @staticmethod
    def equipment(term_id: str) -> str:
        return f"/equipment/{_segment(term_id)}/"

    @staticmethod
    def equipment_list() -> str:
        return "/equipment/"

    @staticmethod
    def paged(url: str, number: int) -> str:
        """Page ``number`` of a paginated list at ``url``: page 1 is ``url`` itself, then ``url``page/2/…"""
        if number < 1:
            raise ValueError(f"no page {number}")
        return url if number == 1 else f"{url}page/{number}/"

    @staticmethod
    def search(**filters: str) -> str:
        """The search page, pre-filtered by e.g. ``muscle="hamstrings"`` (assets/js/search.js reads the query)."""
        if filters:
            return "/search/?" + "&".join(f"{key}={_segment(value)}" for key, value in sorted(filters.items()))
        return "/search/"

    @staticmethod
    def search_bundle() -> str:
        """Pagefind's script, written beside the pages by the search indexer (exguide/site/search.py)."""
        return "/pagefind/pagefind.js"

    @staticmethod
    def asset(path: str) -> str:
        return "/assets/" + "/".join(_segment(p) for p in path.split("/"))

    @staticmethod
    def image(path: str) -> str:
        return "/images/" + "/".join(_segment(p) for p in path.split("/"))

    @staticmethod
    def video(path: str) -> str:
        return "/videos/" + "/".join(_segment(p) for p in path.split("/"))

    @staticmethod
    def figure(name: str) -> str:
        """A card's muscle-figure thumbnail (exguide/site/thumbs.py)."""
        return "/figures/" + _segment(name)

    @staticmethod
    def file(name: str) -> str:
        """A top-level file such as sitemap.xml or 404.html."""
        return "/" + _segment(name)

    # --- conversions ---------------------------------------------------------------
    def href(self, url: str) -> str:
        """The link to put in a page: the base path plus the site URL."""
        if not url.startswith("/"):
            raise ValueError(f"not a site URL: {url!r}")
        return self.base_path + url[1:]

    def absolute(self, url: str) -> str:
        """The full address for canonical links and sitemaps; '' without site_url."""
        return self.site_url + self.href(url) if self.site_url else ""

    def strip_base(self, href: str) -> str | None:
        """The site URL an href points to, or None when it is outside the base path."""
        if not href.startswith(self.base_path):
            return None
        return "/" + href[len(self.base_path):]


def output_path(url: str) -> str:
    """Where a site URL is written under output/: directories get index.html."""
    path = url.lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


def _segment(text: str) -> str:
    """Refuse anything that could climb out of output/ or break a URL."""
    if not _SAFE_SEGMENT.match(text) or ".." in text:
        raise ValueError(f"unsafe URL segment: {text!r}")
    return text
