"""Fixtures: the shipped site built at / and under /some-repo/, served on 127.0.0.1, and Chromium."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.browser import launch  # noqa: E402
from tests.support.server import serve  # noqa: E402
from tests.support.sites import build_site  # noqa: E402

SUBPATH = "/some-repo/"


@pytest.fixture(scope="session")
def site_root(tmp_path_factory) -> Path:
    """The shipped content built for a user site at /."""
    out = tmp_path_factory.mktemp("site-root") / "output"
    build_site(out, "--base-url", "/")
    return out


@pytest.fixture(scope="session")
def site_subpath(tmp_path_factory) -> Path:
    """The shipped content built for a project site under /some-repo/."""
    out = tmp_path_factory.mktemp("site-sub") / "output"
    build_site(out, "--base-url", SUBPATH)
    return out


@pytest.fixture(scope="session")
def server_root(site_root):
    with serve(site_root, "/") as url:
        yield url


@pytest.fixture(scope="session")
def server_subpath(site_subpath):
    with serve(site_subpath, SUBPATH) as url:
        yield url


@pytest.fixture(scope="session", params=["root", "subpath"])
def served(request):
    """(base URL, site dir) at / and under /some-repo/: tests using it run against both."""
    if request.param == "root":
        return request.getfixturevalue("server_root"), request.getfixturevalue("site_root")
    return request.getfixturevalue("server_subpath"), request.getfixturevalue("site_subpath")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    yield pg
    context.close()
