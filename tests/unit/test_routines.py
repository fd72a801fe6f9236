"""Routines: steps resolved to exercises, doses settled, time added up, pages and data made,
and kept in step with the exercises they use by incremental builds."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest

from exguide.build.pipeline import BuildOptions, build
from exguide.content.model import Dose, Exercise, Quantity, Routine, Step
from exguide.reuse.memo import Memo
from exguide.site.routines import link_routines
from tests.support.sites import ROOT, SITES, run_build


def exercise(slug: str, **fields) -> Exercise:
    base = dict(title=slug.replace("-", " ").title(), source_path=f"content/exercises/{slug}.md", category="strength",
                targets=("quadriceps",), key_points=("Go",))
    return Exercise(slug=slug, **(base | fields))


def routine(*steps: Step, **fields) -> Routine:
    return Routine(slug="r", title="R", source_path="content/routines/r.md", summary="S", goal="strength",
                   steps=steps, **fields)


SQUAT = exercise("squat", aliases=("air squat",), dose=Dose(sets=Quantity(3, 3, ""), reps=Quantity(10, 10, ""),
                                                             rest=Quantity(60, 60, "s")))
PLANK = exercise("plank", title="Front Plank", dose=Dose(hold=Quantity(30, 30, "s")))
LUNGE = exercise("lunge", per_side=True, dose=Dose(reps=Quantity(8, 8, "")))


def test_a_step_finds_its_exercise_by_slug_title_or_alias_and_takes_its_dose():
    plans, problems = link_routines([routine(Step("squat", 5), Step("front plank", 6), Step("Air Squat", 7))],
                                    [SQUAT, PLANK, LUNGE], [])
    assert problems == []
    steps = plans["r"].steps
    assert [s.exercise.slug for s in steps] == ["squat", "plank", "squat"]
    # without a dose of its own, a step does the exercise's: 3 × 10 reps, 60 s rest between sets
    assert steps[0].dose.text() == "Sets: 3 · Reps: 10" and steps[0].set_rest.text() == "60 sec"
    assert steps[1].dose.text() == "Hold: 30 sec"


def test_a_steps_own_dose_replaces_the_exercises_and_rests_follow_step_then_routine_then_exercise():
    steps = (Step("squat", 5, Dose(reps=Quantity(5, 5, ""))), Step("squat", 6, Dose(rest=Quantity(20, 20, "s"))),
             Step("lunge", 7, per_side=False))
    plan = link_routines([routine(*steps, rest_between=Quantity(15, 15, "s"))], [SQUAT, LUNGE], [])[0]["r"]
    first, second, third = plan.steps
    assert first.dose.text() == "Reps: 5"  # the exercise's 3 sets are not kept: the step's dose replaces it
    assert first.rest.text() == "15 sec"  # after a step: the routine's rest_between, before the exercise's 60 sec
    assert second.dose.text() == "Sets: 3 · Reps: 10" and second.rest.text() == "20 sec"
    assert second.set_rest.text() == "20 sec"  # a step's rest is its own between sets too
    assert SQUAT.dose.rest.text() == "60 sec"
    assert third.per_side is False and LUNGE.per_side is True


def test_the_time_adds_work_sides_sets_rests_and_rounds():
    # squat: 3 sets × 10 reps × 3 s + 2 rests of 60 s = 210 s; plank: 30 s; lunge: 8 reps × 3 s × 2 sides + 5 s = 53 s
    steps = (Step("squat", 5), Step("plank", 6), Step("lunge", 7))
    plan = link_routines([routine(*steps, rest_between=Quantity(10, 10, "s"), rounds=2)],
                         [SQUAT, PLANK, LUNGE], [])[0]["r"]
    assert [s.seconds for s in plan.steps] == [90 + 120, 30, 53]
    # per round: the steps plus the 2 rests between them; between rounds one more rest
    assert plan.seconds == (210 + 30 + 53 + 2 * 10) * 2 + 10


def test_unknown_and_draft_exercises_are_errors_at_the_steps_line():
    plans, problems = link_routines([routine(Step("sqat", 5), Step("lunge", 9))], [SQUAT], [LUNGE])
    assert plans == {}
    assert [p.format() for p in problems] == [
        "content/routines/r.md:5: error: steps.exercise: step 1: no exercise 'sqat' (did you mean 'squat'?)",
        "content/routines/r.md:9: error: steps.exercise: step 2: 'lunge' is a draft (content/exercises/lunge.md); "
        "publish it (remove 'draft: true') or choose another exercise"]


@pytest.fixture
def site(tmp_path) -> BuildOptions:
    shutil.copytree(SITES / "basic", tmp_path / "site")
    for folder in ("templates", "assets"):
        shutil.copytree(ROOT / folder, tmp_path / "site" / folder)
    root = tmp_path / "site"
    return BuildOptions(content_dir=root / "content", output_dir=tmp_path / "out", config_path=root / "site.yaml",
                        templates_dir=root / "templates", assets_dir=root / "assets", search=False)


def test_pages_data_and_links_back(site):
    assert build(site).ok
    out = site.output_dir
    page = (out / "routines" / "cool-down" / "index.html").read_text()
    assert page.count('class="step"') == 3 and "Slow, and breathe out as you roll up." in page
    assert '<a href="/exercises/squat/">Squat</a>' in page
    assert "/routines/cool-down/" in (out / "routines" / "index.html").read_text()
    assert '/routines/cool-down/' in (out / "exercises" / "squat" / "index.html").read_text()  # "In routines"
    data = json.loads((out / "api" / "routines" / "cool-down.json").read_text())
    assert [s["exercise"]["slug"] for s in data["steps"]] == ["squat", "mid-back-release", "hamstring-stretch"]
    assert data["steps"][2]["per_side"] is True and data["steps"][0]["dose"]["sets"]["max"] == 2
    listing = json.loads((out / "api" / "routines.json").read_text())
    assert listing["count"] == 1 and listing["routines"][0] == data
    feed = (out / "feed.xml").read_text()
    assert "/routines/cool-down/" in feed and "<title>Cool-Down</title>" in feed


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_an_exercises_title_edit_updates_the_routines_that_use_it_and_a_prose_edit_does_not(site):
    memo = Memo()
    assert build(site, memo).ok
    exercises = site.content_dir / "exercises"
    _edit(exercises / "mid-back-release.md", "Breathe out as you roll.", "Breathe out slowly as you roll.")
    prose = build(site, memo)
    assert "routines/cool-down/index.html" not in prose.rendered
    _edit(exercises / "squat.yaml", "title: Squat", "title: Back Squat")
    retitled = build(site, memo)
    assert "routines/cool-down/index.html" in retitled.rendered
    assert "Back Squat" in (site.output_dir / "routines" / "cool-down" / "index.html").read_text()
    plain = replace(site, output_dir=site.output_dir.parent / "plain")
    assert build(plain).ok
    for path in ("routines/cool-down/index.html", "api/routines/cool-down.json", "exercises/squat/index.html"):
        assert (site.output_dir / path).read_bytes() == (plain.output_dir / path).read_bytes(), path


def test_new_routine_writes_a_commented_draft_that_builds_and_never_overwrites(tmp_path):
    shutil.copytree(SITES / "basic", tmp_path / "site")
    site = tmp_path / "site"
    done = run_build("new", "routine", "Evening Wind-Down", "--content", "content", cwd=site)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("created content/routines/evening-wind-down.md")
    text = (site / "content" / "routines" / "evening-wind-down.md").read_text()
    assert "\ntitle: Evening Wind-Down\n" in text and "\ndraft: true\n" in text and "# steps (required)" in text
    again = run_build("new", "routine", "Evening Wind-Down", "--content", "content", cwd=site)
    assert again.returncode == 1
    assert again.stderr == ("error: content/routines/evening-wind-down.md already exists; edit it, "
                            "or choose another title\n")
    # the template's first steps name exercises of the shipped content; give the test site's instead
    _edit(site / "content" / "routines" / "evening-wind-down.md", "exercise: cat-cow", "exercise: squat")
    _edit(site / "content" / "routines" / "evening-wind-down.md", "exercise: childs-pose", "exercise: mid-back-release")
    check = run_build("check", "--content", "content", "--config", "site.yaml", "--drafts", cwd=site)
    assert check.returncode == 0, check.stderr
    hidden = run_build("check", "--content", "content", "--config", "site.yaml", cwd=site)
    assert hidden.returncode == 0, hidden.stderr


def test_a_hold_done_for_reps_counts_each_hold_each_side_and_the_relax_between():
    # 3 holds of 20 s on each side: per hold 2 × 20 + 5 to switch; a relax of 3 s between holds
    stretch = exercise("stretch", per_side=True, dose=Dose(reps=Quantity(3, 3, ""), hold=Quantity(20, 20, "s")))
    plan = link_routines([routine(Step("stretch", 5))], [stretch], [])[0]["r"]
    assert plan.steps[0].seconds == 3 * (2 * 20 + 5) + 2 * 3
