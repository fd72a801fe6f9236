"""Incremental builds: each step's result is remembered with what it was made from.

The memo (kept in memory by `serve`, pickled under .cache/ between command-line builds
by cache.py) holds, per step:

- exercises: each source file's validated Exercise, valid while the file's bytes and the
  taxonomy are the same;
- bodies: each Markdown body's HTML, valid while its text is the same and every link and
  image in it still resolves to the same place;
- exports: each exercise's JSON record, valid while the exercise, its body HTML, the
  taxonomy, the URLs and the titles of the exercises it names are the same;
- pages: each page's fingerprint (its template and the templates that one uses, the
  globals, the shape of its context, and the value of every exercise field its
  templates read: tracking.py) and what it rendered to;
- files, bundle: what the output folder holds now (publish.py).

Reuse is decided by comparing fingerprints, never by guessing from which file changed,
so a rebuild after any edit gives the same bytes as a build from nothing; the tests
check exactly that.
"""
from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from exguide.errors import Diagnostic
from exguide.site.export import exercise_bytes, record_inputs
from exguide.content.exercises import validate_exercise
from exguide.reuse.fingerprint import Fingerprints, sha1
from exguide.build.linkcheck import LinkChecker, ids_of, refs_of
from exguide.site.markup import LinkContext, MarkdownRenderer
from exguide.content.model import Exercise
from exguide.build.output import write_file
from exguide.site.pages import Page
from exguide.build.parallel import fork_map
from exguide.build.render import render_page, template_error
from exguide.reuse.live import Live
from exguide.content.sources import read_source
from exguide.content.taxonomy import FILES as TAXONOMY_FILES, Taxonomy, load_taxonomy
from exguide.reuse.tracking import TrackingEnvironment, render_tracked

INDEXED_MARK = "data-pagefind-body"  # pages the search indexer reads


@dataclass
class ExerciseEntry:
    key: str  # "<sha1 of the file's bytes>:<taxonomy digest>"
    exercise: Exercise | None
    diagnostics: list[Diagnostic]
    stat: tuple | None = None  # (size, mtime, inode) when read; None when too recent to trust (see _stat_key)


@dataclass
class BodyEntry:
    key: str  # the body's text, where it starts, and the raw-HTML setting
    html: str
    images: frozenset
    lookups: tuple  # ((kind, argument, answer), ...) every link and image it resolved


@dataclass
class ExportEntry:
    exercise: Exercise  # the same object as the exercises step's while its file is unchanged
    body: str  # the body's HTML
    context: str  # the URLs and the taxonomy
    inputs: tuple  # export.record_inputs: the other exercises it names, with their titles
    data: bytes  # api/exercises/<slug>.json


@dataclass
class PageEntry:
    fingerprint: str
    digest: str  # sha1 of the page's bytes
    reads: dict  # slug -> fields of that exercise the templates read
    refs: tuple  # href/src values, for the link check
    ids: frozenset  # anchor ids, for links to #fragments
    indexed: bool  # the search indexer reads this page


@dataclass(frozen=True)
class FileState:
    digest: str
    size: int
    mtime_ns: int


@dataclass
class Memo:
    version: str = ""
    exercises: dict[str, ExerciseEntry] = field(default_factory=dict)  # by source file path
    bodies: dict[str, BodyEntry] = field(default_factory=dict)  # by source path
    exports: dict[str, ExportEntry] = field(default_factory=dict)  # by slug
    pages: dict[str, PageEntry] = field(default_factory=dict)  # by output path; describes output as written
    files: dict[str, FileState] = field(default_factory=dict)  # what the output folder holds
    copies: dict[str, tuple] = field(default_factory=dict)  # source file -> ((size, mtime_ns), digest)
    bundle: dict[str, FileState] = field(default_factory=dict)  # the search bundle's files
    search_key: str = ""  # which indexed pages the bundle was made from
    link_key: str = ""  # the set of output paths the last link check saw
    bytecode: dict[str, bytes] = field(default_factory=dict)  # compiled templates, by Jinja2's key
    template_refs: dict[str, tuple | None] = field(default_factory=dict)  # template source hash -> templates it uses
    changed: bool = False  # something above changed since the memo was loaded or saved
    live: Live = field(default_factory=Live, compare=False, repr=False)  # not part of what is remembered

    def __getstate__(self) -> dict:
        return {**self.__dict__, "live": Live()}  # see Live: not for another process


