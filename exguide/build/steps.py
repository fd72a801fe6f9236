"""Each stage as the recipe calls it: the plain stage function, run through the reuse layer.

This is the only place that knows which stage is reused how: per file by its bytes
(``files``), per item by its inputs (``each``), per item with the questions it asked
(``asking``), or per page with the record fields it read (``render``).
"""
from __future__ import annotations

from dataclasses import replace
from functools import partial

from exguide.build.output import write_file
from exguide.build.parallel import MIN_ITEMS
from exguide.build.render import make_environment, render_page, template_error
from exguide.build.media import MediaFiles, gather_media, media_options, media_paths, media_store
from exguide.build.write import Spool, cannot_write, extra_files, static_files, still_written
from exguide.content.read import published, read_exercise
from exguide.content.routines import read_routine
from exguide.content.sources import discover_exercises, discover_routines
from exguide.content.taxonomy import FILES as VOCABULARIES, load_taxonomy
from exguide.errors import Diagnostic, has_failures
from exguide.reuse.session import Session, file_inputs
from exguide.site.bodies import BodyLinks, body_inputs, render_body, with_bodies, without_problems
from exguide.site.demos import demo_drawings, demo_files
from exguide.site.export import exercise_bytes, export_files, record_inputs
from exguide.site.figure import build_figure
from exguide.site.images import publish_image
from exguide.site.routine_export import routine_files
from exguide.site.markup import MarkdownRenderer
from exguide.site.search_parts import SearchPart, plan_parts, site_part_folders
from exguide.site.thumbs import thumb_files
from exguide.site.urls import output_path


def read_taxonomy(options, reuse: Session):
    """The vocabularies, the very same object while their files are unchanged."""
    files = file_inputs([options.content_dir / name for name in VOCABULARIES], options.content_dir)
    return reuse.once("taxonomy", partial(load_taxonomy, options.content_dir), files)


def read_exercises(options, taxonomy, reuse: Session):
    """((exercises to publish, drafts left out), problems): discover, read and validate."""
    paths, problems = discover_exercises(options.content_dir, reuse.interned("paths"))
    read = partial(read_exercise, options.content_dir / "exercises", taxonomy)
    records, found = published(reuse.files("exercises", paths, read, taxonomy.digest), options.drafts)
    return records, problems + found


def read_routines(options, taxonomy, reuse: Session):
    """(routines to publish, problems)."""
    paths, problems = discover_routines(options.content_dir, reuse.interned("paths"))
    read = partial(read_routine, options.content_dir / "routines", taxonomy)
    (shown, _hidden), found = published(reuse.files("routines", paths, read, taxonomy.digest), options.drafts)
    return shown, problems + found


def render_bodies(library, options, reuse: Session):
    """(the library with every body's HTML, problems): Markdown converted again only where it changed."""
    raw = library.settings.allow_raw_html
    links, markdown, records = BodyLinks(library, options.content_dir), MarkdownRenderer(raw), library.records()
    bodies = reuse.asking("bodies", records, key=lambda r: r.source_path, inputs=partial(body_inputs, raw),
                          make=partial(render_body, markdown, links), answer=links.answer, keep=without_problems)
    return with_bodies(library, records, bodies)


def render_site(options, library, pages: list, reuse: Session, spool: Spool, seen: dict):
    """The pages whose inputs changed, rendered into the spool; (Rendered, problems)."""
    records = {record.source_path: record for record in library.records()}
    records.update((f"image:{src}", picture) for src, picture in library.pictures.items())
    try:
        rendered, problems = reuse.render(
            partial(make_environment, options.templates_dir, library, {"body_figure": muscle_figure(library, reuse)}),
            pages, records,
            (library.settings, library.taxonomy.digest, len(library.exercises), len(library.routines)),
            render=render_page, failed=lambda exc, page: template_error(exc, options.templates_dir, page),
            intact=still_written(options, reuse.output, seen), spool=spool.open, write=write_file)
    except OSError as exc:  # writing a page into the staging folder failed (a full disk…)
        spool.discard()
        return None, [cannot_write(exc, options.output_dir)]
    if has_failures(problems, options.strict):
        spool.discard()
    return rendered, problems


def publish_media(options, library, reuse: Session) -> tuple[MediaFiles, list[Diagnostic]]:
    """The media stage: every image the records use checked and published, each through the reuse
    layer (kept while its bytes are the same) and the media cache (kept by content, across memos)."""
    images_dir, store = options.content_dir / "images", media_store(options)
    how = media_options(options, library.settings)
    salt = how.key() + str(store and store.root)
    front, body = media_paths(library, images_dir)
    made = [reuse.files(name, paths, partial(publish_image, images_dir, store, replace(how, as_named=named)),
                        salt, parallel_from=2) for name, paths, named in (("media", front, False),
                                                                         ("media-body", body, True))]
    if store is not None and (front or body):
        store.prune()
    return gather_media(library, images_dir, store, how, *made)


def output_files(options, library, media: MediaFiles, reuse: Session) -> tuple[dict, dict]:
    """(output path -> bytes, output path -> file to copy) of everything but the rendered pages: the JSON
    export and feed (unchanged exercise records are not made again), figures, media and assets."""
    records = reuse.each("exports", library.exercises, key=lambda e: e.slug, inputs=partial(record_inputs, library),
                         make=partial(exercise_bytes, library))
    figure = muscle_figure(library, reuse)
    thumbs = {"figures/" + name: data for name, data in thumb_files(figure, library.exercises).items()}
    thumbs["figures/" + figure.sprite_name] = figure.sprite  # what every page's muscle figure <use>s
    files = (export_files(library, records) | routine_files(library) | extra_files(library.settings)
             | media.data | thumbs)
    # each drawing once, however many exercises show it: its key is a digest of all it is drawn from
    for made in reuse.each("demos", demo_drawings(library.exercises), key=lambda d: d[0], inputs=lambda d: d[0],
                           make=demo_files, parallel_from=2 * MIN_ITEMS):
        files.update(made)
    return files, static_files(options) | media.copies


def muscle_figure(library, reuse: Session):
    """The body figure the pages and card pictures are drawn from: the same one while the muscles are."""
    muscles = list(library.taxonomy.muscles.values())
    return reuse.once("figure", partial(build_figure, muscles), library.taxonomy.digest)


def search_parts(library, indexed: dict[str, str]) -> tuple[SearchPart, ...]:
    """The search index's parts: as many as the search page merges, the pages dealt out by title."""
    u = library.urls
    titles = {output_path(u.exercise(e.slug)): e.title for e in library.exercises}
    titles.update((output_path(u.routine(plan.routine.slug)), plan.routine.title) for plan in library.routines)
    return plan_parts({path: titles.get(path, path) for path in indexed}, len(site_part_folders(library)))
