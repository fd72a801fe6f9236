"""The build, read top to bottom: discover → read → validate → link → plan → render → write.

Every stage consults a memo of the last build (incremental.py): a file, body or page
whose inputs are unchanged is reused instead of redone, and unchanged output files are
linked rather than rewritten (publish.py). The memo is empty for a plain build, kept in
memory by `serve`, and kept under .cache/ between command-line builds (cache.py); the
output is byte for byte the same either way.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from exguide.reuse.store import load_memo, memo_file, memo_version, save_memo
from exguide.content.settings import load_settings
from exguide.errors import Diagnostic, error, has_failures, sort_diagnostics
from exguide.site.export import export_files
from exguide.reuse.fingerprint import Fingerprints, TemplateKeys, globals_key
from exguide.reuse.incremental import (BodyRenderer, BytecodeStore, ExportRecords, Memo, check_changed_links,
                          load_taxonomy_reused, read_exercises, render_changed)
from exguide.site.library import link_library
from exguide.site.markup import MarkdownRenderer
from exguide.build.output import MARKER, OutputError, check_output_target, discard_staging, prepare_staging, swap_into_place
from exguide.site.pages import plan_pages
from exguide.build.publish import (OutputPlan, discard_tree, intact, link_bundle, nothing_changed, plan_output,
                      remember_output, stage_files, write_in_place)
from exguide.build.render import make_environment
from exguide.content.sources import discover_exercises
from exguide.reuse.tracking import TrackingEnvironment, track_filters

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuildOptions:
    content_dir: Path = PROJECT_ROOT / "content"
    output_dir: Path = PROJECT_ROOT / "output"
    config_path: Path = PROJECT_ROOT / "site.yaml"
    templates_dir: Path = PROJECT_ROOT / "templates"
    assets_dir: Path = PROJECT_ROOT / "assets"
    base_url: str | None = None
    drafts: bool = False
    strict: bool = False
    write: bool = True  # False for `check`: everything but writing
    search: bool = True  # run the search indexer over the staged site
    cache_dir: Path | None = None  # keep the memo here between builds (the CLI: .cache/); None: a plain build
    in_place: bool = False  # `serve`: update output_dir file by file instead of staging and swapping


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    ok: bool = False
    rendered: list[str] = field(default_factory=list)  # output paths of the pages rendered this time
    written: list[str] = field(default_factory=list)  # output paths whose bytes changed
    indexed: bool = False  # the search indexer ran


def build(options: BuildOptions, memo: Memo | None = None) -> BuildResult:
    """Build the site; on any failure the previous output is left exactly as it was."""
    result = BuildResult()
    problems = result.diagnostics

    def done() -> BuildResult:
        result.diagnostics = sort_diagnostics(problems)
        result.ok = not has_failures(result.diagnostics, options.strict)
        return result

    memo = memo if memo is not None else _load_memo(options)
    memo.live.turn()
    settings, found = load_settings(options.config_path, options.base_url)
    problems += found
    taxonomy, found = load_taxonomy_reused(options.content_dir, memo)
    problems += found
    paths, found = discover_exercises(options.content_dir, memo.live.paths)
    memo.live.paths = {str(path): path for path in paths}
    problems += found
    exercises = []
    for exercise, found in read_exercises(paths, taxonomy, options.content_dir / "exercises", memo):
        problems += found
        if exercise is not None and (options.drafts or not exercise.draft):
            exercises.append(exercise)
    if has_failures(problems, options.strict):
        return done()

    renderer = BodyRenderer(MarkdownRenderer(allow_raw_html=settings.allow_raw_html), memo)
    library, found = link_library(exercises, taxonomy, settings, options.content_dir, renderer)
    problems += found
    pages, found = plan_pages(library, memo.live.pages)
    problems += found
    if has_failures(problems, options.strict):
        return done()

    env = make_environment(options.templates_dir, library, env_class=TrackingEnvironment,
                           bytecode_cache=BytecodeStore(memo))
    track_filters(env)
    prints = Fingerprints(TemplateKeys(env, memo.template_refs),
                          globals_key(settings, taxonomy, len(library.exercises), env), library.by_slug,
                          memo.live)
    spool = Spool(options)
    seen_on_disk: dict[str, bool] = {}
    try:
        rendered, found = render_changed(env, pages, options.templates_dir, memo, prints,
                                         _still_written(options, memo, seen_on_disk), spool.open)
    except OSError as exc:  # writing a page into the staging folder failed (a full disk…)
        spool.discard()
        problems.append(cannot_write(exc, options.output_dir))
        return done()
    problems += found
    result.rendered = sorted(rendered.fresh)
    if has_failures(problems, options.strict):
        spool.discard()
        return done()

    files: dict[str, bytes] = {}
    files.update(export_files(library, ExportRecords(memo)))
    copies = static_files(options, library.images)
    extras = {".nojekyll": b"", MARKER: b""}
    if settings.cname:
        extras["CNAME"] = (settings.cname + "\n").encode()
    files.update(extras)
    page_digests = {path: entry.digest for path, entry in rendered.entries.items()}
    sources = {p.output_path: p.source_path for p in pages if p.source_path}
    all_paths = set(files) | set(page_digests) | set(copies)
    found, link_key = check_changed_links(rendered, all_paths, library.urls, sources, memo)
    problems += found
    result.pages = len(pages)
    result.files = len(all_paths)
    if has_failures(problems, options.strict) or not options.write:
        spool.discard()
        return done()

    indexed = {path: entry.digest for path, entry in rendered.entries.items() if entry.indexed}
    plan = plan_output(options.output_dir, files, page_digests, rendered.fresh, spool.folder, copies, indexed,
                       memo, trusted=options.in_place, seen=seen_on_disk)
    result.written = plan.changed
    problems += write_in_place_or_staged(options, plan, memo, result)
    spool.discard()
    if not has_failures(problems, options.strict):
        memo.pages, memo.link_key = rendered.entries, link_key  # they now describe the output folder
        if options.cache_dir is not None and (memo.changed or plan.changed):
            memo.changed = False
            save_memo(memo_file(options.cache_dir, options.output_dir), memo)
    return done()


def _still_written(options: BuildOptions, memo: Memo, seen: dict[str, bool]):
    """``(path, digest) -> bool``: the output folder still holds these bytes at ``path``.

    Answers are noted in ``seen`` so the write stage does not look at the same file again.
    """
    def check(path: str, digest: str) -> bool:
        state = memo.files.get(path)
        if state is None or state.digest != digest:
            return False
        if options.in_place:  # serve's folder is its own: nobody else writes there
            return True
        if path not in seen:
            seen[path] = intact(options.output_dir / path, state)
        return seen[path]
    return check


class Spool:
    """Where rendered pages are written as they are made: the staging folder of a command-line
    build (it becomes the new output), a scratch folder beside the preview for `serve`."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.folder: Path | None = None

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
                    self.folder = prepare_staging(output)
                except (OutputError, OSError):
                    return None  # the write stage meets the same problem and reports it
        return self.folder

    def discard(self) -> None:
        """Remove what is left: after a failed build, or a preview's moved pages."""
        if self.folder is not None and self.folder.exists():
            discard_tree(self.folder)


