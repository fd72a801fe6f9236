"""The read and validate stages for one exercise file: its bytes in, a typed Exercise (or its problems) out."""
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


def published(results: list[tuple[Exercise | None, list[Diagnostic]]],
              drafts: bool) -> tuple[list[Exercise], list[Diagnostic]]:
    """The valid exercises to publish (drafts only when asked for), and every file's problems."""
    exercises, problems = [], []
    for exercise, found in results:
        problems += found
        if exercise is not None and (drafts or not exercise.draft):
            exercises.append(exercise)
    return exercises, problems
