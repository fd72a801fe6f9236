"""Reading the address a `build.py serve` process announces."""
from __future__ import annotations

import re
import subprocess
import time


def wait_for_serve_url(process: subprocess.Popen, seen: list[str] | None = None, timeout: float = 60) -> str:
    """The URL from serve's 'Serving http://127.0.0.1:PORT/…' line; its output so far lands in ``seen``."""
    seen = [] if seen is None else seen
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        found = re.search(r"Serving (http://127\.0\.0\.1:\d+/\S*)", line)
        if found:
            return found.group(1)
    raise AssertionError("serve did not start:\n" + "".join(seen))
