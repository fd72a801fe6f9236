"""A site indexed in parts searches exactly like one indexed whole (exguide/site/search_parts.py).

The shipped content is built a second time with ``search_pages_per_index: 25`` (five parts for
about a hundred pages), served at / and under /some-repo/, and every answer is compared with the
same search on the site indexed as one bundle.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_search import open_search, result_hrefs
from tests.conftest import SUBPATH
from tests.support.server import serve
from tests.support.sites import ROOT, build_site

PER_INDEX = 25


@pytest.fixture(scope="module", params=[("/", "server_root"), (SUBPATH, "server_subpath")], ids=["root", "subpath"])
def split(request, tmp_path_factory):
    """(base URL of the split site, its output folder, base URL of the same site indexed whole)."""
    prefix, whole = request.param
    config = tmp_path_factory.mktemp("split-config") / "site.yaml"
    config.write_text((ROOT / "site.yaml").read_text(encoding="utf-8")
                      + f"\nsearch_pages_per_index: {PER_INDEX}\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("split-site") / "output"
    build_site(out, "--base-url", prefix, config=config)
    with serve(out, prefix) as url:
        yield url, out, request.getfixturevalue(whole)


def local(hrefs, base: str) -> list[str]:
    prefix = base[base.index("/", len("http://")):]
    return [href[len(prefix):] if href.startswith(prefix) else href for href in hrefs]


def ordered_hrefs(page) -> list[str]:
    result_hrefs(page)  # shows every result
    return page.locator("#search-results a.card-link").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_the_split_site_has_parts_and_the_search_page_merges_them(split):
    _, out, _ = split
    parts = sorted(p.name for p in (out / "pagefind").iterdir() if p.name.startswith("part-"))
    assert parts == ["part-2", "part-3", "part-4", "part-5"]
    html = (out / "search" / "index.html").read_text(encoding="utf-8")
    assert "pagefind/part-5/" in html


@pytest.mark.parametrize("query", ["category=strength", "equipment=none", "muscle=quadriceps&level=beginner"])
def test_browsing_by_filter_lists_the_same_pages_in_the_same_a_to_z_order(page, split, query):
    base, _, whole = split
    errors = open_search(page, whole, query)
    expected = local(ordered_hrefs(page), whole)
    assert len(expected) > 3
    errors += open_search(page, base, query)
    assert local(ordered_hrefs(page), base) == expected
    assert errors == []


# A part that holds no page with a searched word answers with near matches instead (Pagefind's
# fallback), so a split site can list a few more pages than a whole one: never fewer. Parts of
# 25 pages show it on almost every search; the default parts of 5,000 pages seldom.
@pytest.mark.parametrize("term", ["foam roller", "squat", "hamstrings", "stretch"])
def test_a_word_finds_every_page_the_whole_index_finds(page, split, term):
    base, _, whole = split
    found = {}
    for url in (whole, base):
        open_search(page, url)
        page.fill("#search-q", term)
        expect(page.locator("#search-status")).to_contain_text("“" + term + "”")
        found[url] = set(local(result_hrefs(page), url))
    assert found[whole], f"nothing found for {term}"
    assert found[whole] <= found[base]
