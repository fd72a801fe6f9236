#!/usr/bin/env python3
"""What routines cost a cold build: 4,000 exercises with and without 400 routines.

    python bench/routines_bench.py [--corpus fedb-4000] [--routines 400] [--runs 3] [--search]

Copies the corpus twice, adds --routines routine files to one (each of 4 to 10 steps drawn in a
fixed order from the corpus's exercises, with doses, rests and rounds like the shipped ones), then
times a cold command-line build of each, alternating, --runs times, and prints the medians, the
difference per routine, and the pages and bytes the routines add. Nothing here is a test.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "results" / "routines"
GOALS = ("mobility", "strength", "core", "recovery", "conditioning", "warm-up", "power")


def make_routines(content: Path, count: int) -> None:
    slugs = sorted(p.stem for p in (content / "exercises").glob("*.md"))
    pick = random.Random(7)  # the same routines every run
    folder = content / "routines"
    folder.mkdir()
    for n in range(count):
        lines = ["---", f"title: Bench Routine {n + 1}", "summary: A generated routine for the benchmark.",
                 f"goal: {GOALS[n % len(GOALS)]}", "level: beginner", f"rounds: {1 + n % 3}",
                 "rest_between: 15 sec", "steps:"]
        for slug in pick.sample(slugs, 4 + n % 7):
            lines.append(f"  - exercise: {slug}")
            lines.append(pick.choice(("    reps: 10", "    hold: 30 sec", "    duration: 45 sec",
                                      "    sets: 3\n    reps: 8-12\n    rest: 60 sec")))
        lines += ["---", "Why these steps, in this order.", "", "What to feel, and when to stop.", ""]
        (folder / f"bench-routine-{n + 1}.md").write_text("\n".join(lines), encoding="utf-8")


def cold(content: Path, out: Path, search: bool) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, str(ROOT / "build.py"), "--content", str(content), "--output", str(out), "--no-cache"]
    if not search:
        command.append("--no-search")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr[-2000:]}")
    return elapsed


def size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="fedb-4000")
    parser.add_argument("--routines", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", action="store_true", help="include the search index in each build")
    args = parser.parse_args()
    source = ROOT / "bench" / "corpus" / args.corpus
    if not source.is_dir():
        raise SystemExit(f"no corpus at {source}; make it with bench/make_corpus.py")
    shutil.rmtree(WORK, ignore_errors=True)
    plain, with_routines = WORK / "plain" / "content", WORK / "routines" / "content"
    shutil.copytree(source, plain)
    shutil.copytree(source, with_routines)
    make_routines(with_routines, args.routines)
    times: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(args.runs):
        times["without"].append(cold(plain, WORK / "plain" / "out", args.search))
        times["with"].append(cold(with_routines, WORK / "routines" / "out", args.search))
    without, with_ = (statistics.median(times[k]) for k in ("without", "with"))
    files_a, bytes_a = size(WORK / "plain" / "out")
    files_b, bytes_b = size(WORK / "routines" / "out")
    print(f"# cold build, {args.corpus}, {'with' if args.search else 'without'} search, median of {args.runs}")
    print(f"without routines        {without:7.2f} s  ({', '.join(f'{t:.2f}' for t in times['without'])})")
    print(f"with {args.routines} routines    {with_:7.2f} s  ({', '.join(f'{t:.2f}' for t in times['with'])})")
    print(f"cost                    {with_ - without:+7.2f} s  ({(with_ - without) / args.routines * 1000:+.1f} ms a routine,"
          f" {100 * (with_ - without) / without:+.1f} %)")
    print(f"output                  +{files_b - files_a} files, +{(bytes_b - bytes_a) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
