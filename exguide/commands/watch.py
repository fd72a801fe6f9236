"""Watching the project's sources for `serve`: inotify where it works, polling where it does not.

``Watcher.wait`` blocks until something changed and returns once the burst of events
(an editor's save, a `git checkout`) has been quiet for a moment, so one burst means
one rebuild. inotify is used through the C library directly (no extra dependency);
when it is missing or refuses (containers, network drives, the watch limit) the
watcher falls back to comparing modification times a few times a second.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import select
import struct
import time
from pathlib import Path

QUIET = 0.03  # seconds without events that end a burst
LONGEST_BURST = 2.0  # rebuild anyway after this long, even if events keep coming
POLL_INTERVAL = 0.25

# inotify(7) constants
_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE = 0x2, 0x4, 0x8
_IN_MOVED_FROM, _IN_MOVED_TO, _IN_CREATE, _IN_DELETE = 0x40, 0x80, 0x100, 0x200
_IN_DELETE_SELF, _IN_MOVE_SELF, _IN_Q_OVERFLOW, _IN_ISDIR = 0x400, 0x800, 0x4000, 0x40000000
_IN_NONBLOCK, _IN_CLOEXEC = 0o4000, 0o2000000
_MASK = (_IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_FROM | _IN_MOVED_TO | _IN_CREATE | _IN_DELETE
         | _IN_DELETE_SELF | _IN_MOVE_SELF)
_EVENT = struct.Struct("iIII")


class InotifyUnavailable(OSError):
    pass


class Watcher:
    """Changes to files under ``folders`` and to the single ``files`` (e.g. site.yaml)."""

    def __init__(self, folders: list[Path], files: list[Path], polling: bool = False):
        self.folders = [f for f in folders if f.is_dir()]
        self.files = list(files)
        self.mode = "polling"
        self._inotify: _Inotify | None = None
        if not polling:
            try:
                self._inotify = _Inotify(self.folders, {f.parent for f in self.files})
                self.mode = "inotify"
            except (InotifyUnavailable, OSError):
                self._inotify = None
        self._snapshot = self._scan() if self._inotify is None else {}

    def wait(self, timeout: float | None = None) -> set[Path] | None:
        """Paths changed in the next burst (empty after ``timeout``); None means "anything may have changed"."""
        changed = self._next(timeout)
        if not changed and changed is not None:
            return changed
        started = time.monotonic()
        while changed is not None and time.monotonic() - started < LONGEST_BURST:
            more = self._next(QUIET)
            if more is None:
                return None
            if not more:
                break
            changed |= more
        return self._relevant(changed)

    def close(self) -> None:
        if self._inotify is not None:
            self._inotify.close()

    def _relevant(self, changed: set[Path] | None) -> set[Path] | None:
        if changed is None:
            return None
        watched_files = set(self.files)
        return {p for p in changed if p in watched_files or any(f == p or f in p.parents for f in self.folders)}

    def _next(self, timeout: float | None) -> set[Path] | None:
        if self._inotify is not None:
            return self._inotify.read(timeout)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            now = self._scan()
            changed = {p for p in set(now) | set(self._snapshot) if now.get(p) != self._snapshot.get(p)}
            self._snapshot = now
            if changed:
                return changed
            if deadline is not None and time.monotonic() >= deadline:
                return set()
            time.sleep(POLL_INTERVAL if deadline is None else max(0.0, min(POLL_INTERVAL, deadline - time.monotonic())))

    def _scan(self) -> dict[Path, tuple]:
        """(mtime, size) of every watched file: what polling compares."""
        seen: dict[Path, tuple] = {}
        for folder in self.folders:
            for dirpath, dirnames, names in os.walk(folder):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in names:
                    _stat_into(Path(dirpath) / name, seen)
        for path in self.files:
            _stat_into(path, seen)
        return seen


def _stat_into(path: Path, seen: dict) -> None:
    try:
        stat = path.stat()
    except OSError:
        return
    seen[path] = (stat.st_mtime_ns, stat.st_size)


class _Inotify:
    """A recursive inotify watch on some folders."""

    def __init__(self, folders: list[Path], parents: set[Path]):
        name = ctypes.util.find_library("c")
        if not name:
            raise InotifyUnavailable("no C library")
        self._libc = ctypes.CDLL(name, use_errno=True)
        if not hasattr(self._libc, "inotify_init1"):
            raise InotifyUnavailable("no inotify")
        self.fd = self._libc.inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        if self.fd < 0:
            raise InotifyUnavailable(ctypes.get_errno(), "inotify_init1 failed")
        self.dirs: dict[int, Path] = {}
        try:
            for folder in folders:
                self._add_tree(folder)
            for parent in parents:
                self._add(parent)
        except OSError:
            self.close()
            raise

    def _add(self, folder: Path) -> None:
        wd = self._libc.inotify_add_watch(self.fd, os.fsencode(folder), _MASK)
        if wd < 0:
            code = ctypes.get_errno()
            raise OSError(code, f"cannot watch {folder}: {os.strerror(code)}")
        self.dirs[wd] = folder

    def _add_tree(self, folder: Path) -> None:
        self._add(folder)
        for dirpath, dirnames, _names in os.walk(folder):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in dirnames:
                self._add(Path(dirpath) / name)

    def read(self, timeout: float | None) -> set[Path] | None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return set()
        try:
            data = os.read(self.fd, 1 << 16)
        except BlockingIOError:
            return set()
        except OSError as exc:
            if exc.errno == errno.EINTR:
                return set()
            raise
        changed: set[Path] = set()
        offset = 0
        while offset + _EVENT.size <= len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            raw = data[offset + _EVENT.size: offset + _EVENT.size + length].rstrip(b"\0")
            offset += _EVENT.size + length
            if mask & _IN_Q_OVERFLOW:
                return None  # events were lost: treat everything as changed
            folder = self.dirs.get(wd)
            if folder is None:
                continue
            path = folder / os.fsdecode(raw) if raw else folder
            changed.add(path)
            if mask & _IN_ISDIR and mask & (_IN_CREATE | _IN_MOVED_TO) and not path.name.startswith("."):
                try:
                    self._add_tree(path)  # a new folder: watch it, and count what it already holds
                except OSError:
                    return None
                changed.update(p for p in path.rglob("*") if p.is_file())
        return changed

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1
