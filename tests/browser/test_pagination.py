"""Paged lists as a reader uses them: the shipped content with 10 exercises a page, served at / and under
/some-repo/, in Chromium; and a term page's way into search with its filter ticked."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import SUBPATH
from tests.support.server import serve
from tests.support.sites import ROOT, build_site

PAGE_SIZE = 10


@pytest.fixture(scope="module", params=["/", SUBPATH])
def paged_site(request, tmp_path_factory):
    """(base URL, output folder) of the shipped content built with page_size 10."""
    root = tmp_path_factory.mktemp("paged")
    config = root / "site.yaml"
    config.write_text((ROOT / "site.yaml").read_text() + f"page_size: {PAGE_SIZE}\n")
    out = root / "output"
    build_site(out, "--no-search", "--base-url", request.param, config=config)
    with serve(out, request.param) as url:
        yield url, out


def pager(page):
    return page.get_by_role("navigation", name="Pagination")


def test_the_pager_walks_the_a_to_z_list_and_back(page, paged_site):
    base, out = paged_site
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "exercises/")
    last = len(list((out / "exercises" / "page").iterdir())) + 1
    expect(page.locator(".pager-status")).to_contain_text(f"Showing 1–{PAGE_SIZE} of")
    expect(pager(page).locator('[aria-current="page"]')).to_have_text("1")
    first_titles = page.locator(".card-title").all_text_contents()

    pager(page).get_by_role("link", name="Next").click()
    expect(page).to_have_url(base + "exercises/page/2/")
    expect(page).to_have_title(f"All exercises (page 2 of {last}) · Exercise Guide")
    expect(page.locator(".pager-status")).to_contain_text(f"Showing {PAGE_SIZE + 1}–{2 * PAGE_SIZE} of")
    expect(pager(page).locator('[aria-current="page"]')).to_have_text("2")
    assert not set(page.locator(".card-title").all_text_contents()) & set(first_titles)

    pager(page).get_by_role("link", name="Last").click()
    expect(page).to_have_url(base + f"exercises/page/{last}/")
    expect(pager(page).get_by_role("link", name="Next")).to_have_count(0)  # shown, but not a link
    pager(page).get_by_role("link", name="Previous").click()
    expect(page).to_have_url(base + f"exercises/page/{last - 1}/")
    pager(page).get_by_role("link", name="First").click()
    expect(page).to_have_url(base + "exercises/")
    assert page.locator(".card-title").all_text_contents() == first_titles
    assert errors == []


def test_a_letter_leads_to_the_card_where_it_starts(page, paged_site):
    base, _ = paged_site
    page.goto(base + "exercises/")
    letters = page.get_by_role("navigation", name="Jump to a letter")
    link = letters.get_by_role("link", name="S", exact=True)
    href = link.get_attribute("href")
    link.click()
    expect(page).to_have_url(base[:base.index("/", len("http://"))] + href)
    card = page.locator("#letter-s")
    expect(card).to_be_in_viewport()
    assert card.locator(".card-title").text_content().startswith("S")


def test_a_muscle_page_pages_on_a_phone_and_links_stay_under_the_base_path(page, paged_site):
    base, _ = paged_site
    page.goto(base + "muscles/hamstrings/")
    nav = pager(page)
    expect(nav).to_be_visible()
    hrefs = nav.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith(base[base.index("/", len("http://")):] + "muscles/hamstrings/") for h in hrefs)
    nav.get_by_role("link", name="Next").click()
    expect(page).to_have_url(base + "muscles/hamstrings/page/2/")
    expect(page.locator("h1")).to_have_text("Hamstrings")
    # on a phone the pager is one row: first, previous, this page, next, last
    boxes = [b for b in nav.locator("li").evaluate_all(
        "items => items.filter(i => i.offsetParent).map(i => i.getBoundingClientRect().top)")]
    assert len(boxes) == 5 and len(set(boxes)) == 1


def test_a_term_page_opens_search_with_its_filter_ticked(page, served):
    base, _ = served
    page.goto(base + "muscles/hamstrings/")
    page.get_by_role("link", name="Search and filter these exercises").click()
    expect(page).to_have_url(base + "search/?muscle=hamstrings")
    expect(page.locator("#search")).to_have_attribute("data-state", "ready")
    expect(page.locator('input[name="muscle"][value="hamstrings"]')).to_be_checked()
    expect(page.locator("#search-results .card-title").first).to_be_visible()
    expect(page.locator("#search-status")).to_contain_text("this filter")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["exercises/page/3/", "muscles/hamstrings/page/2/"])
def test_axe_finds_no_serious_problem_on_a_paged_list(browser, paged_site, scheme, path):
    from tests.browser.test_a11y import axe_violations

    base, _ = paged_site
    context = browser.new_context(color_scheme=scheme, bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        assert page.goto(base + path).status == 200
        assert axe_violations(page) == []
    finally:
        context.close()
