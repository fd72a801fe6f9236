#!/usr/bin/env python3
"""What a demo costs: its bytes on each page, and the cold build of 4,000 exercises with and without demos.

    python bench/make_corpus.py --count 4000    # once: bench/corpus/fedb-4000
    python bench/demo_cost.py [--corpus fedb-4000] [--runs 3]

The corpus has no demos, so this gives every generated exercise one: a demo of the shipped
content chosen by the exercise's slug, its angles nudged by up to 2 degrees (so that no two
are the same and no cache can share work between them), written to bench/corpus/<name>-demos.
Both corpora are built cold (no memo, fresh output, search off, 2 processes), alternately, and
the median of --runs is printed with the range. The bytes are those of the built pages: the
demo's markup in the page (its <figure>) and its three drawings in demos/ (moving, still, card),
raw and gzipped, for the shipped content and for the corpus.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exguide.build.pipeline import BuildOptions, build  # noqa: E402
from exguide.content.demos import check_demo  # noqa: E402

CORPUS_DIR = ROOT / "bench" / "corpus"
FIGURE = re.compile(rb'<figure class="demo".*?</figure>', re.S)
DRAWING = re.compile(rb'/demos/([0-9a-f]+)-move\.svg')
KINDS = (("move", "moving drawing (move.svg)"), ("still", "key positions (still.svg)"), ("card", "card picture (card.svg)"))


def shipped_demos() -> list[tuple[str, dict]]:
    """(category, demo) of every shipped exercise that has one."""
    out = []
    for path in sorted((ROOT / "content" / "exercises").iterdir()):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1] if path.suffix == ".md" else text)
        if "demo" in meta:
            out.append((meta["category"], meta["demo"]))
    return out


def nudged(demo: dict, seed: bytes) -> dict:
    """The demo with each angle moved by -2 … +2 degrees, picked by ``seed``."""
    frames = []
    for index, frame in enumerate(demo["frames"]):
        moved = {}
        for key, value in frame.items():
            if isinstance(value, (int, float)) and key not in ("air", "ahead") and value:
                step = hashlib.sha1(seed + f"{index}:{key}".encode()).digest()[0] % 5 - 2
                value = value + step
            moved[key] = value
        frames.append(moved)
    return dict(demo, frames=frames)


def flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return str(value)


def demo_yaml(demo: dict) -> str:
    lines = ["demo:"] + [f"  {key}: {flow(demo[key])}" for key in ("view", "tempo", "props") if key in demo]
    return "\n".join(lines + ["  frames:"] + [f"    - {flow(f)}" for f in demo["frames"]]) + "\n"


def with_demos(source: Path, target: Path) -> int:
    """Copy the corpus with a demo in every exercise; the number of exercises."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    pool = shipped_demos()
    count = 0
    for path in sorted((target / "exercises").glob("*.md")):
        seed = path.stem.encode()
        category, demo = pool[int(hashlib.sha1(seed).hexdigest(), 16) % len(pool)]
        candidate = nudged(demo, seed)
        if check_demo(candidate, lambda *a: None, category) is None:  # a nudge put a foot through the floor
            candidate = demo
        head, _, body = path.read_text(encoding="utf-8")[4:].partition("\n---\n")
        path.write_text("---\n" + head + "\n" + demo_yaml(candidate) + "---\n" + body, encoding="utf-8")
        count += 1
    return count


def cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def cold_build(content: Path, output: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one cold build."""
    if output.exists():
        shutil.rmtree(output)
    started, used = time.perf_counter(), cpu()
    result = build(BuildOptions(content_dir=content, output_dir=output, search=False))
    if not result.ok:
        raise SystemExit("\n".join(d.format() for d in result.diagnostics[:10]))
    return time.perf_counter() - started, cpu() - used


def sizes(output: Path) -> dict[str, list[int]]:
    """Bytes, raw and gzipped, of each demo's markup in its page and of its drawings (each file once)."""
    out: dict[str, list[int]] = {k: [] for k in ("figure", "figure.gz", "page")}
    out.update((k + suffix, []) for k, _label in KINDS for suffix in ("", ".gz"))
    seen: set[bytes] = set()
    for index in sorted(output.glob("exercises/*/index.html")):
        page = index.read_bytes()
        figure = FIGURE.search(page)
        if figure is None:
            continue
        out["figure"].append(len(figure.group()))
        out["figure.gz"].append(len(gzip.compress(figure.group(), 9)))
        out["page"].append(len(page))
        key = DRAWING.search(figure.group()).group(1)
        if key in seen:
            continue
        seen.add(key)
        for kind, _label in KINDS:
            data = (output / "demos" / f"{key.decode()}-{kind}.svg").read_bytes()
            out[kind].append(len(data))
            out[kind + ".gz"].append(len(gzip.compress(data, 9)))
    return out


def show_sizes(title: str, found: dict[str, list[int]]) -> None:
    n = len(found["figure"])
    print(f"{title}: {n} pages with a demo, {len(found['move'])} drawings")
    for key, label in (("figure", "demo markup in the page"), *KINDS):
        raw, packed = found[key], found[key + ".gz"]
        print(f"  {label:27} median {statistics.median(raw) / 1000:5.1f} KB (max {max(raw) / 1000:5.1f}), "
              f"gzipped {statistics.median(packed) / 1000:4.1f} KB (max {max(packed) / 1000:4.1f})")
    print(f"  {'whole page, demo included':27} median {statistics.median(found['page']) / 1000:5.1f} KB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="fedb-4000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    plain = CORPUS_DIR / args.corpus
    if not plain.is_dir():
        print(f"error: {plain} is missing; run: python bench/make_corpus.py --count 4000", file=sys.stderr)
        return 1
    demos = CORPUS_DIR / f"{args.corpus}-demos"
    count = with_demos(plain, demos)
    work = Path(tempfile.mkdtemp(prefix="demo-cost-"))
    try:
        cold_build(ROOT / "content", work / "shipped")
        show_sizes("shipped content", sizes(work / "shipped"))
        times: dict[str, list[tuple[float, float]]] = {"without demos": [], "with demos": []}
        for _ in range(args.runs):
            times["without demos"].append(cold_build(plain / "", work / "plain"))
            times["with demos"].append(cold_build(demos, work / "demos"))
        show_sizes(f"{args.corpus} with demos", sizes(work / "demos"))
        print(f"cold build of {count} exercises (no memo, search off, median of {args.runs}; wall, then CPU):")
        medians = {}
        for label, runs in times.items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            medians[label] = (statistics.median(walls), statistics.median(cpus))
            print(f"  {label:14} {medians[label][0]:6.2f} s ({min(walls):.2f}–{max(walls):.2f}), "
                  f"CPU {medians[label][1]:6.2f} s")
        (w0, c0), (w1, c1) = medians["without demos"], medians["with demos"]
        print(f"  a demo on every exercise adds {w1 - w0:+.2f} s wall ({(w1 / w0 - 1) * 100:+.0f} %), "
              f"{(c1 - c0) / count * 1000:.2f} ms of CPU per demo")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
