#!/usr/bin/env python3
"""Write the invalid-site cases: one folder per case, each a tiny site plus expected.txt.

Every case shares one small valid taxonomy (copied into it, so the committed cases are
plain files anyone can open) and one valid exercise; the case adds or replaces files.
Run it after changing a case here:

    .venv/bin/python tests/sites/invalid/generate.py          # rewrite every case folder
    .venv/bin/python tests/sites/invalid/generate.py --show   # print what the build says now
    .venv/bin/python tests/sites/invalid/generate.py --check  # do the folders match this script?

Each folder's expected.txt is the build's stderr, word for word, reviewed by a person;
EXGUIDE_BLESS=1 makes tests/test_invalid_sites.py write it from the current build.

Inputs too big to commit (a 20 MB file, 100,000 list items, deep nesting) and symbolic
links are made by tests/test_invalid_sites.py at test time; their folders hold only
the shared site and expected.txt.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

SITE = "title: Invalid Case\nbase_url: /\nlanguage: en\n"

MUSCLES = """\
groups:
  - id: back-extensors
    name: Spine and back extensors
    region: core
    description: Muscles along the spine.
  - id: thighs
    name: Thighs
    region: lower
    description: Front and back of the thigh.
muscles:
  - id: thoracic-erector-spinae
    name: Thoracic erector spinae
    group: back-extensors
    view: back
    aliases: [thoracic erector spinal muscles, mid back]
    description: Upright muscles of the upper back.
  - id: rhomboids
    name: Rhomboids
    group: back-extensors
    view: back
    aliases: [mid back]
    description: Between the shoulder blades.
  - id: quadriceps
    name: Quadriceps
    group: thighs
    view: front
    aliases: [quads]
    description: Front of the thigh.
  - id: hamstrings
    name: Hamstrings
    group: thighs
    view: back
    description: Back of the thigh.
"""

CATEGORIES = """\
- id: recovery-stretches
  name: Recovery Stretches
  aliases: [stretches]
  description: Gentle work after training.
- id: stretching
  name: Stretching
  aliases: [stretches]
  description: Longer holds for range of motion.
- id: strength
  name: Strength
  description: Build force.
"""

EQUIPMENT = """\
- id: none
  name: No equipment
  description: Bodyweight only.
- id: foam-roller
  name: Foam roller
  aliases: [roller]
  description: A firm foam cylinder.
- id: massage-ball
  name: Massage ball
  aliases: [roller]
  description: A small firm ball.
"""

SQUAT = """\
---
title: Squat
category: strength
targets: [quadriceps]
equipment: [none]
key_points: [Knees track over toes]
---
Sit back and down, then stand.

## How to do it