def protected_paths(options: BuildOptions) -> list[Path]:
    """Folders the output must never replace."""
    return [options.content_dir, options.templates_dir, options.assets_dir, PROJECT_ROOT, Path.cwd(),
            options.config_path]


def _load_memo(options: BuildOptions) -> Memo:
    """The last build's memo for this output folder and these options, or an empty one."""
    version = memo_version(options.content_dir.resolve(), options.templates_dir.resolve(),
                           options.assets_dir.resolve(), options.config_path.resolve(), options.base_url,
                           options.drafts, options.search, options.in_place)
    if options.cache_dir is None or not options.write:
        return Memo(version=version)
    return load_memo(memo_file(options.cache_dir, options.output_dir), version)


def static_files(options: BuildOptions, images: set[str]) -> dict[str, Path]:
    """Output path -> source file for assets and the images exercises use."""
    copies: dict[str, Path] = {}
    if options.assets_dir.is_dir():
        for dirpath, dirnames, filenames in os.walk(options.assets_dir):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                path = Path(dirpath) / name
                copies["assets/" + path.relative_to(options.assets_dir).as_posix()] = path
    for src in sorted(images):
        copies["images/" + src] = options.content_dir / "images" / src
    return copies


def write_in_place_or_staged(options: BuildOptions, plan: OutputPlan, memo: Memo,
                             result: BuildResult) -> list[Diagnostic]:
    """`serve` updates its own folder in place; everything else goes through staging and a swap."""
    if not options.in_place:
        return write_site(options, plan, memo, result)
    try:
        write_in_place(options.output_dir, plan, memo)
    except OSError as exc:
        return [error("", 0, "", f"cannot write the preview ({exc.strerror or exc}: {exc.filename})")]
    return []


def write_site(options: BuildOptions, plan: OutputPlan, memo: Memo, result: BuildResult) -> list[Diagnostic]:
    """Stage everything, index it, and swap it in; the old output survives any failure.

    Unchanged files are hard-linked from the current output rather than written, the
    search bundle too when no indexed page changed, and when nothing changed at all the
    output is left untouched.
    """
    output = options.output_dir
    try:
        check_output_target(output, protected_paths(options))
        if nothing_changed(plan, memo, options.search):
            return []
        staging = plan.spool or prepare_staging(output)  # rendered pages are there already
        stage_files(staging, output, plan)
        if options.search and plan.bundle_unchanged:
            link_bundle(staging, output, memo)
        elif options.search:
            from exguide.site.search import index_site

            found = index_site(staging)
            if found:
                discard_staging(output)
                return found
            result.indexed = True
        swap_into_place(staging, output)
        remember_output(memo, output, plan, options.search)
    except OutputError as exc:
        return [error("", 0, "", str(exc))]
    except OSError as exc:
        discard_staging(output)
        return [cannot_write(exc, output)]
    return []


def cannot_write(exc: OSError, output: Path) -> Diagnostic:
    return error("", 0, "", f"cannot write the site ({exc.strerror or exc}: {exc.filename or output}); "
                            f"the previous {output.name}/ is unchanged")
