"""Watching the project's sources for `serve`: the system's file events through watchfiles, polling where they fail.

``Watcher.wait`` blocks until something changed and returns once the burst of events (an
editor's save, a `git checkout`) has been quiet for QUIET seconds, so one burst means one
rebuild. Folders are watched by watchfiles' notifier, which uses the system's own events
(inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows). Where those are missing
or refuse (the inotify watch limit, some containers and network drives), or when asked to
(``serve --poll``), the watcher compares each file's inode, modification time and size a few
times a second instead. That comparison is ours, not watchfiles' poller: the poller keeps
times in whole seconds and misses a second save within the same second (watchfiles issue #319).
Lone files such as site.yaml are always compared that way: a native watch on one file is lost
when an editor saves by replacing it, and watching its folder would mean the whole project.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from watchfiles import Change
# The low-level notifier, documented by watchfiles as its Rust backend: watchfiles.watch() fixes
# its timeout when it starts, and wait() needs a new one on every call.
from watchfiles._rust_notify import RustNotify

QUIET = 0.03  # seconds without events that end a burst
LONGEST_BURST = 2.0  # rebuild anyway after this long, even if events keep coming
POLL_INTERVAL = 0.25  # seconds between comparisons when polling, and of the lone files always
STEP = 0.01  # how often the notifier's thread hands over what it saw: the latency it adds
_NATIVE = {"linux": "inotify", "darwin": "FSEvents", "win32": "ReadDirectoryChangesW"}


class Watcher:
    """Changes to files under ``folders`` and to the single ``files`` (e.g. site.yaml).

    Names starting with a dot are ignored, as the build ignores them: editors' swap and
    temporary files never set off a rebuild.
    """

    def __init__(self, folders: list[Path], files: list[Path], polling: bool = False):
        self.folders = [f for f in folders if f.is_dir()]
        self.files = list(files)
        self._roots = [(Path(os.path.abspath(f)), f) for f in self.folders]
        self._roots += [(Path(os.path.realpath(f)), f) for f in self.folders]  # what some systems report
        self._notify = None if polling else self._native()
        self.mode = "polling" if self._notify is None else _NATIVE.get(sys.platform, "native events")
        self._compared = _Snapshot(self.folders if self._notify is None else [], self.files)

    def wait(self, timeout: float | None = None) -> set[Path] | None:
        """Paths changed in the next burst (empty after ``timeout``); None means "anything may have changed"."""
        changed = self._next(timeout)
        if not changed:
            return changed
        started = time.monotonic()
        while time.monotonic() - started < LONGEST_BURST:
            more = self._next(QUIET)
            if more is None:
                return None
            if not more:
                break
            changed |= more
        return changed

    def close(self) -> None:
        if self._notify is not None:
            self._notify.close()
            self._notify = None

    def _native(self) -> RustNotify | None:
        """watchfiles' notifier on the folders, or None when the system refuses one."""
        if not self.folders:
            return None  # lone files only: comparing them is all there is to do
        paths = [str(absolute) for absolute, _ in self._roots[:len(self.folders)]]
        try:
            notify = RustNotify(paths, False, False, 0, True, True)
        except (OSError, RuntimeError):  # the watch limit, no inotify: the same changes, by polling
            return None
        if "Poll(" in repr(notify):  # watchfiles polls by itself where the system has no events at all
            notify.close()
            return None
        return notify

    def _next(self, timeout: float | None) -> set[Path] | None:
        """The first changes within ``timeout`` seconds (no limit when None), or an empty set."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            step = POLL_INTERVAL if deadline is None else max(0.0, min(POLL_INTERVAL, deadline - time.monotonic()))
            changed = self._from_notifier(step)
            if changed is None:
                return None
            changed |= self._compared.changes()
            if changed or (deadline is not None and time.monotonic() >= deadline):
                return changed

    def _from_notifier(self, seconds: float) -> set[Path] | None:
        """What the notifier saw within ``seconds``; None when it broke and watching started afresh."""
        if self._notify is None:
            time.sleep(seconds)
            return set()
        step = int(STEP * 1000)
        try:  # returns one quiet STEP after the first event at the latest: wait() gathers the burst
            raw = self._notify.watch(step, step, max(1, int(seconds * 1000)), None)
        except RuntimeError:
            # watchfiles repeats this error on every later call, and events may have been lost:
            # watch afresh (polling if the system now refuses) and let the caller rebuild everything
            self._notify.close()
            self._notify = self._native()
            if self._notify is None:
                self.mode = "polling"
                self._compared = _Snapshot(self.folders, self.files)
            return None
        if raw == "signal":
            raise KeyboardInterrupt
        if isinstance(raw, str):  # "timeout"
            return set()
        changed: set[Path] = set()
        for change, name in raw:
            path = self._as_given(Path(name))
            if path is None or (change == Change.modified and path.is_dir()):
                continue  # a folder's own time changes with its entries, which are reported themselves
            changed.add(path)
            if change == Change.added and path.is_dir():
                changed |= _files_under(path)  # a folder moved in is reported alone, not its files
        return changed

    def _as_given(self, path: Path) -> Path | None:
        """``path`` under the folder it belongs to, as the caller named that folder; None when ignored."""
        for root, given in self._roots:
            try:
                parts = path.relative_to(root).parts
            except ValueError:
                continue
            return None if any(part.startswith(".") for part in parts) else given.joinpath(*parts)
        return None


class _Snapshot:
    """What polling compares: each file's inode, modification time (ns) and size, from one look to the next."""

    def __init__(self, folders: list[Path], files: list[Path]):
        self.folders = folders
        self.files = files
        self.seen = self._look()

    def changes(self) -> set[Path]:
        now = self._look()
        changed = {p for p in now.keys() | self.seen.keys() if now.get(p) != self.seen.get(p)}
        self.seen = now
        return changed

    def _look(self) -> dict[Path, tuple]:
        seen: dict[Path, tuple] = {}
        for path in [*(p for f in self.folders for p in _files_under(f)), *self.files]:
            try:
                stat = path.stat()
            except OSError:
                continue  # gone: a deletion, when it was there before
            seen[path] = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        return seen


def _files_under(folder: Path) -> set[Path]:
    """Every file below ``folder``, leaving out names that start with a dot."""
    found = set()
    for dirpath, dirnames, names in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.update(Path(dirpath) / name for name in names if not name.startswith("."))
    return found
