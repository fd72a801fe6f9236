"""The routine player in a real browser, on a fake clock: start, countdowns, pause, skip, back, rests with
the next step named, sides switched, reps with Done, the summary; keyboard, live region, reload and
offline resume, reduced motion, print.

It runs a small site of our own (three short steps, built at / and under /some-repo/), so every number
below is known; the shipped routines are checked by tests/browser/test_a11y.py.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
from playwright.sync_api import expect

from tests.support.server import serve
from tests.support.sites import SITES, build_site
from tests.support.browser import wait_in_page

T0 = dt.datetime(2026, 1, 5, 8, 0, 0)
SUBPATH = "/some-repo/"

# ready 5 s · Mid-Back Release 10 s · rest 5 · Squat 8-12 reps · rest 3 · again · rest 3
# · Hamstring Stretch 6 s first side · switch 5 · 6 s second side
ROUTINE = """---
title: Player Test
summary: Three short steps to drive the player.
goal: mobility
rest_between: 5 sec
steps:
  - exercise: mid-back-release
    duration: 10 sec
  - exercise: squat
    sets: 2
    reps: 8-12
    rest: 3 sec
  - exercise: hamstring-stretch
    hold: 6 sec
    per_side: true
---
For the player tests.
"""
ROUNDS = """---
title: Two Rounds
summary: One timed step and one counted, twice.
goal: conditioning
rounds: 2
rest_between: 2 sec
steps:
  - exercise: mid-back-release
    duration: 3 sec
  - exercise: squat
    reps: 5
---
"""
HOLDS = """---
title: Holds
summary: Two holds a side.
goal: mobility
steps:
  - exercise: hamstring-stretch
    reps: 2
    hold: 4 sec
    per_side: true
---
"""

# records what the device is asked to do: buzz, and keep the screen on
DEVICE = """
window.__buzz = [];
navigator.vibrate = p => { window.__buzz.push(p); return true; };
window.__lock = [];
Object.defineProperty(navigator, "wakeLock", { configurable: true, value: { request: type => {
  window.__lock.push("request " + type);
  const lock = new EventTarget();
  lock.release = () => { window.__lock.push("release"); return Promise.resolve(); };
  return Promise.resolve(lock);
} } });
"""


@pytest.fixture(scope="module")
def player_sites(tmp_path_factory):
    """Our site built at / and under /some-repo/, both served; yields {"root"|"subpath": (url, dir)}."""
    root = tmp_path_factory.mktemp("player")
    content = root / "content"
    shutil.copytree(SITES / "basic" / "content", content)
    (content / "routines").mkdir(exist_ok=True)
    (content / "routines" / "player-test.md").write_text(ROUTINE, encoding="utf-8")
    (content / "routines" / "two-rounds.md").write_text(ROUNDS, encoding="utf-8")
    (content / "routines" / "holds.md").write_text(HOLDS, encoding="utf-8")
    sites = {}
    for name, prefix in (("root", "/"), ("subpath", SUBPATH)):
        out = root / f"output-{name}"
        build_site(out, "--base-url", prefix, "--no-search", content=content)
        sites[name] = (out, prefix)
    with serve(sites["root"][0], "/") as at_root, serve(sites["subpath"][0], SUBPATH) as under:
        yield {"root": (at_root, sites["root"][0]), "subpath": (under, sites["subpath"][0])}


@pytest.fixture(params=["root", "subpath"])
def site(request, player_sites):
    return player_sites[request.param]


@pytest.fixture
def root_site(player_sites):
    return player_sites["root"]


def open_player(page, url: str):
    """The routine page on a fake clock that moves only when told to."""
    page.clock.install(time=T0)
    page.add_init_script(DEVICE)
    page.goto(url)
    page.clock.pause_at(T0 + dt.timedelta(seconds=10))
    player = page.locator("#player")
    expect(player).to_be_visible()
    return player


class Face:
    """The player's parts, by what a reader sees."""

    def __init__(self, page):
        self.page = page
        player = page.locator("#player")
        self.player = player
        self.phase, self.title = page.locator("#player-phase"), page.locator("#player-title")
        self.clock, self.progress = page.locator("#player-clock"), page.locator("#player-progress")
        self.side, self.next = page.locator("#player-side"), page.locator("#player-next")
        self.said = page.locator("#player-announce")
        self.start = player.get_by_role("button", name="Start", exact=True)
        self.toggle = player.get_by_role("button", name=re.compile("^(Pause|Resume)$"))
        self.done = player.get_by_role("button", name="Done")
        self.skip = player.get_by_role("button", name="Skip")
        self.back = player.get_by_role("button", name="Back")
        self.summary = page.locator("#player-summary")

    def at(self, phase: str, title: str, clock: str, progress: str | None = None):
        expect(self.phase).to_have_text(phase)
        expect(self.title).to_have_text(title)
        expect(self.clock).to_have_text(clock)
        if progress is not None:
            expect(self.progress).to_have_text(progress)


