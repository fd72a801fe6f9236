"""Reader features in a real browser: body map, muscle figure, timer, print card, offline reading.

The shipped site is served at / and under /some-repo/; the timer and the update/dev-server checks use a
small site of our own, so their numbers never change with the content.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from exguide.content.exercises import validate_exercise
from exguide.content.sources import discover_exercises, read_source
from exguide.content.taxonomy import load_taxonomy
from tests.support.server import serve
from tests.support.sites import ROOT, SITES, build_site
from tests.support.browser import wait_in_page

T0 = dt.datetime(2026, 1, 5, 8, 0, 0)


# --- the content model, to compare pages with ----------------------------------------------------
@pytest.fixture(scope="module")
def model():
    """(taxonomy, published exercises by slug) of the shipped content."""
    content = ROOT / "content"
    taxonomy, _ = load_taxonomy(content)
    paths, _ = discover_exercises(content)
    exercises = {}
    for path in paths:
        exercise, _ = validate_exercise(read_source(path), taxonomy,
                                        path.relative_to(content / "exercises").as_posix())
        if exercise is not None and not exercise.draft:
            exercises[exercise.slug] = exercise
    return taxonomy, exercises


class _FigureReader(HTMLParser):
    """The muscle figure's <use>s (what each draws: a view, a muscle, or what comes over one) and the
    JSON-LD block of one exercise page."""

    def __init__(self):
        super().__init__()
        self.target, self.secondary, self.again, self.views, self.sprites = set(), set(), set(), [], set()
        self.jsonld, self._in_ld, self._in_figure = [], False, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure":
            self._in_figure = a.get("class") == "muscle-figure"
        if tag == "use" and self._in_figure:  # (a demo drawing has <use>s of its own)
            sprite, _, ref = a["href"].partition("#")
            self.sprites.add(sprite)
            kind, _, muscle = ref.partition("-")
            if not muscle:
                self.views.append(ref)
            elif kind == "a":
                self.again.add(muscle)
            else:
                {"is-target": self.target, "is-secondary": self.secondary}[a["class"]].add(muscle)
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False
        if tag == "figure":
            self._in_figure = False


def test_every_exercise_figure_highlights_exactly_its_targets_and_secondaries(site_root, model):
    taxonomy, exercises = model
    assert len(exercises) >= 13
    (sprite_path,) = (site_root / "figures").glob("body-*.svg")
    sprite = sprite_path.read_text(encoding="utf-8")
    # the sprite draws every muscle of the taxonomy, each by itself, for pages to highlight
    assert {m for m in re.findall(r'<path id="m-([^"]+)"', sprite)} == set(taxonomy.muscles)
    for slug, exercise in exercises.items():
        reader = _FigureReader()
        reader.feed((site_root / "exercises" / slug / "index.html").read_text(encoding="utf-8"))
        targets, secondary = set(exercise.targets), set(exercise.secondary) - set(exercise.targets)
        assert reader.views == ["front", "back"], slug
        assert reader.sprites == {"/figures/" + sprite_path.name}, slug
        assert reader.target == targets, slug
        assert reader.secondary == secondary, slug
        assert reader.again <= targets | secondary, slug  # only what a highlight is drawn under
        # the structured data says the same, and parses
        (ld,) = reader.jsonld
        data = json.loads(ld)
        assert data["name"] == exercise.title
        assert {m["name"] for m in data["associatedAnatomy"]} == {taxonomy.muscles[m].name
                                                                  for m in targets | secondary}


# The colour the figure shows at a muscle's own spot: the <use>s draw from a separate file (the sprite),
# so what is checked is the rendered pixels, not the markup.
PIXEL_AT = """async ([muscle, point]) => {
  const svg = [...document.querySelectorAll('.muscle-figure svg')].find(s =>
    [...s.querySelectorAll('use')].some(u => u.getAttribute('href').endsWith('#' + point.view)));
  const box = svg.getBoundingClientRect();
  return {x: box.left + point.x * box.width / 200, y: box.top + point.y * box.height / 440};
}"""


def _pixel(page, shape) -> tuple[int, int, int]:
    """The colour on screen at the centre of ``shape``'s drawn outline (figure units to CSS pixels)."""
    from PIL import Image
    import io

    where = page.evaluate(PIXEL_AT, [shape.muscle.id, {"view": shape.view, "x": shape.anchor[0],
                                                       "y": shape.anchor[1]}])
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    return shot.getpixel((round(where["x"]), round(where["y"])))


