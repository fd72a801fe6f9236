"""The body stage: each record's Markdown (exercises, routines) turned into safe HTML, its links resolved
through the library.

``render_body`` asks every link question through ``ask`` ((kind, target) -> href or None),
so whoever calls it can see what a body depended on (the reuse layer records the answers
and renders a body again only when one of them changes).
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from exguide.errors import Diagnostic
from exguide.site.library import Library, image_exists
from exguide.site.markup import LinkContext, MarkdownRenderer


@dataclass(frozen=True)
class Body:
    html: str
    problems: tuple[Diagnostic, ...]
    images: frozenset[str]  # local images it shows


class BodyLinks:
    """The answers a body's links get from the library: ('exercise', file) or ('image', src) -> href or None."""

    def __init__(self, lib: Library, content_dir: Path):
        self.urls = lib.urls
        self.by_file = {e.file_name: e for e in lib.exercises}
        self._exercises = {id(e) for e in lib.exercises}
        self.names = sorted(self.by_file)  # once: for did-you-mean in link errors
        self.images_dir = content_dir / "images"

    def answer(self, question: tuple[str, str]) -> str | None:
        kind, target = question
        if kind == "exercise":
            found = self.by_file.get(target)
            return self.urls.href(self.urls.exercise(found.slug)) if found else None
        return self.urls.href(self.urls.image(target)) if image_exists(self.images_dir, target) else None

    def folder_of(self, record) -> str:
        """Where a body's links to exercise files start: an exercise's own folder below
        content/exercises/; for any other record (a routine), content/exercises/ itself."""
        return posixpath.dirname(record.file_name) if id(record) in self._exercises else ""


def body_inputs(allow_raw_html: bool, exercise) -> tuple:
    """Everything a body's HTML is made from besides the answers to its link questions."""
    return (exercise.body, exercise.body_line, exercise.source_path, exercise.file_name, allow_raw_html)


def render_body(markdown: MarkdownRenderer, links: BodyLinks, record, ask: Callable) -> Body:
    """One body's HTML, its problems and the local images it uses."""
    here = links.folder_of(record)
    ctx = LinkContext(record.source_path, record.body, record.body_line,
                      lambda path: ask(("exercise", posixpath.normpath(posixpath.join(here, path)))),
                      lambda src: ask(("image", src)), exercise_names=links.names)
    html = markdown.render(ctx)
    return Body(html, tuple(ctx.problems), frozenset(ctx.images))


def with_bodies(lib: Library, records: list, bodies: list[Body]) -> tuple[Library, list[Diagnostic]]:
    """The library with each record's body HTML (by source path) and the images bodies show; their problems."""
    problems: list[Diagnostic] = []
    for record, body in zip(records, bodies):
        problems.extend(body.problems)
        lib.images.update(body.images)
        for src in sorted(body.images):
            lib.body_images.setdefault(src, []).append((record.source_path, record.body_line))
        lib.bodies[record.source_path] = body.html
    return lib, problems


def without_problems(body: Body) -> bool:
    """Bodies worth keeping: one with errors is rendered again, so its messages stay current."""
    return not body.problems


def render_bodies(lib: Library, markdown: MarkdownRenderer, content_dir: Path) -> tuple[Library, list[Diagnostic]]:
    """Every body rendered, nothing reused: the body stage on its own (the pipeline calls it per
    body through the reuse layer instead)."""
    links = BodyLinks(lib, content_dir)
    records = lib.records()
    return with_bodies(lib, records, [render_body(markdown, links, r, links.answer) for r in records])
