"""The golden site: tests/sites/basic built with fixed options, compared file by file."""
from __future__ import annotations

from pathlib import Path

from tests.support.sites import SITES, build_site

BASIC = SITES / "basic"
EXPECTED = BASIC / "expected"
# Copied verbatim from assets/ or made by Pagefind: checked elsewhere, and would churn on every style change.
SKIP = ("assets/", "pagefind/")


def build_golden(out: Path) -> None:
    build_site(out, "--no-search", content=BASIC / "content", config=BASIC / "site.yaml")


def golden_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith(SKIP)}
