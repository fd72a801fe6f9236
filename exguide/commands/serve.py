"""`python build.py serve`: a live preview that rebuilds on save and reloads the open tab.

The preview is built with drafts shown into its own folder (.cache/serve/ by
default, never output/), updated file by file as sources change; only files inside
that folder are ever served. A failed rebuild keeps the server running and answers
every page with an overlay listing the errors exactly as the terminal prints them;
the next good build brings the pages back by itself. The search index is refreshed in
the background after content changes, so a reload never waits for it. What the server
answers is in preview_files.py (and overlay.py); the server itself is in preview_server.py.
"""
from __future__ import annotations

import argparse
import gc
import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

from exguide.content.settings import load_settings
from exguide.errors import error, summary
from exguide.reuse.memo import Memo
from exguide.build.output import MARKER, OutputError, check_output_target, swap_into_place
from exguide.build.pipeline import PROJECT_ROOT, BuildOptions, BuildResult, build
from exguide.commands.host_guard import HostGuard, host_name
from exguide.commands.preview_files import answer
from exguide.commands.watch import Watcher

DEFAULT_FOLDER = PROJECT_ROOT / ".cache" / "serve"
SEARCH_DELAY = 1.0  # seconds of calm before the search index is rebuilt
TIDY_DELAY = 0.3  # seconds after a rebuild: the reload it set off has been served by then


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py serve",
        description="Preview the site with drafts shown: rebuild on every save and reload the browser.")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, this machine only; give 0.0.0.0 "
                             "explicitly to let other devices on your network see the preview, with "
                             "--allow-host for the name or address they use)")
    parser.add_argument("--allow-host", metavar="NAME", action="append", default=[], type=host_name,
                        help="also answer requests addressed to NAME, e.g. this machine's name or address on "
                             "your network (repeatable). Only localhost, 127.0.0.1, [::1] and the --host "
                             "address are answered otherwise, so that other web sites cannot read the preview")
    parser.add_argument("--content", metavar="DIR", type=Path, default=PROJECT_ROOT / "content")
    parser.add_argument("--config", metavar="FILE", type=Path, default=PROJECT_ROOT / "site.yaml")
    parser.add_argument("--templates", metavar="DIR", type=Path, default=PROJECT_ROOT / "templates")
    parser.add_argument("--assets", metavar="DIR", type=Path, default=PROJECT_ROOT / "assets")
    parser.add_argument("--base-url", metavar="PATH", default=None, help="serve under this path, e.g. /some-repo/")
    parser.add_argument("--folder", metavar="DIR", type=Path, default=DEFAULT_FOLDER,
                        help="where the preview is written (default .cache/serve/; never output/)")
    parser.add_argument("--poll", action="store_true",
                        help="watch by comparing files a few times a second instead of by the system's file events")
    parser.add_argument("--no-search", action="store_true", help="do not build the search index")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = make_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    site = args.folder / "site"
    options = BuildOptions(content_dir=args.content, output_dir=site, config_path=args.config,
                           templates_dir=args.templates, assets_dir=args.assets, base_url=args.base_url,
                           drafts=True, search=False, in_place=True)
    try:
        check_output_target(site, [args.content, args.templates, args.assets, PROJECT_ROOT, Path.cwd()])
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    preview = Preview(options, search=not args.no_search)
    preview.reset_folder()
    preview.rebuild()
    watcher = Watcher([args.content, args.templates, args.assets], [args.config], polling=args.poll)
    port = args.port or _free_port(args.host)
    threading.Thread(target=preview.follow, args=(watcher,), daemon=True).start()
    host = f"[{args.host}]" if ":" in args.host else args.host
    ready = (f"Serving http://{host}:{port}{preview.base_path} "
             f"(drafts shown; watching by {watcher.mode}; Ctrl+C to stop)")
    from exguide.commands.preview_server import run_server  # livereload and tornado, only when serving
    guard = HostGuard(args.host, args.allow_host)
    run_server(preview, args.host, port, guard, lambda: print(ready, flush=True))
    preview.stopping = True  # Ctrl+C: the watcher thread ends with the process, quietly
    return 0


