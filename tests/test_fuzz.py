"""Property tests: whatever the input, a result or a clean diagnostic, never an exception.

Covers the front-matter reader (text and raw bytes), the YAML loader, the dose parser, the
slug/URL builder, the whole build of random small sites, and `check` on generated Markdown
(within a time limit, exit 0 or 1, no Markdown placeholder in any message). The number of cases each test
ran is printed at the end of the module (run with -s to see it).
"""
from __future__ import annotations

import math
import posixpath
import re
import shutil
import string
from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exguide.content.dose import COUNT_FIELDS, TIME_FIELDS, parse_quantity
from exguide.errors import ERROR, Diagnostic
from exguide.site.markup import check_local_path
from exguide.content.model import Quantity
from exguide.content.sources import read_source, split_front_matter
from exguide.site.urls import Urls, output_path
from exguide.content.yamlread import load_yaml
from tests.support.sites import SITES

RAN: Counter = Counter()
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    print("\nfuzz cases run: " + ", ".join(f"{name} {n}" for name, n in sorted(RAN.items()))
          + f"; {sum(RAN.values())} in all")


def clean(diagnostics: list[Diagnostic]) -> None:
    """A clean error: located, worded, one line."""
    for d in diagnostics:
        assert isinstance(d, Diagnostic) and d.message and "\n" not in d.format()
        assert d.line >= 0


# --- the front-matter reader and YAML loader ---------------------------------------------------
YAMLISH = st.text(alphabet=string.printable + "äé–\u2028\ufeff\x00", max_size=200)
KEYS = st.sampled_from(["title", "category", "targets", "key_points", "dose", "images", "slug", "updated",
                        "variations", "x", "<<", "&a", "*a", "- ", "? "])


@st.composite
def front_matter_files(draw) -> str:
    """Text shaped like an exercise file, with random damage."""
    lines = [f"{draw(KEYS)}:{draw(st.sampled_from([' ', '', '  ', chr(9)]))}{draw(YAMLISH)}"
             for _ in range(draw(st.integers(0, 6)))]
    fence = draw(st.sampled_from(["---", "---\r", "...", "", "--- ", "----"]))
    return "---\n" + "\n".join(lines) + f"\n{fence}\n" + draw(YAMLISH)


@FAST
@given(st.one_of(front_matter_files(), YAMLISH))
def test_front_matter_split_never_fails(text):
    RAN["front matter split"] += 1
    parts = split_front_matter(text)
    if isinstance(parts, str):
        assert parts
    else:
        front, body, body_line = parts
        assert body_line >= 3 and text.count("\n") + 2 >= body_line


@FAST
@given(st.one_of(front_matter_files().map(str.encode), st.binary(max_size=300)),
       st.sampled_from(["x.md", "x.yaml", "x.yml"]))
def test_reading_any_file_gives_fields_or_clean_errors(tmp_path_factory, data, name):
    RAN["file reader"] += 1
    path = tmp_path_factory.mktemp("read") / name
    path.write_bytes(data)
    record = read_source(path)
    clean(record.diagnostics)
    if not record.diagnostics:
        assert isinstance(record.meta, dict) and isinstance(record.body, str)


@FAST
@given(st.one_of(YAMLISH, front_matter_files(), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20).map(lambda v: yaml.safe_dump(v, allow_unicode=True))))
def test_yaml_loader_gives_data_or_clean_errors(text):
    RAN["yaml loader"] += 1
    doc = load_yaml(text, "x.yaml", line_offset=1)
    clean(doc.diagnostics)
    if doc.diagnostics:
        assert doc.data is None
    assert all(isinstance(line, int) and line >= 2 for line in doc.lines.values())


# --- the dose parser ---------------------------------------------------------------------------
DOSE_NAMES = st.sampled_from(TIME_FIELDS + COUNT_FIELDS)
UNITS = st.sampled_from(["", " sec", "s", " seconds", " min", " minutes", " reps", " x", " sets", " rounds",
                         " hours", " SEC", "sec"])
NUMBER = st.one_of(st.integers(-5, 20000).map(str), st.floats(0, 500, allow_nan=False).map(lambda f: f"{f:g}"))


@st.composite
def dose_texts(draw) -> str:
    low, high = draw(NUMBER), draw(NUMBER)
    joiner = draw(st.sampled_from(["-", "–", "—", " to ", " - ", "--", "-sec-"]))
    return draw(st.sampled_from([low, low + joiner + high])) + draw(UNITS)


