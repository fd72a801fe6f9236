"""The build, read top to bottom: discover → read → validate → link → plan → render → write.

Each stage is a plain function of its inputs. The reuse layer (exguide/reuse/) wraps the
costly ones: ``reuse.files``, ``reuse.asking``, ``reuse.each`` and ``reuse.render`` hand
back what the last build made from the same inputs and call the stage for the rest. Its
memo is empty for a plain build, kept in memory by `serve`, and kept under .cache/
between command-line builds; the output is byte for byte the same either way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from exguide.build.output import write_file
from exguide.build.publish import plan_output
from exguide.build.render import make_environment, render_page, template_error
from exguide.build.write import Spool, cannot_write, extra_files, static_files, still_written, write_output
from exguide.content.read import published, read_exercise
from exguide.content.settings import load_settings
from exguide.content.sources import discover_exercises
from exguide.content.taxonomy import FILES as VOCABULARIES, load_taxonomy
from exguide.errors import Diagnostic, has_failures, sort_diagnostics
from exguide.reuse.memo import Memo
from exguide.reuse.session import Session, file_inputs
from exguide.reuse.store import memo_file, open_memo
from exguide.site.bodies import BodyLinks, body_inputs, render_body, with_bodies, without_problems
from exguide.site.demos import demo_files, demo_inputs
from exguide.site.export import exercise_bytes, export_files, record_inputs
from exguide.site.library import link_library
from exguide.site.markup import MarkdownRenderer
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
    vocabularies = file_inputs([options.content_dir / name for name in VOCABULARIES], options.content_dir)
    taxonomy = run(reuse.once("taxonomy", partial(load_taxonomy, options.content_dir), vocabularies))
    paths = run(discover_exercises(options.content_dir, reuse.interned("paths")))
    read = partial(read_exercise, options.content_dir / "exercises", taxonomy)
    exercises = run(published(reuse.files("exercises", paths, read, taxonomy.digest), options.drafts))
    if run.failed:
        return run.done()
    library = run(link_library(exercises, taxonomy, settings, options.content_dir))
    links, markdown = BodyLinks(library, options.content_dir), MarkdownRenderer(settings.allow_raw_html)
    bodies = reuse.asking("bodies", library.exercises, key=lambda e: e.source_path,
                          inputs=partial(body_inputs, settings.allow_raw_html),
                          make=partial(render_body, markdown, links), answer=links.answer, keep=without_problems)
    library = run(with_bodies(library, bodies))
    pages = run(plan_pages(library, reuse.keeper("pages")))
    if run.failed:
        return run.done()
    spool, seen = Spool(options), {}
    rendered = run(render_site(options, library, pages, reuse, spool, seen))
    if run.failed:
        return run.done()
    records = reuse.each("exports", library.exercises, key=lambda e: e.slug, inputs=partial(record_inputs, library),
                         make=partial(exercise_bytes, library))
    files, copies = export_files(library, records) | extra_files(settings), static_files(options, library.images)
    for made in reuse.each("demos", [e for e in library.exercises if e.demo], key=lambda e: e.slug,
                           inputs=demo_inputs, make=demo_files):
        files.update(made)  # each demo's stylesheet and card picture, beside its page
    every_path = set(files) | set(rendered.entries) | set(copies)
    run.add(reuse.check_links(rendered, every_path, library.urls, {p.output_path: p.source_path for p in pages}))
    run.result.pages, run.result.files, run.result.rendered = len(pages), len(every_path), sorted(rendered.fresh)
    if not run.failed and options.write:
        plan = plan_output(options.output_dir, files, rendered.digests, rendered.fresh, spool.folder, copies,
                           rendered.indexed, reuse.output, reuse.digest, options.in_place, seen)
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


def render_site(options: BuildOptions, library, pages: list, reuse: Session, spool: Spool, seen: dict):
    """The render stage through the reuse layer: the pages whose inputs changed, into the spool."""
    records = {exercise.source_path: exercise for exercise in library.exercises}
    try:
        rendered, problems = reuse.render(
            partial(make_environment, options.templates_dir, library), pages, records,
            (library.settings, library.taxonomy.digest, len(library.exercises)),
            render=render_page, failed=lambda exc, page: template_error(exc, options.templates_dir, page),
            intact=still_written(options, reuse.output, seen), spool=spool.open, write=write_file)
    except OSError as exc:  # writing a page into the staging folder failed (a full disk…)
        spool.discard()
        return None, [cannot_write(exc, options.output_dir)]
    if has_failures(problems, options.strict):
        spool.discard()
    return rendered, problems