class Preview:
    """The preview's state: the memo, the last build's result, and what the server answers."""

    def __init__(self, options: BuildOptions, search: bool = True):
        self.options = options
        self.site = options.output_dir
        self.memo = Memo()
        self.lock = threading.Lock()
        self.result = BuildResult()
        self.base_path = "/"
        self.search = search
        self._searched_key = ""
        self._search_timer: threading.Timer | None = None
        self._tidy_timer: threading.Timer | None = None
        self._indexing = threading.Lock()
        self.notify = lambda: None  # set by the server: reload the open tabs
        self.stopping = False

    def reset_folder(self) -> None:
        """Start from an empty folder: our own leftovers from another session would be stale pages."""
        if self.site.exists():
            shutil.rmtree(self.site)
        self.site.mkdir(parents=True)
        (self.site / MARKER).write_text("Live preview written by `build.py serve`; replaced freely.\n")

    def rebuild(self) -> BuildResult:
        """Build now; print what happened exactly as the build command would."""
        started = time.perf_counter()
        if self._tidy_timer is not None:
            self._tidy_timer.cancel()  # never tidy in the middle of a burst of saves
        with self.lock:
            settings, _ = load_settings(self.options.config_path, self.options.base_url)
            self.base_path = settings.base_url
            try:
                result = build(self.options, self.memo)
            except Exception as exc:  # noqa: BLE001 - a bug must not stop the preview; show it like any error
                result = BuildResult(diagnostics=[error("", 0, "", f"internal error while building: {exc!r}")])
            self.result = result
        elapsed = (time.perf_counter() - started) * 1000
        for diagnostic in result.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        closing = summary(result.diagnostics, self.options.strict)
        if closing:
            print(closing, file=sys.stderr, flush=True)
        else:
            print(f"rebuilt in {elapsed:.0f} ms: {len(result.rendered)} pages rendered, "
                  f"{len(result.written)} files changed", flush=True)
            self._schedule_search()
        self._schedule_tidy()
        return result

    # --- memory, between rebuilds -------------------------------------------------------------
    def _schedule_tidy(self) -> None:
        """Collect garbage once the reload is served, then freeze what survives.

        The memo holds a few hundred thousand objects at 4,000 exercises; every full pass of
        Python's cycle collector walks them all (about 90 ms), and a rebuild allocates enough
        to set one off every few saves. Frozen objects are skipped, so rebuilds stop paying
        for it; the pass here runs when nothing waits on it and sees them again (unfreeze) so
        nothing that has become garbage is kept.
        """
        if self._tidy_timer is not None:
            self._tidy_timer.cancel()
        self._tidy_timer = threading.Timer(TIDY_DELAY, self._tidy)
        self._tidy_timer.daemon = True
        self._tidy_timer.start()

    def _tidy(self) -> None:
        with self.lock:
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    def follow(self, watcher: Watcher) -> None:
        """Rebuild after every burst of changes, then reload the browser."""
        while not self.stopping:
            try:
                changed = watcher.wait()
            except OSError as exc:  # the watch itself broke: say so, keep serving what was built
                print(f"error: stopped watching for changes ({exc}); restart serve to resume", file=sys.stderr)
                return
            if (changed is None or changed) and not self.stopping:
                self.rebuild()
                self.notify()

    # --- search, in the background ----------------------------------------------------------
    def _schedule_search(self) -> None:
        if not self.search:
            return
        key = "\0".join(f"{p}:{e.digest}" for p, e in sorted(self.memo.pages.items()) if e.indexed)
        if key == self._searched_key:
            return
        if self._search_timer is not None:
            self._search_timer.cancel()
        self._search_timer = threading.Timer(SEARCH_DELAY, self._index, args=(key,))
        self._search_timer.daemon = True
        self._search_timer.start()

    def _index(self, key: str) -> None:
        """Index a hard-linked snapshot of the pages, then swap its bundle in: pages never wait for it."""
        try:
            with self._indexing:  # one indexer at a time; a later change schedules the next
                self._index_snapshot(key)
        except OSError as exc:  # e.g. a page removed by a rebuild meanwhile: the next change retries
            print(f"search index not refreshed: {exc}", file=sys.stderr)

    def _index_snapshot(self, key: str) -> None:
        from exguide.site.search import index_site

        snapshot = self.site.parent / ".search"
        with self.lock:
            shutil.rmtree(snapshot, ignore_errors=True)
            for path in self.memo.files:
                if path.endswith(".html"):
                    target = snapshot / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.link(self.site / path, target)
        problems = index_site(snapshot, self.memo.output.parts or None)
        if problems:
            print("search index not refreshed: " + "; ".join(d.format() for d in problems), file=sys.stderr)
        else:
            with self.lock:
                bundle = self.site / "pagefind"
                if bundle.exists():
                    swap_into_place(snapshot / "pagefind", bundle)
                else:
                    os.rename(snapshot / "pagefind", bundle)
                self._searched_key = key
        shutil.rmtree(snapshot, ignore_errors=True)

    # --- answering requests ------------------------------------------------------------------
    def wsgi(self, environ, start_response):
        """The WSGI app the server runs (exguide/commands/preview_files.py)."""
        return answer(self, environ, start_response)


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]
