"""The data export: JSON that round-trips to the content model, and a valid Atom feed."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exguide.site import export
from exguide.site import feed as atom
from exguide.content.settings import Settings
from exguide.content.exercises import validate_exercise
from exguide.site.export import export_files
from exguide.site.bodies import render_bodies
from exguide.site.library import Library, link_library
from exguide.site.markup import MarkdownRenderer
from exguide.content.demo_terms import ANGLE_NAMES
from exguide.content.model import DOSE_FIELDS, Exercise, Quantity
from exguide.build.pipeline import BuildOptions, build
from exguide.content.sources import discover_exercises, read_source
from exguide.content.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[2]
BASIC = ROOT / "tests" / "sites" / "basic" / "content"
A = "{http://www.w3.org/2005/Atom}"

PRESS = """---
title: Press & Hold <Test>
category: strength
targets: [quads]
secondary: [hamstrings]
equipment: [none]
level: intermediate
key_points: [Brace first, "Breathe out on the way up"]
dose: {sets: 3, reps: 8-12, hold: 2 min, rest: 60 sec}
per_side: true
images:
  - {src: roller.svg, alt: A roller, caption: Under the back, credit: Us, license: CC0}
  - {src: "https://example.com/p.png", alt: Elsewhere}
aliases: [push and hold]
variations: {easier: [roll]}
related: [roll]
cautions: [Stop if it hurts.]
tags: [test, "force: push"]
updated: 2026-01-05
author: Tester
license: CC BY 4.0
source_url: https://example.com/press
---
Press it. See [the roll](roll.md).

Second paragraph with a \x07bell.
"""
ROLL = """---
title: Roll
category: recovery-stretches
targets: [mid back]
equipment: [foam roller]
key_points: [Slowly]
updated: 2026-03-01
demo:
  props: [foam-roller@mid-back]
  frames:
    - {trunk: -75, hip: 60, knee: 100, ankle: -15}
    - {trunk: -82, hip: 45, knee: 125, props: foam-roller@shoulders}
---
Roll.
"""
SAME_DAY = """---
title: Another Roll
category: recovery-stretches
targets: [rhomboids]
key_points: [Slowly too]
updated: 2026-03-01
---
"""
UNDATED = "title: Undated\ncategory: strength\ntargets: [hamstrings]\nkey_points: [Hinge]\n"
DRAFT = "---\ntitle: Draft\ncategory: strength\ntargets: [quads]\nkey_points: [x]\ndraft: true\nupdated: 2026-12-01\n---\n"


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    (root / "exercises").mkdir(parents=True)
    (root / "images").mkdir()
    for name in ("muscles.yaml", "categories.yaml", "equipment.yaml"):
        shutil.copyfile(BASIC / name, root / name)
    shutil.copyfile(BASIC / "images" / "roller.svg", root / "images" / "roller.svg")
    for name, text in (("press.md", PRESS), ("roll.md", ROLL), ("another-roll.md", SAME_DAY),
                       ("undated.yaml", UNDATED), ("draft.md", DRAFT)):
        (root / "exercises" / name).write_text(text, encoding="utf-8")
    return root


def make_library(content: Path, base_url: str = "/", site_url: str = "", drafts: bool = False) -> Library:
    """The link stage's library, as the pipeline makes it."""
    tax, problems = load_taxonomy(content)
    paths, found = discover_exercises(content)
    exercises = []
    for path in paths:
        exercise, more = validate_exercise(read_source(path), tax, path.relative_to(content / "exercises").as_posix())
        problems += found + more
        if exercise and (drafts or not exercise.draft):
            exercises.append(exercise)
    settings = Settings(title="Test Guide", description="For tests.", base_url=base_url, site_url=site_url)
    lib, more = link_library(exercises, tax, settings, content)
    lib, found = render_bodies(lib, MarkdownRenderer(), content)
    more += found
    assert [p.format() for p in problems + more if p.severity == "error"] == []
    return lib


SITES = [("/", ""), ("/some-repo/", ""), ("/some-repo/", "https://example.org")]


# --- JSON ---------------------------------------------------------------------------------------
def _quantity(data: dict) -> Quantity:
    return Quantity(data["min"], data["max"], "" if data["unit"] == "count" else data["unit"])


def _links_ok(lib: Library, data: dict, url: str) -> bool:
    href = lib.urls.href(url)
    return data["href"] == href and data["url"] == (lib.settings.site_url + href if lib.settings.site_url else href)


def _muscles_ok(lib, data, ids) -> bool:
    tax = lib.taxonomy
    return [m["id"] for m in data] == list(ids) and all(
        m["name"] == tax.muscles[m["id"]].name and m["group"]["id"] == tax.muscles[m["id"]].group
        and m["group"]["name"] == tax.groups[tax.muscles[m["id"]].group].name
        and m["region"] == tax.muscles[m["id"]].region and _links_ok(lib, m, lib.urls.muscle(m["id"]))
        for m in data)