class BytecodeStore(jinja2.BytecodeCache):
    """Compiled templates kept in the memo; Jinja2 checks each against its template's source."""

    def __init__(self, memo: Memo):
        self.store = memo.bytecode

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


# --- taxonomy ------------------------------------------------------------------------------

def load_taxonomy_reused(content_dir: Path, memo: Memo) -> tuple[Taxonomy, list[Diagnostic]]:
    """``load_taxonomy``, or the very same result as last time while each vocabulary file has the
    same bytes and resolves to the same place: one taxonomy object lets later steps reuse by identity."""
    root = os.path.realpath(content_dir)
    files = tuple(_file_key(content_dir / name, root) for name in TAXONOMY_FILES)
    return memo.live.taxonomy.get("taxonomy", files, lambda: load_taxonomy(content_dir))


def _file_key(path: Path, root: str) -> tuple | None:
    """Where the file really is, and its bytes if that is inside the content folder (never read
    what a link leads to outside it: load_taxonomy refuses such a file without reading it)."""
    real = os.path.realpath(path)
    if not real.startswith(root + os.sep):
        return real, None
    try:
        return real, path.read_bytes()
    except OSError:
        return None


# --- read + validate -----------------------------------------------------------------------

def read_exercises(paths: list[Path], taxonomy: Taxonomy, exercises_dir: Path,
                   memo: Memo) -> list[tuple[Exercise | None, list[Diagnostic]]]:
    """(exercise or None, diagnostics) for each path: reused while the file is unchanged, else read.

    A file whose size, time and inode match the memo is not even opened; one changed too
    recently for its time to be trusted is read and hashed.
    """
    results: list = [None] * len(paths)
    keys: list[str | None] = [None] * len(paths)
    stats: list[tuple | None] = [None] * len(paths)
    entries: dict[str, ExerciseEntry] = {}
    changed = len(paths) != len(memo.exercises)
    now = time.time()
    todo = []
    for index, path in enumerate(paths):
        name = str(path)
        entry = memo.exercises.get(name)
        try:
            stat = stats[index] = _stat_key(name, now)
            if entry is not None and entry.stat is not None and entry.stat == stat:
                file_hash = entry.key.partition(":")[0]
            else:
                file_hash = sha1(path.read_bytes())
        except OSError:
            todo.append(index)  # read_source reports why
            continue
        key = keys[index] = f"{file_hash}:{taxonomy.digest}"
        if entry is not None and entry.key == key:
            results[index] = (entry.exercise, entry.diagnostics)
            if entry.stat != stat:
                changed = True
                entry = ExerciseEntry(key, entry.exercise, entry.diagnostics, stat)
            entries[name] = entry
        else:
            todo.append(index)

    def read_one(index: int):
        path = paths[index]
        return validate_exercise(read_source(path), taxonomy, path.relative_to(exercises_dir).as_posix())

    for index, result in zip(todo, fork_map(read_one, todo)):
        results[index] = result
        if keys[index] is not None:
            entries[str(paths[index])] = ExerciseEntry(keys[index], *result, stats[index])
    memo.changed |= changed or bool(todo)
    memo.exercises = entries
    return results


RACY = 2.0  # seconds: a file changed this recently may change again without its time moving


def _stat_key(path: str, now: float) -> tuple | None:
    stat = os.stat(path)
    if now - stat.st_mtime < RACY:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


# --- Markdown bodies -----------------------------------------------------------------------