@FAST
@given(DOSE_NAMES, st.one_of(dose_texts(), st.text(max_size=30), st.integers(), st.floats(), st.booleans(),
                             st.none(), st.lists(st.integers(), max_size=3)))
def test_any_dose_gives_a_sane_quantity_or_a_message(name, value):
    RAN["dose parser"] += 1
    got = parse_quantity(name, value)
    if isinstance(got, str):
        clean([Diagnostic("x.md", 3, ERROR, f"dose.{name}", got)])  # the value it quotes stays on one line
        return
    assert isinstance(got, Quantity)
    assert math.isfinite(got.low) and math.isfinite(got.high)
    assert 0 <= got.low <= got.high <= 10_000
    assert got.unit in (("s", "min") if name in TIME_FIELDS else ("",))


@FAST
@given(DOSE_NAMES, st.integers(1, 600), st.integers(0, 600))
def test_a_parsed_dose_reads_back_as_itself(name, low, extra):
    RAN["dose round trip"] += 1
    unit = " sec" if name in TIME_FIELDS else ""
    first = parse_quantity(name, f"{low}-{low + extra}{unit}")
    assert isinstance(first, Quantity)
    assert parse_quantity(name, first.text()) == first


# --- slugs, paths and URLs ---------------------------------------------------------------------
SEGMENTS = st.text(alphabet=string.ascii_letters + string.digits + "-._/\\:%?#@ ~" + "é\x00", max_size=30)


@FAST
@given(SEGMENTS, st.sampled_from(["exercise", "muscle", "group", "category", "equipment", "asset", "image",
                                  "file"]), st.sampled_from(["/", "/some-repo/", "/a/b/"]))
def test_urls_are_made_inside_the_site_or_refused(text, kind, base):
    RAN["url builder"] += 1
    urls = Urls(base)
    try:
        url = getattr(urls, kind)(text)
    except ValueError:
        return
    path = output_path(url)
    assert not path.startswith("/") and "\\" not in path and "\x00" not in path
    assert ".." not in path.split("/") and posixpath.normpath(path) == path.rstrip("/") or path.endswith("/")
    assert urls.href(url).startswith(base)
    assert urls.strip_base(urls.href(url)) == url


@FAST
@given(SEGMENTS)
def test_a_content_path_passed_as_safe_stays_in_its_folder(text):
    RAN["content paths"] += 1
    if check_local_path(text) is None:
        joined = posixpath.normpath(posixpath.join("content/images", text))
        assert joined.startswith("content/images/")


@FAST
@given(st.text(max_size=40))
def test_base_urls_are_normalised_or_refused(text):
    RAN["base url"] += 1
    from exguide.content.settings import normalise_base_url

    base = normalise_base_url(text)
    if base is not None:
        assert base.startswith("/") and base.endswith("/") and "/../" not in base and "//" not in base


# --- whole builds of random small sites ----------------------------------------------------------
# Each field is valid unless the draw picks it for damage, so about half the sites build and the
# render and write stages are fuzzed as well as validation.
def either(good, bad):
    return {"good": good, "bad": bad}


