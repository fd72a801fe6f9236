"""Search as a reader uses it: a real server at / and under /some-repo/, Chromium, the built index."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

CARD_LINK = re.compile(r'<a class="card-link" href="([^"]+)"')


def open_search(page, base: str, query: str = ""):
    """The search page with ``query`` in its URL, once search has loaded its filters."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "search/" + (f"?{query}" if query else ""))
    expect(page.locator("#search")).to_have_attribute("data-state", "ready")
    return errors


def titles(page):
    return page.locator("#search-results .card-title")


def tick(page, key: str, term_id: str):
    """Tick one filter the way a reader would: open the panel, show the whole list if needed."""
    if page.locator("#search-facets").get_attribute("open") is None:
        page.locator("#search-facets summary").click()
    box = page.locator(f'input[name="{key}"][value="{term_id}"]')
    if not box.is_visible():
        page.locator(f'.facet[data-facet="{key}"] .facet-more').click()
    box.check()


def result_hrefs(page) -> set[str]:
    """Every result's link, pressing "Show more results" until all are listed."""
    more = page.locator("#search-more")
    while more.is_visible():
        shown = page.locator("#search-results a").count()
        more.click()
        expect(page.locator("#search-results a")).not_to_have_count(shown)
    return set(page.locator("#search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))"))