def _css_colour(page, name: str) -> tuple[int, int, int]:
    """A custom property of the stylesheet as (r, g, b)."""
    rgb = page.evaluate("""name => { const probe = document.createElement('i'); probe.style.color = 'var(' + name + ')';
      document.body.append(probe); const c = getComputedStyle(probe).color; probe.remove(); return c; }""", name)
    return tuple(int(v) for v in re.findall(r"\d+", rgb)[:3])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figure_colours_tell_targets_secondaries_and_the_rest_apart(browser, served, model, scheme):
    from exguide.site.figure import build_figure

    base, _ = served
    taxonomy, exercises = model
    slug = next(s for s, e in sorted(exercises.items()) if e.secondary and e.targets)
    exercise = exercises[slug]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{base}exercises/{slug}/")
        page.locator(".muscle-figure").scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        shapes = {s.muscle.id: s for v in build_figure(list(taxonomy.muscles.values())).views for s in v.shapes}
        target = shapes[exercise.targets[0]]
        secondary = shapes[next(m for m in exercise.secondary if m not in exercise.targets)]
        plain = shapes[next(m for m in shapes if m not in exercise.targets + exercise.secondary
                            and shapes[m].view == target.view)]
        seen = {name: _pixel(page, shape) for name, shape in
                (("target", target), ("secondary", secondary), ("plain", plain))}
        expected = {"target": _css_colour(page, "--fig-target"), "secondary": _css_colour(page, "--fig-secondary"),
                    "plain": _css_colour(page, "--fig-muscle")}

        def near(a, b):
            return max(abs(x - y) for x, y in zip(a, b)) <= 6

        assert all(near(seen[k], expected[k]) for k in seen), (seen, expected)  # the sprite loaded, colours reach in
        assert len({seen["target"], seen["secondary"], seen["plain"]}) == 3
        legend = page.locator(".muscle-legend")
        for muscle_id in exercise.targets:
            expect(legend.locator(f'a[href$="/muscles/{muscle_id}/"]')).to_be_visible()
        # the accessible name still lists what is highlighted
        label = page.locator(".muscle-figure svg").nth(0 if target.view == "front" else 1).get_attribute("aria-label")
        assert taxonomy.muscles[target.muscle.id].name in label
    finally:
        context.close()


# --- body map ----------------------------------------------------------------------------------
ANCHORS = """svg => [...svg.querySelectorAll('a.map-muscle')].map(a => {
  const end = a.querySelector('.leader').getAttribute('d').split('L').pop().split(' ').map(Number);
  const p = svg.createSVGPoint(); p.x = end[0]; p.y = end[1];
  const q = p.matrixTransform(svg.getScreenCTM());
  const hit = document.elementFromPoint(q.x, q.y);
  const label = a.querySelector('rect').getBoundingClientRect();
  const text = a.querySelector('text').getBoundingClientRect();
  return {id: a.dataset.muscle, x: q.x, y: q.y, hit: hit && hit.closest('a') === a, name: a.textContent.trim(),
          labelHeight: label.height, fits: text.left >= label.left && text.right <= label.right
          && text.top >= label.top && text.bottom <= label.bottom};
})"""


@pytest.mark.parametrize("path", ["", "muscles/"])
def test_every_muscle_on_the_body_map_is_a_tappable_labelled_link(page, served, model, path):
    base, _ = served
    taxonomy, _ = model
    page.goto(base + path)
    seen = {}
    for view in ("front", "back"):
        svg = page.locator(f".body-map-{view} svg")
        svg.scroll_into_view_if_needed()
        for spot in svg.evaluate(ANCHORS):
            seen[spot["id"]] = spot
            assert spot["hit"], f"{spot['id']}: its shape is hidden under another at its label's pointer"
            assert spot["fits"], f"{spot['id']}: the name spills out of its label"
            assert spot["labelHeight"] >= 24, f"{spot['id']}: label too small to tap on a phone"
            assert spot["name"] == taxonomy.muscles[spot["id"]].name
    assert set(seen) == set(taxonomy.muscles)
    body_map = page.locator(".body-map")
    for muscle_id in seen:
        link = body_map.get_by_role("link", name=taxonomy.muscles[muscle_id].name, exact=True)
        expect(link).to_have_attribute("href", f"{urls_base(base)}muscles/{muscle_id}/")


