"""Demos in a real browser: the figure moves in a loop through its key poses, stops under reduced motion and
in print (where the numbered poses stand side by side instead), the pause control works with or without
script, and axe finds nothing serious. The shipped site, served at / and under /some-repo/."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_a11y import axe_violations
from tests.browser.test_reader import pdf_pages

SEED = "exercises/mid-back-release/"  # tempo 3-1-3: the second pose is reached after 3 s
DEMO_ANIMATIONS = """() => document.getAnimations().filter(a => (a.animationName || "").startsWith("demo-"))
  .map(a => [a.animationName, a.playState])"""


def demo_animations(page) -> list[list[str]]:
    return page.evaluate(DEMO_ANIMATIONS)


def group_matrices(page, selector: str, at_ms: float | None = None) -> list[list[float]]:
    """The transform of every <g> in an svg: with ``at_ms``, as the browser computes it with the demo's
    animations held at that time; without, as its transform attribute says (the key poses are hidden on
    screen, and a hidden element's style is not worked out)."""
    return page.evaluate("""([selector, at]) => {
      if (at !== null) document.getAnimations().forEach(a => {
        if ((a.animationName || "").startsWith("demo-")) { a.pause(); a.currentTime = at; } });
      return [...document.querySelector(selector).querySelectorAll("g")].map(g => {
        let m;
        if (at !== null) {
          const t = getComputedStyle(g).transform;
          m = new DOMMatrix(t === "none" ? undefined : t);
        } else {
          const list = g.transform.baseVal.consolidate();
          m = list ? list.matrix : new DOMMatrix();
        }
        return [m.a, m.b, m.c, m.d, m.e, m.f];
      });
    }""", [selector, at_ms])


def test_the_demo_moves_in_a_loop_from_its_own_stylesheet(page, served):
    base, _ = served
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(base + SEED)
    expect(page.locator(".demo-live")).to_be_visible()
    expect(page.locator(".demo-frames")).to_be_hidden()
    running = demo_animations(page)
    assert running and all(state == "running" for _name, state in running)
    assert "demo-mid-back-release-d0" in {name for name, _state in running}  # the whole body settles as it rolls
    first = page.locator(".demo-live g.d0")
    assert first.evaluate("g => getComputedStyle(g).animationName") == "demo-mid-back-release-d0"
    assert first.evaluate("g => getComputedStyle(g).animationIterationCount") == "infinite"
    assert group_matrices(page, ".demo-live", 0) != group_matrices(page, ".demo-live", 1500)  # it moves
    assert errors == []  # the stylesheet loaded under the Content-Security-Policy


def test_the_loop_passes_through_each_key_pose(page, served):
    """Held at a key time, every group of the moving figure sits exactly as in that numbered pose."""
    base, _ = served
    page.goto(base + SEED)
    for at_ms, frame in ((0, 1), (3000, 2), (4000, 2), (7000, 1)):
        live = group_matrices(page, ".demo-live", at_ms)
        drawn = group_matrices(page, f".demo-frames li:nth-child({frame}) svg")
        assert len(live) == len(drawn)
        for a, b in zip(live, drawn):
            assert all(abs(x - y) < 0.15 for x, y in zip(a, b)), (at_ms, frame, a, b)


def test_reduced_motion_shows_the_numbered_poses_and_nothing_moves(page, served):
    base, _ = served
    page.emulate_media(reduced_motion="reduce")
    page.goto(base + SEED)
    expect(page.locator(".demo-live")).to_be_hidden()
    expect(page.locator(".demo-pause")).to_be_hidden()
    expect(page.locator(".demo-frames li")).to_have_count(2)
    expect(page.locator(".demo-frames")).to_be_visible()
    assert demo_animations(page) == []
    assert page.locator(".demo-frames svg").first.get_attribute("aria-label") == "Key position 1 of 2"


def test_print_shows_the_poses_side_by_side_numbered_and_still(page, served):
    base, _ = served
    page.goto(base + SEED)
    page.emulate_media(media="print")
    expect(page.locator(".demo-live")).to_be_hidden()
    expect(page.locator(".demo-pause")).to_be_hidden()
    poses = page.locator(".demo-frames li")
    expect(poses.nth(0)).to_be_visible()
    assert [n.strip() for n in page.locator(".demo-n").all_inner_texts()] == ["1", "2"]
    one, two = poses.nth(0).bounding_box(), poses.nth(1).bounding_box()
    assert abs(one["y"] - two["y"]) < 1 and two["x"] >= one["x"] + one["width"] - 1  # side by side
    assert demo_animations(page) == []
    assert pdf_pages(page.pdf(format="A4")) == 1


def test_the_pause_control_stops_and_restarts_the_motion(page, served):
    base, _ = served
    page.goto(base + SEED)
    control = page.get_by_label("Pause")
    expect(control).not_to_be_checked()
    control.click()
    expect(control).to_be_checked()
    assert {state for _name, state in demo_animations(page)} == {"paused"}
    control.press("Space")  # the keyboard works as well
    assert {state for _name, state in demo_animations(page)} == {"running"}


def test_the_pause_control_needs_no_script(browser, served):
    base, _ = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + SEED)
    page.get_by_label("Pause").check()
    assert page.locator(".demo-live g.d0").evaluate("g => getComputedStyle(g).animationPlayState") == "paused"
    context.close()


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_axe_finds_nothing_serious_on_a_demo(browser, served, motion):
    base, _ = served
    context = browser.new_context(bypass_csp=True, reduced_motion=motion, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "exercises/barbell-back-squat/")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    context.close()


def test_every_demo_page_links_its_stylesheet_and_card_picture(served):
    """Each demo's own files are written beside its page, and the page names them with the base path."""
    base, site = served
    pages = sorted(p for p in (site / "exercises").glob("*/index.html") if 'class="demo"' in p.read_text())
    assert len(pages) >= 60
    prefix = re.sub(r"^https?://[^/]+", "", base)
    for index in pages:
        slug = index.parent.name
        assert f'<link rel="stylesheet" href="{prefix}exercises/{slug}/demo.css">' in index.read_text()
        assert (index.parent / "demo.css").read_bytes().count(b"@keyframes") >= 1
        assert (index.parent / "demo.svg").read_bytes().startswith(b'<svg class="demo-card"')
