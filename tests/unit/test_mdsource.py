"""The Markdown source scanned without Python-Markdown: code masked in place, links found with their lines."""
from __future__ import annotations

from exguide.site.mdsource import line_of, link_lines, mask_code


def test_code_is_blanked_in_place():
    body = ("See `[a](b.md)` and ``x ` y``.\n\n```html\n<a href=\"f.html\">\n```\n\n"
            "    <a href=\"i.html\">\n\n<!-- [c](d.md) -->\nend")
    masked = mask_code(body)
    assert len(masked) == len(body) and masked.count("\n") == body.count("\n")
    for hidden in ("b.md", "x ` y", "f.html", "i.html", "d.md"):
        assert hidden not in masked
    assert masked.endswith("\nend")


def test_an_indented_line_inside_a_list_is_not_code():
    assert "[a](b.md)" in mask_code("- item\n\n    [a](b.md) continues the item\n")


def test_unpaired_and_escaped_backticks_hide_nothing():
    assert mask_code("a ` b [x](y.md)") == "a ` b [x](y.md)"
    assert "[x](y.md)" in mask_code("\\`[x](y.md)`")


def test_links_are_found_with_their_lines():
    body = ("Intro `[no](code.md)`.\n\n[a](a.md#top) and ![i](i.png)\n"
            "[ref]: <r.md>\n<https://example.org/x> <coach@example.com>\n\n<a href=\"raw.html\">r</a>")
    assert link_lines(body) == [("a.md#top", 2), ("i.png", 2), ("r.md", 3), ("https://example.org/x", 4),
                                ("mailto:coach@example.com", 4), ("raw.html", 6)]


def test_line_of_prefers_text_outside_code():
    body = "`x.md` here\n\nthen x.md"
    assert line_of(body, "x.md") == 2
    assert line_of("`x.md` only", "x.md") == 0
    assert line_of("nothing", "x.md") is None