def _refs_ok(lib, data, slugs) -> bool:
    return [r["slug"] for r in data] == list(slugs) and all(
        r["title"] == lib.by_slug[r["slug"]].title and _links_ok(lib, r, lib.urls.exercise(r["slug"])) for r in data)


def _images_ok(lib, data, images) -> bool:
    if len(data) != len(images):
        return False
    for j, image in zip(data, images):
        external = image.src.startswith("https://")
        if (j["src"], j["alt"], j["caption"] or "", j["credit"] or "", j["license"] or "", j["external"]) != (
                image.src, image.alt, image.caption, image.credit, image.license, external):
            return False
        if not (j["href"] == j["url"] == image.src if external else _links_ok(lib, j, lib.urls.image(image.src))):
            return False
    return True


def _demo_ok(demo, data) -> bool:
    """The pose data: what the author wrote, and a placed joint for every segment of every frame."""
    if demo is None:
        return data is None
    return (data["view"] == demo.view and (data["tempo"]["down"], data["tempo"]["hold"], data["tempo"]["up"]) == demo.tempo
            and [p["prop"] for p in data["props"]] == [p.name for p in demo.props]
            and [tuple(f["angles"][n] for n in ANGLE_NAMES) for f in data["frames"]] == [f.angles for f in demo.frames]
            and all(set(f["points"]) >= {"hips", "head", "left_knee", "right_toes"}
                    and min(y for _x, y in f["points"].values()) >= 0 for f in data["frames"]))


# model field -> check of the exported JSON against it; a new model field fails the test below
CHECKS = {
    "slug": lambda lib, e, j: j["slug"] == e.slug and _links_ok(lib, j, lib.urls.exercise(e.slug)),
    "title": lambda lib, e, j: j["title"] == e.title,
    "category": lambda lib, e, j: j["category"]["id"] == e.category
    and j["category"]["name"] == lib.taxonomy.categories[e.category].name
    and _links_ok(lib, j["category"], lib.urls.category(e.category)),
    "targets": lambda lib, e, j: _muscles_ok(lib, j["targets"], e.targets),
    "secondary": lambda lib, e, j: _muscles_ok(lib, j["secondary"], e.secondary),
    "equipment": lambda lib, e, j: [x["id"] for x in j["equipment"]] == list(e.equipment) and all(
        x["name"] == lib.taxonomy.equipment[x["id"]].name and _links_ok(lib, x, lib.urls.equipment(x["id"]))
        for x in j["equipment"]),
    "key_points": lambda lib, e, j: j["key_points"] == list(e.key_points),
    "level": lambda lib, e, j: j["level"] == (e.level or None),
    "dose": lambda lib, e, j: set(j["dose"]) == {n for n in DOSE_FIELDS if getattr(e.dose, n)} and all(
        _quantity(q) == getattr(e.dose, n) and q["text"] == getattr(e.dose, n).text()
        for n, q in j["dose"].items()) and j["dose_text"] == (e.dose.text() or None),
    "per_side": lambda lib, e, j: j["per_side"] is e.per_side,
    "images": lambda lib, e, j: _images_ok(lib, j["images"], e.images),
    "video": lambda lib, e, j: (j["video"] is None) == (e.video is None)
    and (e.video is None or (j["video"]["src"], j["video"]["provider"] or "") == (e.video.src, e.video.provider)),
    "aliases": lambda lib, e, j: j["aliases"] == list(e.aliases),
    "easier": lambda lib, e, j: _refs_ok(lib, j["variations"]["easier"], e.easier),
    "harder": lambda lib, e, j: _refs_ok(lib, j["variations"]["harder"], e.harder),
    "related": lambda lib, e, j: _refs_ok(lib, j["related"], e.related),
    "cautions": lambda lib, e, j: j["cautions"] == list(e.cautions),
    "tags": lambda lib, e, j: j["tags"] == list(e.tags),
    "draft": lambda lib, e, j: j["draft"] is e.draft,
    "updated": lambda lib, e, j: (dt.date.fromisoformat(j["updated"]) if j["updated"] else None) == e.updated,
    "author": lambda lib, e, j: j["author"] == (e.author or None),
    "license": lambda lib, e, j: j["license"] == (e.license or None),
    "source_url": lambda lib, e, j: j["source_url"] == (e.source_url or None),
    "demo": lambda lib, e, j: _demo_ok(e.demo, j["demo"]),
    "body": lambda lib, e, j: j["body_html"] == lib.bodies[e.source_path] and bool(j["body_html"]) == bool(e.body.strip()),
}
INTERNAL = {"source_path", "body_line", "file_name", "digest", "lines"}  # where the file was, not what it says


