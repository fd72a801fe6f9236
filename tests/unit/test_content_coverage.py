"""The shipped library's coverage rules (issue 5), checked on content/ so they stay true as it changes.

Every muscle is a target of at least 2 exercises; every category and equipment item is used by at least 3;
every exercise has key points, a dose, a level, equipment and a body of 2-5 paragraphs; every term has a
description. Each failure lists what is short, so the fix is obvious.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from exguide.content.exercises import validate_exercise
from exguide.content.sources import discover_exercises, read_source
from exguide.content.taxonomy import load_taxonomy

CONTENT = Path(__file__).resolve().parents[2] / "content"
MIN_EXERCISES = 60
MIN_TARGETS = 2
MIN_USES = 3


@pytest.fixture(scope="module")
def library():
    """(taxonomy, published exercises) of content/; any content error fails here first."""
    tax, problems = load_taxonomy(CONTENT)
    paths, found = discover_exercises(CONTENT)
    problems += found
    exercises = []
    for path in paths:
        exercise, found = validate_exercise(read_source(path), tax, path.relative_to(CONTENT / "exercises").as_posix())
        problems += found
        if exercise is not None and not exercise.draft:
            exercises.append(exercise)
    errors = [p.format() for p in problems if p.severity == "error"]
    assert errors == [], "content/ has errors:\n" + "\n".join(errors)
    return tax, exercises


def _short(counts: Counter, ids, minimum: int) -> list[str]:
    return [f"{term_id} ({counts[term_id]})" for term_id in ids if counts[term_id] < minimum]


def test_there_are_at_least_60_exercises(library):
    _, exercises = library
    assert len(exercises) >= MIN_EXERCISES


def test_every_muscle_is_the_target_of_at_least_two_exercises(library):
    tax, exercises = library
    counts = Counter(m for e in exercises for m in e.targets)
    assert _short(counts, tax.muscles, MIN_TARGETS) == []


def test_every_category_is_used_by_at_least_three_exercises(library):
    tax, exercises = library
    counts = Counter(e.category for e in exercises)
    assert _short(counts, tax.categories, MIN_USES) == []


def test_every_equipment_item_is_used_by_at_least_three_exercises(library):
    tax, exercises = library
    counts = Counter(item for e in exercises for item in e.equipment)
    assert _short(counts, tax.equipment, MIN_USES) == []


@pytest.mark.parametrize("part", ["key_points", "dose", "level", "equipment"])
def test_every_exercise_has_its_required_parts(library, part):
    _, exercises = library
    missing = [e.source_path for e in exercises
               if not (e.dose.parts() if part == "dose" else getattr(e, part))]
    assert missing == []


def paragraphs(body: str) -> int:
    """Blocks of prose separated by blank lines; headings do not count."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    return sum(1 for b in blocks if not b.startswith("#"))


def test_every_body_has_two_to_five_paragraphs(library):
    _, exercises = library
    wrong = [f"{e.source_path} ({paragraphs(e.body)})" for e in exercises if not 2 <= paragraphs(e.body) <= 5]
    assert wrong == []


def test_every_muscle_group_category_and_equipment_item_has_a_description(library):
    tax, _ = library
    terms = [*tax.muscles.values(), *tax.groups.values(), *tax.categories.values(), *tax.equipment.values()]
    assert [t.id for t in terms if not t.description.strip()] == []


def test_the_paragraph_count_reads_markdown_as_a_reader_would():
    assert paragraphs("One.\n\nTwo\nstill two.\n\n## Heading\n\nThree.\n") == 3
    assert paragraphs("") == 0
