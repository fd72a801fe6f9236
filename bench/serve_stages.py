#!/usr/bin/env python3
"""Where a `serve` rebuild spends its time, stage by stage, after one exercise edit.

    python bench/serve_stages.py [--corpus fedb-4000] [--edits 8] [--no-tidy]

Builds a copy of the corpus the way `serve` does (drafts shown, no search, written in place,
the memo kept in memory, garbage collected and frozen between saves unless --no-tidy), makes two
warm-up edits, then times --edits more rebuilds, each after one sentence of the same exercise
changed. Prints the mean milliseconds of each pipeline stage
(timed by wrapping the functions exguide.pipeline calls) and of the whole rebuild, without the
file watcher or the browser: bench/serve_latency.py measures those. Nothing here is a test.
"""
from __future__ import annotations

import argparse
import collections
import functools
import gc
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import exguide.build.pipeline as pipeline  # noqa: E402
import exguide.commands.serve as serve  # noqa: E402
from exguide.reuse.fingerprint import Fingerprints  # noqa: E402

try:  # the reuse layer as one package (exguide/reuse/session.py); older code threaded a memo instead
    from exguide.reuse.memo import Memo  # noqa: E402
    from exguide.reuse.session import Session  # noqa: E402
except ImportError:
    from exguide.reuse.incremental import Memo  # noqa: E402
    Session = None
from exguide.build.output import MARKER  # noqa: E402

WORK = ROOT / "bench" / "results"
STAGES = ("load_settings", "load_taxonomy_reused", "discover_exercises", "read_exercises", "link_library",
          "plan_pages", "make_environment", "render_changed", "export_files", "check_changed_links",
          "plan_output", "write_in_place_or_staged",  # the functions the pipeline called before the reuse layer
          "with_bodies", "render_site", "static_files", "write_output")  # and since
SESSION = ("once", "files", "asking", "each", "check_links")  # the reuse layer's wrappers (exguide/reuse/session.py)


def timed(owner, name: str, label: str, totals: dict) -> None:
    """Replace ``owner.name`` with a wrapper adding its run time to ``totals[label]``."""
    func = getattr(owner, name)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - started
    setattr(owner, name, wrapper)


def tidy() -> None:
    """serve's pause between saves: collect garbage and freeze the rest (exguide/commands/serve.py)."""
    if hasattr(serve.Preview, "_tidy"):  # older code did not
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="fedb-4000", help="a name under bench/corpus/")
    parser.add_argument("--edits", type=int, default=8)
    parser.add_argument("--no-tidy", action="store_true",
                        help="leave the garbage to the collector during rebuilds, as serve did before it tidied")
    args = parser.parse_args()
    source = ROOT / "bench" / "corpus" / args.corpus
    if not source.is_dir():
        raise SystemExit(f"no corpus at {source}; make it with bench/make_corpus.py")
    work = WORK / f"stages-{args.corpus}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work / "content")
    site = work / "site"
    site.mkdir()
    (site / MARKER).write_text("benchmark preview\n")
    options = pipeline.BuildOptions(content_dir=work / "content", output_dir=site, drafts=True, search=False,
                                    in_place=True)

    totals: dict[str, float] = collections.defaultdict(float)
    for name in STAGES:
        if hasattr(pipeline, name):  # run on older code too, to compare
            timed(pipeline, name, name, totals)
    if hasattr(pipeline, "load_taxonomy"):
        timed(pipeline, "load_taxonomy", "load_taxonomy_reused", totals)
    if Session is not None:
        for name in SESSION:
            timed(Session, name, f"reuse.{name}", totals)
    timed(Fingerprints, "shape", "  render: page shapes", totals)
    for name in ("fields", "of"):  # older code hashed record fields again; newer code does not
        if hasattr(Fingerprints, name):
            timed(Fingerprints, name, "  render: fields hashed again", totals)
            break

    collecting = {"since": 0.0, "building": False}

    def note_collection(phase: str, info: dict) -> None:
        if not collecting["building"]:
            return  # serve's own tidying between saves is not part of a rebuild
        if phase == "start":
            collecting["since"] = time.perf_counter()
        else:
            totals["  (cycle collector, within the stages above)"] += time.perf_counter() - collecting["since"]
    gc.callbacks.append(note_collection)

    memo = Memo()
    first = pipeline.build(options, memo)
    if not first.ok:
        raise SystemExit("the corpus does not build: " + "; ".join(d.format() for d in first.diagnostics[:3]))
    target = sorted((work / "content" / "exercises").iterdir())[len(first.rendered) // 40]
    text = target.read_text(encoding="utf-8")

    def edit(label: str) -> float:
        if not args.no_tidy:
            tidy()  # what serve does in the pause after each reload
        target.write_text(text + f"\n{label}\n", encoding="utf-8")
        started = time.perf_counter()
        collecting["building"] = True
        result = pipeline.build(options, memo)
        collecting["building"] = False
        assert result.ok and len(result.rendered) == 1, result.rendered
        return time.perf_counter() - started

    for n in range(2):  # the first rebuilds fill what serve keeps between rebuilds
        edit(f"Warm-up {n}.")
    totals.clear()
    whole = sum(edit(f"Probe {n}.") for n in range(args.edits))
    print(f"# serve rebuild after one exercise edit: {args.corpus}, {len(first.rendered)} pages, "
          f"mean of {args.edits} rebuilds{', no tidying between them' if args.no_tidy else ''}")
    for label, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"{label:44} {seconds / args.edits * 1000:7.1f} ms")
    print(f"{'whole rebuild':44} {whole / args.edits * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
