#!/usr/bin/env python3
"""Save-to-reload latency of `build.py serve`, measured in a real browser.

    python bench/serve_latency.py [--edits 20] [--corpus content --corpus fedb-4000] [--search]

For each corpus (the shipped content/, or a folder under bench/corpus/), a copy of the site is
served on 127.0.0.1 and one exercise page is opened in Chromium. Then, --edits times each:
- exercise edit: one sentence of that exercise's file is changed;
- template edit: a visible line in templates/exercise.html is changed (every exercise page
  is rendered again);
and the latency is the time from the file write to the reloaded page's DOMContentLoaded,
both on this machine's clock. Printed as p50 / p95 / max in milliseconds. The search index
is refreshed in the background (--search) or not at all (the default, so Pagefind runs do not
compete with the measured rebuilds for the two cores).
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import launch  # noqa: E402

WORK = ROOT / "bench" / "results"
LOADED = ("() => performance.timeOrigin + "
          "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
# the browser's own share of a reload: from the last byte of the page's HTML to DOMContentLoaded
IN_BROWSER = ("() => { const n = performance.getEntriesByType('navigation')[0]; "
              "return n.domContentLoadedEventEnd - n.responseEnd; }")


def copy_site(corpus: str) -> Path:
    site = WORK / f"serve-{corpus}"
    shutil.rmtree(site, ignore_errors=True)
    source = ROOT / "content" if corpus == "content" else ROOT / "bench" / "corpus" / corpus
    shutil.copytree(source, site / "content")
    for name in ("templates", "assets"):
        shutil.copytree(ROOT / name, site / name)
    shutil.copy(ROOT / "site.yaml", site / "site.yaml")
    return site


def start(site: Path, search: bool) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", "content",
               "--templates", "templates", "--assets", "assets", "--config", "site.yaml",
               "--folder", str(site / "preview")] + ([] if search else ["--no-search"])
    process = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    while True:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("serve did not start")
        found = re.search(r"Serving (http://\S+)", line)
        if found:
            return process, found.group(1)


def measure(page, path: Path, change, marker, edits: int) -> list[tuple[float, float]]:
    """(latency, the browser's share) in ms of ``edits`` changes made by ``change(path, n)``,
    each shown as ``marker(n)``."""
    out = []
    for n in range(edits):
        before = page.evaluate(LOADED)
        started = time.time() * 1000
        change(path, n)
        page.wait_for_function(f"() => document.body && document.body.innerText.includes({marker(n)!r})",
                               timeout=120_000, polling=10)
        loaded = page.evaluate(LOADED)
        assert loaded > before, "the page must have been reloaded, not patched"
        out.append((loaded - started, page.evaluate(IN_BROWSER)))
        time.sleep(1.0)  # an author saves every few seconds at most; serve tidies memory in such pauses
    return out


def edit_exercise(path: Path, n: int) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    if text[-1].startswith("Latency probe"):
        text.pop()
    path.write_text("\n".join(text + ["", f"Latency probe {n}."]) + "\n", encoding="utf-8")


def edit_template(path: Path, n: int) -> None:
    text = re.sub(r'<p class="latency-probe">[^<]*</p>', "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace("</article>", f'<p class="latency-probe">Template probe {n}.</p></article>', 1),
                    encoding="utf-8")


def report(label: str, measured: list[tuple[float, float]]) -> None:
    values = sorted(latency for latency, _ in measured)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    browser = statistics.median(share for _, share in measured)
    print(f"{label:34} p50 {statistics.median(values):7.0f} ms   p95 {p95:7.0f} ms   "
          f"max {values[-1]:7.0f} ms   ({len(values)} edits; in the browser, HTML received to "
          f"DOMContentLoaded: p50 {browser:.0f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--corpus", action="append", help="content, or a name under bench/corpus/")
    parser.add_argument("--search", action="store_true", help="keep refreshing the search index while measuring")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print("# serve: save-to-reload latency (file write -> DOMContentLoaded of the reloaded page)")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for corpus in args.corpus or ["content", "fedb-4000"]:
            site = copy_site(corpus)
            exercise = sorted((site / "content" / "exercises").glob("*.md"))[0]
            process, url = start(site, args.search)
            try:
                page = browser.new_page()
                page.goto(url + f"exercises/{exercise.stem}/")
                page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol > 0")
                count = len(list((site / "content" / "exercises").iterdir()))
                report(f"{corpus} ({count}): exercise edit",
                       measure(page, exercise, edit_exercise, lambda n: f"Latency probe {n}.", args.edits))
                report(f"{corpus} ({count}): template edit",
                       measure(page, site / "templates" / "exercise.html", edit_template,
                               lambda n: f"Template probe {n}.", args.edits))
                page.close()
            finally:
                process.terminate()
                process.wait(timeout=30)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