def test_player_runs_a_routine_from_start_to_summary(page, site):
    base, _ = site
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    player = open_player(page, base + "routines/player-test/")
    face = Face(page)
    steps = page.locator("#steps > li")
    expect(page.locator("#player-stage")).to_be_hidden()
    face.start.click()

    face.at("Get ready", "Next: Mid-Back Release", "0:05", "Step 1 of 3")
    expect(face.said).to_have_text("Get ready, 5 seconds. First: Mid-Back Release.")
    expect(face.said).to_have_attribute("aria-live", "assertive")  # read out at once, as a whole
    expect(face.said).to_have_attribute("aria-atomic", "true")
    expect(face.clock).to_have_attribute("role", "timer")
    expect(steps.nth(0)).to_have_attribute("aria-current", "step")
    page.clock.run_for(5000)
    face.at("Work", "Mid-Back Release", "0:10", "Step 1 of 3")
    expect(face.next).to_have_text("Next: Squat")
    expect(face.said).to_have_text("Mid-Back Release: 10 seconds. Step 1 of 3.")
    expect(page.locator("#player-figure img")).to_have_attribute("src", re.compile(r"roller\.svg$"))
    expect(page.locator("#player-points li")).to_have_text(["Roller at shoulder-blade level",
                                                            "Arms crossed over the chest"])
    page.clock.run_for(3000)
    expect(face.clock).to_have_text("0:07")
    bar = page.locator("#player-bar").evaluate("e => e.style.transform")
    assert bar == "scaleX(0.3)"

    # pause: the time stops, the screen may sleep again
    face.toggle.click()
    expect(face.toggle).to_have_text("Resume")
    expect(player).to_have_attribute("data-state", "paused")
    expect(face.said).to_have_text("Paused at 0:07.")
    page.clock.run_for(30_000)
    expect(face.clock).to_have_text("0:07")
    face.toggle.click()
    expect(face.toggle).to_have_text("Pause")
    expect(face.said).to_have_text("Resumed.")
    assert page.evaluate("window.__lock") == ["request screen", "release", "request screen"]

    # the rest names what comes next, and its picture and points show already
    page.clock.run_for(7000)
    face.at("Rest", "Next: Squat", "0:05", "Step 2 of 3 · Set 1 of 2")
    expect(face.said).to_have_text("Rest, 5 seconds. Next: Squat, step 2 of 3, set 1 of 2.")
    expect(page.locator("#player-points li").first).to_have_text("Feet shoulder-width apart")
    expect(steps.nth(1)).to_have_attribute("aria-current", "step")
    expect(steps.nth(0)).not_to_have_attribute("aria-current", "step")
    expect(steps.nth(0)).to_have_class(re.compile(r"\bis-done\b"))

    # reps: shown with a Done button, and nothing counts down
    page.clock.run_for(5000)
    face.at("Work", "Squat", "8–12 reps", "Step 2 of 3 · Set 1 of 2")
    expect(face.next).to_have_text("Next: set 2 of 2")
    expect(face.said).to_have_text("Squat: 8–12 reps, then press Done. Step 2 of 3, Set 1 of 2.")
    page.clock.run_for(60_000)
    expect(face.clock).to_have_text("8–12 reps")
    face.done.click()
    face.at("Rest", "Next: Squat", "0:03", "Step 2 of 3 · Set 2 of 2")
    expect(face.done).to_be_hidden()
    expect(face.toggle).to_be_focused()  # the Done button went away; the keyboard is not lost

    # skip ends this rest now; back goes to the work before
    face.skip.click()
    face.at("Work", "Squat", "8–12 reps", "Step 2 of 3 · Set 2 of 2")
    expect(face.next).to_have_text("Next: Hamstring Stretch")
    face.back.click()
    face.at("Work", "Squat", "8–12 reps", "Step 2 of 3 · Set 1 of 2")
    face.done.click()
    page.clock.run_for(3000)
    face.at("Work", "Squat", "8–12 reps", "Step 2 of 3 · Set 2 of 2")
    face.done.click()
    face.at("Rest", "Next: Hamstring Stretch", "0:03", "Step 3 of 3")

    # per side: the first side, a switch, the second side
    page.clock.run_for(3000)
    face.at("Work", "Hamstring Stretch", "0:06", "Step 3 of 3")
    expect(face.side).to_have_text("First side")
    expect(face.next).to_have_text("Next: second side")
    page.clock.run_for(6000)
    face.at("Switch sides", "Hamstring Stretch", "0:05")
    expect(face.side).to_have_text("Next: second side")
    expect(face.said).to_have_text("Switch sides, 5 seconds.")
    page.clock.run_for(5000)
    face.at("Work", "Hamstring Stretch", "0:06")
    expect(face.side).to_have_text("Second side")
    expect(face.next).to_have_text("Last one")

    # a tab in the background gets almost no timer callbacks; the end still comes on time
    page.clock.fast_forward(10_000)
    expect(face.summary).to_be_visible()
    expect(face.summary).to_be_focused()
    expect(page.locator("#player-stage")).to_be_hidden()
    expect(page.locator("#player-summary-title")).to_have_text("Well done")
    # 8 s before the pause, then 95 s from the resume to the end of the last hold
    expect(page.locator("#player-summary-text")).to_have_text("3 of 3 steps done in 1 min 43 sec.")
    expect(face.said).to_have_text("Routine finished. 3 of 3 steps done in 1 min 43 sec.")
    expect(steps.locator("[aria-current]")).to_have_count(0)
    expect(page.locator("#steps > li.is-current")).to_have_count(0)
    expect(page.locator("#steps > li.is-done")).to_have_count(3)
    buzz = page.evaluate("window.__buzz")
    assert buzz[:3] == [120, 200, 120]  # get ready, work, rest
    assert buzz[-1] == [250, 120, 250]
    assert page.evaluate("window.__lock")[-1] == "release"

    player.get_by_role("button", name="Start again").click()
    face.at("Get ready", "Next: Mid-Back Release", "0:05", "Step 1 of 3")
    expect(page.locator("#steps > li.is-done")).to_have_count(0)
    assert problems == []  # no script error, nothing refused by the Content-Security-Policy


