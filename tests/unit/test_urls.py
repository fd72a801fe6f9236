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
