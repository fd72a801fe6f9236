"""Data export: the content model as JSON for other apps, and an Atom feed (issue 5 fills this in)."""
from __future__ import annotations

from .library import Library


def export_files(library: Library) -> dict[str, bytes]:
    """Output path -> bytes of every export file."""
    return {}
