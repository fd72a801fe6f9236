"""The link check reads URLs and anchors off parsed HTML: real elements only, never text."""
from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from exguide.build.linkcheck import ids_of, refs_of
from exguide.site.htmlrefs import quiet_tags, scan, srcset_urls, strict_refs_and_ids


def test_urls_of_real_elements_once_each_in_order():
    page = ('<link href="/a.css"><a href="/x/">x</a><img src="p.png" srcset="p.png 1x, q.png 2x">'
            '<video poster="v.jpg"><source srcset="s.webp"></video><a href="/x/">again</a>'
            "<A HREF='/upper/'>u</A>")
    assert refs_of(page) == ["/a.css", "/x/", "p.png", "q.png", "v.jpg", "s.webp", "/upper/"]


def test_text_code_comments_scripts_and_styles_hold_no_links():
    page = ('<p>Write &lt;a href="nowhere.html"&gt; or href="x.html"</p><code>&lt;img src="y.png"&gt;</code>'
            '<!-- <a href="old.html"> --><script>var s = \'<a href="js.html">\';</script>'
            '<style>a[href="css.html"] { color: red }</style><pre>id="phantom"</pre>')
    assert refs_of(page) == []
    assert ids_of(page) == frozenset()


def test_anchors_are_ids_and_names_of_a_elements_only():
    page = '<h2 id="how">How</h2><a name="old"></a><meta name="description" content="x"><input name="q">'
    assert ids_of(page) == {"how", "old"}


def test_entities_in_attributes_are_read_as_the_browser_reads_them():
    assert refs_of('<a href="/search/?q=a&amp;b=c">s</a>') == ["/search/?q=a&b=c"]


def test_srcset_candidates_split_as_the_standard_says():
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png, b.png") == ["a.png", "b.png"]
    assert srcset_urls("a.png,b.png") == ["a.png,b.png"]  # a comma inside a URL is part of it
    assert srcset_urls(" data:image/png;base64,AAAA 1x , c.png") == ["data:image/png;base64,AAAA", "c.png"]
    assert srcset_urls("  ,, ") == []


def test_lines_are_kept_when_asked():
    assert scan('<p>\n<a href="a">\n\n<img src="b"></p>', lines=True).placed == [("a", 2), ("b", 4)]


# --- quiet_tags skips tags for speed and must never change what the parser finds ---------------
NAMES = st.sampled_from(["a", "img", "span", "div", "script", "style", "title", "textarea", "svg", "path",
                         "p", "A", "SCRIPT"])
ATTRS = st.sampled_from(["href", "src", "srcset", "poster", "id", "name", "class", "data-id", "HREF", "Id",
                         "title", "hidden", "hrefx"])
VALUE = st.text(alphabet=string.ascii_letters + " #/.&;'=-", max_size=8)


@st.composite
def tags(draw) -> str:
    name = draw(NAMES)
    if draw(st.integers(0, 4)) == 0:
        return f"</{name}>"
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        attr = draw(ATTRS)
        quote = draw(st.sampled_from(['"', "'", ""]))
        value = draw(VALUE).replace(quote, "") if quote else draw(VALUE).replace(" ", "").replace("'", "")
        parts.append(draw(st.sampled_from([attr, f"{attr}={quote}{value}{quote}", f"{attr} = {quote}{value}{quote}"])))
    return f"<{name}{''.join(' ' + p for p in parts)}{draw(st.sampled_from(['', ' ', '/']))}>"


# Attribute values hold no '<': Jinja2 and the sanitiser escape it there (see quiet_tags).
SOUP = st.lists(st.one_of(tags(), st.sampled_from(["text", " ", "<", ">", "<!--", "-->", "&amp;", "<!x>",
                                                  "\n", "'", '"', "</", "<?p>"])), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(SOUP)
def test_quieting_tags_never_changes_what_is_found(html):
    plain, quiet = scan(html), scan(quiet_tags(html))
    assert (list(plain.refs), plain.ids) == (list(quiet.refs), quiet.ids)


@settings(max_examples=600, deadline=None)
@given(SOUP)
def test_the_regular_expression_reader_finds_what_the_parser_finds_or_declines(html):
    quiet = quiet_tags(html)
    fast = strict_refs_and_ids(quiet)
    if fast is not None:
        parsed = scan(quiet)
        assert fast == (tuple(parsed.refs), frozenset(parsed.ids))


def test_the_regular_expression_reader_reads_our_own_pages_and_declines_markup_as_text():
    page = ('<!doctype html><html lang="en"><head><title>A &amp; B</title>'
            '<script type="application/ld+json">{"url": "/x/"}</script></head><body>'
            '<a class="card-link" href="/search/?muscle=a&amp;level=b">x</a><svg><use href="/f.svg#front"/></svg>'
            '<h2 id="how">How</h2><img src="a.png" srcset="a.png 1x, b.png 2x" alt=""></body></html>')
    assert strict_refs_and_ids(quiet_tags(page)) == (
        ("/search/?muscle=a&level=b", "/f.svg#front", "a.png", "b.png"), frozenset({"how"}))
    for declined in ('<script>var s = \'<a href="js.html">\';</script>', '<!-- <a href="old.html"> -->',
                     "<a href='single.html'>x</a>", "<title><a href=\"t.html\"></title>", "a < b"):
        assert strict_refs_and_ids(quiet_tags(declined)) is None, declined