def test_every_model_field_is_exported_or_deliberately_internal():
    assert {f.name for f in dataclasses.fields(Exercise)} == set(CHECKS) | INTERNAL


@pytest.mark.parametrize("base_url,site_url", SITES)
def test_export_round_trips_to_the_model(content, base_url, site_url):
    lib = make_library(content, base_url, site_url, drafts=True)
    files = export_files(lib)
    index = json.loads(files["api/exercises.json"])
    assert index["count"] == len(lib.exercises) == 5 and index["version"] == export.API_VERSION
    assert [r["slug"] for r in index["exercises"]] == [e.slug for e in lib.exercises]
    records = json.loads(files["api/exercise-pages/1.json"])["exercises"]
    for exercise, listed, whole in zip(lib.exercises, index["exercises"], records, strict=True):
        single = json.loads(files[f"api/exercises/{exercise.slug}.json"])
        assert single == whole and listed == {"slug": exercise.slug, "title": exercise.title, "page": 1}
        record = index["record"]["href"].replace("{slug}", exercise.slug)
        assert lib.urls.strip_base(record) == f"/api/exercises/{exercise.slug}.json"
        failed = [name for name, check in CHECKS.items() if not check(lib, exercise, single)]
        assert failed == [], (exercise.slug, failed)
    assert _links_ok(lib, index["site"], "/") and index["site"]["title"] == "Test Guide"


@pytest.mark.parametrize("base_url,site_url", SITES)
def test_the_records_come_in_pages_an_app_can_walk(content, base_url, site_url):
    """api/exercises.json is an index of small pages of whole records, so no file grows with the library."""
    lib = make_library(content, base_url, site_url, drafts=True)
    files = export_files(lib, page_size=2)
    index = json.loads(files["api/exercises.json"])
    assert index["page_size"] == 2 and [p["count"] for p in index["pages"]] == [2, 2, 1]
    assert [e["page"] for e in index["exercises"]] == [1, 1, 2, 2, 3]
    walked, page = [], index["pages"][0]
    while page is not None:  # first page, then each page's "next", as an app would
        path = lib.urls.strip_base(page["href"])[1:]
        assert page["url"] == (lib.urls.absolute("/" + path) or page["href"])
        data = json.loads(files[path])
        assert data["version"] == export.API_VERSION and data["pages"] == 3 and data["count"] == len(data["exercises"])
        assert data["exercises"][0]["slug"] == index["pages"][data["page"] - 1]["first"]
        walked += data["exercises"]
        page = data["next"]
    assert data["page"] == 3 and json.loads(files["api/exercise-pages/1.json"])["previous"] is None
    assert [r["slug"] for r in walked] == [e.slug for e in lib.exercises]
    assert walked == [json.loads(files[f"api/exercises/{e.slug}.json"]) for e in lib.exercises]
    assert not any(path.startswith("api/exercise-pages/4") for path in files)


def test_an_empty_library_still_has_its_one_page_of_records(content):
    lib = make_library(content)
    lib.exercises = []
    files = export_files(lib, dumped=[])
    assert json.loads(files["api/exercises.json"])["pages"][0]["count"] == 0
    assert json.loads(files["api/exercise-pages/1.json"])["exercises"] == []


def test_export_gives_numbers_units_and_links_an_app_can_use(content):
    lib = make_library(content, "/some-repo/", "https://example.org")
    press = json.loads(export_files(lib)["api/exercises/press.json"])
    assert press["title"] == "Press & Hold <Test>"
    assert press["url"] == "https://example.org/some-repo/exercises/press/"
    assert press["href"] == "/some-repo/exercises/press/"
    assert press["dose"]["sets"] == {"min": 3, "max": 3, "unit": "count", "text": "3"}
    assert press["dose"]["reps"] == {"min": 8, "max": 12, "unit": "count", "text": "8–12"}
    assert press["dose"]["hold"] == {"min": 2, "max": 2, "unit": "min", "text": "2 min",
                                     "seconds": {"min": 120, "max": 120}}
    assert press["targets"][0]["id"] == "quadriceps"  # written as the alias 'quads'
    assert press["images"][0]["url"] == "https://example.org/some-repo/images/roller.svg"
    assert '<a href="/some-repo/exercises/roll/">the roll</a>' in press["body_html"]
    roll = json.loads(export_files(lib)["api/exercises/roll.json"])
    assert roll["targets"][0]["id"] == "thoracic-erector-spinae"  # 'mid back' is ambiguous: the first
    assert roll["level"] is None and roll["dose"] == {} and roll["updated"] == "2026-03-01"


