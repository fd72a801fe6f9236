"""Content that is not a regular file (a named pipe, a socket, a device) is refused, never read.

Opening a named pipe for reading waits until something writes to it, so one left in content/
would hang the build; a device may never end or may do something when opened. Such a file
is found by its type before it is opened, and opened without waiting in case it is swapped in
between; either way it is reported with its path.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from exguide.errors import Diagnostic, error

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))
# O_NONBLOCK: opening a named pipe returns at once; O_NOCTTY: a terminal device never becomes ours.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegularFile(OSError):
    """What was opened is not a regular file; ``kind`` says what it is."""

    def __init__(self, kind: str):
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """'a named pipe', 'a socket', … for a file mode; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a file")


def not_regular(path: Path | str) -> str | None:
    """What ``path`` is (links followed) when it exists and is not a regular file, else None."""
    try:
        return kind_of(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None  # missing or unreadable: whoever reads it says so


def problem(source_path: str, kind: str) -> Diagnostic:
    """The error for content that is not a regular file."""
    return error(source_path, 0, "", f"this is not a regular file ({kind}); remove it or replace it with a file")


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` + 1 of them, without ever waiting on it.

    Raises NotRegularFile for anything else, OSError when it cannot be read.
    """
    kind = not_regular(path)
    if kind:
        raise NotRegularFile(kind)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        kind = kind_of(os.fstat(fd).st_mode)  # the file opened, should it have been swapped since
        if kind:
            raise NotRegularFile(kind)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def special_files(folder: Path) -> list[Diagnostic]:
    """An error for each entry below ``folder`` (hidden ones aside) that is neither a regular file
    nor a folder, links followed; linked folders are not entered."""
    from exguide.content.sources import display_path

    problems = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif not entry.is_file(follow_symlinks=False) or entry.is_symlink():
                kind = not_regular(entry.path)
                if kind and kind != "a folder":
                    problems.append(problem(display_path(Path(entry.path)), kind))
    return problems