def test_rounds_are_counted_and_the_summary_names_what_was_skipped(page, root_site):
    base, _ = root_site
    open_player(page, base + "routines/two-rounds/")
    face = Face(page)
    face.start.click()
    page.clock.run_for(5000)
    face.at("Work", "Mid-Back Release", "0:03", "Step 1 of 2 · Round 1 of 2")
    page.clock.run_for(5000)
    face.at("Work", "Squat", "5 reps", "Step 2 of 2 · Round 1 of 2")
    expect(face.next).to_have_text("Next: Mid-Back Release (round 2)")
    face.done.click()
    face.at("Rest", "Next: Mid-Back Release", "0:02", "Step 1 of 2 · Round 2 of 2")
    page.clock.run_for(2000)
    face.skip.click()  # round 2's timed step, not done
    face.at("Rest", "Next: Squat", "0:02", "Step 2 of 2 · Round 2 of 2")
    face.skip.click()
    face.done.click()
    expect(page.locator("#player-summary-text")).to_have_text(
        "3 of 4 steps done (2 rounds) in 12 sec. Skipped: Mid-Back Release (round 2).")
    # ticked in the list: only the step done in every round
    expect(page.locator("#steps > li.is-done")).to_have_attribute("id", "step-2")


def test_a_hold_with_reps_is_held_that_many_times_with_a_relax_between(page, root_site):
    base, _ = root_site
    open_player(page, base + "routines/holds/")
    face = Face(page)
    face.start.click()
    page.clock.run_for(5000)
    face.at("Work", "Hamstring Stretch", "0:04", "Step 1 of 1 · Rep 1 of 2")
    expect(face.side).to_have_text("First side")
    expect(face.next).to_have_text("Next: second side")
    page.clock.run_for(4000 + 5000)
    face.at("Work", "Hamstring Stretch", "0:04", "Step 1 of 1 · Rep 1 of 2")
    expect(face.side).to_have_text("Second side")
    expect(face.next).to_have_text("Next: rep 2 of 2")
    page.clock.run_for(4000)
    face.at("Relax", "Hamstring Stretch", "0:03", "Step 1 of 1 · Rep 2 of 2")
    expect(face.side).to_have_text("Next: rep 2 of 2")
    expect(face.said).to_have_text("Relax, 3 seconds. Next: rep 2 of 2.")
    page.clock.run_for(3000)
    face.at("Work", "Hamstring Stretch", "0:04", "Step 1 of 1 · Rep 2 of 2")
    expect(face.side).to_have_text("First side")
    page.clock.run_for(4000 + 5000 + 4000)
    expect(page.locator("#player-summary-text")).to_have_text("1 of 1 step done in 34 sec.")