def test_taxonomy_export_lists_every_term_with_its_counts(content):
    lib = make_library(content)
    data = json.loads(export_files(lib)["api/taxonomy.json"])
    tax = lib.taxonomy
    assert [m["id"] for m in data["muscles"]] == list(tax.muscles)
    assert [g["id"] for g in data["groups"]] == list(tax.groups)
    assert [c["id"] for c in data["categories"]] == list(tax.categories)
    assert [e["id"] for e in data["equipment"]] == list(tax.equipment)
    for m in data["muscles"]:
        assert m["target_count"] == len(lib.targets_of.get(m["id"], []))
        assert m["secondary_count"] == len(lib.secondary_of.get(m["id"], []))
        assert m["name"] == tax.muscles[m["id"]].name and m["group"] == tax.muscles[m["id"]].group
    assert {c["id"]: c["exercise_count"] for c in data["categories"]} == {"recovery-stretches": 2, "strength": 2}
    assert {g["id"]: g["muscles"] for g in data["groups"]}["thighs"] == ["quadriceps", "hamstrings"]


def test_export_is_deterministic_with_sorted_keys(content):
    first = export_files(make_library(content))
    second = export_files(make_library(content))
    assert first == second
    for path, data in first.items():
        if path.endswith(".json"):
            assert data == export.dump(json.loads(data)), path


def test_every_build_writes_the_export_and_pages_link_to_the_feed(content, tmp_path):
    out = tmp_path / "out"
    result = build(BuildOptions(content_dir=content, output_dir=out, search=False, base_url="/some-repo/"))
    assert result.ok, [d.format() for d in result.diagnostics]
    slugs = sorted(p.stem for p in (out / "api" / "exercises").iterdir())
    assert slugs == ["another-roll", "press", "roll", "undated"]
    assert json.loads((out / "api" / "exercises.json").read_text())["count"] == 4
    assert len(json.loads((out / "api" / "exercise-pages" / "1.json").read_text())["exercises"]) == 4
    assert (out / "api" / "taxonomy.json").is_file()
    ET.parse(out / "feed.xml")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="/some-repo/feed.xml"' in home


# --- Atom ---------------------------------------------------------------------------------------
def parse_feed(lib: Library) -> ET.Element:
    data = export_files(lib)["feed.xml"]
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(data)


def _stamp(text: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(text)
    assert stamp.tzinfo is not None and text.endswith("Z")
    return stamp


@pytest.mark.parametrize("base_url,site_url", SITES)
def test_feed_is_valid_atom_with_every_required_element(content, base_url, site_url):
    lib = make_library(content, base_url, site_url)
    feed = parse_feed(lib)
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1 and feed.find(f"{A}{name}").text
    _stamp(feed.find(f"{A}updated").text)
    assert feed.find(f"{A}author/{A}name").text == "Test Guide"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    prefix = site_url + base_url
    assert links == {"alternate": prefix, "self": prefix + "feed.xml"}
    assert feed.find(f"{A}id").text == prefix
    entries = feed.findall(f"{A}entry")
    assert [e.find(f"{A}title").text for e in entries] == ["Another Roll", "Roll", "Press & Hold <Test>"]
    ids = [e.find(f"{A}id").text for e in entries]
    assert ids == [prefix + f"exercises/{s}/" for s in ("another-roll", "roll", "press")]
    for entry in entries:
        for name in ("id", "title", "updated", "summary", "content"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        alternate = entry.find(f"{A}link[@rel='alternate']")
        assert alternate.get("href") == entry.find(f"{A}id").text
        assert entry.find(f"{A}content").get("type") == "html"
        _stamp(entry.find(f"{A}updated").text)
    assert feed.find(f"{A}updated").text == entries[0].find(f"{A}updated").text == "2026-03-01T00:00:00Z"
    press = entries[2]
    assert press.find(f"{A}summary").text == "Brace first; Breathe out on the way up"
    assert "\x07" not in press.find(f"{A}content").text and "bell" in press.find(f"{A}content").text
    assert press.find(f"{A}author/{A}name").text == "Tester"
    assert press.find(f"{A}category").get("term") == "strength"
    assert press.find(f"{A}rights").text == "CC BY 4.0"


def test_feed_holds_only_the_newest_dated_published_exercises(content, monkeypatch):
    monkeypatch.setattr(atom, "FEED_LIMIT", 2)
    feed = parse_feed(make_library(content, drafts=False))
    assert [e.find(f"{A}title").text for e in feed.findall(f"{A}entry")] == ["Another Roll", "Roll"]


def test_a_site_with_no_dated_exercise_still_has_a_valid_feed(content):
    for path in (content / "exercises").iterdir():
        if path.name != "undated.yaml":
            path.unlink()
    feed = parse_feed(make_library(content))
    assert feed.findall(f"{A}entry") == []
    assert feed.find(f"{A}updated").text == atom.NO_DATE
