"""Bodies shaped to make Python-Markdown slow are refused before it sees them, fast, with the paragraph's line.

Each shape below took from one to over twenty seconds to convert at 30,000 characters
(mdcost.py); refused, each costs milliseconds. Real guides stay far from every bound.
"""
from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from exguide.site import markup
from exguide.site.markup import LinkContext, MarkdownRenderer
from exguide.site.mdcost import body_problems

INTRO = "An intro paragraph.\n\nA second one.\n\n"  # so the offending paragraph starts on body line 4
SHAPES = {
    "[": (INTRO + "[" * 25_000, "this paragraph has 25,000 unmatched '['"),
    "![": (INTRO + "![a" * 8_000, "this paragraph has 8,000 unmatched '['"),
    "[a](": (INTRO + "[a](" * 7_000, "this paragraph has 7,000 links whose '(' is never closed"),
    "[x](<": (INTRO + "[x](<" * 5_000, "this paragraph has 5,000 links whose '(' is never closed"),
    "nested [": (INTRO + "[" * 12_000 + "]" * 12_000, "this paragraph nests '[' 12,000 deep"),
    "<b ": (INTRO + "<b " * 9_000, "9,000 '<' from this paragraph on start an HTML tag that no '>' closes"),
    "fences": (INTRO + "```a\n" * 5_000, "this line opens the first of 5,000 code blocks that are never closed"),
    "code spans": (INTRO + "`a` " * 7_000, "this paragraph has 14,000 pieces of inline markup"),
    "emphasis": (INTRO + "*a* " * 7_000, "this paragraph has 14,000 pieces of inline markup"),
    "rules": (INTRO + "***\n" * 7_000, "this paragraph has 7,000 headings, rules or link definitions"),
    "headings": (INTRO + "a\n---\n" * 4_000, "this paragraph has 4,000 headings, rules or link definitions"),
    "link definitions": (INTRO + "[x]: y\na\n" * 3_000, "this paragraph has 3,000 headings, rules or link definitions"),
    "list items": (INTRO + "- a\n" * 7_000, "the text has 7,002 blocks"),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_each_slow_shape_is_refused_quickly_at_its_paragraph(name):
    body, start = SHAPES[name]
    started = time.process_time()
    problems = body_problems(body)
    # a guard against a check that itself runs away (the parser took 1-20 s on these), not a speed target:
    # CPU time, so a busy machine does not fail it
    assert time.process_time() - started < 5
    assert problems and problems[0][1].startswith(start), problems
    assert problems[0][0] == (4 if name != "list items" else 4 + 998)


def test_the_unmatched_brackets_of_many_paragraphs_add_up():
    body = "\n\n".join("[" * 150 + "a" * 1_500 for _ in range(16))
    assert body_problems(body)[0] == (0, "this paragraph has 150 unmatched '[' (2,400 in the text); close each "
                                         "with ']', or write '\\[' for a bracket that is just text")


def test_code_and_escapes_are_not_counted():
    body = ("```\n" + "[" * 20_000 + "\n```\n\n" + "`" + "[" * 5_000 + "`\n\n" + "\\[" * 2_000 + "\n")
    assert body_problems(body) == []


def test_real_guides_are_far_from_every_bound():
    for path in sorted(Path("content/exercises").glob("*.md")):
        assert body_problems(path.read_text().split("---\n", 2)[-1]) == [], path


def test_markdown_placeholder_characters_are_refused():
    assert body_problems("a\n\nb\x02c") == [(2, "the text holds the control character U+0002, which Markdown "
                                                "uses for itself; remove it")]


def render(body: str) -> tuple[str, list]:
    ctx = LinkContext("content/exercises/x.md", body, 7, lambda p: None, lambda s: None)
    return MarkdownRenderer().render(ctx), ctx.problems


def test_a_body_over_the_time_budget_is_stopped_and_the_next_one_renders(monkeypatch):
    monkeypatch.setattr(markup, "RENDER_SECONDS", 0.001)
    html, problems = render("\n\n".join(f"Paragraph {i} with *some* `markup`." for i in range(600)))
    assert html == "" and [p.format() for p in problems] == [
        "content/exercises/x.md:7: error: body: the text took more than 0.001 seconds to turn into HTML; "
        "split long paragraphs and lists, and close brackets, tags and code fences"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None, signal.default_int_handler)
    monkeypatch.setattr(markup, "RENDER_SECONDS", 5.0)
    assert render("Just *this*.") == ("<p>Just <em>this</em>.</p>", [])
