"""Validation of one exercise record into the typed model."""
from pathlib import Path

import pytest

from exguide.content.exercises import validate_exercise
from exguide.content.model import Quantity
from exguide.content.sources import read_source
from exguide.content.taxonomy import load_taxonomy

BASIC = Path(__file__).resolve().parents[1] / "sites" / "basic" / "content"


@pytest.fixture(scope="module")
def taxonomy():
    tax, problems = load_taxonomy(BASIC)
    assert problems == []
    return tax


def check(tmp_path, taxonomy, front: str, name: str = "x.md"):
    path = tmp_path / name
    path.write_text(f"---\n{front}---\nBody.\n")
    return validate_exercise(read_source(path), taxonomy)


MINIMAL = "title: X\ncategory: strength\ntargets: [quads]\nkey_points: [Go]\n"


def test_minimal_exercise_is_typed(tmp_path, taxonomy):
    exercise, problems = check(tmp_path, taxonomy, MINIMAL + "dose: {reps: 8-12, rest: 90 sec}\n")
    assert problems == []
    assert exercise.slug == "x"
    assert exercise.targets == ("quadriceps",)
    assert exercise.dose.reps == Quantity(8, 12, "")
    assert exercise.dose.rest == Quantity(90, 90, "s")


def test_names_and_aliases_resolve_case_and_hyphen_insensitively(tmp_path, taxonomy):
    exercise, problems = check(tmp_path, taxonomy, "title: X\ncategory: RECOVERY-stretches\n"
                               "targets: [Thoracic erector spinal muscles]\nequipment: [Foam-Roll]\n"
                               "key_points: [Go]\n")
    assert problems == []
    assert exercise.targets == ("thoracic-erector-spinae",)
    assert exercise.category == "recovery-stretches"
    assert exercise.equipment == ("foam-roller",)


def test_ambiguous_alias_is_a_warning_naming_the_choice(tmp_path, taxonomy):
    exercise, [problem] = check(tmp_path, taxonomy, "title: X\ncategory: strength\ntargets: [mid back]\n"
                                "key_points: [Go]\n")
    assert exercise is not None
    assert problem.severity == "warning"
    assert problem.format() == (f"{problem.path}:4: warning: targets: 'mid back' is ambiguous "
                                "(thoracic-erector-spinae, rhomboids); using 'thoracic-erector-spinae'; "
                                "write the id to choose")


def test_unknown_muscle_suggests_the_closest(tmp_path, taxonomy):
    _, [problem] = check(tmp_path, taxonomy, MINIMAL.replace("[quads]", "[quadz]"))
    assert problem.line == 4
    assert problem.message == "unknown muscle 'quadz' (did you mean 'quads'?)"


def test_unknown_field_suggests_the_closest(tmp_path, taxonomy):
    _, [problem] = check(tmp_path, taxonomy, MINIMAL + "targt: [quads]\n")
    assert (problem.line, problem.field) == (6, "targt")
    assert problem.message == "unknown field 'targt' (did you mean 'targets'?)"


def test_missing_required_fields_are_each_reported(tmp_path, taxonomy):
    _, problems = check(tmp_path, taxonomy, "title: X\n")
    assert sorted(p.message for p in problems) == [
        "missing required field 'category'", "missing required field 'key_points'",
        "missing required field 'targets'"]


def test_wrong_level_lists_the_choices(tmp_path, taxonomy):
    _, [problem] = check(tmp_path, taxonomy, MINIMAL + "level: easy\n")
    assert problem.message == "expected one of beginner, intermediate, advanced; got 'easy'"


def test_image_without_alt_is_an_error(tmp_path, taxonomy):
    _, [problem] = check(tmp_path, taxonomy, MINIMAL + "images:\n  - src: a.svg\n")
    assert problem.field == "images.alt"
    assert problem.line == 7


def test_bad_slug_from_file_name(tmp_path, taxonomy):
    _, [problem] = check(tmp_path, taxonomy, MINIMAL, name="Bad Name.md")
    assert "rename the file" in problem.message


def test_wrong_types_are_named(tmp_path, taxonomy):
    _, problems = check(tmp_path, taxonomy, MINIMAL + "per_side: often\nupdated: someday\ncautions: 3\n")
    messages = {p.field: p.message for p in problems}
    assert messages["per_side"] == "expected true or false, got text ('often')"
    assert messages["updated"] == "expected a date like 2026-11-24, got text ('someday')"
    assert messages["cautions"] == "expected a list, got a number (3)"
