import pytest

from exguide.content.settings import normalise_base_url
from exguide.site.urls import Urls, output_path


def test_hrefs_carry_the_base_path():
    u = Urls("/some-repo/")
    assert u.href(u.exercise("plank")) == "/some-repo/exercises/plank/"
    assert u.href(u.asset("css/site.css")) == "/some-repo/assets/css/site.css"
    assert u.strip_base("/some-repo/muscles/") == "/muscles/"
    assert u.strip_base("/elsewhere/") is None


def test_absolute_urls_need_a_site_url():
    assert Urls("/r/", "https://x.github.io").absolute("/a/") == "https://x.github.io/r/a/"
    assert Urls("/").absolute("/a/") == ""


def test_output_paths():
    assert output_path("/") == "index.html"
    assert output_path("/exercises/plank/") == "exercises/plank/index.html"
    assert output_path("/sitemap.xml") == "sitemap.xml"


@pytest.mark.parametrize("bad", ["..", "../x", "a/b", "", "/etc", ".hidden"])
def test_unsafe_segments_are_refused(bad):
    with pytest.raises(ValueError):
        Urls.exercise(bad)


@pytest.mark.parametrize("given,expected", [("/", "/"), ("some-repo", "/some-repo/"), ("/some-repo", "/some-repo/"),
                                            ("https://x.github.io/repo/", "/repo/"), ("/a/../b/", None),
                                            ("/a b/", None)])
def test_base_url_normalisation(given, expected):
    assert normalise_base_url(given) == expected


def test_later_pages_of_a_list_and_a_pre_filtered_search():
    u = Urls("/some-repo/")
    assert u.paged(u.muscle("hamstrings"), 1) == "/muscles/hamstrings/"
    assert u.href(u.paged(u.muscle("hamstrings"), 2)) == "/some-repo/muscles/hamstrings/page/2/"
    assert output_path(u.paged(u.exercises(), 35)) == "exercises/page/35/index.html"
    assert u.href(u.search(muscle="hamstrings")) == "/some-repo/search/?muscle=hamstrings"
    assert u.search() == "/search/"
    with pytest.raises(ValueError):
        u.paged("/exercises/", 0)
    with pytest.raises(ValueError):
        u.search(muscle="a&b=c")
