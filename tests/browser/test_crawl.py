"""Every page reachable from the home page loads, with every link, stylesheet, script and image,
both at / and under a GitHub Pages project sub-path."""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest

REF = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"']+)["']""")


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), ""


def crawl(start: str) -> tuple[set[str], list[str]]:
    """(pages visited, broken references) following every same-origin reference."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    seen, queue, broken = set(), [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, ctype = fetch(url)
        if status != 200:
            broken.append(f"{url} -> {status}")
            continue
        if "html" not in ctype:
            continue
        for ref in REF.findall(body.decode("utf-8")):
            target = urljoin(url, ref.replace("&amp;", "&")).split("#")[0].split("?")[0]
            # a link that forgets the base path still lands on this origin, and 404s below
            if target.startswith(origin) and target not in seen:
                queue.append(target)
    return seen, broken


def test_every_reference_resolves(served):
    base, site = served
    seen, broken = crawl(base)
    assert broken == []
    pages = {u for u in seen if u.endswith("/") or u.endswith(".html")}
    exercises = len(list((site / "exercises").glob("*/index.html")))
    # the crawl reached every exercise page, so nothing is orphaned
    assert sum(1 for u in pages if re.search(r"/exercises/[a-z0-9-]+/$", u)) == exercises
    assert exercises >= 13


def test_every_internal_link_carries_the_base_path(site_subpath):
    offenders = []
    for html in site_subpath.rglob("*.html"):
        if "pagefind" in html.parts:
            continue
        for ref in REF.findall(html.read_text()):
            if ref.startswith("/") and not ref.startswith(("/some-repo/", "//")):
                offenders.append(f"{html.relative_to(site_subpath)}: {ref}")
    assert offenders == []


def test_unknown_path_gets_the_site_404(served):
    base, _ = served
    status, body, _ = fetch(base + "no/such/page/")
    assert status == 404
    assert b"Page not found" in body


@pytest.mark.parametrize("path", ["", "exercises/mid-back-release/", "muscles/thoracic-erector-spinae/",
                                  "muscles/", "categories/", "equipment/foam-roller/", "404.html"])
def test_page_renders_with_its_styles_and_no_failed_request(page, served, path):
    base, _ = served
    failures = []
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400
            and not r.url.endswith("404.html") else None)
    page.goto(base + path)
    assert failures == []
    # the stylesheet applied: the header has its surface colour and the body its font
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "system-ui" in font
    assert page.locator("h1").count() == 1
