#!/usr/bin/env python3
"""How the build grows: 4,000 and 20,000 exercises, cold, search included, in one run.

    python bench/scale.py [--runs 1] [--counts 4000 20000]

Per size, alternating: the cold build's time, the peak RSS of its largest process (ours or
Pagefind's), the output's size and file count, the median exercise page, and the largest HTML
file and largest file; then the time ratio of each size to the first. Corpora come from
bench/make_corpus.py (made when missing). Nothing here is a test.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BENCH, PY, WORK, Ours, page_sizes, tree_size  # noqa: E402


def corpus(count: int) -> Path:
    path = BENCH / "corpus" / f"fedb-{count}"
    if not path.is_dir():
        subprocess.run([PY, str(BENCH / "make_corpus.py"), "--count", str(count)], check=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--counts", type=int, nargs="+", default=[4000, 20000])
    args = parser.parse_args()
    tools = {n: Ours(corpus(n), WORK / f"scale-{n}") for n in args.counts}
    times: dict[int, list[float]] = {n: [] for n in args.counts}
    peaks: dict[int, list[int]] = {n: [] for n in args.counts}
    for index in range(args.runs):
        for n, tool in tools.items():  # alternating, so a busy moment hits both sizes
            tool.clean()
            seconds, rss = tool.build()
            times[n].append(seconds)
            peaks[n].append(rss)
            print(f"  {n}: run {index + 1}/{args.runs}: {seconds:.1f} s, {rss} MB", file=sys.stderr, flush=True)
    first = args.counts[0]
    print(f"# cold builds with search, {args.runs} run(s) each, medians")
    for n, tool in tools.items():
        size, files = tree_size(tool.out)
        sizes = page_sizes(tool.out)
        print(f"{n:>6} exercises: {statistics.median(times[n]):.1f} s "
              f"({statistics.median(times[n]) / statistics.median(times[first]):.2f}x {first}'s), "
              f"peak RSS {max(peaks[n])} MB, output {size / 1e6:.1f} MB in {files} files, "
              f"median exercise page {sizes['median_page'] / 1e3:.1f} KB, "
              f"largest HTML {sizes['largest_html'][0] / 1e3:.0f} KB ({sizes['largest_html'][1]}), "
              f"largest file {sizes['largest_file'][0] / 1e6:.2f} MB ({sizes['largest_file'][1]})")
    for tool in tools.values():
        shutil.rmtree(tool.out.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
