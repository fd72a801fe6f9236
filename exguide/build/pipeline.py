"""The build, read top to bottom: discover → read → validate → link → plan → render → write.

Each stage is a plain function of its inputs. The reuse layer (exguide/reuse/) wraps the
costly ones (build/steps.py says which, and how): it hands back what the last build made
from the same inputs and calls the stage for the rest. Its memo is empty for a plain
build, kept in memory by `serve`, and kept under .cache/ between command-line builds; the
output is byte for byte the same either way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exguide.build.publish import plan_output
from exguide.build.steps import (output_files, publish_media, read_exercises, read_routines, read_taxonomy,
                                 render_bodies, render_site, search_parts)
from exguide.build.write import Spool, write_output
from exguide.content.settings import load_settings
from exguide.errors import Diagnostic, has_failures, sort_diagnostics
from exguide.reuse.memo import Memo
from exguide.reuse.session import Session
from exguide.reuse.store import memo_file, open_memo
from exguide.site.library import link_library
from exguide.site.pages import plan_pages

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
    reuse, run = Session(memo if memo is not None else open_memo(options)), Run(options.strict)
    settings = run(load_settings(options.config_path, options.base_url))
    taxonomy = run(read_taxonomy(options, reuse))
    exercises, hidden = run(read_exercises(options, taxonomy, reuse))
    routines = run(read_routines(options, taxonomy, reuse))
    if run.failed:
        return run.done()
    library = run(link_library(exercises, taxonomy, settings, options.content_dir, routines, hidden))
    library = run(render_bodies(library, options, reuse))
    media = run(publish_media(options, library, reuse))
    pages = run(plan_pages(library, reuse.keeper("pages")))
    if run.failed:
        return run.done()
    spool, seen = Spool(options, reuse.output), {}
    rendered = run(render_site(options, library, pages, reuse, spool, seen))
    if run.failed:
        return run.done()
    files, copies = output_files(options, library, media, reuse)
    every_path = set(files) | set(rendered.entries) | set(copies)
    run.add(reuse.check_links(rendered, every_path, library.urls, {p.output_path: p.source_path for p in pages}))
    run.result.pages, run.result.files, run.result.rendered = len(pages), len(every_path), sorted(rendered.fresh)
    if not run.failed and options.write:
        plan = plan_output(options.output_dir, files, rendered.digests, rendered.fresh, spool, copies,
                           search_parts(library, rendered.indexed), reuse.output, reuse.digest, options.in_place, seen)
        run.result.written, run.result.indexed, found = write_output(options, plan, reuse.output)
        run.add(found)
    spool.discard()
    if not run.failed and options.write:
        reuse.remember(rendered, run.result.written, options.cache_dir and memo_file(options.cache_dir, options.output_dir))
    return run.done()


class Run:
    """One build's problems, gathered from every stage, and its result."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.result = BuildResult()

    def __call__(self, outcome: tuple):
        """A stage's (value, problems): keep the problems, hand on the value."""
        value, found = outcome
        self.add(found)
        return value

    def add(self, found: list[Diagnostic]) -> None:
        self.result.diagnostics += found

    @property
    def failed(self) -> bool:
        return has_failures(self.result.diagnostics, self.strict)

    def done(self) -> BuildResult:
        self.result.diagnostics = sort_diagnostics(self.result.diagnostics)
        self.result.ok = not self.failed
        return self.result
