"""Demos in a real browser: the drawing moves in a loop through its key poses (an SVG image that runs its own
animation), the numbered poses stand side by side instead under reduced motion, in print and while paused,
the pause control works with or without script, the drawings come from the cache offline, and axe finds
nothing serious. The shipped site, served at / and under /some-repo/."""
from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.test_a11y import axe_violations
from tests.browser.test_reader import KEPT, pdf_pages
from tests.support.browser import wait_in_page

SEED = "exercises/mid-back-release/"  # tempo 3-1-3: the second pose is reached after 3 s
LOADED = "img => img.complete && img.naturalWidth > 0"


def shown_file(page, selector: str) -> str:
    """The file name of the drawing an <img> shows (its <picture> may have picked a <source>)."""
    return page.locator(selector).evaluate("img => img.currentSrc").rsplit("/", 1)[-1]


def wait_loaded(page, selector: str) -> None:
    page.wait_for_function(f"() => ({LOADED})(document.querySelector({selector!r}))")


def shot(page, selector: str) -> bytes:
    return page.locator(selector).screenshot(animations="allow")


def test_the_drawing_moves_by_itself_as_an_image(page, served):
    """Two pictures of the drawing a moment apart differ: the SVG's own stylesheet moves it, under the CSP."""
    base, _ = served
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(base + SEED)
    moving = ".demo-move img"
    expect(page.locator(moving)).to_be_visible()
    expect(page.locator(".demo-still")).to_be_hidden()
    wait_loaded(page, moving)
    assert re.fullmatch(r"[0-9a-f]{16}-move\.svg", shown_file(page, moving))
    frames = []
    for _ in range(3):
        frames.append(shot(page, moving))
        time.sleep(0.9)
    assert len(set(frames)) >= 2  # it moves
    assert errors == []


def _matrices(page, at_ms: float | None, within: str = "") -> list[list[float]]:
    """The transform of every <g> of the open SVG file (inside ``within``): with ``at_ms``, as the browser
    computes it with the animations held at that time; without, as its transform attribute says."""
    return page.evaluate("""([at, within]) => {
      if (at !== null) document.getAnimations().forEach(a => { a.pause(); a.currentTime = at; });
      const root = within ? document.querySelector(within) : document.documentElement;
      return [...root.querySelectorAll("g")].filter(g => !g.closest("defs")).map(g => {
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
    }""", [at_ms, within])


def test_the_loop_passes_through_each_numbered_pose(page, served):
    """Opened as documents, the moving file held at a key time sits exactly as that pose of the still file."""
    base, _ = served
    page.goto(base + SEED)
    move = page.locator(".demo-move img").get_attribute("src")
    still = page.locator(".demo-still").get_attribute("src")
    origin = re.match(r"^https?://[^/]+", base).group()
    page.goto(origin + still)
    drawn = {frame: _matrices(page, None, f"svg > svg:nth-of-type({frame})") for frame in (1, 2)}
    page.goto(origin + move)
    assert page.evaluate("document.getAnimations().length") >= 1
    for at_ms, frame in ((0, 1), (3000, 2), (4000, 2), (7000, 1)):
        live = _matrices(page, at_ms)
        assert len(live) == len(drawn[frame])
        for a, b in zip(live, drawn[frame]):
            assert all(abs(x - y) < 0.15 for x, y in zip(a, b)), (at_ms, frame, a, b)


def test_reduced_motion_shows_the_numbered_poses_still(page, served):
    base, _ = served
    page.emulate_media(reduced_motion="reduce")
    page.goto(base + SEED)
    picture = ".demo-move img"
    expect(page.locator(picture)).to_be_visible()
    expect(page.locator(".demo-pause")).to_be_hidden()
    expect(page.locator(".demo-still")).to_be_hidden()  # never the same poses twice
    assert shown_file(page, picture).endswith("-still.svg")
    wait_loaded(page, picture)
    first = shot(page, picture)
    time.sleep(1.2)
    assert shot(page, picture) == first
    box = page.locator(picture).bounding_box()
    assert box["width"] > 1.5 * box["height"]  # the two poses side by side


