"""`python build.py serve`: a live preview that rebuilds on save and reloads the open tab.

The only module that imports the dev-server library (livereload), so it could be
swapped. The preview is built with drafts shown into its own folder (.cache/serve/ by
default, never output/), updated file by file as sources change; only files inside
that folder are ever served. A failed rebuild keeps the server running and answers
every page with an overlay listing the errors exactly as the terminal prints them;
the next good build brings the pages back by itself. The search index is refreshed in
the background after content changes, so a reload never waits for it.
"""
from __future__ import annotations

import argparse
import gc
import html
import mimetypes
import os
import shutil
import socket
import sys
import threading
import time
import warnings
from pathlib import Path

from exguide.content.settings import load_settings
from exguide.errors import Diagnostic, error, summary
from exguide.reuse.incremental import Memo
from exguide.build.output import MARKER, OutputError, check_output_target, swap_into_place
from exguide.build.pipeline import PROJECT_ROOT, BuildOptions, BuildResult, build
from exguide.commands.watch import Watcher

DEFAULT_FOLDER = PROJECT_ROOT / ".cache" / "serve"
SEARCH_DELAY = 1.0  # seconds of calm before the search index is rebuilt
TIDY_DELAY = 0.3  # seconds after a rebuild: the reload it set off has been served by then
_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
          ".svg": "image/svg+xml", ".xml": "application/xml", ".webmanifest": "application/manifest+json"}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py serve",
        description="Preview the site with drafts shown: rebuild on every save and reload the browser.")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1, this machine only; give 0.0.0.0 "
                             "explicitly to let other devices on your network see the preview)")
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
    _run_server(preview, args.host, port, lambda: print(ready, flush=True))
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
        problems = index_site(snapshot)
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
        """Files from the preview folder only; the error overlay instead of pages while a build is failing."""
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return _respond(start_response, "405 Method Not Allowed", b"", "text/plain", environ)
        path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        base = self.base_path
        if not path.startswith(base):
            if path in ("/", base.rstrip("/")):
                return _redirect(start_response, base)
            return self._not_found(start_response, environ)
        relative = path[len(base):]
        result = self.result
        wants_page = relative == "" or relative.endswith(("/", ".html"))
        if wants_page and not result.ok:
            return _respond(start_response, "500 Build Failed", overlay(result.diagnostics), "text/html", environ)
        target = self._resolve(relative)
        if target is None:
            return self._not_found(start_response, environ)
        if target.is_dir():
            return _redirect(start_response, path + "/")
        try:
            data = target.read_bytes()
        except OSError:
            return self._not_found(start_response, environ)
        return _respond(start_response, "200 OK", data, _content_type(target), environ)

    def _resolve(self, relative: str) -> Path | None:
        """The file a URL path names, or None when it is not a file inside the preview folder."""
        parts = [p for p in relative.split("/") if p]
        if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
            return None
        target = self.site.joinpath(*parts)
        if relative == "" or relative.endswith("/"):
            target = target / "index.html"
        root = os.path.realpath(self.site)
        real = os.path.realpath(target)
        if real != root and not real.startswith(root + os.sep):
            return None
        return target if target.exists() else None

    def _not_found(self, start_response, environ):
        page = self.site / "404.html"
        body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        return _respond(start_response, "404 Not Found", body, "text/html", environ)


def overlay(diagnostics: list[Diagnostic]) -> bytes:
    """The page shown while the build is failing: every message exactly as the terminal prints it."""
    lines = [d.format() for d in diagnostics]
    closing = summary(diagnostics, strict=False) or ""
    items = "\n".join(f'<li><code>{html.escape(line)}</code></li>' for line in lines)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Build failed · preview</title>
<style>
:root {{ color-scheme: light dark; --bg: #fff7f5; --fg: #2b1713; --accent: #b3261e; --box: #ffffff; }}
@media (prefers-color-scheme: dark) {{ :root {{ --bg: #1f1412; --fg: #f6e6e2; --accent: #ff8a80; --box: #2a1c19; }} }}
body {{ margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }}
h1 {{ color: var(--accent); font-size: 1.5rem; margin: 0 0 .25rem; }}
ol {{ list-style: none; padding: 0; margin: 1rem 0; }}
li {{ background: var(--box); border-left: 4px solid var(--accent); border-radius: 4px; padding: .6rem .8rem;
      margin: 0 0 .5rem; overflow-wrap: anywhere; }}
code {{ font: 14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; }}
.summary {{ font-weight: 600; }}
</style>
</head>
<body>
<main id="build-errors">
<h1>The preview cannot be rebuilt</h1>
<p>Fix the file and save it: this page reloads by itself and shows the site again once the build works.</p>
<ol class="diagnostics">
{items}
</ol>
<p class="summary"><code>{html.escape(closing)}</code></p>
</main>
</body>
</html>
""".encode("utf-8")


def _content_type(path: Path) -> str:
    return _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _respond(start_response, status: str, body: bytes, content_type: str, environ) -> list[bytes]:
    if content_type.startswith("text/") or content_type in ("application/json", "application/xml"):
        content_type += "; charset=utf-8"
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])
    return [b"" if environ["REQUEST_METHOD"] == "HEAD" else body]


def _redirect(start_response, location: str) -> list[bytes]:
    start_response("302 Found", [("Location", location), ("Content-Length", "0")])
    return [b""]


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _run_server(preview: Preview, host: str, port: int, announce) -> None:
    """livereload's server with our WSGI app; reloads are pushed after each rebuild, never polled."""
    import logging

    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher as LivereloadWatcher
    from tornado.ioloop import IOLoop

    class PushOnly(LivereloadWatcher):
        """livereload's watcher slot: we watch and rebuild ourselves, then push the reload."""

        def start(self, callback) -> bool:
            loop = IOLoop.current()
            preview.notify = lambda: loop.add_callback(LiveReloadHandler.reload_waiters, "*")
            announce()  # the port is listening by now
            return True  # "watching by itself": livereload must not poll

        def examine(self):
            return None, None

    class PreviewServer(Server):
        def get_web_handlers(self, script):
            # livereload's own snippet is an inline script, which the pages' Content-Security-Policy
            # refuses; a script file from this same server is allowed
            return super().get_web_handlers(f'<script src="/livereload.js?port={port}"></script>'.encode())

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        server = PreviewServer(app=preview.wsgi, watcher=PushOnly())
        server._setup_logging = lambda: None  # our own messages only: rebuilds and errors
        logging.getLogger("livereload").setLevel(logging.WARNING)
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)  # a failing build answers 500
        server.serve(port=port, host=host, debug=False, restart_delay=0)
