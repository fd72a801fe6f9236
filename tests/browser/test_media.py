"""Photos and videos in a real browser, at / and under a sub-path: the file a phone picks, no layout shift
while images load, the steps a phone swipes, and a video facade that asks no other host until pressed."""
from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import SUBPATH
from tests.support.photos import jpeg, photo
from tests.support.server import serve
from tests.support.sites import SITES, build_site

PHONE = {"width": 390, "height": 844}
CLS = """window.__shift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
  .observe({type: 'layout-shift', buffered: true});"""


def test_a_phone_gets_the_smallest_file_of_a_photo(page, served):
    base, _ = served
    page.goto(base + "exercises/plank/")
    img = page.locator(".exercise-visual picture:not(.demo-move) img").first  # the photo, not the demo drawing
    expect(img).to_have_attribute("fetchpriority", "high")
    page.wait_for_function("img => img.complete && img.currentSrc", arg=img.element_handle())
    current = img.evaluate("img => img.currentSrc")
    assert urlsplit(current).path == f"{urlsplit(base).path}images/plank-480w.webp"


def _slow_network(page) -> None:
    client = page.context.new_cdp_session(page)
    client.send("Network.enable")
    client.send("Network.emulateNetworkConditions", {"offline": False, "latency": 250,
                                                     "downloadThroughput": 400_000, "uploadThroughput": 400_000})


