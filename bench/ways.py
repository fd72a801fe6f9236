#!/usr/bin/env python3
"""What each speed-up buys: the build with one of them switched off, against the build with all on.

    python bench/ways.py [--corpus fedb-4000] [--runs 3]

Each line is measured in this process (median of --runs), wall time and, where work moves to
other processes, CPU time of this process and its workers:
  C YAML loader               read + validate every file, libyaml's loader vs pure Python
  one Markdown instance       every body, one reused instance vs a new one per body
  2 processes                 a cold build without search, forked workers vs one process
  content-hash cache          the same build warm (nothing changed) vs cold
  field-level tracking        pages rendered again after a prose edit and after a title edit
  writing only changed files  files written after one edit, of all files in the site
  search once, when needed    Pagefind over the site vs linking the previous bundle
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exguide.site import markup
from exguide.build import parallel
from exguide.content import yamlread  # noqa: E402
from exguide.build.pipeline import BuildOptions, build  # noqa: E402
from exguide.content.sources import discover_exercises, read_source  # noqa: E402
from exguide.content.taxonomy import load_taxonomy  # noqa: E402
from exguide.content.exercises import validate_exercise  # noqa: E402

WORK = ROOT / "bench" / "results" / "ways"


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(action, runs: int, before=lambda: None) -> tuple[float, float]:
    """Median wall and CPU seconds of ``action`` over ``runs`` (``before`` runs untimed first)."""
    walls, cpus = [], []
    for _ in range(runs):
        before()
        wall, spent = time.perf_counter(), cpu()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu() - spent)
    return statistics.median(walls), statistics.median(cpus)


@contextmanager
def patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def line(label: str, on: tuple[float, float], off: tuple[float, float], unit: str = "") -> None:
    print(f"{label:28} on {on[0]:6.2f} s (cpu {on[1]:6.2f})   off {off[0]:6.2f} s (cpu {off[1]:6.2f})   "
          f"saves {off[0] - on[0]:6.2f} s wall{unit}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="fedb-4000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    content = WORK / "content"
    shutil.copytree(ROOT / "bench" / "corpus" / args.corpus, content)
    options = BuildOptions(content_dir=content, output_dir=WORK / "out", search=False, cache_dir=WORK / "cache")
    runs = args.runs
    print(f"# what each way buys: {args.corpus}, median of {runs}")

    paths, _ = discover_exercises(content)
    taxonomy, _ = load_taxonomy(content)

    def read_all():
        for path in paths:
            validate_exercise(read_source(path), taxonomy, path.name)

    with_c = timed(read_all, runs)
    with patched(yamlread, "_Loader", __import__("yaml").SafeLoader):
        without_c = timed(read_all, runs)
    line("C YAML loader", with_c, without_c)

    plain = replace(options, cache_dir=None, write=False)
    reused_render = markup.MarkdownRenderer.render

    def fresh_render(self, ctx):  # what one reused instance avoids: building Markdown for every body
        return reused_render(markup.MarkdownRenderer(self.allow_raw_html), ctx)

    with patched(parallel, "cores", lambda: 1):
        one_md = timed(lambda: build(plain), runs)
        with patched(markup.MarkdownRenderer, "render", fresh_render):
            many_md = timed(lambda: build(plain), runs)
    line("one Markdown instance", one_md, many_md, " (whole check, 1 process)")

    def cold():
        shutil.rmtree(WORK / "out", ignore_errors=True)
        shutil.rmtree(WORK / "cache", ignore_errors=True)

    two = timed(lambda: build(options), runs, before=cold)
    with patched(parallel, "cores", lambda: 1):
        one = timed(lambda: build(options), runs, before=cold)
    line("2 processes", two, one, " (cold build, no search)")

    warm = timed(lambda: build(options), runs)
    line("content-hash cache", warm, two, " (warm vs cold)")

    target = sorted((content / "exercises").glob("*.md"))[len(paths) // 2]
    original = target.read_text(encoding="utf-8")
    target.write_text(original + "\nOne more sentence.\n", encoding="utf-8")
    prose = build(options)
    title_line = next(l for l in original.splitlines() if l.startswith("title:"))
    target.write_text(original.replace(title_line, title_line + " (renamed)"), encoding="utf-8")
    title = build(options)
    print(f"{'field-level tracking':28} prose edit: {len(prose.rendered)} of {prose.pages} pages rendered; "
          f"title edit: {len(title.rendered)} pages (every list showing its card)")
    print(f"{'writing only changed files':28} prose edit: {len(prose.written)} of {prose.files} files written; "
          f"title edit: {len(title.written)}")

    searched = replace(options, search=True, cache_dir=WORK / "cache-search", output_dir=WORK / "out-search")
    build(searched)
    templates = WORK / "templates"  # a copy, so a page the search does not index can change
    shutil.copytree(ROOT / "templates", templates)
    searched = replace(searched, templates_dir=templates)
    build(searched)
    step = {"n": 0}

    def touch_muscle_pages():
        step["n"] += 1
        text = (templates / "muscle.html").read_text()
        (templates / "muscle.html").write_text(text.replace("<h1", f"<h1 data-bench=\"{step['n']}\"", 1)
                                               if "data-bench" not in text else
                                               text.replace(f"data-bench=\"{step['n'] - 1}\"",
                                                            f"data-bench=\"{step['n']}\""))

    def touch_exercise():
        step["n"] += 1
        target.write_text(original + f"\nEdit {step['n']}.\n", encoding="utf-8")

    reuse = timed(lambda: build(searched), runs, before=touch_muscle_pages)
    index = timed(lambda: build(searched), runs, before=touch_exercise)
    line("search once, when needed", reuse, index, " (non-indexed vs indexed page edited)")
    target.write_text(original, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
