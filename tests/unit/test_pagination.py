"""Long lists in pages: a generated site of 23 exercises with 5 a page, as a reader and a crawler see it."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from exguide.build.pipeline import BuildOptions, build
from exguide.site.pager import Pager, letter_index, letter_of, pagers
from tests.support.sites import SITES

# Titles over many letters (two 'Q's in a row, an accented one, a digit); every fourth works the hamstrings too
TITLES = ["Arch Hold", "Ankle Rock", "Bridge", "Band Pull", "Curl", "Dead Bug", "Dip", "Élan Lunge", "Fly",
          "Good Morning", "Hinge", "Hip Thrust", "Jump", "Kneel", "Lunge", "March", "Nordic Curl", "Plank",
          "Quad Set", "Quarter Squat", "Row", "Squat", "5-Minute Walk"]
SIZE = 5


def _site(root: Path, count: int = len(TITLES), page_size: int | None = SIZE, base_url: str = "/") -> BuildOptions:
    content = root / "content"
    (content / "exercises").mkdir(parents=True)
    for name in ("muscles.yaml", "categories.yaml", "equipment.yaml"):
        shutil.copy(SITES / "basic" / "content" / name, content / name)
    for index, title in enumerate(TITLES[:count]):
        secondary = "\nsecondary: [hamstrings]" if index % 4 == 0 else ""
        (content / "exercises" / f"ex-{index:02d}.md").write_text(
            f"---\ntitle: {title}\ncategory: strength\ntargets: [quadriceps]{secondary}\n"
            f"equipment: [none]\nkey_points: [Move well]\n---\nDo it.\n", encoding="utf-8")
    config = root / "site.yaml"
    config.write_text(f"title: Paged\nsite_url: https://example.org\nbase_url: {base_url}\n"
                      + (f"page_size: {page_size}\n" if page_size else ""), encoding="utf-8")
    options = BuildOptions(content_dir=content, output_dir=root / "out", config_path=config, search=False)
    result = build(options)  # the build's own link check covers every pager, letter and anchor link
    assert result.ok, [d.format() for d in result.diagnostics]
    return options


@pytest.fixture(scope="module")
def paged(tmp_path_factory) -> Path:
    return _site(tmp_path_factory.mktemp("paged")).output_dir


def _read(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


def _cards(html: str) -> list[str]:
    return re.findall(r'<a class="card-link" href="/exercises/([^/]+)/">', html)


def _sorted_slugs() -> list[str]:
    order = sorted(range(len(TITLES)), key=lambda i: TITLES[i].casefold())
    return [f"ex-{i:02d}" for i in order]


def test_a_pager_knows_its_slice_and_its_neighbours():
    assert [p.number for p in pagers("/x/", 0, 5)] == [1]  # an empty list still has its page
    third = pagers("/x/", 23, 5)[2]
    assert (third.count, third.first_shown, third.last_shown) == (5, 11, 15)
    assert (third.previous_url, third.next_url, third.page_url(1)) == ("/x/page/2/", "/x/page/4/", "/x/")
    assert third.title("Hamstrings") == "Hamstrings (page 3 of 5)" and pagers("/x/", 23, 5)[0].title("H") == "H"
    assert Pager("/x/", 10, 35, 3412, 100).window == [1, 8, 9, 10, 11, 12, 35]
    assert (pagers("/x/", 23, 5)[4].first_shown, pagers("/x/", 23, 5)[4].last_shown) == (21, 23)
    assert [letter_of(t) for t in ("apple", "Élan", "5 min", "  zed")] == ["A", "E", "#", "Z"]
    letters, anchors = letter_index(["Arch", "Ankle", "Bridge", "Curl"], 2)
    assert letters == [("A", 1, "letter-a"), ("B", 2, "letter-b"), ("C", 2, "letter-c")]
    assert anchors == {1: {0: "letter-a"}, 2: {0: "letter-b", 1: "letter-c"}}


def test_the_a_to_z_list_is_cut_into_pages_that_together_show_every_exercise_once(paged):
    pages = [_read(paged, "/exercises/" + (f"page/{n}/" if n > 1 else "")) for n in range(1, 6)]
    assert not (paged / "exercises/page/6").exists() and not (paged / "exercises/page/1").exists()
    assert [len(_cards(html)) for html in pages] == [5, 5, 5, 5, 3]
    assert [slug for html in pages for slug in _cards(html)] == _sorted_slugs()
    third = pages[2]
    assert "<title>All exercises (page 3 of 5) · Paged</title>" in third
    assert '<link rel="canonical" href="https://example.org/exercises/page/3/">' in third
    assert '<link rel="prev" href="https://example.org/exercises/page/2/">' in third
    assert '<link rel="next" href="https://example.org/exercises/page/4/">' in third
    assert "Showing 11–15 of 23 · page 3 of 5" in third
    nav = re.search(r'<nav class="pager" aria-label="Pagination">.*?</nav>', third, re.S).group(0)
    assert re.findall(r'href="([^"]+)" aria-current="page"', nav) == ["/exercises/page/3/"]
    assert 'href="/exercises/" rel' not in nav and 'href="/exercises/page/2/" rel="prev"' in nav
    assert 'href="/exercises/page/4/" rel="next"' in nav and 'href="/exercises/page/5/">Last' in nav
    first, last = pages[0], pages[-1]
    assert '<title>All exercises · Paged</title>' in first and 'rel="prev"' not in first
    assert '<link rel="canonical" href="https://example.org/exercises/">' in first
    assert 'rel="next"' not in last and "Showing 21–23 of 23" in last
    assert re.search(r'class="pager-step pager-off" aria-disabled="true">Next', last)


def test_the_letter_index_leads_to_the_page_and_card_where_each_letter_starts(paged):
    page = _read(paged, "/exercises/page/4/")
    index = re.search(r'<nav class="letter-index".*?</nav>', page, re.S).group(0)
    links = re.findall(r'<a href="([^"#]+)#([^"]+)"[^>]*>([^<]+)</a>', index)
    assert [letter for _, _, letter in links] == list("#ABCDEFGHJKLMNPQRS")
    for url, anchor, letter in links:
        html = _read(paged, url)
        card = re.search(rf'<li class="card" id="{anchor}">.*?<h2 class="card-title">([^<]+)</h2>', html, re.S)
        assert card and letter_of(card.group(1)) == letter, (url, anchor)
        assert html.count(f'id="{anchor}"') == 1


def test_a_muscle_pages_its_main_targets_then_the_exercises_that_also_work_it(paged):
    hamstrings = [_read(paged, "/muscles/hamstrings/" + (f"page/{n}/" if n > 1 else "")) for n in (1, 2)]
    assert not (paged / "muscles/hamstrings/page/3").exists()
    assert "Also works it <span" in hamstrings[0] and "Main target" in hamstrings[0]  # none target it: empty
    quads = [_read(paged, "/muscles/quadriceps/" + (f"page/{n}/" if n > 1 else "")) for n in range(1, 6)]
    assert [slug for html in quads for slug in _cards(html)] == _sorted_slugs()
    assert "Main target <span class=\"count\">23</span>" in quads[0] and "Main target" in quads[4]
    # every list page links to search with its filter ticked, where a long list narrows down
    assert '<a href="/search/?muscle=quadriceps">' in quads[2]
    assert '<a href="/search/?category=strength">' in _read(paged, "/categories/strength/page/2/")
    assert '<a href="/search/?equipment=none">' in _read(paged, "/equipment/none/")
    assert '<a href="/search/?group=thighs">' in _read(paged, "/groups/thighs/page/5/")


def test_every_page_is_in_the_sitemap(paged):
    sitemap = (paged / "sitemap.xml").read_text()
    for url in ("exercises/page/5/", "muscles/quadriceps/page/5/", "groups/thighs/page/5/",
                "categories/strength/page/5/", "equipment/none/page/5/", "muscles/hamstrings/page/2/"):
        assert f"<loc>https://example.org/{url}</loc>" in sitemap
    paths = {p.relative_to(paged).as_posix() for p in paged.rglob("page/*/index.html")}
    assert sitemap.count("/page/") == len(paths) == 5 * 4 + 1  # A–Z, quads, thighs, strength, none; hamstrings


def test_a_small_site_has_one_page_and_no_pager(tmp_path):
    out = _site(tmp_path, count=6, page_size=None).output_dir
    assert not list(out.rglob("page"))
    for url in ("/exercises/", "/muscles/quadriceps/", "/groups/thighs/", "/categories/strength/"):
        html = _read(out, url)
        assert "Pagination" not in html and "pager" not in html and 'rel="next"' not in html
        assert "letter-index" not in html and 'class="card" id=' not in html


def test_pager_links_keep_the_base_path(tmp_path):
    out = _site(tmp_path, count=12, base_url="/some-repo/").output_dir
    html = _read(out, "/exercises/page/2/")
    assert 'href="/some-repo/exercises/" rel="prev"' in html and 'href="/some-repo/exercises/page/3/" rel="next"' in html
    assert '<link rel="canonical" href="https://example.org/some-repo/exercises/page/2/">' in html
    assert 'href="/some-repo/exercises/page/3/#letter-' in html
