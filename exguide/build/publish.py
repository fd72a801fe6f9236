"""Writing a build without rewriting what did not change.

The command-line build still stages the whole new tree and swaps it in atomically
(output.py), so a killed build leaves the old site or the new one, never a mix; but a
file whose bytes are unchanged is hard-linked from the current output into the
staging folder instead of written again, and the search bundle is linked the same way
when no indexed page changed. When nothing at all changed, nothing is touched.

`serve` writes into its own folder file by file instead (each file replaced
atomically), removing pages that no longer exist.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from exguide.reuse.digest import sha1
from exguide.reuse.memo import FileState, OutputState
from exguide.build.output import folder_id, write_file

BUNDLE = "pagefind/"


@dataclass
class OutputPlan:
    """Every file of the new site: where its bytes come from and whether output/ already has them."""

    digests: dict[str, str] = field(default_factory=dict)  # output path -> sha1 of its bytes
    data: dict[str, bytes] = field(default_factory=dict)  # bytes made this build, in memory
    spooled: set[str] = field(default_factory=set)  # pages rendered this build, already written to the spool
    spool: Path | None = None
    recycled: bool = False  # the spool is the spare: it holds the tree the OutputState's spare_* fields describe
    copies: dict[str, Path] = field(default_factory=dict)  # files copied from the project
    unchanged: set[str] = field(default_factory=set)  # already in output/ with these bytes
    parts: tuple = ()  # the search index's parts (search_parts.SearchPart), the main bundle first
    search_keys: dict[str, str] = field(default_factory=dict)  # part folder -> which pages, with which bytes
    parts_unchanged: set[str] = field(default_factory=set)  # part folders output/ already holds as they would be

    @property
    def bundle_unchanged(self) -> bool:
        return len(self.parts_unchanged) == len(self.parts)

    @property
    def changed(self) -> list[str]:
        return sorted(set(self.digests) - self.unchanged)


def plan_output(output: Path, data: dict[str, bytes], pages: dict[str, str], spooled: set[str],
                spool, copies: dict[str, Path], parts: tuple, state: OutputState,
                digest=lambda path, data: sha1(data), trusted: bool = False,
                seen: dict[str, bool] | None = None) -> OutputPlan:
    """Compare the new site with what output/ holds (per the memo, checked against the disk).

    ``data``: bytes made this build; ``pages``: page path -> digest of every page, those in
    ``spooled`` rendered into ``spool`` (write.Spool: its folder, and whether that is the spare)
    this build, the others already in output/;
    ``parts``: the search index's parts, each made again only when a page of it changed. ``trusted``: the
    folder is written by nobody else (`serve`'s own), so the files are not checked on disk;
    ``seen``: files already checked this build (path -> still intact).
    """
    seen = seen or {}
    plan = OutputPlan(data=data, spooled=spooled, spool=spool.folder, recycled=spool.recycled, copies=copies)
    for path, payload in data.items():  # export records reused from the memo are the very same bytes
        plan.digests[path] = digest(path, payload)
    plan.digests.update(pages)
    for path, source in copies.items():
        plan.digests[path] = _copy_digest(source, state)
    for path, digest in plan.digests.items():
        old = state.files.get(path)
        if old is not None and old.digest == digest and (
                trusted or (seen[path] if path in seen else intact(output / path, old))):
            plan.unchanged.add(path)
    plan.parts = parts
    for part in parts:
        key = plan.search_keys[part.folder] = sha1(f"{len(parts)}\0" + "\0".join(
            f"{path}\0{plan.digests.get(path, '')}" for path in part.pages))
        if _part_kept(output, state.bundle.get(part.folder), state.search_keys.get(part.folder), key):
            plan.parts_unchanged.add(part.folder)
    return plan


def nothing_changed(plan: OutputPlan, state: OutputState, search: bool) -> bool:
    """True when output/ is already exactly this build: same files, same bytes, same search bundle."""
    return (set(plan.digests) == set(state.files) and plan.unchanged == set(plan.digests)
            and ((plan.bundle_unchanged and set(state.bundle) == set(plan.search_keys)) if search
                 else not state.bundle))


def intact(path: Path, state: FileState) -> bool:
    """The file is still the one we wrote (same size and modification time)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    return stat.st_size == state.size and stat.st_mtime_ns == state.mtime_ns


def stage_files(staging: Path, output: Path, plan: OutputPlan, state: OutputState) -> None:
    """Fill ``staging`` (which is the spool: rendered pages are there already).

    Unchanged files are linked from ``output``, even a page rendered again to the same
    bytes, so an unchanged file keeps its inode and time; the rest is written. In a
    recycled spare, files it already holds with the right bytes are left as they are,
    and files the new site does not have are removed.
    """
    spare = state.spare_files if plan.recycled else {}
    for path in sorted(plan.digests):
        old = spare.get(path)
        if old is not None and path not in plan.spooled and old.digest == plan.digests[path] \
                and intact(staging / path, old):
            continue
        if path in plan.unchanged and _link(output / path, staging / path):
            continue
        if path in plan.spooled:
            continue
        if path in plan.data:
            write_file(staging, path, plan.data[path])
        else:
            write_file(staging, path, plan.copies[path].read_bytes())


def remove_gone(staging: Path, plan: OutputPlan, state: OutputState) -> None:
    """In a recycled spare: remove the files the new site does not have."""
    if plan.recycled:
        for path in sorted(set(state.spare_files) - set(plan.digests)):
            (staging / path).unlink(missing_ok=True)
            _prune_empty((staging / path).parent, staging)


def spare_part_ready(staging: Path, plan: OutputPlan, state: OutputState, folder: str) -> bool:
    """The recycled spare already holds this search part exactly as the new site needs it."""
    return plan.recycled and _part_kept(staging, state.spare_bundle.get(folder), state.spare_keys.get(folder),
                                        plan.search_keys.get(folder))


def _part_kept(root: Path, files: dict[str, FileState] | None, key_then: str | None, key_now: str | None) -> bool:
    """``root`` holds a search part made from the same pages as now, its files as they were written."""
    return bool(files) and key_then == key_now and all(intact(root / path, s) for path, s in files.items())


def clear_spare_parts(staging: Path, plan: OutputPlan, state: OutputState, keep: set[str]) -> None:
    """Remove the spare's search parts except ``keep``: Pagefind writes into existing files, which in a
    spare may be the very files output/ shows."""
    if plan.recycled:
        for folder, files in state.spare_bundle.items():
            if folder not in keep:
                for path in files:
                    (staging / path).unlink(missing_ok=True)
                    _prune_empty((staging / path).parent, staging)  # a search run without parts leaves none


def link_bundle(staging: Path, output: Path, state: OutputState, folder: str) -> None:
    """Reuse one part of the current search bundle: none of its pages changed."""
    for path in sorted(state.bundle[folder]):
        if not _link(output / path, staging / path):
            write_file(staging, path, (output / path).read_bytes())


def remember_output(state: OutputState, output: Path, plan: OutputPlan, search: bool, spare: Path | None) -> None:
    """Record what output/ now holds, for the next build to compare against, and what the spare holds:
    output/'s old tree, moved there by the swap (``spare``: that folder, or None when it was deleted)."""
    state.spare_id = folder_id(spare) if spare is not None else None
    state.spare_files, state.spare_bundle, state.spare_keys = dict(state.files), dict(state.bundle), dict(state.search_keys)
    files = {}
    for path, digest in plan.digests.items():
        old = state.files.get(path)
        files[path] = old if path in plan.unchanged and old else _state(output / path, digest)
    state.files = files
    state.parts = plan.parts
    if not search:
        state.bundle, state.search_keys = {}, {}
        return
    nested = {part.folder for part in plan.parts} - {BUNDLE}
    state.bundle = {part.folder: (state.bundle[part.folder] if part.folder in plan.parts_unchanged else
                                  {path: _state(output / path, "") for path in _walk(output / part.folder,
                                                                                   part.folder, nested)})
                    for part in plan.parts}
    state.search_keys = dict(plan.search_keys)


def write_in_place(site: Path, plan: OutputPlan, state: OutputState) -> None:
    """`serve`: update ``site`` file by file, each replaced atomically; remove files no longer built."""
    site.mkdir(parents=True, exist_ok=True)
    for path in plan.changed:
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path in plan.spooled:
            os.replace(plan.spool / path, target)
            continue
        payload = plan.data[path] if path in plan.data else plan.copies[path].read_bytes()
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(payload)
        os.replace(temporary, target)
    for path in sorted(set(state.files) - set(plan.digests)):
        (site / path).unlink(missing_ok=True)
        _prune_empty((site / path).parent, site)
    state.files = {path: (state.files[path] if path in plan.unchanged else _state(site / path, digest))
                  for path, digest in plan.digests.items()}
    state.parts = plan.parts  # `serve` indexes these in the background


def _copy_digest(source: Path, state: OutputState) -> str:
    """A copied file's digest, hashed again only when its size or time changed."""
    stat = source.stat()
    key = (stat.st_size, stat.st_mtime_ns)
    cached = state.copies.get(str(source))
    if cached and cached[0] == key:
        return cached[1]
    digest = sha1(source.read_bytes())
    state.copies[str(source)] = (key, digest)
    return digest


def _link(source: Path, target: Path) -> bool:
    """Hard-link ``source`` as ``target``; False where links are impossible (then the caller copies)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if target.exists():
            target.unlink()
        os.link(source, target)
        return True
    except OSError:
        return False


def _state(path: Path, digest: str) -> FileState:
    stat = path.stat()
    return FileState(digest, stat.st_size, stat.st_mtime_ns)


def _walk(folder: Path, prefix: str, skip: set[str] = frozenset()) -> list[str]:
    """Output paths of the files under ``folder``, leaving out the folders ``skip`` names (other parts)."""
    if not folder.is_dir():
        return []
    out = []
    for dirpath, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if prefix + (Path(dirpath) / d).relative_to(folder).as_posix() + "/" not in skip]
        for name in names:
            out.append(prefix + (Path(dirpath) / name).relative_to(folder).as_posix())
    return sorted(out)


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def discard_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
