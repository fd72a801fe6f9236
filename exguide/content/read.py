"""The read and validate stages for one content file: its bytes in, a typed record (or its problems) out."""
from __future__ import annotations

from pathlib import Path

from exguide.content.exercises import validate_exercise
from exguide.content.model import Exercise
from exguide.content.sources import read_source
from exguide.content.taxonomy import Taxonomy
from exguide.errors import Diagnostic


def read_exercise(folder: Path, taxonomy: Taxonomy, path: Path) -> tuple[Exercise | None, list[Diagnostic]]:
    """``path`` (below ``folder``, content/exercises/) read, then validated against the taxonomy."""
    return validate_exercise(read_source(path), taxonomy, path.relative_to(folder).as_posix())


def published(results: list[tuple[object | None, list[Diagnostic]]],
              drafts: bool) -> tuple[tuple[list, list], list[Diagnostic]]:
    """((the valid records to publish, the valid drafts left out), every file's problems).
    Drafts are published only when asked for."""
    shown, hidden, problems = [], [], []
    for record, found in results:
        problems += found
        if record is not None:
            (shown if drafts or not record.draft else hidden).append(record)
    return (shown, hidden), problems