FIELDS = {
    "title": either(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)
                    .filter(str.strip), st.one_of(st.integers(), st.just(""), st.lists(st.text(), max_size=2))),
    "category": either(st.sampled_from(["strength", "Recovery Stretches", "stretching"]),
                       st.sampled_from(["yoga", "stretches", 7, ["strength", "stretching"]])),
    "targets": either(st.lists(st.sampled_from(["quadriceps", "quads", "Hamstrings", "Thoracic-Erector spinae"]),
                               min_size=1, max_size=3),
                      st.lists(st.sampled_from(["glutes", "", "mid back", 3]), max_size=2)),
    "key_points": either(st.lists(st.text(min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=3),
                         st.one_of(st.just([]), st.just({"a": "b"}))),
}
OPTIONAL = {
    "dose": either(st.fixed_dictionaries({}, optional={"reps": st.sampled_from([1, "8-12", "3 x"]),
                                                       "duration": st.sampled_from(["30 sec", "30-60 sec", "2 min"]),
                                                       "rest": st.sampled_from([0, "1-2 min"])}),
                   st.dictionaries(st.sampled_from(["reps", "hold", "rep"]),
                                   st.one_of(dose_texts(), st.text(max_size=8)), min_size=1, max_size=2)),
    "level": either(st.sampled_from(["beginner", "advanced"]), st.sampled_from(["easy", 3])),
    "equipment": either(st.lists(st.sampled_from(["none", "foam roller", "massage-ball"]), max_size=2),
                        st.lists(st.sampled_from(["bench", "roller"]), min_size=1, max_size=2)),
    "images": either(st.lists(st.fixed_dictionaries({"src": st.just("roller.svg"),
                                                     "alt": st.text(min_size=1).filter(str.strip)},
                                                    optional={"caption": st.text(max_size=20)}), max_size=2),
                     st.lists(st.fixed_dictionaries({"src": st.sampled_from(["nope.svg", "../x", "https:x"]),
                                                     "alt": st.sampled_from(["A", ""])}), min_size=1, max_size=2)),
    "related": either(st.lists(st.just("squat"), max_size=1), st.lists(st.sampled_from(["nope", "Bad"]), min_size=1)),
    "per_side": either(st.booleans(), st.just("yes")),
    "draft": either(st.just(False), st.just("no")),
    "aliases": either(st.lists(st.text(max_size=15).filter(str.strip), max_size=2), st.just({"a": 1})),
    "updated": either(st.sampled_from(["2026-01-02", "2025-12-31"]), st.sampled_from(["2026-13-01", "soon"])),
}
GOOD_BODY = ["Text with <em>raw</em> & \"quotes\".", "## How to do it", "- a\n- b", "[squat](squat.md)",
             "[squat steps](squat.md#how-to-do-it)", "![r](roller.svg)", "<script>alert(1)</script>", "> quote",
             "```\ncode\n```", "| a | b |\n|---|---|\n| 1 | 2 |", "<b onclick=x>bold</b>", "**bold** _it_ `c`",
             "[web](https://example.org/a?b=1&c=2)", "1. one\n2. two"]
BAD_BODY = ["[bad](../x.md)", "![m](missing.png)", "[js](javascript:alert(1))", "[nope](nope.md)",
            "[anchor](squat.md#nowhere)"]


@st.composite
def exercises(draw, index: int) -> tuple[str, bytes]:
    damaged = draw(st.sets(st.sampled_from(sorted(FIELDS) + sorted(OPTIONAL) + ["body"]), max_size=1)
                   | st.just(set()))
    fields = {name: draw(s["bad" if name in damaged else "good"]) for name, s in FIELDS.items()}
    for name, s in OPTIONAL.items():
        if name in damaged or draw(st.booleans()):
            fields[name] = draw(s["bad" if name in damaged else "good"])
    bits = draw(st.lists(st.sampled_from(GOOD_BODY), max_size=5))
    if "body" in damaged:
        bits.append(draw(st.sampled_from(BAD_BODY)))
    body = "\n\n".join(bits)
    if draw(st.booleans()):
        return f"ex-{index}.md", ("---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body).encode()
    return f"ex-{index}.yaml", yaml.safe_dump(fields | {"body": body}, allow_unicode=True).encode()


@st.composite
def sites(draw) -> list[tuple[str, bytes]]:
    files = [draw(exercises(i)) for i in range(draw(st.integers(1, 4)))]
    if draw(st.integers(0, 4)) == 0:  # now and then a raw, probably broken file among them
        files.append((draw(st.sampled_from(["raw.md", "raw.yaml"])), draw(front_matter_files()).encode()))
    return files


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(sites())
def test_a_random_small_site_builds_or_fails_cleanly(tmp_path_factory, files):
    RAN["whole build"] += 1
    from exguide.build.pipeline import BuildOptions, build

    root = tmp_path_factory.mktemp("site")
    shutil.copytree(SITES / "invalid" / "unknown-category", root / "site")
    content = root / "site" / "content"
    (content / "exercises" / "plank.md").unlink()
    for name, data in files:
        (content / "exercises" / name).write_bytes(data)
    out = root / "output"
    result = build(BuildOptions(content_dir=content, config_path=root / "site" / "site.yaml", output_dir=out,
                                search=False))
    clean(result.diagnostics)
    if result.ok:
        RAN["whole build: site"] += 1
        assert (out / "index.html").is_file() and (out / "exercises" / "squat" / "index.html").is_file()
    else:
        RAN["whole build: clean error"] += 1
        assert any(d.severity == ERROR for d in result.diagnostics)
        assert not out.exists()


# --- `check` on generated Markdown: bounded time, a clean exit, no Markdown placeholder quoted ----
# Weighted towards what Python-Markdown finds hard or rewrites (brackets, backticks, '<', emphasis,
# HTML-looking text, email addresses), each now and then repeated thousands of times, so the
# cost checks (exguide/site/mdcost.py), the link check on parsed HTML and the quoting all get hit.
MD_TOKENS = st.sampled_from(
    ["[", "]", "(", ")", "![", "](", "[x]", "[x]: y", "`", "``", "```", "~~~", "<", ">", "</", "<b", "<b>", "</b>",
     '<a href="nowhere.html">', '<a href="squat.md">', "</a>", '<img src="x.png" srcset="a.png 1x, b.png 2x">',
     '<h2 id="x">', 'id="x"', 'href="nowhere.html"', "<!--", "-->", "<script>", "*", "**", "_", "__", "\\", "&",
     "&amp;", "&#109;", "<coach@example.com>", "coach@example.com", "[mail](mailto:coach@example.com)",
     "<https://example.org>", "[squat](squat.md)", "[how](squat.md#how-to-do-it)", "[me](#x)", "[no](nope.md)",
     "[p](pic.png)", "![r](roller.svg)", "# ", "## ", "---", "- ", "1. ", "> ", "|", "    ", "\t", "\n", "\n\n",
     "word ", "Hold still. ", "'", '"'])


@st.composite
def markdown_bodies(draw) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 12))):
        token = draw(MD_TOKENS)
        pieces.append(token * draw(st.sampled_from([1, 1, 1, 2, 3, 40, 600, 3000])))
    return "".join(pieces)[:29_000]  # the longest body allowed is 30,000 characters


