"""`build.py serve` as an author uses it: a real server on 127.0.0.1, real Chromium, real file edits.

Each test serves its own copy of tests/sites/basic from a temporary folder, never content/.
The page is never reloaded by the test: every change must arrive through live reload.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError, expect

from tests.support.devserver import wait_for_serve_url
from tests.support.sites import ROOT, SITES

WAIT = 20_000  # ms: generous upper bound for a rebuild plus reload on a busy machine


@contextmanager
def serving(tmp_path: Path, *extra: str, search: bool = False):
    """`build.py serve` on a copy of the basic site; yields (base URL, site folder, process)."""
    site = tmp_path / "site"
    shutil.copytree(SITES / "basic", site)
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", "content",
               "--config", "site.yaml", "--folder", str(tmp_path / "preview"), *extra]
    if not search:
        command.append("--no-search")
    process = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = _wait_for_url(process)
        yield url, site, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_url(process: subprocess.Popen) -> str:
    return wait_for_serve_url(process)


def _open(page, url: str):
    """Open a page and wait until its live-reload connection is up (so no change can be missed)."""
    response = page.goto(url)
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol > 0", timeout=WAIT)
    return response


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize("base", ["/", "/some-repo/"])
def test_an_edited_exercise_shows_up_without_a_manual_reload(tmp_path, page, base):
    with serving(tmp_path, "--base-url", base) as (url, site, _):
        assert url.endswith(base)
        _open(page, url + "exercises/hamstring-stretch/")
        expect(page.locator("h1")).to_have_text("Hamstring Stretch")
        _edit(site / "content/exercises/hamstring-stretch.md", "Hinge forward from the hips.",
              "Hinge forward slowly, keeping the back long.")
        expect(page.locator("main")).to_contain_text("Hinge forward slowly, keeping the back long.", timeout=WAIT)
        _edit(site / "content/exercises/hamstring-stretch.md", "title: Hamstring Stretch",
              "title: Standing Hamstring Stretch")
        expect(page.locator("h1")).to_have_text("Standing Hamstring Stretch", timeout=WAIT)


def test_broken_front_matter_shows_the_error_overlay_until_it_is_fixed(tmp_path, page):
    with serving(tmp_path) as (url, site, process):
        _open(page, url + "exercises/squat/")
        expect(page.locator("h1")).to_have_text("Squat")
        squat = site / "content/exercises/squat.yaml"
        _edit(squat, "level: intermediate", "level: expert")
        overlay = page.locator("#build-errors")
        expect(overlay).to_contain_text("content/exercises/squat.yaml:6: error: level: expected one of "
                                        "beginner, intermediate, advanced; got 'expert'", timeout=WAIT)
        expect(overlay).to_contain_text("build failed: 1 error in 1 file")
        # a second mistake appears live, next to the first
        _edit(site / "content/exercises/hamstring-stretch.md", "targets: [hamstrings]", "targets: [hamstrung]")
        expect(overlay).to_contain_text("content/exercises/hamstring-stretch.md:4: error: targets: unknown muscle "
                                        "'hamstrung' (did you mean 'hamstrings'?)", timeout=WAIT)
        expect(overlay).to_contain_text("build failed: 2 errors in 2 files")
        _edit(squat, "level: expert", "level: intermediate")
        _edit(site / "content/exercises/hamstring-stretch.md", "targets: [hamstrung]", "targets: [hamstrings]")
        expect(page.locator("h1")).to_have_text("Squat", timeout=WAIT)
        expect(page.locator("#build-errors")).to_have_count(0)


def test_the_overlay_lists_errors_exactly_as_the_terminal_does(tmp_path, page):
    with serving(tmp_path) as (url, site, process):
        _open(page, url)
        _edit(site / "content/exercises/squat.yaml", "targets: [quads]", "targets: [quadz]")
        overlay = page.locator("#build-errors .diagnostics li")
        expect(overlay).to_have_count(1, timeout=WAIT)
        shown = overlay.inner_text().strip()
        check = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--content", "content",
                                "--config", "site.yaml", "--drafts"], cwd=site, capture_output=True, text=True)
        assert check.returncode == 1
        assert shown == check.stderr.splitlines()[0]


def test_a_new_exercise_appears_on_its_muscle_page_and_leaves_when_deleted(tmp_path, page):
    with serving(tmp_path) as (url, site, _):
        _open(page, url + "muscles/hamstrings/")
        cards = page.locator("main .card-title")
        expect(cards).to_have_text(["Hamstring Stretch", "Squat"])  # Squat works it as a secondary muscle
        new = site / "content/exercises/nordic-curl.md"
        new.write_text("---\ntitle: Nordic Curl\ncategory: strength\ntargets: [hamstrings]\n"
                       "key_points: [Lower yourself slowly]\n---\nKneel with the ankles held.\n")
        expect(cards).to_have_text(["Hamstring Stretch", "Nordic Curl", "Squat"], timeout=WAIT)
        response = page.request.get(url + "exercises/nordic-curl/")
        assert response.status == 200 and "Kneel with the ankles held." in response.text()

        # renaming the file moves its page: the old address is gone, the muscle page links the new one
        renamed = new.rename(new.with_name("nordic-hamstring-curl.md"))
        expect(page.locator("main .card-link").nth(1)).to_have_attribute(
            "href", re.compile(r"/exercises/nordic-hamstring-curl/$"), timeout=WAIT)
        assert page.request.get(url + "exercises/nordic-curl/").status == 404

        renamed.unlink()
        expect(cards).to_have_text(["Hamstring Stretch", "Squat"], timeout=WAIT)
        assert page.request.get(url + "exercises/nordic-hamstring-curl/").status == 404


def test_drafts_are_shown_with_a_badge(tmp_path, page):
    with serving(tmp_path) as (url, site, _):
        _open(page, url + "exercises/secret/")
        expect(page.locator(".badge-draft")).to_have_text("Draft")


def test_search_works_in_the_preview_and_learns_new_exercises(tmp_path, page):
    """The index is rebuilt in the background after a change; the search page finds the new exercise."""
    with serving(tmp_path, search=True) as (url, site, _):
        (site / "content/exercises/nordic-curl.md").write_text(
            "---\ntitle: Nordic Curl\ncategory: strength\ntargets: [hamstrings]\n"
            "key_points: [Lower yourself slowly]\n---\nKneel with the ankles held.\n")
        found = page.locator("#search-results .card-title", has_text="Nordic Curl")
        deadline = time.monotonic() + 60
        while True:  # the refreshed index is swapped in a moment after the rebuild: ask again until it is
            try:
                page.goto(url + "search/?q=nordic")
            except PlaywrightError:  # live reload reloaded the tab mid-navigation after the rebuild: go again
                assert time.monotonic() < deadline, "the search page never loaded"
                continue
            search = page.locator("#search")
            expect(search).to_have_attribute("data-state", re.compile("^(ready|failed)$"), timeout=WAIT)
            try:  # "failed": no index yet, in the first moment after start
                assert search.get_attribute("data-state") == "ready"
                expect(found).to_have_count(1, timeout=2_000)
                break
            except AssertionError:
                assert time.monotonic() < deadline, "the new exercise never became searchable"
        found.click()
        expect(page.locator("h1")).to_have_text("Nordic Curl")
