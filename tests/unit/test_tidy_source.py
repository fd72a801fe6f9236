"""Templates lose their indentation and blank lines before Jinja2 reads them; no space a reader sees goes."""
from __future__ import annotations

import re

import jinja2

from exguide.build.render import TidySource, tidy_source


def render(source: str, **context) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": source, "page.txt": source}),
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             extensions=[TidySource])
    return env.get_template("page.html").render(**context)


def test_indentation_and_blank_lines_go_line_breaks_stay():
    assert tidy_source("<ul>\n    <li>a</li>\n\n\n    <li>b</li>\n</ul>\n") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"


def test_where_trim_blocks_swallowed_the_break_one_space_or_line_stays():
    source = ("<p>{% for w in words %}{{ w }}{% endfor %}\n    more</p>\n"
              "<p>{% if x %}x{% endif %}\n\n{% if y %}y{% endif %}</p>\n")
    plain = jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True).from_string(source)
    context = {"words": ["a", "b"], "x": True, "y": True}
    tidy = render(source, **context)
    assert re.sub(r"\s+", " ", tidy) == re.sub(r"\s+", " ", plain.render(**context))
    assert "ab more" in tidy and "x\ny" in tidy


def test_only_html_templates_are_tidied():
    env = jinja2.Environment(loader=jinja2.DictLoader({"a.txt": "  x\n\n  y\n", "a.html": "  x\n\n  y\n"}),
                             extensions=[TidySource])
    assert env.get_template("a.txt").render() == "  x\n\n  y"
    assert env.get_template("a.html").render() == "x\ny"