PLAIN = st.text(alphabet=string.ascii_letters + string.digits + " .,:;!?'\"-()[]<>&*_`#@/\\", min_size=1,
                max_size=30).filter(str.strip)


@st.composite
def checked_files(draw) -> tuple[str, bytes]:
    """One exercise file: valid front matter or one field damaged, and a generated body."""
    fields = {"title": draw(PLAIN), "category": draw(st.sampled_from(["strength", "stretching", "yoga"])),
              "targets": draw(st.lists(st.sampled_from(["quadriceps", "quads", "glutes"]), min_size=1, max_size=2)),
              "key_points": draw(st.lists(PLAIN, min_size=1, max_size=2))}
    if draw(st.booleans()):
        fields["related"] = draw(st.lists(st.sampled_from(["squat", "nope"]), max_size=1))
    body = draw(markdown_bodies())
    if draw(st.booleans()):
        return "fuzz.md", ("---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body).encode()
    return "fuzz.yaml", yaml.safe_dump(fields | {"body": body}, allow_unicode=True).encode()


CHECK_SECONDS = 2.0  # CPU seconds per file: a busy machine slows the clock, not this
PLACEHOLDER_MARKS = ("\x02", "\x03", "\\x02", "\\x03", "klzzwxh", "wzxhzdk")


def _hang_guard(signum, frame):
    raise TimeoutError("check did not finish")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(checked_files())
def test_check_on_generated_markdown_is_fast_clean_and_quotes_no_placeholder(tmp_path_factory, file):
    """`build.py check` as the command line runs it (its messages caught on their way to stderr)."""
    RAN["check on markdown"] += 1
    import io
    import signal
    import time
    from unittest import mock

    from exguide.commands import cli

    root = tmp_path_factory.mktemp("check")
    shutil.copytree(SITES / "invalid" / "unknown-category", root / "site")
    content = root / "site" / "content"
    (content / "exercises" / "plank.md").unlink()
    name, data = file
    (content / "exercises" / name).write_bytes(data)
    stderr = io.StringIO()
    report = cli.report
    previous = signal.signal(signal.SIGALRM, _hang_guard)
    signal.setitimer(signal.ITIMER_REAL, 60)  # a hang fails this test instead of stopping the suite
    started = time.process_time()
    try:
        with mock.patch.object(cli, "report", lambda result, strict: report(result, strict, out=stderr)):
            status = cli.main(["check", "--content", str(content), "--config", str(root / "site" / "site.yaml")])
    finally:  # an exception above is the traceback a user would see: it fails the test
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.process_time() - started < CHECK_SECONDS
    text = stderr.getvalue()
    assert status in (0, 1) and (status == 0) == ("build failed" not in text), text
    RAN["check on markdown: " + ("passed" if status == 0 else "errors")] += 1
    for mark in PLACEHOLDER_MARKS:
        assert mark not in text, text
    assert all(re.match(r"(\S+?:(\d+:)? )?(error|warning): |build failed: ", line) for line in text.splitlines()), text