def urls_base(base: str) -> str:
    """The base path of a served URL: '/' or '/some-repo/'."""
    return "/" + base.split("/", 3)[3]


def test_clicking_a_muscle_shape_opens_its_page(page, served, model):
    base, _ = served
    taxonomy, _ = model
    page.goto(base)
    svg = page.locator(".body-map-back svg")
    svg.scroll_into_view_if_needed()
    spot = next(s for s in svg.evaluate(ANCHORS) if s["id"] == "hamstrings")
    page.mouse.click(spot["x"], spot["y"])
    expect(page).to_have_url(f"{base}muscles/hamstrings/")
    expect(page.locator("h1")).to_have_text(taxonomy.muscles["hamstrings"].name)


def test_body_map_lights_up_on_hover_and_keyboard_focus(page, served):
    base, _ = served
    page.goto(base)
    link = page.locator('.body-map a[data-muscle="quadriceps"]')
    shape = link.locator(".m")
    resting = shape.evaluate("e => getComputedStyle(e).fill")
    link.locator("rect").hover()
    expect(shape).not_to_have_css("fill", resting)
    page.mouse.move(0, 0)
    expect(shape).to_have_css("fill", resting)
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # arrive by keyboard so :focus-visible applies
    expect(link).to_be_focused()
    expect(shape).not_to_have_css("fill", resting)
    expect(link.locator("rect")).to_have_css("stroke-width", "3px")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}muscles/quadriceps/")


def test_body_map_and_dose_work_without_javascript(browser, served):
    base, _ = served
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base)
        page.locator('.body-map a[data-muscle="gastrocnemius"] rect').click()
        expect(page).to_have_url(f"{base}muscles/gastrocnemius/")
        page.goto(f"{base}exercises/plank/")
        expect(page.locator(".dose")).to_contain_text("Sets:")
        expect(page.locator("#timer")).to_be_hidden()
        expect(page.locator(".muscle-figure")).to_be_visible()
    finally:
        context.close()


# --- a small site of our own, for exact timer numbers and for changing files -----------------------
STRETCH = """---
title: Side Hold
category: recovery-stretches
targets: [hamstrings]
key_points: [Hold still]
dose: {reps: 2, hold: 20-40 sec}
per_side: true
---
Hold it on one side, then the other.
"""
CIRCUIT = """---
title: Circuit
category: strength
targets: [quads]
key_points: [Keep going]
dose: {sets: 2, duration: 30 sec, rest: 15 sec}
---
Work, rest, work.
"""
COUNTS = """---
title: Counted
category: strength
targets: [quads]
key_points: [Count them]
dose: {sets: 3, reps: 8-12}
---
No timer here.
"""


@pytest.fixture(scope="module")
def own_site(tmp_path_factory):
    """Our small site, built at / and served on 127.0.0.1; yields (base URL, site dir)."""
    root = tmp_path_factory.mktemp("reader")
    content = root / "content"
    shutil.copytree(SITES / "basic" / "content", content)
    for name, text in (("side-hold.md", STRETCH), ("circuit.md", CIRCUIT), ("counted.md", COUNTS)):
        (content / "exercises" / name).write_text(text, encoding="utf-8")
    out = root / "output"
    build_site(out, "--base-url", "/", content=content)
    with serve(out, "/") as url:
        yield url, out


def open_timer(page, url: str):
    """The page with a fake clock (paused) and a recorder for vibrations."""
    page.clock.install(time=T0)
    page.add_init_script("window.__buzz = []; navigator.vibrate = p => { window.__buzz.push(p); return true; };")
    page.goto(url)
    page.clock.pause_at(T0 + dt.timedelta(seconds=10))
    timer = page.locator("#timer")
    expect(timer).to_be_visible()
    return timer


