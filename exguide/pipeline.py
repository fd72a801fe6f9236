"""The build, read top to bottom: discover → read → validate → link → plan → render → write."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import load_settings
from .errors import Diagnostic, error, has_failures, sort_diagnostics
from .exercises import validate_exercise
from .export import export_files
from .library import link_library
from .linkcheck import check_links
from .markup import MarkdownRenderer
from .output import (MARKER, OutputError, check_output_target, discard_staging, prepare_staging,
                     swap_into_place, write_file)
from .pages import plan_pages
from .render import make_environment, render_pages
from .sources import discover_exercises, read_source
from .taxonomy import load_taxonomy

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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


@dataclass
class BuildResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    ok: bool = False


def build(options: BuildOptions) -> BuildResult:
    """Build the site; on any failure the previous output is left exactly as it was."""
    result = BuildResult()
    problems = result.diagnostics

    def done() -> BuildResult:
        result.diagnostics = sort_diagnostics(problems)
        result.ok = not has_failures(result.diagnostics, options.strict)
        return result

    settings, found = load_settings(options.config_path, options.base_url)
    problems += found
    taxonomy, found = load_taxonomy(options.content_dir)
    problems += found
    paths, found = discover_exercises(options.content_dir)
    problems += found
    exercises = []
    exercises_dir = options.content_dir / "exercises"
    for path in paths:
        record = read_source(path)
        exercise, found = validate_exercise(record, taxonomy, path.relative_to(exercises_dir).as_posix())
        problems += found
        if exercise is not None and (options.drafts or not exercise.draft):
            exercises.append(exercise)
    if has_failures(problems, options.strict):
        return done()

    renderer = MarkdownRenderer(allow_raw_html=settings.allow_raw_html)
    library, found = link_library(exercises, taxonomy, settings, options.content_dir, renderer)
    problems += found
    pages, found = plan_pages(library)
    problems += found
    if has_failures(problems, options.strict):
        return done()

    env = make_environment(options.templates_dir, library)
    rendered, found = render_pages(env, pages, options.templates_dir)
    problems += found
    if has_failures(problems, options.strict):
        return done()

    files: dict[str, bytes] = {path: text.encode("utf-8") for path, text in rendered.items()}
    files.update(export_files(library))
    copies = static_files(options, library.images)
    extras = {".nojekyll": b"", MARKER: b""}
    if settings.cname:
        extras["CNAME"] = (settings.cname + "\n").encode()
    sources = {p.output_path: p.source_path for p in pages if p.source_path}
    all_paths = set(files) | set(copies) | set(extras)
    problems += check_links(rendered, all_paths, library.urls, sources)
    result.pages = len(pages)
    result.files = len(all_paths)
    if has_failures(problems, options.strict) or not options.write:
        return done()

    problems += write_site(options, files, copies, extras)
    return done()


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


def write_site(options: BuildOptions, files: dict[str, bytes], copies: dict[str, Path],
               extras: dict[str, bytes]) -> list[Diagnostic]:
    """Stage everything, index it, and swap it in; the old output survives any failure."""
    output = options.output_dir
    protected = [options.content_dir, options.templates_dir, options.assets_dir, PROJECT_ROOT,
                 Path.cwd(), options.config_path]
    try:
        check_output_target(output, protected)
        staging = prepare_staging(output)
        for path, data in sorted(files.items()):
            write_file(staging, path, data)
        for path, source in sorted(copies.items()):
            write_file(staging, path, source.read_bytes())
        for path, data in extras.items():
            write_file(staging, path, data)
        if options.search:
            from .search import index_site

            found = index_site(staging)
            if found:
                discard_staging(output)
                return found
        swap_into_place(staging, output)
    except OutputError as exc:
        return [error("", 0, "", str(exc))]
    except OSError as exc:
        discard_staging(output)
        target = exc.filename or output
        return [error("", 0, "", f"cannot write the site ({exc.strerror or exc}: {target}); "
                                 f"the previous {output.name}/ is unchanged")]
    return []
