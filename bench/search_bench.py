#!/usr/bin/env python3
"""Search figures: Pagefind's index time and bundle size, and the bytes a first search transfers.

    .venv/bin/python bench/search_bench.py                      # content/ and every bench/corpus/*/
    .venv/bin/python bench/search_bench.py --content DIR [...]  # chosen content folders

Each content folder is built once without search into a temporary folder, then indexed by the same
step the build runs (exguide.search.index_site), timed on its own. The site is then served on
127.0.0.1 and opened in Chromium with an empty cache; the bytes fetched are counted when the page is
ready (filters loaded) and again once the first query's results are on screen. Prints figures; asserts
nothing. Make a large corpus first with `python bench/make_corpus.py --count 4000`.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exguide.build.pipeline import BuildOptions, build  # noqa: E402
from exguide.site.search import BUNDLE_DIR, index_site  # noqa: E402
from tests.support.browser import launch  # noqa: E402
from tests.support.server import serve  # noqa: E402

CORPUS_DIR = ROOT / "bench" / "corpus"
QUERIES = ("foam roller", "press", "stretch")  # the first one that finds something is timed


def content_dirs(chosen: list[Path]) -> list[Path]:
    if chosen:
        return chosen
    found = [ROOT / "content"]
    if CORPUS_DIR.is_dir():
        found += sorted(p for p in CORPUS_DIR.iterdir() if (p / "exercises").is_dir())
    return found


def sizes(bundle: Path) -> dict[str, int]:
    """Bytes on disk: everything, the fixed files every search loads, and each chunk folder."""
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    fixed = sum(p.stat().st_size for p in bundle.iterdir() if p.is_file())
    out = {"total": total, "files": sum(1 for p in bundle.rglob("*") if p.is_file()), "fixed": fixed}
    for folder in ("index", "fragment", "filter"):
        out[folder] = sum(p.stat().st_size for p in (bundle / folder).glob("*") if p.is_file())
    return out


def first_search(site: Path, browser) -> dict:
    """Bytes (response bodies) a first-time visitor fetches: the page with its filters, then one query.

    The page's resource timing misses what Pagefind's Web Worker fetches (the WebAssembly, index
    chunks and fragments), and Playwright's network events report no body size for the worker
    script itself; so each URL counts the larger of the two figures.
    """
    with serve(site, "/") as base:
        # a first visit: no service worker (it would answer from its cache and hide the bytes)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        page = context.new_page()
        network: dict[str, int] = {}
        page.on("requestfinished", lambda r: network.__setitem__(r.url, max(0, r.sizes()["responseBodySize"])))

        def fetched() -> dict[str, int]:
            timing = page.evaluate("() => performance.getEntriesByType('resource')"
                                   ".map(e => [e.name, e.encodedBodySize])")
            merged = dict(network)
            for url, size in timing:
                merged[url] = max(merged.get(url, 0), size)
            document = page.evaluate("() => performance.getEntriesByType('navigation')[0].encodedBodySize")
            merged[page.url] = max(merged.get(page.url, 0), document)
            return merged

        page.goto(base + "search/")
        page.wait_for_selector("#search[data-state=ready]")
        page.wait_for_load_state("networkidle")
        at_ready = fetched()
        query, elapsed, results = "", 0.0, 0
        for query in QUERIES:
            started = time.perf_counter()
            page.fill("#search-q", query)
            page.wait_for_function("q => document.getElementById('search-status').textContent.includes(q)",
                                   arg=f"“{query}”")
            elapsed = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            results = page.locator("#search-results .result").count()
            if results:
                break
        after = fetched()
        context.close()

    def pagefind(files: dict[str, int]) -> list[int]:
        return [size for url, size in files.items() if f"/{BUNDLE_DIR}/" in url]

    return {"query": query, "results_shown": results, "seconds": elapsed,
            "page_bytes_at_ready": sum(at_ready.values()),
            "pagefind_requests_at_ready": len(pagefind(at_ready)), "pagefind_bytes_at_ready": sum(pagefind(at_ready)),
            "pagefind_requests_after_query": len(pagefind(after)), "pagefind_bytes_after_query": sum(pagefind(after))}


def measure(content: Path, work: Path, browser) -> dict:
    out = work / "output"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    result = build(BuildOptions(content_dir=content, output_dir=out, search=False))
    built = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"{content}: the build failed: " + "; ".join(d.format() for d in result.diagnostics[:3]))
    started = time.perf_counter()
    problems = index_site(out)
    indexed = time.perf_counter() - started
    if problems:
        raise SystemExit(f"{content}: " + "; ".join(d.format() for d in problems))
    entry = json.loads((out / BUNDLE_DIR / "pagefind-entry.json").read_text())
    pages = sum(lang["page_count"] for lang in entry["languages"].values())
    return {"content": str(content.relative_to(ROOT) if content.is_relative_to(ROOT) else content),
            "exercises": pages, "build_seconds_without_search": built, "index_seconds": indexed,
            "bundle": sizes(out / BUNDLE_DIR), "first_search": first_search(out, browser)}


def kib(n: int) -> str:
    return f"{n / 1024:,.0f} KiB"


def report(m: dict) -> None:
    b, f = m["bundle"], m["first_search"]
    print(f"{m['content']}: {m['exercises']} exercise pages indexed")
    print(f"  build without search {m['build_seconds_without_search']:.2f} s; Pagefind index step "
          f"{m['index_seconds']:.2f} s")
    print(f"  bundle {kib(b['total'])} in {b['files']} files: fixed files {kib(b['fixed'])}, "
          f"index {kib(b['index'])}, fragments {kib(b['fragment'])}, filters {kib(b['filter'])}")
    print(f"  search page ready (filters loaded): {kib(f['page_bytes_at_ready'])} in all, of which Pagefind "
          f"{kib(f['pagefind_bytes_at_ready'])} in {f['pagefind_requests_at_ready']} requests")
    print(f"  after the first query '{f['query']}' ({f['results_shown']} cards on screen in {f['seconds']:.2f} s): "
          f"Pagefind {kib(f['pagefind_bytes_after_query'])} in {f['pagefind_requests_after_query']} requests "
          f"since opening the page, so the query itself fetched "
          f"{kib(f['pagefind_bytes_after_query'] - f['pagefind_bytes_at_ready'])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, action="append", default=[], metavar="DIR",
                        help="a content folder to measure (repeatable; default: content/ and bench/corpus/*/)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    figures = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp, sync_playwright() as p:
        browser = launch(p)
        try:
            for content in content_dirs([c.resolve() for c in args.content]):
                figures.append(measure(content, Path(tmp), browser))
                report(figures[-1])
        finally:
            browser.close()
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
