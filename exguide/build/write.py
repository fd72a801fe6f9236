"""The write stage: the new site's files into output/, through staging and a swap (or in place for `serve`).

What output/ held before comes in as an OutputState (what the last build wrote there),
so files whose bytes are unchanged are linked instead of written, and nothing is touched
when nothing changed.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from exguide.build.output import (MARKER, OutputError, check_output_target, discard_staging, prepare_staging,
                                  spare_path, swap_into_place)
from exguide.build.publish import (OutputPlan, clear_spare_parts, discard_tree, intact, link_bundle, nothing_changed,
                                   remember_output, remove_gone, spare_part_ready, stage_files, write_in_place)
from exguide.errors import Diagnostic, error
from exguide.reuse.memo import OutputState


class Spool:
    """Where rendered pages are written as they are made: the staging folder of a command-line
    build (it becomes the new output), a scratch folder beside the preview for `serve`."""

    def __init__(self, options, state: OutputState):
        self.options, self.state = options, state
        self.folder: Path | None = None
        self.recycled = False  # the folder is the spare (output.py), holding what state.spare_* describes

    def open(self) -> Path | None:
        if not self.options.write:
            return None  # `check`: render, check, keep nothing
        if self.folder is None:
            output = self.options.output_dir
            if self.options.in_place:
                self.folder = output.parent / f".{output.name}.spool"
                discard_tree(self.folder)
                self.folder.mkdir(parents=True)
            else:
                try:
                    check_output_target(output, protected_paths(self.options))
                    self.folder, self.recycled = open_staging(self.options, self.state)
                except (OutputError, OSError):
                    return None  # the write stage meets the same problem and reports it
        return self.folder

    def discard(self) -> None:
        """Remove what is left: after a failed build, or a preview's moved pages."""
        if self.folder is not None and self.folder.exists():
            discard_tree(self.folder)


def open_staging(options, state: OutputState) -> tuple[Path, bool]:
    """(the staging folder, whether it is the spare): the spare when the memo vouches for it."""
    spare = state.spare_id if options.cache_dir and state.spare_files else None
    folder, recycled = prepare_staging(options.output_dir, spare)
    state.spare_id = None  # from now on it is being changed
    return folder, recycled


def protected_paths(options) -> list[Path]:
    """Folders the output must never replace."""
    from exguide.build.pipeline import PROJECT_ROOT

    return [options.content_dir, options.templates_dir, options.assets_dir, PROJECT_ROOT, Path.cwd(),
            options.config_path]


def still_written(options, state: OutputState, seen: dict[str, bool]) -> Callable[[str, str], bool]:
    """``(path, digest) -> bool``: the output folder still holds these bytes at ``path``.

    Answers are noted in ``seen`` so the write stage does not look at the same file again.
    """
    def check(path: str, digest: str) -> bool:
        known = state.files.get(path)
        if known is None or known.digest != digest:
            return False
        if options.in_place:  # serve's folder is its own: nobody else writes there
            return True
        if path not in seen:
            seen[path] = intact(options.output_dir / path, known)
        return seen[path]
    return check


def static_files(options) -> dict[str, Path]:
    """Output path -> source file of the assets (images and videos come from the media stage)."""
    copies: dict[str, Path] = {}
    if options.assets_dir.is_dir():
        for dirpath, dirnames, filenames in os.walk(options.assets_dir):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath) / name
                copies["assets/" + path.relative_to(options.assets_dir).as_posix()] = path
    return copies


def extra_files(settings) -> dict[str, bytes]:
    """The files GitHub Pages and our own swap look for."""
    extras = {".nojekyll": b"", MARKER: b""}
    if settings.cname:
        extras["CNAME"] = (settings.cname + "\n").encode()
    return extras


def write_output(options, plan: OutputPlan, state: OutputState) -> tuple[list[str], bool, list[Diagnostic]]:
    """(output paths whose bytes changed, whether the search index ran, problems).

    `serve` updates its own folder in place; everything else goes through staging and a swap.
    """
    if not options.in_place:
        return write_site(options, plan, state)
    try:
        write_in_place(options.output_dir, plan, state)
    except OSError as exc:
        return plan.changed, False, [error("", 0, "", f"cannot write the preview ({exc.strerror or exc}: "
                                                      f"{exc.filename})")]
    return plan.changed, False, []


def write_site(options, plan: OutputPlan, state: OutputState) -> tuple[list[str], bool, list[Diagnostic]]:
    """Stage everything, index it, and swap it in; the old output survives any failure.

    Unchanged files are hard-linked from the current output rather than written, the
    search bundle too when no indexed page changed, and when nothing changed at all the
    output is left untouched.
    """
    output = options.output_dir
    indexed = False
    try:
        check_output_target(output, protected_paths(options))
        if nothing_changed(plan, state, options.search):
            return plan.changed, False, []
        if plan.spool is None:  # no page was rendered: nothing opened the staging folder yet
            plan.spool, plan.recycled = open_staging(options, state)
        staging = plan.spool  # rendered pages are there already
        stage_files(staging, output, plan, state)
        remove_gone(staging, plan, state)
        ready = {p.folder for p in plan.parts if options.search and spare_part_ready(staging, plan, state, p.folder)}
        clear_spare_parts(staging, plan, state, keep=ready)
        if options.search:
            from exguide.site.search import index_site

            fresh = [p for p in plan.parts if p.folder not in plan.parts_unchanged | ready]
            found = index_site(staging, fresh) if fresh else []
            if found:
                discard_staging(output)
                return plan.changed, False, found
            for folder in sorted(plan.parts_unchanged - ready):
                link_bundle(staging, output, state, folder)
            indexed = bool(fresh)
        spare = spare_path(output) if options.cache_dir else None  # only a kept memo can use it
        swap_into_place(staging, output, keep=spare)
        remember_output(state, output, plan, options.search, spare)
    except OutputError as exc:
        return plan.changed, indexed, [error("", 0, "", str(exc))]
    except OSError as exc:
        discard_staging(output)
        return plan.changed, indexed, [cannot_write(exc, output)]
    return plan.changed, indexed, []


def cannot_write(exc: OSError, output: Path) -> Diagnostic:
    return error("", 0, "", f"cannot write the site ({exc.strerror or exc}: {exc.filename or output}); "
                            f"the previous {output.name}/ is unchanged")