def test_the_keyboard_drives_the_player_without_taking_keys_from_fields(page, root_site):
    base, _ = root_site
    player = open_player(page, base + "routines/player-test/")
    face = Face(page)
    face.start.focus()
    page.keyboard.press("Enter")
    expect(face.phase).to_have_text("Get ready")
    expect(face.toggle).to_be_focused()

    # Space on the focused Pause button pauses once (its own click on release does not undo it)
    page.keyboard.press(" ")
    expect(player).to_have_attribute("data-state", "paused")
    page.keyboard.press(" ")
    expect(player).to_have_attribute("data-state", "running")
    page.keyboard.press("ArrowRight")
    face.at("Work", "Mid-Back Release", "0:10")
    page.keyboard.press("ArrowRight")
    face.at("Rest", "Next: Squat", "0:05")
    page.keyboard.press("ArrowLeft")
    face.at("Work", "Mid-Back Release", "0:10")

    # typing in the search box is typing, even while the player runs
    search = page.locator("#header-q")
    search.focus()
    page.keyboard.type(" a")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    expect(search).to_have_value(" a")
    expect(face.title).to_have_text("Mid-Back Release")
    expect(player).to_have_attribute("data-state", "running")

    # with the focus on nothing in particular, the keys work while it runs ...
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowRight")
    face.at("Rest", "Next: Squat", "0:05")
    page.keyboard.press(" ")
    expect(player).to_have_attribute("data-state", "paused")
    # ... but not once it is paused: then only inside the player
    page.keyboard.press(" ")
    page.keyboard.press("ArrowRight")
    expect(player).to_have_attribute("data-state", "paused")
    expect(face.phase).to_have_text("Rest")

    face.toggle.focus()
    page.keyboard.press("Escape")
    expect(face.summary).to_be_focused()
    expect(page.locator("#player-summary-title")).to_have_text("Routine ended")
    expect(page.locator("#player-summary-text")).to_have_text("0 of 3 steps done in 0 sec.")
    page.keyboard.press("Tab")
    expect(player.get_by_role("button", name="Continue")).to_be_focused()
    page.keyboard.press("Enter")
    face.at("Rest", "Next: Squat", "0:05")
    expect(face.toggle).to_have_text("Resume")
    expect(face.toggle).to_be_focused()


