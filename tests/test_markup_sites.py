"""Bodies that must simply build: markup shown as text is no link, email addresses become mailto: links.

Their failing counterparts (a link to an anchor only prose mentions, a broken link on body
line N) are invalid-site cases under tests/sites/invalid/; these build the same small site.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from tests.support.sites import SITES, run_build

FRONT = "---\ntitle: Plank\ncategory: strength\ntargets: [quadriceps]\nkey_points: [Brace]\n---\n"


def build_body(tmp_path: Path, body: str, name: str = "plank.md") -> tuple[str, str]:
    """(stderr, the exercise page's HTML) of building the shared small site with one exercise body."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "invalid" / "unknown-category", site)
    (site / "content/exercises/plank.md").write_text(FRONT + body)
    out = tmp_path / "output"
    done = run_build("--content", "content", "--config", "site.yaml", "--output", str(out), "--no-search",
                     cwd=site, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stderr, (out / "exercises/plank/index.html").read_text()


def test_markup_shown_as_text_is_no_link(tmp_path):
    body = ('Write a link as `<a href="nowhere.html">here</a>` in raw HTML.\n\n'
            "```html\n<a href=\"nowhere.html\"><img src=\"missing.png\" srcset=\"a.png 1x, b.png 2x\"></a>\n```\n\n"
            "    <a href=\"indented.html\">indented code</a>\n\n"
            'Prose may say href="nowhere.html" or src="missing.png" and mean nothing by it.\n\n'
            "<!-- <a href=\"commented.html\">old link</a> -->\n\n"
            "Done.\n")
    stderr, page = build_body(tmp_path, body)
    assert stderr == ""
    assert "&lt;a href=&quot;nowhere.html&quot;&gt;" in page or '&lt;a href="nowhere.html"&gt;' in page
    assert 'href="nowhere.html"' not in page.replace('&lt;a href="nowhere.html"', "")


def test_email_addresses_become_mailto_links(tmp_path):
    body = "Questions? Write to <coach@example.com>, or [write to us](mailto:coach@example.com).\n"
    stderr, page = build_body(tmp_path, body)
    assert stderr == ""
    assert page.count('href="mailto:coach@example.com"') == 2
    assert ">coach@example.com</a>" in page and ">write to us</a>" in page


SLOW_SHAPES = sorted(p.name for p in (SITES / "invalid").iterdir() if p.name.startswith("markdown-"))


def test_each_slow_markdown_shape_fails_within_a_second():
    """The invalid sites tests/sites/invalid/markdown-* check the words; this checks the time.

    Measured as this process's CPU time (one exercise: no workers), so a busy machine cannot
    fail it; the wall clock only has to show nothing hangs.
    """
    from exguide.build.pipeline import BuildOptions, build

    assert len(SLOW_SHAPES) >= 8
    for name in SLOW_SHAPES:
        case = SITES / "invalid" / name
        started, cpu = time.perf_counter(), time.process_time()
        result = build(BuildOptions(content_dir=case / "content", config_path=case / "site.yaml",
                                    output_dir=case / "never-written", write=False, search=False))
        assert not result.ok and any(d.field == "body" for d in result.diagnostics), name
        assert time.process_time() - cpu < 1.0 and time.perf_counter() - started < 30, name