@pytest.mark.parametrize("path", ["exercises/glute-bridge/", "exercises/", "categories/strength/"])
def test_no_layout_shift_while_images_load(page, served, path):
    base, _ = served
    _slow_network(page)
    page.add_init_script(CLS)
    page.goto(base + path)
    # an exercise's demo drawing sits at the top beside its first photo and loads at once too; its still
    # one waits until it is shown (tests/browser/test_demo.py)
    sizes = page.locator("main img:not(.demo img)").evaluate_all(
        "imgs => imgs.map(i => [i.getAttribute('width'), i.getAttribute('height'), i.getAttribute('loading')])")
    assert sizes and all(w and h for w, h, _ in sizes), sizes
    assert page.locator(".demo img").evaluate_all("imgs => imgs.map(i => [!!(i.width && i.height), i.loading])") in (
        [], [[True, "auto"], [True, "lazy"]])
    assert [lazy for _, _, lazy in sizes][1:] == ["lazy"] * (len(sizes) - 1)  # all but the first
    page.mouse.wheel(0, 4000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") == 0


def test_steps_are_numbered_frames_a_phone_swipes_through(page, served):
    base, _ = served
    page.goto(base + "exercises/glute-bridge/")
    steps = page.locator("ol.steps")
    assert steps.locator(".step-caption").all_inner_texts() == ["Start", "Finish"]
    assert steps.locator(".step-number").all_inner_texts() == ["1", "2"]
    assert steps.evaluate("s => getComputedStyle(s).scrollSnapType") == "x mandatory"
    assert steps.evaluate("s => s.scrollWidth > s.clientWidth")
    steps.evaluate("s => s.scrollBy({left: 120, behavior: 'instant'})")
    page.wait_for_timeout(400)
    # a small swipe snaps on to the whole second frame
    box, second = steps.bounding_box(), steps.locator(".step").nth(1).bounding_box()
    assert box["x"] - 1 <= second["x"] and second["x"] + second["width"] <= box["x"] + box["width"] + 1


def test_cards_show_a_photo_or_the_muscle_figure_in_frames_of_one_size(page, served):
    base, _ = served
    page.goto(base + "categories/strength/")
    frames = page.locator(".card-thumb").evaluate_all(
        "fs => fs.map(f => { const r = f.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height),"
        " f.querySelector('img').getAttribute('src')]; })")
    assert {(w, h) for w, h, _ in frames} == {(88, 88)}
    sources = [src for _, _, src in frames]
    assert any(src.endswith("images/plank-480w.jpg") for src in sources)
    assert any("/figures/" in src for src in sources)


# --- videos: a small site of our own -----------------------------------------------------------------
VIDEO_ID = "abcdefghijk"


@pytest.fixture(scope="module", params=["/", SUBPATH])
def video_site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("video")
    content = root / "content"
    shutil.copytree(SITES / "basic" / "content", content)
    (content / "images" / "poster.jpg").write_bytes(jpeg(photo(1280, 720)))
    (content / "videos").mkdir()
    (content / "videos" / "clip.webm").write_bytes(b"\x1a\x45\xdf\xa3" + b"\0" * 60)
    squat = content / "exercises" / "squat.yaml"
    squat.write_text(squat.read_text() + f"video:\n  src: https://youtu.be/{VIDEO_ID}\n  poster: poster.jpg\n"
                     "  caption: The whole movement\n")
    stretch = content / "exercises" / "hamstring-stretch.md"
    front, _, body = stretch.read_text().partition("---\n")[2].partition("---\n")
    stretch.write_text(f"---\n{front}video: {{src: clip.webm, poster: poster.jpg}}\n---\n{body}")
    out = root / "output"
    build_site(out, "--base-url", request.param, content=content)
    with serve(out, request.param) as url:
        yield url


def test_a_youtube_video_asks_no_other_host_until_play_is_pressed(browser, video_site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    asked, refused = [], []
    page.on("request", lambda r: asked.append(r.url))
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.route("https://www.youtube-nocookie.com/**",
               lambda route: route.fulfill(body="<p>player</p>", content_type="text/html"))
    try:
        page.goto(video_site + "exercises/squat/")
        page.wait_for_load_state("networkidle")
        assert {urlsplit(u).hostname for u in asked} == {"127.0.0.1"}, asked
        play = page.locator(".facade-play")
        expect(play).to_have_attribute("href", f"https://www.youtube.com/watch?v={VIDEO_ID}")
        play.click()
        frame = page.locator(".facade iframe")
        expect(frame).to_have_attribute("src", f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}?autoplay=1&rel=0")
        page.wait_for_load_state("networkidle")
        others = {urlsplit(u).hostname for u in asked} - {"127.0.0.1"}
        assert others == {"www.youtube-nocookie.com"}, asked
        assert refused == []
        assert page.url.startswith(video_site)  # the page stayed; the player came in
    finally:
        context.close()


@pytest.mark.parametrize("motion,plays", [("no-preference", True), ("reduce", False)])
def test_our_own_clip_is_muted_looping_inline_and_still_for_reduced_motion(browser, video_site, motion, plays):
    context = browser.new_context(viewport=PHONE, reduced_motion=motion)
    page = context.new_page()
    page.add_init_script("window.__played = 0; HTMLMediaElement.prototype.play = function () {"
                         " window.__played += 1; return Promise.resolve(); };")
    try:
        page.goto(video_site + "exercises/hamstring-stretch/")
        video = page.locator("video.clip")
        for name in ("muted", "loop", "playsinline", "controls"):
            assert video.evaluate(f"v => v.hasAttribute('{name}')"), name
        assert not video.evaluate("v => v.hasAttribute('autoplay')")
        assert video.get_attribute("poster").endswith("images/poster-960w.jpg")
        video.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        assert (page.evaluate("window.__played") > 0) is plays
    finally:
        context.close()


def test_search_results_show_the_photo_the_demo_or_the_figure_in_the_same_frame(page, served):
    base, _ = served
    page.goto(base + "search/")
    expect(page.locator("#search")).to_have_attribute("data-state", "ready")
    page.fill("#search-q", "plank")
    card = page.locator(".result", has=page.locator(".card-title", has_text="Plank")).first
    expect(card.locator(".card-thumb img")).to_have_attribute("src", f"{urlsplit(base).path}images/plank-480w.webp")
    drawn = page.locator(".result", has=page.locator(".card-title", has_text="Side Plank")).first
    expect(drawn.locator(".card-thumb-demo img")).to_have_attribute("src", re.compile(r"/demos/[0-9a-f]{16}-card\.svg$"))
    other = page.locator(".result", has=page.locator(".card-title", has_text="Copenhagen Plank")).first  # no demo
    expect(other.locator(".card-thumb-figure img")).to_have_attribute("src", re.compile(r"/figures/\w+\.svg$"))
    widths = {item.locator(".card-thumb").bounding_box()["width"] for item in (card, drawn, other)}
    assert len(widths) == 1
