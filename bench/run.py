#!/usr/bin/env python3
"""Build benchmarks, side by side with Hugo + Pagefind on the same corpus.

    make bench                                   # this, then the serve and ways benchmarks
    python bench/run.py [--runs 5] [--corpus fedb-873 --corpus fedb-4000]

Per corpus, every figure is measured --runs times, our build and Hugo's alternating, and
printed as median (min-max) with the ratio ours / Hugo+Pagefind:

  cold    empty output and caches, search index included
  warm    the same build again with nothing changed
  edit    one exercise's text changed, then the build again
  rss     peak resident memory of the build (the largest process of its tree, e.g. Pagefind),
          and ours once more without search: our own Python process
  output  size and file count of the result, the median exercise page, the largest HTML file and file

plus the floor for Python: bench/naive.py, one process reading YAML, converting Markdown and
rendering Jinja2 per file, with no taxonomy pages, links, checks or search.
Corpora come from bench/make_corpus.py (made here when missing). Nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "results"  # gitignored scratch space
PY = sys.executable


def run(command: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    """(seconds, peak RSS in MB of the command's process tree) for one command; fails loudly."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr}")
    return elapsed, usage.ru_maxrss // 1024


class Ours:
    name = "exercise-guide"

    def __init__(self, content: Path, work: Path, per_index: int = 0):
        self.content, self.out, self.cache = content, work / "ours-out", work / "ours-cache"
        self.config: list[str] = []
        if per_index:  # the same site with its search index in parts of this many pages
            self.name = f"ours, index parts of {per_index}"
            self.out, self.cache = work / f"ours-{per_index}-out", work / f"ours-{per_index}-cache"
            config = work / f"site-{per_index}.yaml"
            config.write_text((ROOT / "site.yaml").read_text(encoding="utf-8")
                              + f"\nsearch_pages_per_index: {per_index}\n", encoding="utf-8")
            self.config = ["--config", str(config)]

    def clean(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)

    def build(self, *extra: str) -> tuple[float, int]:
        return run([PY, "build.py", "--content", str(self.content), "--output", str(self.out),
                    "--cache-dir", str(self.cache), *self.config, *extra])


class HugoPagefind:
    name = "Hugo+Pagefind"

    def __init__(self, content: Path, work: Path):
        self.content, self.out, self.cache = content, work / "hugo-out", work / "hugo-cache"

    def clean(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)

    def build(self) -> tuple[float, int]:
        hugo = shutil.which("hugo", path=str(Path(PY).parent)) or "hugo"
        seconds, rss = run([hugo, "--source", str(BENCH / "hugo"), "--contentDir", str(self.content),
                            "--destination", str(self.out), "--cacheDir", str(self.cache), "--quiet"])
        more, rss2 = run([PY, "-m", "pagefind", "--site", str(self.out), "--silent"])
        return seconds + more, max(rss, rss2)


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def page_sizes(folder: Path) -> dict:
    """Median exercise page, largest HTML file and largest file of a built site (bytes, path)."""
    pages = sorted(p.stat().st_size for p in (folder / "exercises").glob("*/index.html"))
    files = [(p.stat().st_size, p.relative_to(folder).as_posix()) for p in folder.rglob("*") if p.is_file()]
    return {"median_page": pages[len(pages) // 2] if pages else 0,
            "largest_html": max((f for f in files if f[1].endswith(".html")), default=(0, "")),
            "largest_file": max(files, default=(0, ""))}


def edit(content: Path, n: int) -> None:
    """Change one exercise's prose, as an author saving a file does."""
    path = sorted((content / "exercises").iterdir())[len(list((content / "exercises").iterdir())) // 2]
    text = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if text[-1].startswith("Benchmark edit"):
        text.pop()
    path.write_text("\n".join(text + [f"Benchmark edit {n}."]) + "\n", encoding="utf-8")


def summary(values: list[float], unit: str = "s") -> str:
    fmt = (lambda v: f"{v:.2f}") if unit == "s" else (lambda v: f"{v:.0f}")
    return f"{fmt(statistics.median(values))} {unit} ({fmt(min(values))}-{fmt(max(values))})"


def bench_corpus(name: str, runs: int, per_index: int = 0) -> dict:
    source = BENCH / "corpus" / name
    if not source.is_dir():
        count = name.rsplit("-", 1)[-1]
        subprocess.run([PY, str(BENCH / "make_corpus.py")] + ([] if count == "873" else ["--count", count]),
                       check=True, cwd=ROOT)
    work = WORK / name
    shutil.rmtree(work, ignore_errors=True)
    content = work / "content"
    shutil.copytree(source, content)  # edits go to this copy, never to the corpus
    tools = [Ours(content, work), HugoPagefind(content, work)] + ([Ours(content, work, per_index)] if per_index else [])
    figures: dict = {t.name: {"cold": [], "warm": [], "edit": [], "rss": []} for t in tools}
    for index in range(runs):
        for tool in tools:  # alternating, so a busy moment hits both
            tool.clean()
            seconds, rss = tool.build()
            figures[tool.name]["cold"].append(seconds)
            figures[tool.name]["rss"].append(rss)
        for tool in tools:
            figures[tool.name]["warm"].append(tool.build()[0])
        edit(content, index)
        for tool in tools:
            figures[tool.name]["edit"].append(tool.build()[0])
        print(f"  {name}: run {index + 1}/{runs} done", file=sys.stderr, flush=True)
    for tool in tools:
        figures[tool.name]["output"] = tree_size(tool.out)
        figures[tool.name]["sizes"] = page_sizes(tool.out)
    ours = tools[0]
    ours.clean()  # our Python process alone: the peak without Pagefind's
    figures["python_rss"] = ours.build("--no-search", "--no-cache")[1]
    figures["naive"] = [float(subprocess.run([PY, str(BENCH / "naive.py"), str(content), str(work / "naive-out")],
                                             check=True, capture_output=True, text=True).stdout.split()[0])
                        for _ in range(runs)]
    return figures


def report(name: str, figures: dict) -> None:
    ours, hugo = figures["exercise-guide"], figures["Hugo+Pagefind"]
    print(f"\n## {name}: {len(list((WORK / name / 'content' / 'exercises').iterdir()))} exercises")
    print(f"{'figure':8} {'exercise-guide':>26} {'Hugo+Pagefind':>26} {'ratio':>7}")
    for figure, unit in (("cold", "s"), ("warm", "s"), ("edit", "s"), ("rss", "MB")):
        a, b = ours[figure], hugo[figure]
        ratio = statistics.median(a) / statistics.median(b)
        print(f"{figure:8} {summary(a, unit):>26} {summary(b, unit):>26} {ratio:>6.2f}x")
    for label, tool in (("ours", ours), ("hugo", hugo)):
        (size, count), sizes = tool["output"], tool["sizes"]
        print(f"output   {label}: {size / 1e6:.1f} MB in {count} files; median exercise page "
              f"{sizes['median_page'] / 1e3:.1f} KB; largest HTML {sizes['largest_html'][0] / 1e3:.0f} KB "
              f"({sizes['largest_html'][1]}); largest file {sizes['largest_file'][0] / 1e6:.2f} MB "
              f"({sizes['largest_file'][1]})")
    print(f"rss      ours without Pagefind (Python and its forked workers): {figures['python_rss']} MB")
    print(f"naive    one-process YAML+Markdown+Jinja2 loop: {summary(figures['naive'])}")
    print(f"ours: warm = {statistics.median(ours['warm']) / statistics.median(ours['cold']):.3f}x cold, "
          f"edit = {statistics.median(ours['edit']) / statistics.median(ours['cold']):.3f}x cold")
    for label, parts in figures.items():
        if label.startswith("ours, index parts"):
            print(f"{label}: cold {summary(parts['cold'])}, warm {summary(parts['warm'])}, edit {summary(parts['edit'])}"
                  f" = {statistics.median(parts['edit']) / statistics.median(ours['cold']):.3f}x our cold, "
                  f"peak RSS {summary(parts['rss'], 'MB')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--per-index", type=int, default=0, help="also build with the search index in parts "
                        "of this many pages (search_pages_per_index)")
    parser.add_argument("--corpus", action="append", help="name under bench/corpus/ (default: fedb-873, fedb-4000)")
    args = parser.parse_args()
    corpora = args.corpus or ["fedb-873", "fedb-4000"]
    print(f"# exercise-guide build benchmark: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, {args.runs} runs each")
    hugo = shutil.which("hugo", path=str(Path(PY).parent)) or "hugo"
    print("# " + subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip().splitlines()[-1])
    for name in corpora:
        report(name, bench_corpus(name, args.runs, args.per_index))
    return 0


if __name__ == "__main__":
    sys.exit(main())
