"""schema.org JSON-LD for exercise pages: what it says, and that it is safe inside <script>."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from exguide.content.settings import Settings
from exguide.content.exercises import validate_exercise
from exguide.site.jsonld import exercise_jsonld, quantity
from exguide.site.bodies import render_bodies
from exguide.site.library import link_library
from exguide.site.markup import MarkdownRenderer
from exguide.content.model import Quantity
from exguide.build.render import json_script
from exguide.content.sources import read_source
from exguide.content.taxonomy import load_taxonomy

BASIC = Path(__file__).resolve().parents[2] / "tests" / "sites" / "basic" / "content"

HOSTILE = """---
title: "Hold </script><script>alert(1)</script> \u2028 line"
category: recovery-stretches
targets: [hamstrings]
secondary: [quads]
equipment: [foam-roller]
level: beginner
key_points: ["Reach <long>", Breathe]
dose: {sets: 2, hold: 30-60 sec, rest: 1 min}
per_side: true
images:
  - {src: roller.svg, alt: A roller}
---
Body.
"""


def library(tmp_path, site_url=""):
    content = tmp_path / "content"
    (content / "exercises").mkdir(parents=True)
    (content / "images").mkdir()
    for name in ("muscles.yaml", "categories.yaml", "equipment.yaml"):
        shutil.copyfile(BASIC / name, content / name)
    shutil.copyfile(BASIC / "images" / "roller.svg", content / "images" / "roller.svg")
    (content / "exercises" / "hold.md").write_text(HOSTILE, encoding="utf-8")
    tax, _ = load_taxonomy(content)
    exercise, problems = validate_exercise(read_source(content / "exercises" / "hold.md"), tax, "hold.md")
    assert [p.format() for p in problems if p.severity == "error"] == []
    settings = Settings(title="T", base_url="/some-repo/", site_url=site_url)
    lib, problems = link_library([exercise], tax, settings, content)
    lib, found = render_bodies(lib, MarkdownRenderer(), content)
    problems += found
    assert [p.format() for p in problems if p.severity == "error"] == []
    return lib, exercise


def test_exercise_plan_names_muscles_equipment_dose_and_image(tmp_path):
    lib, exercise = library(tmp_path)
    data = exercise_jsonld(lib, exercise)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == ["ExercisePlan", "HowTo"]
    assert data["name"] == exercise.title
    assert "description" not in data  # the summary is the first step (and the page's meta description)
    assert data["url"] == "/some-repo/exercises/hold/"
    assert [(m["@type"], m["name"]) for m in data["associatedAnatomy"]] == [("Muscle", "Hamstrings"),
                                                                           ("Muscle", "Quadriceps")]
    assert data["associatedAnatomy"][0]["url"] == "/some-repo/muscles/hamstrings/"
    assert data["tool"] == [{"@type": "HowToTool", "name": lib.taxonomy.equipment["foam-roller"].name}]
    assert [s["text"] for s in data["step"]] == ["Reach <long>", "Breathe"]
    assert data["activityDuration"] == {"@type": "QuantitativeValue", "minValue": 30, "maxValue": 60,
                                        "unitCode": "SEC", "unitText": "seconds"}
    assert data["restPeriods"]["value"] == 1 and data["restPeriods"]["unitCode"] == "MIN"
    assert data["additionalVariable"] == "2 sets, each side"
    assert data["image"] == ["/some-repo/images/roller.svg"]
    assert "repetitions" not in data


def test_links_are_absolute_when_the_site_url_is_known(tmp_path):
    lib, exercise = library(tmp_path, site_url="https://example.org")
    data = exercise_jsonld(lib, exercise)
    assert data["url"] == "https://example.org/some-repo/exercises/hold/"
    assert data["image"] == ["https://example.org/some-repo/images/roller.svg"]


def test_quantities_are_values_or_ranges():
    assert quantity(Quantity(8, 12, "")) == {"@type": "QuantitativeValue", "minValue": 8, "maxValue": 12}
    assert quantity(Quantity(5, 5, "")) == {"@type": "QuantitativeValue", "value": 5}


def test_embedded_text_cannot_close_the_script_and_round_trips(tmp_path):
    lib, exercise = library(tmp_path)
    text = str(json_script(exercise_jsonld(lib, exercise)))
    assert "</" not in text and "<" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == exercise.title
