"""`build.py new`: a commented, valid draft from the schema; never an overwrite."""
from __future__ import annotations

import shutil

import pytest

from exguide.content.schema import FIELDS
from exguide.commands.scaffold_text import slugify
from tests.support.sites import SITES, run_build


@pytest.fixture
def site(tmp_path):
    shutil.copytree(SITES / "basic", tmp_path / "site")
    return tmp_path / "site"


def test_new_writes_a_commented_draft_that_builds(site):
    done = run_build("new", "Hip Flexor Stretch", "--category", "Strength", "--targets", "quads, hamstrings",
                     "--content", "content", cwd=site)
    assert done.returncode == 0, done.stderr
    path = site / "content" / "exercises" / "hip-flexor-stretch.md"
    assert done.stdout.startswith("created content/exercises/hip-flexor-stretch.md")
    text = path.read_text()
    for spec in FIELDS:
        if spec.name != "body":
            assert f"# {spec.name} (" in text, spec.name  # every field explained
    assert "\ntitle: Hip Flexor Stretch\n" in text
    assert "\ncategory: strength\n" in text and "\ntargets: [quadriceps, hamstrings]\n" in text
    assert "\ndraft: true\n" in text

    check = run_build("check", "--content", "content", "--config", "site.yaml", "--drafts", cwd=site)
    assert check.returncode == 0, check.stderr
    built = run_build("--content", "content", "--config", "site.yaml", "--output", str(site / "out"),
                      "--drafts", "--no-search", "--no-cache", cwd=site)
    assert built.returncode == 0, built.stderr
    page = (site / "out" / "exercises" / "hip-flexor-stretch" / "index.html").read_text()
    assert "Hip Flexor Stretch" in page and "badge-draft" in page


def test_new_refuses_to_overwrite(site):
    existing = site / "content" / "exercises" / "squat.yaml"
    before = existing.read_text()
    done = run_build("new", "Squat", "--content", "content", cwd=site)
    assert done.returncode == 1
    assert done.stderr.strip() == "error: content/exercises/squat.yaml already exists; edit it, or choose another title"
    assert existing.read_text() == before
    assert not (site / "content" / "exercises" / "squat.md").exists()


def test_new_checks_category_and_muscles_with_suggestions(site):
    done = run_build("new", "Calf Raise", "--category", "strenght", "--targets", "calfs, quads",
                     "--content", "content", cwd=site)
    assert done.returncode == 1
    assert "error: unknown category 'strenght' (did you mean 'strength'?)" in done.stderr.splitlines()
    assert any(line.startswith("error: unknown muscle 'calfs'") for line in done.stderr.splitlines())
    assert not (site / "content" / "exercises" / "calf-raise.md").exists()


def test_without_a_category_the_file_says_what_to_choose(site):
    assert run_build("new", "Wall Sit", "--content", "content", cwd=site).returncode == 0
    text = (site / "content" / "exercises" / "wall-sit.md").read_text()
    assert "#   choose one of: recovery-stretches, strength" in text
    check = run_build("check", "--content", "content", "--config", "site.yaml", "--drafts", cwd=site)
    assert check.returncode == 1
    assert "content/exercises/wall-sit.md:" in check.stderr and "category" in check.stderr


def test_slugs_from_titles():
    assert slugify("Hip Flexor Stretch") == "hip-flexor-stretch"
    assert slugify("  Child's Pose (kneeling) ") == "child-s-pose-kneeling"
    assert slugify("Élan Vital") == "elan-vital"
    assert slugify("!!!") == ""


def test_an_unusable_title_is_a_usage_error(site):
    assert run_build("new", "!!!", "--content", "content", cwd=site).returncode == 2


def test_check_reports_exactly_what_build_reports_and_writes_nothing(site):
    (site / "content" / "exercises" / "squat.yaml").write_text(
        (site / "content" / "exercises" / "squat.yaml").read_text().replace("level: intermediate", "level: expert"))
    check = run_build("check", "--content", "content", "--config", "site.yaml", cwd=site)
    built = run_build("--content", "content", "--config", "site.yaml", "--output", str(site / "out"), cwd=site)
    assert check.returncode == built.returncode == 1
    assert check.stderr == built.stderr
    assert "content/exercises/squat.yaml:6: error: level:" in check.stderr
    assert not (site / "out").exists()