class BodyRenderer:
    """Renders bodies through ``markdown``, reusing the memo's HTML while text and links are unchanged."""

    def __init__(self, markdown: MarkdownRenderer, memo: Memo):
        self.markdown = markdown
        self.memo = memo

    def render_all(self, exercises: list[Exercise], context) -> list[tuple[str, list[Diagnostic], set[str]]]:
        """(HTML, problems, local images) for every exercise's body, in order; the memo keeps exactly
        these bodies afterwards. ``context(exercise)`` makes its LinkContext, needed only for a body
        rendered again or one whose links must be checked again."""
        out: list = [None] * len(exercises)
        kept: dict[str, BodyEntry] = {}
        keys: dict[str, str] = {}
        raw = self.markdown.allow_raw_html
        todo = []
        for index, exercise in enumerate(exercises):
            path = exercise.source_path
            keys[path] = self.memo.live.bodies.get(path, (exercise, raw), lambda e=exercise: self._key(e))
            entry = self.memo.bodies.get(path)
            if (entry is not None and entry.key == keys[path]
                    and (not entry.lookups or _same_answers(entry.lookups, context(exercise)))):
                out[index] = (entry.html, [], entry.images)
                kept[path] = entry
            else:
                todo.append(index)
        contexts = {index: context(exercises[index]) for index in todo}
        for index, (html, problems, images, lookups) in zip(
                todo, fork_map(lambda i: _render_recorded(self.markdown, contexts[i]), todo)):
            path = exercises[index].source_path
            out[index] = (html, problems, images)
            if not problems:  # a body with errors is rendered again, so its messages stay current
                kept[path] = BodyEntry(keys[path], html, frozenset(images), lookups)
        self.memo.changed |= bool(todo) or len(kept) != len(self.memo.bodies)
        self.memo.bodies = kept
        return out

    def _key(self, exercise: Exercise) -> str:
        return sha1(f"{exercise.source_path}\0{exercise.body_line}\0{self.markdown.allow_raw_html}\0{exercise.body}")


def _render_recorded(markdown: MarkdownRenderer, ctx: LinkContext):
    """Render one body, noting every question it asked the library and the answer."""
    lookups = []

    def recorder(kind, ask):
        def answer(argument):
            result = ask(argument)
            lookups.append((kind, argument, result))
            return result
        return answer

    own = dataclasses.replace(ctx, exercise_href=recorder("exercise", ctx.exercise_href),
                              image_href=recorder("image", ctx.image_href), problems=[], images=set())
    html = markdown.render(own)
    return html, own.problems, own.images, tuple(lookups)


def _same_answers(lookups: tuple, ctx: LinkContext) -> bool:
    asks = {"exercise": ctx.exercise_href, "image": ctx.image_href}
    return all(asks[kind](argument) == answer for kind, argument, answer in lookups)


# --- JSON export records ---------------------------------------------------------------------

class ExportRecords:
    """Each exercise's dumped export record, reused while everything it is made from is unchanged."""

    def __init__(self, memo: Memo):
        self.memo = memo

    def __call__(self, lib) -> list[bytes]:
        """The records in library order; the memo keeps exactly these afterwards."""
        context = f"{lib.urls!r}\0{lib.taxonomy.digest}"
        kept: dict[str, ExportEntry] = {}
        out = []
        made = 0
        for exercise in lib.exercises:
            body = lib.bodies.get(exercise.slug, "")
            inputs = record_inputs(lib, exercise)
            entry = self.memo.exports.get(exercise.slug)
            if not (entry is not None and (entry.exercise is exercise or entry.exercise == exercise)
                    and entry.body == body and entry.context == context and entry.inputs == inputs):
                entry = ExportEntry(exercise, body, context, inputs, exercise_bytes(lib, exercise))
                made += 1
            kept[exercise.slug] = entry
            out.append(entry.data)
        self.memo.changed |= bool(made) or len(kept) != len(self.memo.exports)
        self.memo.exports = kept
        return out


