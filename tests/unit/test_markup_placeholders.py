"""Python-Markdown's placeholders never reach a message or a page: what is quoted is what the author wrote."""
from __future__ import annotations

from markdown.util import AMP_SUBSTITUTE, ETX, STX

from exguide.site.markup import LinkContext, MarkdownRenderer, quoted, unmasked


def render(body: str) -> tuple[str, list]:
    ctx = LinkContext("content/exercises/x.md", body, 10, {"cat-cow.md": "/exercises/cat-cow/"}.get,
                      lambda src: None, exercise_names=["cat-cow.md"])
    return MarkdownRenderer().render(ctx), ctx.problems


def test_email_autolinks_and_mailto_links_are_published_as_mailto():
    html, problems = render("Write to <coach@example.com>, <mailto:team@example.com> or\n"
                            "[write to us](mailto:coach@example.com).")
    assert problems == []
    assert '<a href="mailto:coach@example.com">coach@example.com</a>' in html
    assert '<a href="mailto:team@example.com">team@example.com</a>' in html
    assert '<a href="mailto:coach@example.com">write to us</a>' in html


def test_placeholders_are_undone_or_dropped_before_quoting():
    obfuscated = "".join(f"{AMP_SUBSTITUTE}#{ord(c)};" for c in "mailto:a@b.c")
    assert unmasked(obfuscated) == "mailto:a@b.c"
    assert unmasked(f"my{STX}95{ETX}notes") == "my_notes"
    assert quoted(f"a{STX}klzzwxh:0001{ETX}b{STX}wzxhzdk:7{ETX}c{STX}") == "a…b…c"


def test_a_message_quotes_an_escaped_link_as_written_on_its_line():
    _, problems = render("Intro.\n\nRead [notes](my\\_notes.txt) or <coach@example.com>.")
    assert [(p.line, p.message) for p in problems] == [
        (12, "link 'my_notes.txt' is not an exercise file; link to one like (cat-cow.md), "
             "or give a full https:// address")]
    assert not any(STX in p.format() or ETX in p.format() or "\\x02" in p.format() for p in problems)
