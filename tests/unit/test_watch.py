"""The serve watcher, on real files through watchfiles: native events and polling both see edits,
new files and deletions, one burst at a time; a refused native watch falls back to polling."""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from exguide.commands import watch
from exguide.commands.watch import Watcher

NATIVE = {"linux": "inotify", "darwin": "FSEvents", "win32": "ReadDirectoryChangesW"}[sys.platform]


def _later(seconds: float, action) -> None:
    threading.Timer(seconds, action).start()


@pytest.fixture
def project(tmp_path):
    """content/exercises/squat.md and site.yaml, as serve watches them."""
    content = tmp_path / "content"
    (content / "exercises").mkdir(parents=True)
    (content / "exercises" / "squat.md").write_text("one")
    (tmp_path / "site.yaml").write_text("title: A\n")
    return tmp_path


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_changes_are_seen_by_either_method(project, polling):
    content, settings = project / "content", project / "site.yaml"
    squat = content / "exercises" / "squat.md"
    watcher = Watcher([content], [settings], polling=polling)
    try:
        assert watcher.mode == ("polling" if polling else NATIVE)
        assert watcher.wait(timeout=0.3) == set()  # nothing happened

        _later(0.1, lambda: squat.write_text("two, longer"))
        assert squat in watcher.wait(timeout=10)

        _later(0.1, lambda: settings.write_text("title: B, longer\n"))
        assert watcher.wait(timeout=10) == {settings}

        def replace_settings():  # how many editors save: a new file renamed over the old one
            (project / "site.yaml.tmp").write_text("title: C\n")
            os.replace(project / "site.yaml.tmp", settings)
        for _ in range(2):  # the second save proves the first did not end the watch
            _later(0.1, replace_settings)
            assert watcher.wait(timeout=10) == {settings}

        (project / "unrelated.txt").write_text("not watched")
        (content / "exercises" / ".squat.md.swp").write_text("an editor's swap file")
        assert watcher.wait(timeout=0.6) == set()

        _later(0.1, squat.unlink)
        assert squat in watcher.wait(timeout=10)

        nested = content / "exercises" / "group"
        _later(0.1, lambda: (nested.mkdir(), (nested / "plank.md").write_text("x")))
        assert nested / "plank.md" in watcher.wait(timeout=10) | watcher.wait(timeout=1)

        # a folder moved in whole: the system reports the folder only, never the files it holds
        (project / "elsewhere" / "stretches").mkdir(parents=True)
        (project / "elsewhere" / "stretches" / "cat-cow.md").write_text("x")
        moved = content / "exercises" / "stretches"
        _later(0.1, lambda: (project / "elsewhere" / "stretches").rename(moved))
        assert moved / "cat-cow.md" in watcher.wait(timeout=10)
        _later(0.1, lambda: (moved / "cat-cow.md").write_text("edited where it now lives"))
        assert watcher.wait(timeout=10) == {moved / "cat-cow.md"}
    finally:
        watcher.close()


@pytest.mark.parametrize("polling", [False, True], ids=["native", "polling"])
def test_a_burst_of_changes_is_one_wait(project, polling, monkeypatch):
    """A checkout writes many files at once: one wait returns them all, the next finds nothing left."""
    monkeypatch.setattr(watch, "QUIET", 0.15)  # longer than a busy test machine pauses a thread
    content = project / "content"
    watcher = Watcher([content], [project / "site.yaml"], polling=polling)
    written = {content / "exercises" / f"new-{n}.md" for n in range(20)}

    def checkout():
        for path in sorted(written):
            path.write_text("x")
        (content / "exercises" / "squat.md").unlink()
        (project / "site.yaml").write_text("title: Checked out\n")
    try:
        _later(0.1, checkout)
        changed = watcher.wait(timeout=10)
        assert written | {content / "exercises" / "squat.md", project / "site.yaml"} <= changed
        assert watcher.wait(timeout=0.6) == set()
    finally:
        watcher.close()