def test_a_reload_resumes_at_the_same_step_and_start_over_starts_fresh(page, site):
    base, _ = site
    open_player(page, base + "routines/player-test/")
    face = Face(page)
    face.start.click()
    page.clock.run_for(9000)
    face.at("Work", "Mid-Back Release", "0:06")

    page.reload()
    resume = page.get_by_role("button", name="Resume where you left off (step 1 of 3)")
    expect(resume).to_be_visible()
    expect(face.start).to_be_hidden()
    expect(page.locator("#player-stage")).to_be_hidden()
    resume.click()
    face.at("Work", "Mid-Back Release", "0:06", "Step 1 of 3")
    expect(page.locator("#player")).to_have_attribute("data-state", "running")
    expect(face.said).to_have_text("Resumed. Mid-Back Release: 10 seconds. Step 1 of 3.")
    page.clock.run_for(2000)
    expect(face.clock).to_have_text("0:04")

    face.skip.click()
    face.skip.click()
    face.done.click()
    face.at("Rest", "Next: Squat", "0:03", "Step 2 of 3 · Set 2 of 2")
    page.reload()
    page.get_by_role("button", name="Resume where you left off (step 2 of 3)").click()
    face.at("Rest", "Next: Squat", "0:03", "Step 2 of 3 · Set 2 of 2")
    expect(page.locator("#steps > li").nth(1)).to_have_attribute("aria-current", "step")

    page.reload()
    page.get_by_role("button", name="Start over").click()
    face.at("Get ready", "Next: Mid-Back Release", "0:05", "Step 1 of 3")

    # the end forgets the progress: the next visit starts at the beginning
    page.locator("#player").get_by_role("button", name="End routine").click()
    page.reload()
    expect(face.start).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Resume where"))).to_be_hidden()


def test_a_changed_routine_starts_fresh(page, root_site):
    base, out = root_site
    open_player(page, base + "routines/player-test/")
    face = Face(page)
    face.start.click()
    page.clock.run_for(9000)
    assert page.evaluate("Object.keys(localStorage)") == ["exguide-player:/routines/player-test/"]
    html = out / "routines" / "player-test" / "index.html"
    original = html.read_text(encoding="utf-8")
    assert '"seconds":10,' in original
    try:
        html.write_text(original.replace('"seconds":10,', '"seconds":12,'), encoding="utf-8")
        page.reload()
        expect(face.start).to_be_visible()
        expect(page.get_by_role("button", name=re.compile("^Resume where"))).to_be_hidden()
        assert page.evaluate("Object.keys(localStorage)") == []
    finally:
        html.write_text(original, encoding="utf-8")


def test_a_rest_between_sets_of_its_own_is_used_between_sets(page, root_site):
    """Player data may give a step's rest between sets apart from the rest after it (set_rest)."""
    base, out = root_site
    original = (out / "routines" / "player-test" / "index.html").read_text(encoding="utf-8")
    squat = '"sets":2,"sides":1,'
    assert original.count(squat) == 1
    copy = out / "routines" / "set-rest" / "index.html"
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(original.replace(squat, '"set_rest":2,' + squat), encoding="utf-8")
    open_player(page, base + "routines/set-rest/")
    face = Face(page)
    face.start.click()
    face.skip.click()
    face.skip.click()
    face.skip.click()
    face.done.click()
    face.at("Rest", "Next: Squat", "0:02", "Step 2 of 3 · Set 2 of 2")
    face.skip.click()
    face.done.click()
    face.at("Rest", "Next: Hamstring Stretch", "0:03", "Step 3 of 3")


# the worker controls the page, and the page and its pictures are kept for offline use
KEPT = """async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  const img = document.querySelector("#steps .step-picture img");
  return !!(reg && reg.active && reg.active.state === "activated" && navigator.serviceWorker.controller)
    && !!(await caches.match(location.href)) && !!(await caches.match(img.src));
}"""


