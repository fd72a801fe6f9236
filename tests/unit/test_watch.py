"""The serve watcher: inotify and the polling fallback both see edits, new files and deletions, one burst at a time."""
from __future__ import annotations

import threading

import pytest

from exguide.commands import watch
from exguide.commands.watch import Watcher


def _later(seconds: float, action) -> None:
    threading.Timer(seconds, action).start()


@pytest.mark.parametrize("polling", [False, True], ids=["inotify", "polling"])
def test_changes_are_seen_by_either_method(tmp_path, polling):
    content = tmp_path / "content"
    (content / "exercises").mkdir(parents=True)
    settings = tmp_path / "site.yaml"
    settings.write_text("title: A\n")
    squat = content / "exercises" / "squat.md"
    squat.write_text("one")
    watcher = Watcher([content], [settings], polling=polling)
    try:
        assert watcher.mode == ("polling" if polling else "inotify")
        assert watcher.wait(timeout=0.3) == set()  # nothing happened

        _later(0.1, lambda: squat.write_text("two, longer"))
        assert squat in watcher.wait(timeout=10)

        _later(0.1, lambda: settings.write_text("title: B, longer\n"))
        assert watcher.wait(timeout=10) == {settings}

        (tmp_path / "unrelated.txt").write_text("not watched")
        assert watcher.wait(timeout=0.5) == set()

        def burst():  # an editor's save or a checkout: many events, one rebuild
            for n in range(5):
                (content / "exercises" / f"new-{n}.md").write_text("x")
            squat.unlink()
        _later(0.1, burst)
        changed = watcher.wait(timeout=10)
        assert {content / "exercises" / f"new-{n}.md" for n in range(5)} | {squat} <= changed

        nested = content / "exercises" / "group"
        _later(0.1, lambda: (nested.mkdir(), (nested / "plank.md").write_text("x")))
        assert nested / "plank.md" in watcher.wait(timeout=10) | watcher.wait(timeout=1)
    finally:
        watcher.close()


def test_inotify_failure_falls_back_to_polling(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise watch.InotifyUnavailable("inotify watch limit reached")

    monkeypatch.setattr(watch, "_Inotify", refuse)
    (tmp_path / "content").mkdir()
    watcher = Watcher([tmp_path / "content"], [])
    assert watcher.mode == "polling"
    _later(0.1, lambda: (tmp_path / "content" / "a.md").write_text("x"))
    assert watcher.wait(timeout=10) == {tmp_path / "content" / "a.md"}