Push the floor away.
"""

ROLLER_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>\n'


def fm(*lines: str, body: str = "Body text.\n") -> str:
    """An exercise .md file from front-matter lines."""
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n" + body


# The fields every valid exercise needs; cases swap one out to break it.
OK = ("title: Plank", "category: strength", "targets: [quadriceps]", "key_points: [Brace]")


def ok(*changes: str, drop: tuple[str, ...] = (), body: str = "Body text.\n") -> str:
    """A valid exercise with fields replaced (same key), added, or dropped."""
    out, extra = [], list(changes)
    for line in OK:
        key = line.split(":", 1)[0]
        if key in drop:
            continue
        swap = [c for c in extra if c.split(":", 1)[0] == key]
        out.append(swap[0] if swap else line)
        if swap:
            extra.remove(swap[0])
    return fm(*out, *extra, body=body)


# name -> {"files": {relative path: text, bytes, or None to leave a shared file out}, "args": [...]}
CASES: dict[str, dict] = {}


def case(name: str, files: dict, args: tuple[str, ...] = ()) -> None:
    CASES[name] = {"files": files, "args": list(args)}


E = "content/exercises/"

# --- YAML syntax ---------------------------------------------------------------------
case("yaml-tab-indent", {E + "plank.md": "---\ntitle: Plank\ncategory: strength\ntargets:\n\t- quadriceps\n"
                                         "key_points: [Brace]\n---\n"})
case("yaml-tab-in-yaml-file", {E + "plank.yaml": "title: Plank\ncategory: strength\ntargets: [quadriceps]\n"
                                                 "key_points:\n\t- Brace\n"})
case("yaml-unclosed-quote", {E + "plank.md": ok('title: "Plank')})
case("yaml-unclosed-single-quote", {E + "plank.yaml": "title: 'Plank\ncategory: strength\n"})
case("yaml-unclosed-bracket", {E + "plank.md": ok("targets: [quadriceps, hamstrings")})
case("yaml-bad-indentation", {E + "plank.md": "---\ntitle: Plank\ncategory: strength\ntargets: [quadriceps]\n"
                                              "key_points:\n  - Brace\n - Breathe\n---\n"})
case("yaml-colon-in-value", {E + "plank.md": ok("title: Plank: the full version")})
case("yaml-duplicate-key", {E + "plank.md": fm(*OK, "title: Front Plank")})
case("yaml-python-tag", {E + "plank.md": ok("author: !!python/object/apply:os.system [echo hacked]")})
case("yaml-nested-too-deep", {E + "plank.md": ok("tags: " + "[" * 40 + "deep" + "]" * 40)})
case("yaml-line-without-colon", {E + "plank.md": fm(*OK, "Hold the position for thirty seconds.")})
case("yaml-duplicate-nested-key", {E + "plank.md": ok("dose:\n  reps: 3\n  reps: 5")})
case("yaml-alias-bomb", {E + "plank.md": fm(
    "title: Plank", "category: strength", "targets: [quadriceps]", "key_points: [Brace]",
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]", "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]", "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]", "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]")})
case("yaml-merge-key", {E + "plank.md": ok("dose: {<<: {reps: 3}}")})
case("yaml-error-in-taxonomy", {"content/categories.yaml": CATEGORIES.replace("  name: Strength",
                                                                               "  name: 'Strength")})

# --- front matter fences and empty files ------------------------------------------
case("front-matter-not-closed", {E + "plank.md": "---\ntitle: Plank\ncategory: strength\n"
                                                 "targets: [quadriceps]\nkey_points: [Brace]\n\nBody text.\n"})
case("front-matter-missing", {E + "plank.md": "# Plank\n\nBody text only.\n"})
case("empty-md-file", {E + "plank.md": ""})
case("empty-yaml-file", {E + "plank.yaml": "\n"})
case("only-front-matter-fences", {E + "plank.md": "---\n---\n"})
case("front-matter-not-a-mapping", {E + "plank.md": "---\n- title\n- Plank\n---\nBody.\n"})

# --- wrong types, unknown and missing fields ---------------------------------------
case("wrong-type-every-field", {E + "plank.md": fm(
    "title: [Plank]", "slug: 42", "category: 7", "targets: {quadriceps: yes}", "secondary: 3",
    "equipment: {none: true}", "level: 2", "key_points: {first: Brace}", "dose: 3 sets",
    "per_side: sometimes", "images: plank.svg", "aliases: {a: b}", "variations: [squat]", "related: 5",
    "cautions: {a: b}", "tags: true", "draft: maybe", "updated: yesterday", "author: [Ann, Bob]",
    "license: 4", "source_url: plank.html")})
case("wrong-type-yaml-body", {E + "plank.yaml": "title: Plank\ncategory: strength\ntargets: [quadriceps]\n"
                                                "key_points: [Brace]\nbody: [not, prose]\n"})
case("wrong-type-dose-parts", {E + "plank.md": ok("dose:\n  reps: [8, 12]\n  sets: true\n  hold: {sec: 30}")})
case("wrong-type-image-entries", {E + "plank.md": ok("images:\n  - plank.svg\n  - src: roller.svg\n  - 7")})
case("missing-required-fields", {E + "plank.md": fm("slug: plank", "level: beginner")})
case("empty-required-fields", {E + "plank.md": ok('title: ""', "targets: []", "key_points: []")})
case("unknown-fields", {E + "plank.md": ok("titel: Front Plank", "target: [hamstrings]", "keypoints: [x]",
                                           "body: Prose goes below the front matter.")})
case("unknown-nested-fields", {E + "plank.md": ok("dose: {rep: 3, duraton: 30 sec}",
                                                  "images:\n  - src: roller.svg\n    alt: A roller\n"
                                                  "    captoin: Under the back",
                                                  "variations: {easy: [squat], harder: [squat]}")})
case("level-not-allowed", {E + "plank.md": ok("level: beginer")})
case("date-out-of-range", {E + "plank.md": ok("updated: 2026-13-45")})
case("bad-slug", {E + "plank.md": ok("slug: Front Plank!")})
case("bad-file-name", {E + "Front Plank.md": ok()})
case("text-too-long", {E + "plank.md": ok("title: " + "A" * 2100)})

# --- vocabularies -------------------------------------------------------------------
case("unknown-muscle", {E + "plank.md": ok("targets: [quadz]", "secondary: [hamstring, glutes]")})
case("unknown-category", {E + "plank.md": ok("category: strenght")})
case("unknown-equipment", {E + "plank.md": ok("equipment: [foam rollr, kettlebell]")})
case("ambiguous-muscle-strict", {E + "plank.md": ok("targets: [mid back]")}, args=("--strict",))
case("ambiguous-category-strict", {E + "plank.md": ok("category: stretches")}, args=("--strict",))
case("ambiguous-equipment-strict", {E + "plank.md": ok("equipment: [roller]")}, args=("--strict",))
case("two-categories", {E + "plank.md": ok("category: [strength, stretching]")})

# --- doses --------------------------------------------------------------------------
case("dose-malformed-range", {E + "plank.md": ok("dose: {duration: 30-sec-60}")})
case("dose-negative", {E + "plank.md": ok("dose: {reps: -5 reps}")})
case("dose-wrong-units", {E + "plank.md": ok("dose:\n  reps: 30 sec\n  hold: 3 hours\n  sets: 2.5\n"
                                              "  rest: 60-30 sec")})
case("dose-zero-and-huge", {E + "plank.md": ok("dose: {reps: 0, duration: 99999 min}")})

# --- slugs and references -----------------------------------------------------------
case("duplicate-slug-md-and-yaml", {E + "squat.yaml": "title: Squat again\ncategory: strength\n"
                                                      "targets: [quadriceps]\nkey_points: [Brace]\n"})
case("duplicate-slug-by-field", {E + "plank.md": ok("slug: squat")})
case("slug-with-dots", {E + "plank.md": ok("slug: ../../etc/passwd")})
case("variation-missing-exercise", {E + "plank.md": ok("variations: {easier: [wall-plank], harder: [squatt]}",
                                                       "related: [plank]")})
case("variation-not-a-slug", {E + "plank.md": ok("variations: {harder: [../squat]}",
                                                 "related: [Squat.md]")})

# --- links and images in content ----------------------------------------------------
case("link-unsafe-paths", {E + "plank.md": ok(body="See [up](../../site.yaml), [root](/etc/passwd)\n"
                                                   "and [win](C:/secret.md).\n")})
case("link-url-schemes", {E + "plank.md": ok(body="[click](javascript:alert(1)) and\n"
                                                  "[file](file:///etc/passwd) and [data](data:text/html,x).\n")})
case("link-missing-exercise", {E + "plank.md": ok(body="Try [squats](squats.md) next.\n")})
case("link-not-an-exercise-file", {E + "plank.md": ok(body="See [notes](notes.txt).\n")})
case("link-missing-anchor", {E + "plank.md": ok(body="Intro.\n\nRead [how](squat.md#how-to-do-it) and\n"
                                                     "[setup](squat.md#set-up).\n")})
case("image-missing-file", {E + "plank.md": ok("images:\n  - src: roler.svg\n    alt: A roller")})
case("image-unsafe-paths", {E + "plank.md": ok("images:\n  - src: ../../site.yaml\n    alt: a\n"
                                               "  - src: /etc/passwd\n    alt: b\n"
                                               "  - src: javascript:alert(1)\n    alt: c",
                                               body="![x](../secret.png) ![y](data:image/png;base64,AAAA)\n")})
case("image-missing-alt", {E + "plank.md": ok("images:\n  - src: roller.svg\n    alt: ''")})

# --- links found on the parsed page, reported where the body writes them -----------------
# The text id="x" (and markup shown in code) makes no anchor, so the link to #x still fails.
case("link-anchor-only-in-prose", {E + "plank.md": ok(body='Intro.\n\nThe words id="x" and name="x" are prose, '
                                                         'and so is `<h2 id="x">`.\n\n'
                                                         "```html\n<a name=\"x\"></a>\n```\n\n"
                                                         "Jump to [the part](#x).\n")})
# Each broken link on the line that holds it, though the same text appears earlier in prose or code.
case("link-broken-on-body-line", {E + "plank.md": ok(body="Raw links look like `<a href=\"nowhere.html\">`.\n\n"
                                                        "The set-up part is below (#set-up).\n\n"
                                                        "More text.\n\n"
                                                        "See <a href=\"nowhere.html\">the page</a>.\n\n"
                                                        "Read the [setup](squat.md#set-up).\n")})
case("link-broken-in-yaml-body", {E + "plank.yaml": "title: Plank\ncategory: strength\ntargets: [quadriceps]\n"
                                                    "key_points: [Brace]\nbody: |\n  First line.\n\n"
                                                    "  Then [setup](squat.md#set-up).\n"})
# What Python-Markdown keeps as placeholders (an escaped character) is quoted as the author wrote it.
case("link-with-markdown-escapes", {E + "plank.md": ok(body="Mail <coach@example.com> or read "
                                                          "[notes](my\\_notes.txt).\n")})

# --- Markdown shaped to be slow: refused before the parser, at the offending paragraph ------------
# Each took from one to over twenty seconds to convert; refused, each build takes about one.
SLOW = "Intro.\n\nA second paragraph.\n\n"  # the offending paragraph starts on line 11
case("markdown-unmatched-brackets", {E + "plank.md": ok(body=SLOW + "[" * 25_000 + "\n")})
case("markdown-nested-brackets", {E + "plank.md": ok(body=SLOW + "[" * 12_000 + "]" * 12_000 + "\n")})
case("markdown-unclosed-link-parens", {E + "plank.md": ok(body=SLOW + "[a](" * 7_000 + "\n")})
case("markdown-unclosed-tags", {E + "plank.md": ok(body=SLOW + "<b " * 9_000 + "\n")})
case("markdown-unclosed-fences", {E + "plank.md": ok(body=SLOW + "```a\n" * 5_000)})
case("markdown-crowded-paragraph", {E + "plank.md": ok(body=SLOW + "`a` " * 7_000 + "\n")})
case("markdown-split-blocks", {E + "plank.md": ok(body=SLOW + "[x]: y\na\n" * 3_000)})
case("markdown-too-many-blocks", {E + "plank.md": ok(body=SLOW + "- a\n" * 7_000)})
case("markdown-placeholder-character", {E + "plank.md": ok(body=SLOW + "Odd \x02 character.\n")})

# --- media: images that are not what they say, unsafe SVG, videos -----------------------
# Binary images (a PNG named .jpg, a cut-short JPEG, a huge one) are made at test time (MAKERS).
PHOTO = "images:\n  - src: photo.jpg\n    alt: A photo"
for name in ("image-not-what-its-name-says", "image-truncated", "image-too-many-pixels", "image-file-too-big",
             "image-not-an-image"):
    case(name, {E + "plank.md": ok(PHOTO)})
case("image-names-collide", {E + "plank.md": ok("images:\n  - src: photo.jpg\n    alt: A photo\n"
                                                "  - src: photo.png\n    alt: The same, as PNG")})
case("image-unsupported-type", {E + "plank.md": ok("images:\n  - src: scan.bmp\n    alt: A scan\n"
                                                   "  - src: photo.heic\n    alt: A photo"),
                                "content/images/scan.bmp": b"BM" + b"\0" * 60,
                                "content/images/photo.heic": b"\0\0\0\x18ftypheic" + b"\0" * 20})
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
case("svg-unsafe", {E + "plank.md": ok("images:\n" + "".join(
    f"  - src: {n}.svg\n    alt: {n}\n" for n in ("script", "onload", "link", "foreign", "style", "entity")).rstrip()),
    "content/images/script.svg": SVG_OPEN + "\n<script>alert(document.cookie)</script>\n</svg>\n",
    "content/images/onload.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">'
                                 "\n<rect width=\"5\" height=\"5\"/>\n</svg>\n",
    "content/images/link.svg": SVG_OPEN + '\n<use href="https://evil.example/sprite.svg#x"/>\n</svg>\n',
    "content/images/foreign.svg": SVG_OPEN + "\n<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div>"
                                  "</foreignObject>\n</svg>\n",
    "content/images/style.svg": SVG_OPEN + "\n<style>@import url(https://evil.example/x.css);</style>\n</svg>\n",
    "content/images/entity.svg": '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY lol "lol">]>\n' + SVG_OPEN
                                 + "<text>&lol;</text></svg>\n"})
case("video-unplayable", {E + "plank.md": ok("video: clip.mov"), "content/videos/clip.mov": b"\0\0\0\x14ftypqt  "})
case("video-not-what-its-name-says", {E + "plank.md": ok("video:\n  src: clip.mp4\n  poster: roller.svg"),
                                      "content/videos/clip.mp4": b"\x1a\x45\xdf\xa3" + b"\0" * 28})
case("video-host-not-embedded", {E + "plank.md": ok("video: https://www.dailymotion.com/video/x8abc"),
                                 E + "row.md": "---\ntitle: Row\ncategory: strength\ntargets: [rhomboids]\n"
                                               "key_points: [Pull]\nvideo:\n  src: https://youtube.com/watch?v=nope\n"
                                               "  caption: How to row\n---\n"})
case("video-missing-file", {E + "plank.md": ok("video:\n  src: plank.mp4\n  poster: plank.jpg")})

# --- bytes --------------------------------------------------------------------------
case("not-utf8", {E + "plank.md": ok("author: Jos\xe9").encode("latin-1")})
case("nul-byte", {E + "plank.md": ok("author: A\x00B").encode()})

# --- taxonomy and settings files ----------------------------------------------------
case("taxonomy-file-missing", {"content/equipment.yaml": None})
case("taxonomy-bad-entries", {"content/muscles.yaml": MUSCLES.replace("group: thighs\n    view: back",
                                                                      "group: legs\n    view: side")
                              .replace("  - id: rhomboids", "  - id: quadriceps")})
case("settings-invalid", {"site.yaml": "title: Invalid Case\nbase_url: /my repo/\nsite_url: example.org\n"
                                       "langauge: en\nallow_raw_html: yes please\n"})
case("settings-page-size", {"site.yaml": "title: Invalid Case\npage_size: 0\n"})

# --- demos: the joints, props and views come from exguide/content/demo_terms.py --------
DEMO_OK = "    - {hip: 90, knee: 90}\n    - {hip: 100, knee: 100}"
case("demo-unknown-view", {E + "plank.md": ok("demo:\n  view: sdie\n  frames:\n" + DEMO_OK)})
case("demo-unknown-joint", {E + "plank.md": ok("demo:\n  frames:\n    - {hip: 90, kne: 90}\n"
                                               "    - {left_elbw: 30, middle_knee: 10}")})
case("demo-unknown-prop", {E + "plank.md": ok("demo:\n  props: [foam-rollr@upper-back, kettlebel]\n  frames:\n"
                                              + DEMO_OK)})
case("demo-unknown-body-part", {E + "plank.md": ok("demo:\n  props: [foam-roller@upper-bak, dumbbell@left_hnd]\n"
                                                   "  frames:\n" + DEMO_OK)})
case("demo-angle-out-of-range", {E + "plank.md": ok("demo:\n  frames:\n    - {knee: -20, elbow: 200}\n"
                                                    "    - {trunk: 170, ankle: 60}")})
case("demo-frame-count", {E + "plank.md": ok("demo:\n  frames:\n    - {hip: 90}"),
                          E + "squat.md": SQUAT.replace("---\nSit", "demo:\n  frames:\n" + "".join(
                              f"    - {{knee: {k}}}\n" for k in (0, 30, 60, 90, 120)) + "---\nSit")})
case("demo-through-the-floor", {E + "plank.md": ok("demo:\n  props: [foam-roller@upper-back]\n  frames:\n"
                                                   "    - {trunk: -80, hip: 60, knee: 100, ankle: -20}\n"
                                                   "    - {trunk: 0, hip: 0, knee: 0, ankle: 0}")})
case("demo-wrong-types", {E + "plank.md": ok("demo:\n  tempo: fast\n  speed: 2\n  props: [{prop: box, hieght: 30}]\n"
                                             "  frames:\n    - {knee: bent, air: -5}\n"
                                             "    - {hip: 90, props: bench@hips}")})

# --- big inputs and symbolic links: made by tests/test_invalid_sites.py at test time ----------
for name in ("huge-file-20mb", "list-100000-items", "deeply-nested-markdown"):
    case(name, {})
STOLEN = fm(*OK, body="Text from outside the content folder.\n")
SECRET = ok("images:\n  - src: secret.svg\n    alt: A secret", body="Also ![inline](secret.svg).\n")
case("symlink-out-of-content", {"outside/stolen.md": STOLEN})
case("symlinked-folder-out-of-content", {"outside/more/stolen.md": STOLEN})
case("symlinked-image-out-of-content", {"outside/secret.svg": ROLLER_SVG, E + "plank.md": SECRET})
case("symlinked-images-folder-out-of-content", {"outside/pictures/secret.svg": ROLLER_SVG, E + "plank.md": SECRET})
case("symlinked-taxonomy-out-of-content", {"outside/muscles.yaml": MUSCLES, "content/muscles.yaml": None})

# --- templates: built in-process with a copy of templates/ and these files laid over it -----
case("template-syntax-error", {"templates/404.html": '{% extends "base.html" %}\n{% block content %}\n'
                               "<h1>Not found</h1>\n{% if page.title %}\n<p>No such page.</p>\n"
                               "{% endblock %}\n"})
case("template-undefined-variable", {"templates/404.html": '{% extends "base.html" %}\n'
                                     "{% block content %}\n<h1>{{ page.heading }}</h1>\n{% endblock %}\n"})
case("template-missing", {"templates-remove.txt": "404.html\n"})


# --- routines -------------------------------------------------------------------------
R = "content/routines/"


def routine(*lines: str, steps: str = "steps:\n  - exercise: squat\n    reps: 10\n", body: str = "Why.\n") -> str:
    """A routine .md file: the given front-matter lines, then its steps."""
    return "---\n" + "".join(line + "\n" for line in lines) + steps + "---\n" + body


ROUTINE = ("title: Leg Day", "summary: Squats and more.", "goal: strength")
case("routine-unknown-exercise", {R + "legs.md": routine(*ROUTINE, steps="steps:\n  - exercise: squats\n"
                                                                          "  - exercise: front plank\n")})
case("routine-bad-dose", {R + "legs.md": routine(*ROUTINE, "rest_between: 15 minutes later",
                                                 steps="steps:\n  - exercise: squat\n    reps: 8 sec\n"
                                                       "    hold: -5\n    per_side: sometimes\n")})
case("routine-empty-steps", {R + "legs.md": routine(*ROUTINE, steps="steps: []\n"),
                             R + "none.md": routine("title: No Steps", "summary: Nothing.", "goal: mobility",
                                                    steps="")})
case("routine-unknown-goal", {R + "legs.md": routine("title: Leg Day", "summary: Squats.", "goal: strenght",
                                                     "level: expert", "rounds: 0")})
case("routine-draft-step", {E + "plank.md": ok("draft: true"),
                            R + "legs.md": routine(*ROUTINE, steps="steps:\n  - exercise: squat\n"
                                                                   "  - exercise: Plank\n")})
case("routine-unknown-fields", {R + "legs.md": routine(*ROUTINE, "durations: 10 min",
                                                       steps="steps:\n  - exercise: squat\n    rep: 10\n"
                                                             "  - 42\n")})


def base_files() -> dict:
    return {"site.yaml": SITE, "content/muscles.yaml": MUSCLES, "content/categories.yaml": CATEGORIES,
            "content/equipment.yaml": EQUIPMENT, "content/exercises/squat.md": SQUAT,
            "content/images/roller.svg": ROLLER_SVG}


def case_files(spec: dict) -> dict[str, bytes]:
    """Every input file of a case (expected.txt aside), as bytes."""
    files = base_files() | spec["files"]
    out = {rel: data if isinstance(data, bytes) else data.encode("utf-8")
           for rel, data in files.items() if data is not None}
    if spec["args"]:
        out["args.txt"] = (" ".join(spec["args"]) + "\n").encode()
    return out


def write_case(folder: Path, spec: dict) -> None:
    """Write one case folder from scratch, keeping its expected.txt (the reviewed messages)."""
    keep = (folder / "expected.txt").read_bytes() if (folder / "expected.txt").exists() else None
    if folder.exists():
        shutil.rmtree(folder)
    for rel, data in case_files(spec).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    if keep is not None:
        (folder / "expected.txt").write_bytes(keep)


def check() -> list[str]:
    """Differences between the committed folders and what this script writes."""
    problems = []
    folders = {p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    problems += [f"{name}: folder has no case in generate.py" for name in sorted(folders - set(CASES))]
    for name, spec in sorted(CASES.items()):
        folder = HERE / name
        want = case_files(spec)
        have = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
                if p.is_file() and p.name != "expected.txt"} if folder.is_dir() else {}
        if want != have:
            problems.append(f"{name}: differs from generate.py "
                            f"({sorted(set(want) ^ set(have)) or [k for k in want if want[k] != have.get(k)]})")
        if not (folder / "expected.txt").is_file():
            problems.append(f"{name}: no expected.txt")
    return problems


def show(names: list[str]) -> None:
    """Build each committed case as the test does and print its stderr (generated inputs aside)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            folder = HERE / name
            args = (folder / "args.txt").read_text().split() if (folder / "args.txt").exists() else []
            done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--content", "content", "--config",
                                   "site.yaml", "--output", str(Path(tmp) / "out"), "--no-search", *args],
                                  cwd=folder, capture_output=True, text=True, timeout=60)
            print(f"=== {name} (exit {done.returncode})\n{done.stderr}", end="")


def main(argv: list[str]) -> int:
    if "--check" in argv:
        problems = check()
        print("\n".join(problems) or f"{len(CASES)} cases match generate.py")
        return 1 if problems else 0
    if "--show" in argv:
        show([a for a in argv if not a.startswith("--")] or sorted(CASES))
        return 0
    for name, spec in CASES.items():
        write_case(HERE / name, spec)
    print(f"wrote {len(CASES)} cases into {HERE.relative_to(ROOT)}; review, then record messages with\n"
          "  EXGUIDE_BLESS=1 .venv/bin/python -m pytest tests/test_invalid_sites.py")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
