"""Search indexing: Pagefind's CLI run over the staged site (once per part, search_parts.py), its output verified.

Only exercise pages carry ``data-pagefind-body`` (templates/exercise.html), so Pagefind indexes
those and skips every other page. The search page (templates/search.html, assets/js/search.js)
talks to the bundle through ``pagefind.js``; Pagefind's ready-made UI files are not used and are
removed so they are not published.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from exguide.errors import Diagnostic, error
from exguide.site.search_parts import SearchPart

BUNDLE_DIR = "pagefind"  # must match Urls.search_bundle()
SCRIPT = "pagefind.js"
ENTRY = "pagefind-entry.json"
WORKER = "pagefind-worker.js"
# The default UIs and the highlighter, which our own search page does not load.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# The API calls assets/js/search.js makes; pagefind.js ends by exporting them.
_GLOB_SPECIAL = re.compile(r"[\\{}\[\]*?,!]")
_EXPORTS = re.compile(r"export\s*\{([^{}]*)\}\s*;?\s*$")
NEEDED_EXPORTS = ("options", "filters", "search")


def index_site(site: Path, parts: Sequence[SearchPart] | None = None) -> list[Diagnostic]:
    """Index ``site`` into ``site/pagefind``; a diagnostic when Pagefind fails or leaves a broken bundle.

    ``parts``: index each part's pages into its own folder (search_parts.py), the main bundle
    first; None: every page with a search body, into one bundle.
    """
    for folder, pages in ([(BUNDLE_DIR + "/", None)] if parts is None else [(p.folder, p.pages) for p in parts]):
        problems = _index_part(site, folder, pages)
        if problems:
            return problems
    return []


def _index_part(site: Path, folder: str, pages: Sequence[str] | None) -> list[Diagnostic]:
    settings = {"site": str(site.resolve()), "output_subdir": folder.rstrip("/"), "silent": True}
    if pages is not None:
        # the pages named one by one: a glob of thousands, so it goes in a config file, not argv
        settings["glob"] = "{" + ",".join(_GLOB_SPECIAL.sub(r"\\\g<0>", p) for p in pages) + "}"
    with tempfile.TemporaryDirectory(prefix="exguide-pagefind-") as work:
        Path(work, "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
        try:
            done = subprocess.run([sys.executable, "-m", "pagefind"], cwd=work, capture_output=True, text=True,
                                  timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return [error("", 0, "search", f"could not run Pagefind ({exc}); is the pagefind package installed? "
                                           "run 'make site' to set up")]
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return [error("", 0, "search", "Pagefind failed: " + " / ".join(detail))]
    bundle = site / folder
    problems = verify_bundle(bundle)
    if not problems:
        prune_bundle(bundle)
    return problems


def verify_bundle(bundle: Path) -> list[Diagnostic]:
    """The files the search page loads are present, non-empty and complete.

    An upstream bug has been seen to leave pagefind.js truncated, which would break search
    in the browser with nothing said at build time.
    """
    problems: list[str] = []
    script = _read(bundle / SCRIPT, problems)
    if script is not None and not exports_api(script):
        problems.append(f"Pagefind wrote a truncated {BUNDLE_DIR}/{SCRIPT} (it does not end by exporting "
                        f"{', '.join(NEEDED_EXPORTS)})")
    _read(bundle / WORKER, problems)
    entry_text = _read(bundle / ENTRY, problems)
    if entry_text is not None:
        problems += _check_entry(bundle, entry_text)
    return [error("", 0, "search", f"{text}; run the build again, or reinstall with 'make site'")
            for text in problems]


def exports_api(script: str) -> bool:
    """pagefind.js is an ES module whose last statement exports the API we call."""
    found = _EXPORTS.search(script[-2000:])
    if not found:
        return False
    names = {part.strip().split(" as ")[-1].strip() for part in found.group(1).split(",")}
    return all(name in names for name in NEEDED_EXPORTS)


def prune_bundle(bundle: Path) -> None:
    """Remove Pagefind's own UI files: our search page does not load them."""
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)


def _read(path: Path, problems: list[str]) -> str | None:
    """The file's text, or None after noting that it is missing or empty."""
    name = f"{BUNDLE_DIR}/{path.name}"
    if not path.is_file():
        problems.append(f"Pagefind did not write {name}")
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.strip():
        problems.append(f"Pagefind left {name} empty")
        return None
    return text


def _check_entry(bundle: Path, text: str) -> list[str]:
    """The entry file parses and every language it names has its metadata and WebAssembly files."""
    name = f"{BUNDLE_DIR}/{ENTRY}"
    try:
        entry = json.loads(text)
        languages = entry["languages"]
        # a language Pagefind cannot stem has "wasm": null and uses the "unknown" build
        files = [(f"pagefind.{lang['hash']}.pf_meta", f"wasm.{lang['wasm'] or 'unknown'}.pagefind")
                 for lang in languages.values()]
    except (ValueError, KeyError, TypeError, AttributeError):
        return [f"Pagefind wrote an incomplete {name} (it is not the JSON index description it should be)"]
    if not files:
        return [f"Pagefind wrote {name} with no index in it"]
    problems = []
    for meta, wasm in files:
        for file in (meta, wasm):
            path = bundle / file
            if not path.is_file() or path.stat().st_size == 0:
                problems.append(f"Pagefind left {BUNDLE_DIR}/{file} missing or empty")
    return problems
