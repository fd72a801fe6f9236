"""Remake the README's screenshots: `.venv/bin/python docs/screenshots/make.py` (after `make test` set up Playwright).

Builds the site from content/ into a temporary folder (output/ is left alone), serves it on
127.0.0.1 and photographs two pages with Debian's chromium driven by Playwright (never a
downloaded browser): an exercise page on a phone and the home page on a desktop, in the
light colour scheme. The viewports keep Chromium's PNGs under ~250 KB each, so no image
library is needed.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]

# file name, page, viewport, device scale, phone?
SHOTS = [
    ("exercise-phone.png", "exercises/mid-back-release/", {"width": 390, "height": 844}, 2, True),
    ("home-desktop.png", "", {"width": 1280, "height": 800}, 1, False),
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_site(into: Path) -> None:
    """The site as `make site` builds it, written to ``into``."""
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--output", str(into), "--no-cache"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def take(base: str, out_dir: Path) -> list[Path]:
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for name, path, viewport, scale, phone in SHOTS:
                context = browser.new_context(viewport=viewport, device_scale_factor=scale, is_mobile=phone,
                                              has_touch=phone, color_scheme="light", reduced_motion="reduce",
                                              service_workers="block")
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                page.evaluate("document.fonts.ready")
                target = out_dir / name
                page.screenshot(path=str(target), type="png", animations="disabled")
                written.append(target)
                context.close()
        finally:
            browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where the PNGs go (default: docs/screenshots/)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(site)
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            written = take(f"http://127.0.0.1:{server.server_address[1]}/", args.out)
        finally:
            server.shutdown()
            server.server_close()
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
              f"({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
