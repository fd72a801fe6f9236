"""The write stage: build into a staging folder, then swap it into place in one step.

A build killed at any moment leaves the old output/ or the new one, never a mix:
the swap is an atomic exchange of two directory entries (Linux renameat2), with
two renames as the fallback elsewhere.

The old tree is kept beside the output as the spare (when the build keeps a memo), and the
next build stages into it, so a rebuild touches the files that differ rather than linking
every file into a new folder and deleting the old one (both O(site) in directory operations).
The spare is used only while it is the very folder the memo says (folder_id); anything else
left there is removed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from pathlib import Path

MARKER = ".exguide"  # says "this folder is ours to replace"; refuse to clobber anything else
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class OutputError(Exception):
    """The output folder cannot be written; the message says why and what to do."""


def staging_path(output: Path) -> Path:
    return output.parent / f".{output.name}.staging"


def spare_path(output: Path) -> Path:
    return output.parent / f".{output.name}.spare"


def folder_id(path: Path) -> tuple[int, int, int] | None:
    """Which folder this is: inode numbers are reused at once, so its change time too (set by the
    rename that made it the spare, and by anything done to its entries since)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_ctime_ns)


def check_output_target(output: Path, protected: list[Path]) -> None:
    """Refuse an output folder that would replace the project's own files."""
    out = output.resolve()
    for path in protected:
        p = path.resolve()
        if out == p or out in p.parents:
            raise OutputError(f"refusing to write the site to {output}: it would replace {path}; "
                              "choose another --output")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{output} exists and is not a folder; choose another --output")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(f"{output} exists, is not empty and was not written by this tool; "
                          "empty it or choose another --output")


def prepare_staging(output: Path, spare_id: tuple | None = None) -> tuple[Path, bool]:
    """(a staging folder beside ``output``, whether it is the spare, still holding the last build but one).

    Leftovers of a killed build are removed; so is a spare that is not the folder ``spare_id`` names.
    """
    staging, spare = staging_path(output), spare_path(output)
    if staging.exists():
        shutil.rmtree(staging)
    if spare_id is not None and folder_id(spare) == tuple(spare_id):
        os.rename(spare, staging)
        return staging, True
    if spare.exists():
        shutil.rmtree(spare)
    staging.mkdir(parents=True)
    (staging / MARKER).write_text("Written by the exercise-guide generator; replaced on every build.\n")
    return staging, False


def write_file(root: Path, relative: str, data: bytes) -> None:
    """Write one file under ``root``; ``relative`` comes from the URL builder, checked again here."""
    target = (root / relative)
    if ".." in Path(relative).parts or Path(relative).is_absolute():
        raise OutputError(f"refusing to write outside the output folder: {relative}")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:  # a new file, never written through: in a spare, the old name may share its inode with output/
        os.unlink(target)
    except FileNotFoundError:
        pass
    target.write_bytes(data)


def discard_staging(output: Path) -> None:
    shutil.rmtree(staging_path(output), ignore_errors=True)


def swap_into_place(staging: Path, output: Path, keep: Path | None = None) -> None:
    """Make ``staging`` the new ``output`` atomically, then delete the old tree (or move it to ``keep``)."""
    _fsync_tree(staging)
    if not output.exists():
        os.rename(staging, output)
        return
    if _exchange(staging, output):
        _retire(staging, keep)  # now holds the old site
        return
    old = output.parent / f".{output.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    os.rename(output, old)
    os.rename(staging, output)
    _retire(old, keep)


def _retire(old: Path, keep: Path | None) -> None:
    if keep is None:
        shutil.rmtree(old, ignore_errors=True)
        return
    shutil.rmtree(keep, ignore_errors=True)
    os.rename(old, keep)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2; False when the system cannot."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # no exchange on this filesystem
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def _fsync_tree(root: Path) -> None:
    """Flush the staged files' directory so a crash after the swap cannot show empty files."""
    try:
        fd = os.open(root, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