def test_progress_survives_a_reload_offline(browser, root_site):
    base, _ = root_site
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base + "routines/player-test/")
        wait_in_page(page, KEPT)
        face = Face(page)
        face.start.click()
        face.skip.click()
        face.skip.click()
        face.skip.click()
        face.at("Work", "Squat", "8–12 reps", "Step 2 of 3 · Set 1 of 2")

        context.set_offline(True)
        page.reload()
        page.get_by_role("button", name="Resume where you left off (step 2 of 3)").click()
        face.at("Work", "Squat", "8–12 reps", "Step 2 of 3 · Set 1 of 2")
        face.back.click()
        face.at("Work", "Mid-Back Release", re.compile(r"0:(10|09)"))
        picture = page.locator("#player-figure img")
        expect(picture).to_be_visible()
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")  # the picture came from the cache
    finally:
        context.close()


FITS = """root => [...root.querySelectorAll("button")].filter(b => b.offsetParent).map(b => {
  const r = b.getBoundingClientRect(), box = root.getBoundingClientRect();
  return {name: b.textContent.trim(), width: r.width, height: r.height,
          inside: r.left >= box.left && r.right <= box.right, overflows: b.scrollWidth > b.clientWidth + 1};
})"""


@pytest.mark.parametrize("width", [320, 390])
def test_the_buttons_are_thumb_sized_and_fit_a_phone(browser, root_site, width):
    base, _ = root_site
    context = browser.new_context(viewport={"width": width, "height": 700}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.clock.install(time=T0)
        page.goto(base + "routines/player-test/")
        page.clock.pause_at(T0 + dt.timedelta(seconds=10))
        face = Face(page)
        face.start.click()
        face.toggle.click()  # "Resume" is the widest word on the row
        expect(face.toggle).to_have_text("Resume")
        for state, count in (("paused", 4), ("reps", 5)):  # Back, Resume, Skip, End routine; then Done
            if state == "reps":
                face.skip.click()
                face.skip.click()
                face.skip.click()
                expect(face.done).to_be_visible()
            buttons = page.locator("#player").evaluate(FITS)
            assert len(buttons) == count, buttons
            for b in buttons:
                assert b["inside"] and not b["overflows"], (state, b)
                assert b["height"] >= 44 and b["width"] >= 44, (state, b)
        expect(page.locator(".player-keys")).to_be_hidden()  # no key hints on a touch screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_reduced_motion_stills_the_bar(browser, root_site):
    base, _ = root_site
    for motion, duration in (("no-preference", "0.2s"), ("reduce", "0s")):
        context = browser.new_context(reduced_motion=motion)
        try:
            page = context.new_page()
            page.goto(base + "routines/player-test/")
            page.locator("#player").get_by_role("button", name="Start", exact=True).click()
            bar = page.locator("#player-bar")
            expect(bar).to_be_visible()
            expect(bar).to_have_css("transition-duration", duration)
            if motion == "reduce":
                assert bar.evaluate("e => e.getAnimations().length") == 0
        finally:
            context.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_printing_hides_the_player_and_gives_a_checkbox_per_set(page, root_site):
    base, _ = root_site
    open_player(page, base + "routines/player-test/")
    Face(page).start.click()  # a running player leaves no trace on paper
    page.emulate_media(media="print")
    expect(page.locator("#player")).to_be_hidden()
    items = page.locator("#steps > li")
    expect(items).to_have_count(3)
    for index, sets in enumerate((1, 2, 1)):
        boxes = items.nth(index).locator(".check-box")
        expect(boxes).to_have_count(sets)
        for n in range(sets):
            expect(boxes.nth(n)).to_be_visible()
    expect(items.nth(0)).to_have_css("box-shadow", "none")  # the current step's highlight stays on screen
    # the boxes sit beside the step's name and dose, not on a line of their own under them
    dose = items.nth(1).locator(".step-dose").bounding_box()
    box = items.nth(1).locator(".check-box").first.bounding_box()
    assert box["x"] > dose["x"] + dose["width"] and box["y"] < dose["y"] + dose["height"]
    assert pdf_pages(page.pdf(format="A4")) == 1


def test_without_javascript_the_step_list_is_the_routine(browser, root_site):
    base, _ = root_site
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base + "routines/player-test/")
        expect(page.locator("#player")).to_be_hidden()
        expect(page.locator("#steps > li")).to_have_count(3)
        expect(page.locator("#steps .step-title").first).to_have_text("Mid-Back Release")
    finally:
        context.close()
