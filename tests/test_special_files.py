"""A named pipe, a socket or a folder where content/ should hold a file is reported, never read.

Reading a named pipe waits for a writer that never comes, so each case runs the build in a
subprocess with a timeout: a hang fails the test instead of stopping the suite.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.sites import ROOT, SITES, run_build

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
PROMPT = 20  # seconds; a build of this site takes about one
PIPE = "this is not a regular file (a named pipe); remove it or replace it with a file"


def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SITES / "invalid" / "unknown-category", site)
    (site / "content/exercises/plank.md").unlink()  # what is left builds
    return site


def build(site: Path) -> tuple[int, str]:
    started = time.perf_counter()
    done = run_build("--content", "content", "--config", "site.yaml", "--output", str(site.parent / "out"),
                     "--no-search", cwd=site, timeout=PROMPT)
    assert time.perf_counter() - started < PROMPT
    assert "Traceback" not in done.stderr
    return done.returncode, done.stderr


def test_a_named_pipe_as_an_exercise_file(tmp_path):
    site = small_site(tmp_path)
    os.mkfifo(site / "content/exercises/x.md")
    assert build(site) == (1, f"content/exercises/x.md: error: {PIPE}\nbuild failed: 1 error in 1 file\n")


def test_a_link_to_a_named_pipe_inside_content(tmp_path):
    site = small_site(tmp_path)
    os.mkfifo(site / "content/pipe")
    os.symlink("../pipe", site / "content/exercises/linked.yaml")
    assert build(site) == (1, f"content/exercises/linked.yaml: error: {PIPE}\nbuild failed: 1 error in 1 file\n")


def test_a_named_pipe_and_a_socket_among_the_images(tmp_path, monkeypatch):
    site = small_site(tmp_path)
    os.mkfifo(site / "content/images/pipe.svg")
    (site / "content/images/more").mkdir()
    monkeypatch.chdir(site)  # a socket's path is short: bind it by a relative one
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("content/images/more/socket.png")
        assert build(site) == (1, f"content/images/more/socket.png: error: this is not a regular file (a socket); "
                                  "remove it or replace it with a file\n"
                                  f"content/images/pipe.svg: error: {PIPE}\nbuild failed: 2 errors in 2 files\n")


def test_a_named_pipe_or_a_folder_as_a_vocabulary_file_is_refused_unread(tmp_path):
    site = small_site(tmp_path)
    (site / "content/muscles.yaml").unlink()
    os.mkfifo(site / "content/muscles.yaml")
    (site / "content/equipment.yaml").unlink()
    (site / "content/equipment.yaml").mkdir()
    script = ("from pathlib import Path\nfrom exguide.content.taxonomy import load_taxonomy\n"
              "for d in sorted(load_taxonomy(Path('content'))[1]):\n    print(d.format())\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True, text=True,
                          timeout=PROMPT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout == ("content/equipment.yaml: error: this is not a regular file (a folder); remove it or "
                           "replace it with a file\n"
                           f"content/muscles.yaml: error: {PIPE}\n"), done.stderr


def test_a_named_pipe_as_a_vocabulary_file_stops_the_build_promptly(tmp_path):
    site = small_site(tmp_path)
    (site / "content/muscles.yaml").unlink()
    os.mkfifo(site / "content/muscles.yaml")
    done = run_build("check", "--content", "content", "--config", "site.yaml", cwd=site, timeout=5)
    assert done.stderr == f"content/muscles.yaml: error: {PIPE}\nbuild failed: 1 error in 1 file\n"