# --- render only what changed ----------------------------------------------------------------

@dataclass
class Rendered:
    fresh: set[str] = field(default_factory=set)  # output paths rendered this time (their bytes are in the spool)
    kept: set[str] = field(default_factory=set)  # output paths still holding this build's bytes
    entries: dict[str, PageEntry] = field(default_factory=dict)  # every page, to remember once written

    def digest(self, path: str) -> str:
        return self.entries[path].digest


def render_changed(env: TrackingEnvironment, pages: list[Page], templates_dir: Path, memo: Memo,
                   prints: Fingerprints, intact, spool) -> tuple[Rendered, list[Diagnostic]]:
    """Render the pages whose fingerprint changed, writing each into ``spool()`` as it is made.

    ``intact(path, digest)`` says the output folder still holds a page; ``spool()`` gives the
    folder rendered pages go to (created only when something is rendered), or None to keep
    nothing (`check`). Pages go to disk at once, so a large site is never held in memory.
    """
    result = Rendered()
    shapes = [prints.shape(page) for page in pages]
    todo = []
    for index, page in enumerate(pages):
        entry = memo.pages.get(page.output_path)
        if (entry is not None and prints.of_page(page.url, shapes[index], entry.reads) == entry.fingerprint
                and intact(page.output_path, entry.digest)):
            result.kept.add(page.output_path)
            result.entries[page.output_path] = entry
        else:
            todo.append(index)
    if not todo:
        return result, []
    memo.changed = True
    folder = spool()
    for name in sorted({pages[i].template for i in todo}):  # compile once, before the workers fork
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001 - reported when the page renders
            pass

    def render_one(index: int):
        page = pages[index]
        try:
            text, reads = render_tracked(env, render_page, page)
        except Exception as exc:  # noqa: BLE001 - any template failure becomes a located diagnostic
            return None, template_error(exc, templates_dir, page)
        data = text.encode("utf-8")
        if folder is not None:
            write_file(folder, page.output_path, data)
        return page.output_path, _entry(text, data, reads, prints.of(shapes[index], reads))

    problems = []
    shared: dict = {}  # one object per distinct field set or link: a smaller, faster memo
    for path, outcome in fork_map(render_one, todo):
        if path is None:
            problems.append(outcome)
            continue
        outcome.reads = {slug: shared.setdefault(fields, fields) for slug, fields in outcome.reads.items()}
        outcome.refs = tuple(shared.setdefault(ref, ref) for ref in outcome.refs)
        result.fresh.add(path)
        result.entries[path] = outcome
    return result, problems


def _entry(text: str, data: bytes, reads: dict, fingerprint: str) -> PageEntry:
    html = "<" in text
    return PageEntry(fingerprint, sha1(data), reads, tuple(refs_of(text)) if html else (),
                     frozenset(ids_of(text)) if html else frozenset(), INDEXED_MARK in text)


# --- link check over what changed --------------------------------------------------------------

def check_changed_links(rendered: Rendered, files: set[str], urls, sources: dict[str, str],
                        memo: Memo) -> tuple[list[Diagnostic], str]:
    """Link problems, checking only re-rendered pages when no output path and no anchor changed.

    Returns the problems and the key of ``files`` to remember once the build is written.
    """
    link_key = sha1("\0".join(sorted(files)))
    entries = rendered.entries
    anchors_moved = any(memo.pages.get(path) is None or memo.pages[path].ids != entries[path].ids
                        for path in rendered.fresh)
    if link_key == memo.link_key and not anchors_moved:
        pages = [path for path in rendered.fresh if path.endswith(".html")]
    else:
        pages = [path for path in entries if path.endswith(".html")]
    checker = LinkChecker(files, urls, lambda target: entries[target].ids if target in entries else None)
    problems = []
    for path in sorted(pages):
        problems += checker.check_page(path, entries[path].refs, sources.get(path, ""))
    return problems, link_key
