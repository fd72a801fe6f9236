"""The preview's HTTP and websocket server: livereload's, running the preview's WSGI app.

The only module that imports the dev-server library (livereload, on tornado), so it could be
swapped. Reloads are pushed to the open tabs after each rebuild, never polled for.
"""
from __future__ import annotations

import warnings


def run_server(preview, host: str, port: int, announce) -> None:
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
