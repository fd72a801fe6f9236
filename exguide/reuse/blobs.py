"""A content-addressed store of folders: key -> a folder of files, written once, atomically.

Whoever uses it chooses the key (a digest of everything the files are made from) and the
files; the store knows nothing of what they are. A folder appears whole or not at all: it
is written under a temporary name and renamed into place, so a killed build, or two
workers putting the same key at once, never leave half a folder behind. Folders nobody
asked for in ``MAX_AGE`` are removed; asking again simply makes them anew.
"""
from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

MAX_AGE = 30 * 24 * 3600  # seconds without a put or get before a folder may be pruned
PRUNE_EVERY = 24 * 3600  # look for old folders at most once a day
DONE = ".done"  # written last: a folder without it is not ours to trust


class FolderStore:
    def __init__(self, root: Path):
        self.root = root

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> Path | None:
        """The folder kept under ``key``, or None."""
        folder = self.folder(key)
        done = folder / DONE
        if not done.is_file():
            return None
        try:
            os.utime(done)  # in use: not old
        except OSError:
            pass
        return folder

    def put(self, key: str, files: dict[str, bytes]) -> Path:
        """Keep ``files`` (name -> bytes) under ``key``; the folder they are in."""
        final = self.folder(key)
        scratch = self.root / "tmp" / f"{key}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
        scratch.mkdir(parents=True)
        try:
            for name, data in files.items():
                if "/" in name or name.startswith(".") or not name:
                    raise ValueError(f"not a plain file name: {name!r}")
                (scratch / name).write_bytes(data)
            (scratch / DONE).write_bytes(b"")
            final.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.rename(scratch, final)
            except OSError:
                if not (final / DONE).is_file():  # a broken leftover, not another worker's folder
                    shutil.rmtree(final, ignore_errors=True)
                    os.rename(scratch, final)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return final

    def prune(self, now: float | None = None) -> int:
        """Remove folders unused for MAX_AGE (at most once per PRUNE_EVERY); how many went."""
        now = time.time() if now is None else now
        stamp = self.root / ".pruned"
        try:
            if now - stamp.stat().st_mtime < PRUNE_EVERY:
                return 0
        except OSError:
            pass
        removed = 0
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            stamp.write_bytes(b"")
            os.utime(stamp, (now, now))
            for shard in sorted(self.root.iterdir()):
                if not shard.is_dir():
                    continue
                for folder in sorted(shard.iterdir()):
                    try:
                        age = now - (folder / DONE).stat().st_mtime
                    except OSError:
                        age = now - folder.stat().st_mtime  # unfinished: a killed worker's
                    if age > MAX_AGE:
                        shutil.rmtree(folder, ignore_errors=True)
                        removed += 1
        except OSError:
            pass  # a store that cannot be tidied only takes more room
        return removed