def test_changes_apart_by_more_than_quiet_are_two_waits(project):
    first, second = project / "content" / "first.md", project / "content" / "second.md"
    watcher = Watcher([project / "content"], [])
    try:
        _later(0.1, lambda: first.write_text("x"))
        _later(1.0, lambda: second.write_text("x"))
        assert watcher.wait(timeout=10) == {first}
        assert watcher.wait(timeout=10) == {second}
    finally:
        watcher.close()


def test_a_burst_that_never_ends_is_cut_at_longest_burst(project, monkeypatch):
    """A tool writing without pause still gets a rebuild after LONGEST_BURST, not when it stops."""
    monkeypatch.setattr(watch, "LONGEST_BURST", 0.6)
    monkeypatch.setattr(watch, "QUIET", 0.15)  # longer than a busy test machine pauses the writer
    folder = project / "content" / "exercises"
    watcher = Watcher([project / "content"], [])
    stop = threading.Event()

    def keep_writing():
        n = 0
        deadline = time.monotonic() + 3
        while not stop.is_set() and time.monotonic() < deadline:
            (folder / f"log-{n}.md").write_text("x")
            n += 1
            time.sleep(0.005)
    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        started = time.monotonic()
        changed = watcher.wait(timeout=10)
        took = time.monotonic() - started
        assert changed and all(p.parent == folder for p in changed)
        assert 0.6 <= took < 2.5, took  # the writer runs for 3 s
    finally:
        stop.set()
        writer.join()
        watcher.close()


def test_a_refused_native_watch_falls_back_to_polling(project, monkeypatch):
    """The system refuses the native watch (the inotify watch limit): the watcher polls instead."""
    tried = []

    def refuse(paths, debug, force_polling, *rest):
        tried.append(force_polling)
        raise OSError(28, "OS file watch limit reached")  # what watchfiles raises then

    monkeypatch.setattr(watch, "RustNotify", refuse)
    squat = project / "content" / "exercises" / "squat.md"
    watcher = Watcher([project / "content"], [])
    try:
        assert watcher.mode == "polling" and tried == [False]
        _later(0.1, lambda: squat.write_text("changed, and longer"))
        assert watcher.wait(timeout=10) == {squat}
    finally:
        watcher.close()


def test_polling_sees_a_second_save_within_the_same_second(project):
    """Why polling is not watchfiles' own poller: that one keeps whole seconds and misses this save."""
    squat = project / "content" / "exercises" / "squat.md"
    while time.time() % 1 > 0.3:  # start early in a second, so both saves fall inside it
        time.sleep(0.01)
    squat.write_text("first save")
    watcher = Watcher([project / "content"], [], polling=True)
    _later(0.1, lambda: squat.write_text("second save, a moment later"))
    assert watcher.wait(timeout=5) == {squat}
    watcher.close()


def test_a_broken_watch_is_restarted_and_means_anything_may_have_changed(project, monkeypatch):
    """watchfiles reports an error from its notifier (events lost): wait says None and keeps watching."""
    real = watch.RustNotify
    made = []

    class FailsOnce:
        def __init__(self, *args):
            self.inner = real(*args)
            made.append(self)

        def watch(self, *args):
            if len(made) == 1:
                raise RuntimeError("error in underlying watcher: events were lost")
            return self.inner.watch(*args)

        def close(self):
            self.inner.close()

        def __repr__(self):
            return repr(self.inner)

    monkeypatch.setattr(watch, "RustNotify", FailsOnce)
    squat = project / "content" / "exercises" / "squat.md"
    watcher = Watcher([project / "content"], [])
    try:
        assert watcher.wait(timeout=1) is None
        assert len(made) == 2 and watcher.mode == NATIVE
        _later(0.1, lambda: squat.write_text("seen by the new watch"))
        assert watcher.wait(timeout=10) == {squat}
    finally:
        watcher.close()


def test_folders_named_relatively_give_relative_paths(project, monkeypatch):
    """serve passes `--content content`: what wait returns is named the same way."""
    monkeypatch.chdir(project)
    watcher = Watcher([Path("content")], [Path("site.yaml")])
    try:
        _later(0.1, lambda: (project / "content" / "exercises" / "squat.md").write_text("two, longer"))
        assert watcher.wait(timeout=10) == {Path("content/exercises/squat.md")}
    finally:
        watcher.close()