def query_of(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_foam_roller_finds_mid_back_release_with_a_highlighted_excerpt(page, served):
    base, _ = served
    errors = open_search(page, base)
    page.fill("#search-q", "foam roller")
    card = page.locator(".result", has=page.locator(".card-title", has_text="Mid-Back Release"))
    expect(card).to_be_visible()
    expect(card.locator(".card-eyebrow")).to_have_text("Recovery Stretches")
    expect(card.locator(".card-meta")).to_have_text("Thoracic erector spinae")
    expect(card.locator(".result-excerpt mark").first).to_be_visible()
    expect(page.locator("#search-status")).to_contain_text("match “foam roller”")
    card.locator("a").click()
    expect(page).to_have_url(base + "exercises/mid-back-release/")
    expect(page.locator("h1")).to_have_text("Mid-Back Release")
    assert errors == []


@pytest.mark.parametrize("query, expected, first", [
    ("thoracic erector spinal muscles", "Mid-Back Release", False),  # another name of its muscle
    ("T-spine", "Mid-Back Release", False),  # in its own and its muscle's other names
    ("pull ups", "Pull-Up", True),
    ("pull-ups", "Pull-Up", True),
])
def test_other_names_find_the_exercise(page, server_root, query, expected, first):
    open_search(page, server_root, "q=" + query.replace(" ", "+"))
    expect(page.locator("#search-q")).to_have_value(query)
    if first:
        expect(titles(page).first).to_have_text(expected)
    else:
        expect(page.locator("#search-results .card-title", has_text=expected)).to_have_count(1)


def test_every_filter_group_shows_with_counts_before_any_search(desktop, served):
    base, site = served
    open_search(desktop, base)
    for legend in ("Muscle", "Muscle group", "Equipment", "Category", "Level"):
        group = desktop.locator("fieldset.facet", has=desktop.locator("legend", has_text=re.compile(f"^{legend}$")))
        expect(group).to_be_visible()
        expect(group.locator(".facet-option").first).to_be_visible()
    # the count beside a category is the number of exercises its own page lists
    listed = len(CARD_LINK.findall((site / "categories" / "mobility" / "index.html").read_text()))
    option = desktop.locator('.facet-option:has(input[value="mobility"])')
    expect(option.locator(".count")).to_have_text(str(listed))


def test_muscle_filter_narrows_results_and_counts_agree(page, served):
    base, _ = served
    errors = open_search(page, base, "q=stretch")
    before = int(page.locator("#search-status").inner_text().split()[0])
    page.locator("#search-facets summary").click()
    option = page.locator('.facet-option:has(input[name="muscle"][value="hamstrings"])')
    count = int(option.locator(".count").inner_text())
    assert 0 < count
    tick(page, "muscle", "hamstrings")
    expect(page.locator("#search-status")).to_contain_text(f"{count} result")
    expect(page.locator("#search-results .result")).to_have_count(count)
    assert count < before
    assert query_of(page) == {"q": ["stretch"], "muscle": ["hamstrings"]}
    expect(page.locator(".filter-chip")).to_have_text(["Hamstrings ×"])
    # the other muscles still say how many exercises ticking them would add
    other = page.locator('.facet-option:has(input[name="muscle"][value="quadriceps"]) .count')
    expect(other).to_have_text(re.compile(r"^[1-9]\d*$"))
    assert errors == []


def test_an_empty_query_with_a_muscle_lists_exactly_that_muscles_page(page, served):
    """The muscle filter covers both lists of the muscle page: main target and "also works it"."""
    base, site = served
    # the muscle with the longest page, so the list runs past one screenful of results
    pages = {p.parent.name: p.read_text() for p in (site / "muscles").glob("*/index.html")}
    muscle = max((m for m, html in pages.items() if 'id="secondary-heading"' in html),
                 key=lambda m: len(CARD_LINK.findall(pages[m])))
    expected = set(CARD_LINK.findall(pages[muscle]))
    assert len(expected) > 20
    open_search(page, base, f"muscle={muscle}")
    expect(page.locator("#search-status")).to_contain_text(f"{len(expected)} results")
    assert result_hrefs(page) == expected
    names = titles(page).all_inner_texts()
    assert names == sorted(names, key=str.casefold)  # filter-only lists read A to Z


def test_the_url_keeps_the_search_across_reload_and_back(page, served):
    base, _ = served
    open_search(page, base)
    page.fill("#search-q", "roll")
    expect(page).to_have_url(re.compile(r"\?q=roll$"))
    tick(page, "equipment", "foam-roller")
    expect(page).to_have_url(re.compile(r"\?q=roll&equipment=foam-roller$"))
    expect(titles(page).first).to_be_visible()
    narrowed = titles(page).all_inner_texts()

    page.reload()
    expect(page.locator("#search")).to_have_attribute("data-state", "ready")
    expect(page.locator("#search-q")).to_have_value("roll")
    expect(page.locator('input[name="equipment"][value="foam-roller"]')).to_be_checked()
    expect(titles(page)).to_have_text(narrowed)

    tick(page, "equipment", "massage-ball")  # either piece of equipment: more results
    expect(page).to_have_url(re.compile(r"\?q=roll&equipment=foam-roller&equipment=massage-ball$"))
    expect(titles(page)).not_to_have_count(len(narrowed))
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=roll&equipment=foam-roller$"))
    expect(page.locator('input[name="equipment"][value="massage-ball"]')).not_to_be_checked()
    expect(titles(page)).to_have_text(narrowed)
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?q=roll$"))
    expect(page.locator('input[name="equipment"][value="foam-roller"]')).not_to_be_checked()
    expect(page.locator("#search-status")).to_contain_text("match “roll”.")
    page.go_back()
    expect(page).to_have_url(base + "search/")
    expect(page.locator("#search-q")).to_have_value("")


def test_header_search_on_another_page_lands_on_results(page, served):
    base, _ = served
    page.goto(base + "exercises/mid-back-release/")
    page.keyboard.press("/")
    expect(page.locator("#header-q")).to_be_focused()
    page.keyboard.type("hamstring stretch")
    page.keyboard.press("Enter")
    expect(page).to_have_url(base + "search/?q=hamstring+stretch")
    expect(page.locator("#search-q")).to_have_value("hamstring stretch")
    expect(page.locator("#search-results .card-title", has_text="Hamstring").first).to_be_visible()


def test_keyboard_moves_through_results_and_enter_opens_one(desktop, served):
    base, _ = served
    open_search(desktop, base, "q=foam+roller")
    expect(titles(desktop).nth(1)).to_be_visible()
    desktop.locator("h1").click()
    desktop.keyboard.press("/")
    expect(desktop.locator("#search-q")).to_be_focused()
    links = desktop.locator("#search-results a")
    desktop.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    desktop.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    desktop.keyboard.press("ArrowUp")
    desktop.keyboard.press("ArrowUp")
    expect(desktop.locator("#search-q")).to_be_focused()
    desktop.keyboard.press("ArrowDown")
    desktop.keyboard.press("ArrowDown")
    second = links.nth(1).get_attribute("href")
    desktop.keyboard.press("Enter")
    expect(desktop).to_have_url(urlsplit(base)._replace(path=second).geturl())


def test_opened_as_a_file_the_page_says_to_serve_the_site(page, site_root):
    page.goto((site_root / "search" / "index.html").as_uri())
    notice = page.locator("#search-offline")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Search needs the site to be served")
    expect(notice).to_contain_text("make serve")


def test_only_exercise_and_routine_pages_are_in_the_index(site_root):
    entry = json.loads((site_root / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(lang["page_count"] for lang in entry["languages"].values())
    assert indexed == sum(len(list((site_root / kind).glob("*/index.html"))) for kind in ("exercises", "routines"))


def test_a_routines_title_finds_it_first_and_the_type_filter_separates_routines_from_exercises(page, served):
    base, site = served
    errors = open_search(page, base, "q=desk+break")
    expect(titles(page).first).to_have_text("Desk Break")
    first = page.locator("#search-results .card-link").first
    assert first.get_attribute("href").endswith("routines/desk-break/")
    expect(page.locator("#search-results .card-eyebrow").first).to_have_text("Routine · Mobility")
    # the Type filter: routines only, then exercises only; each as many as the site has
    routines = len(list((site / "routines").glob("*/index.html")))
    open_search(page, base, "type=routine")
    expect(page.locator("#search-status")).to_contain_text(f"{routines} results")
    assert all("/routines/" in href for href in result_hrefs(page))
    exercises = len(list((site / "exercises").glob("*/index.html")))
    open_search(page, base, "type=exercise")
    expect(page.locator("#search-status")).to_contain_text(f"{exercises} results")
    assert errors == []