def test_timer_counts_pauses_switches_sides_and_resets(page, own_site):
    base, _ = own_site
    timer = open_timer(page, base + "exercises/side-hold/")
    clock, phase, step = page.locator("#timer-clock"), page.locator("#timer-phase"), page.locator("#timer-step")
    toggle = timer.get_by_role("button", name=re.compile("Start|Pause|Resume"))
    expect(clock).to_have_text("0:20")  # the dose's lower bound
    expect(phase).to_have_text("Ready")
    expect(page.locator("#timer-plan")).to_have_text("2 reps × 0:20 each side · 1:35 in all")

    toggle.click()
    expect(phase).to_have_text("First side")
    expect(step).to_have_text("Rep 1 of 2")
    expect(toggle).to_have_text("Pause")
    page.clock.run_for(5000)
    expect(clock).to_have_text("0:15")

    toggle.click()
    expect(toggle).to_have_text("Resume")
    page.clock.run_for(30_000)
    expect(clock).to_have_text("0:15")  # paused time does not count

    toggle.click()
    page.clock.run_for(16_000)
    expect(phase).to_have_text("Switch sides")
    expect(clock).to_have_text("0:04")
    expect(page.locator("#timer-announce")).to_contain_text("Switch sides")
    assert page.evaluate("window.__buzz") == [120]

    page.clock.run_for(5000)
    expect(phase).to_have_text("Second side")
    expect(clock).to_have_text("0:19")

    # a tab in the background gets almost no timer callbacks; the time shown must still be right
    page.clock.fast_forward(10_000)
    expect(clock).to_have_text("0:09")

    page.clock.run_for(60_000)
    expect(phase).to_have_text("Done")
    expect(clock).to_have_text("0:00")
    assert page.evaluate("window.__buzz")[-1] == [250, 120, 250]
    expect(toggle).to_have_text("Start")

    timer.get_by_role("button", name="Reset").click()
    expect(phase).to_have_text("Ready")
    expect(clock).to_have_text("0:20")


def test_timer_time_can_be_chosen_within_the_dose_range(page, own_site):
    base, _ = own_site
    open_timer(page, base + "exercises/side-hold/")
    length = page.get_by_label("Hold")
    expect(length).to_have_attribute("min", "20")
    expect(length).to_have_attribute("max", "40")
    length.fill("40")
    expect(page.locator("#timer-clock")).to_have_text("0:40")
    expect(page.locator("#timer-plan")).to_have_text("2 reps × 0:40 each side · 2:55 in all")
    length.fill("35")
    expect(page.locator("#timer-clock")).to_have_text("0:35")


def test_timer_rests_between_sets(page, own_site):
    base, _ = own_site
    timer = open_timer(page, base + "exercises/circuit/")
    clock, phase, step = page.locator("#timer-clock"), page.locator("#timer-phase"), page.locator("#timer-step")
    expect(page.locator("#timer-plan")).to_have_text("2 sets × 0:30, 0:15 rest between sets · 1:15 in all")
    timer.get_by_role("button", name="Start").click()
    expect(step).to_have_text("Set 1 of 2")
    page.clock.run_for(31_000)
    expect(phase).to_have_text("Rest")
    expect(step).to_have_text("Next: set 2")
    expect(clock).to_have_text("0:14")
    page.clock.run_for(15_000)
    expect(phase).to_have_text("Go")
    expect(step).to_have_text("Set 2 of 2")
    expect(clock).to_have_text("0:29")


def test_no_timer_when_the_dose_has_no_time(page, own_site):
    base, _ = own_site
    page.goto(base + "exercises/counted/")
    expect(page.locator(".dose")).to_contain_text("Reps: 8–12")
    expect(page.locator("#timer")).to_have_count(0)


def test_reduced_motion_turns_off_the_timer_bar_animation(browser, own_site):
    base, _ = own_site
    context = browser.new_context(reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(base + "exercises/circuit/")
        expect(page.locator(".timer-bar-fill")).to_have_css("transition-duration", "0s")
    finally:
        context.close()


# --- print card ---------------------------------------------------------------------------------
def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_printing_an_exercise_gives_one_clean_page(page, served, model):
    base, _ = served
    _, exercises = model
    # the longest guide is the hardest to fit on one page
    longest = max(exercises.values(), key=lambda e: len(e.body) + 60 * len(e.key_points) + 40 * len(e.cautions))
    page.goto(f"{base}exercises/{longest.slug}/")
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".site-header", "form[role=search]", "#timer", ".related", ".site-footer"):
        for element in page.locator(hidden).all():
            expect(element).to_be_hidden()
    for shown in ("h1", ".targets", ".muscle-figure", ".key-points", ".dose", ".prose"):
        expect(page.locator(shown).first).to_be_visible()
    assert pdf_pages(page.pdf(format="A4")) == 1


