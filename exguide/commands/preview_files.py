"""What the preview answers over HTTP: files inside its folder only, the error overlay while a build fails.

A plain WSGI app on the preview's state (its folder, base path and last build result), so it can be
tested without a server.
"""
from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from exguide.commands.overlay import overlay

_TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm",
          ".svg": "image/svg+xml", ".xml": "application/xml", ".webmanifest": "application/manifest+json"}


def answer(preview, environ, start_response) -> list[bytes]:
    """Files from the preview folder only; the error overlay instead of pages while a build is failing."""
    if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
        return _respond(start_response, "405 Method Not Allowed", b"", "text/plain", environ)
    path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
    base = preview.base_path
    if not path.startswith(base):
        if path in ("/", base.rstrip("/")):
            return _redirect(start_response, base)
        return _not_found(preview.site, start_response, environ)
    relative = path[len(base):]
    result = preview.result
    wants_page = relative == "" or relative.endswith(("/", ".html"))
    if wants_page and not result.ok:
        return _respond(start_response, "500 Build Failed", overlay(result.diagnostics), "text/html", environ)
    target = resolve(preview.site, relative)
    if target is None:
        return _not_found(preview.site, start_response, environ)
    if target.is_dir():
        return _redirect(start_response, path + "/")
    try:
        data = target.read_bytes()
    except OSError:
        return _not_found(preview.site, start_response, environ)
    return _respond(start_response, "200 OK", data, _content_type(target), environ)


def resolve(site: Path, relative: str) -> Path | None:
    """The file a URL path names, or None when it is not a file inside the preview folder."""
    parts = [p for p in relative.split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    target = site.joinpath(*parts)
    if relative == "" or relative.endswith("/"):
        target = target / "index.html"
    root = os.path.realpath(site)
    real = os.path.realpath(target)
    if real != root and not real.startswith(root + os.sep):
        return None
    return target if target.exists() else None


def _not_found(site: Path, start_response, environ) -> list[bytes]:
    page = site / "404.html"
    body = page.read_bytes() if page.is_file() else b"<!doctype html><title>Not found</title><h1>Not found</h1>"
    return _respond(start_response, "404 Not Found", body, "text/html", environ)


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
