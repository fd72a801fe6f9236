"""Search indexing: Pagefind's CLI run once over the staged site, and its output verified."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import Diagnostic, error

BUNDLE_DIR = "pagefind"
# Files the search page loads; an upstream bug has been seen to leave pagefind.js truncated.
REQUIRED = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json")


def index_site(site: Path) -> list[Diagnostic]:
    """Index ``site`` into ``site/pagefind``; a diagnostic when Pagefind fails or leaves a broken bundle."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE_DIR, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [error("", 0, "search", f"could not run Pagefind ({exc}); is the pagefind package installed? "
                                       "run 'make site' to set up")]
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return [error("", 0, "search", "Pagefind failed: " + " / ".join(detail))]
    return verify_bundle(site / BUNDLE_DIR)


def verify_bundle(bundle: Path) -> list[Diagnostic]:
    """Every required file is present, non-empty and, for scripts, complete."""
    problems = []
    for name in REQUIRED:
        path = bundle / name
        if not path.is_file() or path.stat().st_size == 0:
            problems.append(error("", 0, "search", f"Pagefind left {BUNDLE_DIR}/{name} missing or empty; "
                                                   "run the build again, or reinstall with 'make site'"))
            continue
        if name == "pagefind.js" and not _looks_complete(path.read_text(encoding="utf-8", errors="replace")):
            problems.append(error("", 0, "search", f"Pagefind wrote a truncated {BUNDLE_DIR}/{name}; "
                                                   "run the build again"))
    return problems


def _looks_complete(script: str) -> bool:
    """pagefind.js is an ES module that ends by exporting its API."""
    tail = script.rstrip()[-400:]
    return "export" in tail and tail.endswith(("};", "}", ";"))
