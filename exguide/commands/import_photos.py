"""`build.py import --images DIR`: the photos of free-exercise-db records, brought in as Start and Finish images.

The data set keeps two photos per record in its repository, exercises/<id>/0.jpg (the start of
the movement) and 1.jpg (its end); a local checkout's are copied into the import's images/ and
listed under each exercise's ``images`` with the data set's credit and licence. Without
``--images`` nothing changes.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
STEP_NAMES = {0: ("Start", "start position"), 1: ("Finish", "finish position")}


def record_photos(record: dict, title: str, slug: str, photos_dir: Path | None, notes: Counter, author: str,
                  license: str) -> tuple[list, list]:
    """(images entries, files to copy) for the record's photos found in a free-exercise-db checkout.

    The data set names them exercises/<id>/0.jpg, 1.jpg: the start and the end of the movement."""
    if photos_dir is None:
        return [], []
    entries, copies = [], []
    names = [n for n in record.get("images") or [] if isinstance(n, str)] if isinstance(record.get("images"),
                                                                                      list) else []
    two = len(names) == 2
    for index, name in enumerate(names):
        parts = name.split("/")
        suffix = Path(name).suffix.lower()
        source = photos_dir / "exercises" / Path(*parts) if parts and all(
            p and p not in (".", "..") for p in parts) else None
        if source is None or suffix not in PHOTO_TYPES or not source.is_file() or source.is_symlink():
            notes["photos not found in the --images folder"] += 1
            continue
        caption, what = STEP_NAMES[index] if two else (f"Step {index + 1}", f"step {index + 1}")
        target = f"{slug}-{index + 1}{'.jpg' if suffix == '.jpeg' else suffix}"
        entries.append({"src": target, "alt": f"{title}: {what}", "caption": caption, "credit": author,
                        "license": license})
        copies.append((source, target))
    if copies:
        notes["photos brought in"] += len(copies)
    return entries, copies
