"""The preview's HTTP and websocket server: livereload's, running the preview's WSGI app behind the host guard.

The only module that imports the dev-server library (livereload, on tornado), so it could be
swapped; serve imports it only when it starts serving. livereload's ``Server.application`` builds
its tornado routes with a websocket handler that accepts any Origin and a /forcereload that any
page may call. ``PreviewServer`` builds the routes itself instead: the same websocket handler
with the Origin check, no /forcereload (reloads are pushed after each rebuild, never polled for
or asked for), and every route behind the Host check of host_guard.py.
"""
from __future__ import annotations

import logging
import sys
import warnings

from livereload import Server
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptContainer
from livereload.watcher import Watcher as LivereloadWatcher
from tornado import web
from tornado.ioloop import IOLoop

from exguide.commands.host_guard import (HOST_STATUS, HOST_WHY, ORIGIN_STATUS, ORIGIN_WHY, HostGuard, host_refusal,
                                         origin_refusal, refusal_page)


def run_server(preview, host: str, port: int, guard: HostGuard, announce) -> None:
    """Serve ``preview.wsgi`` on host:port until Ctrl+C; ``announce`` runs once the port listens."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        server = PreviewServer(guard, app=preview.wsgi, watcher=PushOnly(preview, announce))
        server._setup_logging = lambda: None  # our own messages only: rebuilds and errors
        logging.getLogger("livereload").setLevel(logging.WARNING)
        logging.getLogger("tornado.access").setLevel(logging.CRITICAL)  # a failing build answers 500
        server.serve(port=port, host=host, debug=False, restart_delay=0)


class PushOnly(LivereloadWatcher):
    """livereload's watcher slot: we watch and rebuild ourselves, then push the reload."""

    def __init__(self, preview, announce):
        super().__init__()
        self.preview = preview
        self.announce = announce

    def start(self, callback) -> bool:
        loop = IOLoop.current()
        self.preview.notify = lambda: loop.add_callback(LiveReloadHandler.reload_waiters, "*")
        self.announce()  # the port is listening by now
        return True  # "watching by itself": livereload must not poll

    def examine(self):
        return None, None


class PreviewServer(Server):
    def __init__(self, guard: HostGuard, **kwargs):
        super().__init__(**kwargs)
        self.guard = guard

    def application(self, port, host, liveport=None, debug=None, live_css=True):
        """livereload's routes (one port, no debug reloader), rebuilt with the guard in front of each."""
        LiveReloadHandler.watcher = self.watcher  # livereload keeps this state on the class
        LiveReloadHandler.live_css = live_css
        # livereload's own snippet is an inline script, which the pages' Content-Security-Policy
        # refuses; a script file from this same server is allowed
        script = f'<script src="/livereload.js?port={port}"></script>'.encode()
        GuardedApplication(self.guard, [
            (r"/livereload", GuardedReload),
            (r"/livereload\.js", LiveReloadJSHandler),
            (r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(self.app, script)}),
        ]).listen(port, address=host)


class GuardedApplication(web.Application):
    """Routes a request to its handler only when its Host is one the preview answers."""

    def __init__(self, guard: HostGuard, handlers):
        super().__init__(handlers)
        self.guard = guard

    def find_handler(self, request, **kwargs):
        if self.guard.allows_host(request.headers.get("Host")):
            return super().find_handler(request, **kwargs)
        return self.get_handler_delegate(request, RefusedHost)


class RefusedHost(web.RequestHandler):
    """The 421 page for a Host the preview does not answer, whatever the path or method."""

    def prepare(self):
        host = self.request.headers.get("Host")
        message = host_refusal(host)
        if self.application.guard.first_refusal(host):
            print(message, file=sys.stderr, flush=True)
        _refuse(self, HOST_STATUS, "Host not allowed", message, HOST_WHY)


class GuardedReload(LiveReloadHandler):
    """livereload's websocket, open only to pages of this preview's own address."""

    def prepare(self):
        # tornado lets an upgrade without Origin through, and without calling check_origin when
        # Sec-Fetch-Site claims "same-origin"; every browser sends Origin, so require it here
        origin = self.request.headers.get("Origin")
        if not self.check_origin(origin):
            _refuse(self, ORIGIN_STATUS, "Live reload refused", origin_refusal(origin), ORIGIN_WHY)

    def check_origin(self, origin):
        return self.application.guard.allows_origin(origin, self.request.headers.get("Host"))


def _refuse(handler: web.RequestHandler, status: tuple[int, str], title: str, message: str, why: str) -> None:
    handler.set_status(*status)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(refusal_page(title, message, why))