# --- offline --------------------------------------------------------------------------------------
# the worker controls the page, and the page itself is kept for offline reading
KEPT = """async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  return !!(reg && reg.active && reg.active.state === "activated" && navigator.serviceWorker.controller)
    && !!(await caches.match(location.href));
}"""
NO_WORKER = "async () => (await navigator.serviceWorker.getRegistrations()).length === 0"


@pytest.fixture
def fresh(browser):
    """A context of its own: service workers and caches start empty."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context
    context.close()


def test_a_visited_page_still_opens_offline(fresh, served, model):
    base, _ = served
    _, exercises = model
    slug = next(s for s in sorted(exercises) if exercises[s].dose.duration or exercises[s].dose.hold)
    page = fresh.new_page()
    page.goto(f"{base}exercises/{slug}/")
    wait_in_page(page, KEPT)
    scope = page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope")
    assert scope == base  # the worker covers the site, and only the site, under any base path

    fresh.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_have_text(exercises[slug].title)
    # the stylesheet and the timer's script came from the cache too
    expect(page.locator(".site-header")).to_have_css("border-bottom-style", "solid")
    expect(page.locator("#timer")).to_be_visible()
    # and so did the figure's sprite: a target is drawn in the target colour
    assert page.evaluate("async () => !!(await caches.match(document.querySelector('.muscle-figure use')"
                         ".getAttribute('href').split('#')[0]))")
    from exguide.site.figure import build_figure
    taxonomy = model[0]
    shapes = {s.muscle.id: s for v in build_figure(list(taxonomy.muscles.values())).views for s in v.shapes}
    page.locator(".muscle-figure").scroll_into_view_if_needed()
    seen, wanted = _pixel(page, shapes[exercises[slug].targets[0]]), _css_colour(page, "--fig-target")
    assert max(abs(a - b) for a, b in zip(seen, wanted)) <= 6, (seen, wanted)
    other = next(s for s in sorted(exercises) if s != slug)
    page.goto(f"{base}exercises/{other}/")
    expect(page.locator("h1")).to_have_text("You are offline")
    fresh.set_offline(False)
    page.goto(f"{base}exercises/{other}/")
    expect(page.locator("h1")).to_have_text(exercises[other].title)


def test_an_updated_page_is_shown_on_the_next_visit(fresh, own_site):
    base, site = own_site
    page = fresh.new_page()
    page.goto(base + "exercises/counted/")
    wait_in_page(page, KEPT)
    html = site / "exercises" / "counted" / "index.html"
    original = html.read_text(encoding="utf-8")
    try:
        stamp = html.stat().st_mtime
        html.write_text(original.replace(">Counted</h1>", ">Counted again</h1>"), encoding="utf-8")
        os.utime(html, (stamp + 2, stamp + 2))  # a deploy a moment later (Last-Modified has 1 s steps)
        page.goto(base + "exercises/counted/")
        expect(page.locator("h1")).to_have_text("Counted again")
        fresh.set_offline(True)
        page.reload()
        expect(page.locator("h1")).to_have_text("Counted again")  # the kept copy was refreshed too
    finally:
        html.write_text(original, encoding="utf-8")


def test_no_worker_under_the_dev_servers_live_reload(fresh, own_site):
    base, site = own_site
    page = fresh.new_page()
    page.goto(base)
    wait_in_page(page, KEPT)
    # the page as the dev server sends it: the livereload package adds its script to <head>
    dev = site / "dev" / "index.html"
    dev.parent.mkdir(exist_ok=True)
    injected = '<script src="/livereload.js?port=35729"></script></head>'
    dev.write_text((site / "index.html").read_text(encoding="utf-8").replace("</head>", injected, 1),
                   encoding="utf-8")
    try:
        page.goto(base + "dev/")
        wait_in_page(page, NO_WORKER)
        page.reload()
        page.wait_for_timeout(300)  # give a wrongly registering script the chance to act
        assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    finally:
        shutil.rmtree(dev.parent)
