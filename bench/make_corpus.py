#!/usr/bin/env python3
"""Make a benchmark corpus: N exercises in our schema under bench/corpus/<name>/ (gitignored).

    python bench/make_corpus.py                 # the 873 records, as `build.py import` writes them
    python bench/make_corpus.py --count 4000    # plus numbered variants of them: 4,000 exercises

Deterministic: the same source and count give the same files, byte for byte. Variants copy a record
with a new id and title ('Barbell Curl (variant 2)'), so slugs and titles stay unique.
Build one with `python build.py --content bench/corpus/<name> --output /tmp/bench-site`.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exguide.commands.importer import convert_all, load_records, summary, write_import  # noqa: E402
from exguide.content.taxonomy import load_taxonomy  # noqa: E402

CORPUS_DIR = ROOT / "bench" / "corpus"
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus" / "free-exercise-db" / "exercises.json"


def expand(records: list[dict], count: int) -> list[dict]:
    """``count`` records: the originals in order, then variant 2, 3 … of each, cycling."""
    out = []
    for index in range(count):
        record = records[index % len(records)]
        round_ = index // len(records)
        if round_:
            record = dict(record, id=f"{record.get('id') or record.get('name')}_variant_{round_ + 1}",
                          name=f"{record.get('name') or record.get('id')} (variant {round_ + 1})")
        out.append(record)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=None, help="exercises to make (default: every record)")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="free-exercise-db exercises.json")
    parser.add_argument("--name", default=None, help="folder name under bench/corpus/ (default: fedb-<count>)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    records, problems = load_records(args.source)
    if problems or not isinstance(records, list) or not records:
        for problem in problems:
            print(problem.format(), file=sys.stderr)
        print(f"error: no records in {args.source}", file=sys.stderr)
        return 1
    count = args.count or len(records)
    if count < 1:
        parser.error("--count must be at least 1")
    name = args.name or f"fedb-{count}"
    if not name.replace("-", "").replace("_", "").isalnum():
        parser.error("--name: letters, digits, '-' and '_' only")
    tax, problems = load_taxonomy(ROOT / "content")
    exercises, tally, found = convert_all(expand(records, count), tax, str(args.source))
    for problem in problems + found:
        print(problem.format(), file=sys.stderr)
    if problems or found:
        return 1
    target = CORPUS_DIR / name
    if target.exists():
        shutil.rmtree(target)  # ours alone: always a folder under bench/corpus/
    write_import(target, exercises, ROOT / "content")
    print(summary(len(exercises), tally, target))
    print(f"made {target.relative_to(ROOT)} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