def test_print_shows_the_poses_side_by_side_numbered_and_still(page, served):
    base, _ = served
    page.goto(base + SEED)
    page.emulate_media(media="print")
    expect(page.locator(".demo-move")).to_be_hidden()
    expect(page.locator(".demo-pause")).to_be_hidden()
    still = page.locator(".demo-still")
    expect(still).to_be_visible()
    wait_loaded(page, ".demo-still")  # a lazy image is fetched once print shows it
    assert shown_file(page, ".demo-still").endswith("-still.svg")
    assert pdf_pages(page.pdf(format="A4")) == 1


def _pauses(page) -> None:
    control = page.get_by_label("Pause")
    expect(control).not_to_be_checked()
    control.check()
    expect(page.locator(".demo-move")).to_be_hidden()
    expect(page.locator(".demo-still")).to_be_visible()
    wait_loaded(page, ".demo-still")
    first = shot(page, ".demo-still")
    time.sleep(1.2)
    assert shot(page, ".demo-still") == first  # still
    control.press("Space")  # the keyboard works as well
    expect(control).not_to_be_checked()
    expect(page.locator(".demo-move")).to_be_visible()
    expect(page.locator(".demo-still")).to_be_hidden()


def test_the_pause_control_shows_the_numbered_poses_and_restarts_the_motion(page, served):
    base, _ = served
    page.goto(base + SEED)
    _pauses(page)


def test_the_pause_control_needs_no_script(browser, served):
    base, _ = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + SEED)
    _pauses(page)
    context.close()


def test_the_drawings_show_offline_even_the_one_not_shown_yet(browser, served):
    """The service worker keeps the page's drawings, the still one too, so pausing works offline."""
    base, _ = served
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + SEED)
    wait_in_page(page, KEPT)
    still = page.locator(".demo-still").evaluate("img => img.src")
    wait_in_page(page, f"async () => !!(await caches.match({still!r}))")
    context.set_offline(True)
    page.reload()
    wait_loaded(page, ".demo-move img")
    page.get_by_label("Pause").check()
    wait_loaded(page, ".demo-still")
    context.close()


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_axe_finds_nothing_serious_on_a_demo(browser, served, motion):
    base, _ = served
    context = browser.new_context(bypass_csp=True, reduced_motion=motion, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "exercises/barbell-back-squat/")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    name = page.get_by_role("img", name=re.compile(r"^Animated drawing of Barbell Back Squat, side view, "
                                                  r"moving through \d key positions; main target: "))
    expect(name).to_be_visible()
    context.close()


def test_every_demo_page_names_its_drawings_with_the_base_path(served):
    """Each drawing is written once in demos/, and every page and card names it with the base path."""
    base, site = served
    pages = sorted(p for p in (site / "exercises").glob("*/index.html") if 'class="demo"' in p.read_text())
    assert len(pages) >= 60
    prefix = re.sub(r"^https?://[^/]+", "", base)
    for index in pages:
        html = index.read_text()
        names = re.findall(rf'(?:src|srcset)="{re.escape(prefix)}demos/([0-9a-f]{{16}}-(?:move|still|card)\.svg)"',
                           html)
        assert {n.rsplit("-", 1)[1] for n in names} >= {"move.svg", "still.svg"}, index
        for name in names:
            data = (site / "demos" / name).read_bytes()
            assert data.startswith(b"<svg") and (b"@keyframes" in data) == name.endswith("-move.svg")
        assert "<svg class=\"demo" not in html and "demo.css" not in html
    cards = (site / "exercises" / "index.html").read_text()
    shown = re.findall(rf'src="{re.escape(prefix)}demos/([0-9a-f]{{16}}-card\.svg)"', cards)
    assert len(shown) >= 20 and all((site / "demos" / name).is_file() for name in shown)
