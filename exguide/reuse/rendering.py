"""Render only the outputs whose inputs changed, found by walking from the changed records.

Each output remembers what it was rendered from: its shape (template, globals, the page's
own data; fingerprint.py) and the record fields its templates read (tracking.py). The
memo keeps the reverse graph, record key -> outputs that read it. A build first finds
the records that are not the last build's (by identity, then by value), and only the
outputs that read one of them, or whose shape changed, are looked at again: a page whose
fields read of those records have the values they had is kept, any other is rendered. So a rebuild's work is in
proportion to the change, and a rendered page is the same bytes a build from nothing
gives, since rendering depends on nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from exguide.build.linkcheck import LinkChecker, ids_of, refs_of
from exguide.build.parallel import fork_map
from exguide.errors import Diagnostic
from exguide.reuse.digest import sha1
from exguide.reuse.fingerprint import Fingerprints
from exguide.reuse.memo import Memo, PageEntry
from exguide.reuse.tracking import ALL, UNKNOWN, TrackingEnvironment, render_tracked

_MISSING = object()

INDEXED_MARK = "data-pagefind-body"  # pages the search indexer reads


@dataclass
class Rendered:
    fresh: set[str] = field(default_factory=set)  # output paths rendered this time (their bytes are in the spool)
    entries: dict[str, PageEntry] = field(default_factory=dict)  # every page, to remember once written
    records: dict = field(default_factory=dict)  # the records they were made from

    @property
    def digests(self) -> dict[str, str]:
        return {path: entry.digest for path, entry in self.entries.items()}

    @property
    def indexed(self) -> dict[str, str]:
        return {path: entry.digest for path, entry in self.entries.items() if entry.indexed}


def changed_records(last: Mapping[str, object], now: Mapping[str, object]) -> set[str]:
    """Keys of records added, removed, or not equal to the last build's."""
    changed = {key for key in last if key not in now}
    for key, record in now.items():
        old = last.get(key)
        if old is not record and old != record:
            changed.add(key)
    return changed


def render_changed(memo: Memo, env: TrackingEnvironment, pages: list, records: Mapping[str, object],
                   prints: Fingerprints, render: Callable, failed: Callable, intact: Callable,
                   spool: Callable, write: Callable) -> tuple[Rendered, list[Diagnostic]]:
    """Render the pages whose inputs changed, writing each into ``spool()`` as it is made.

    ``render(env, page)`` gives a page's text; ``failed(exc, page)`` the diagnostic for a
    failure; ``intact(path, digest)`` says the output folder still holds a page;
    ``spool()`` the folder rendered pages go to (made only when something is rendered),
    or None to keep nothing (`check`); ``write(folder, path, data)`` writes one there.
    Pages go to disk at once, so a large site is never held in memory.
    """
    result = Rendered()
    touched = changed_records(memo.records, records)
    suspects = set().union(*(memo.readers.get(key, ()) for key in touched))
    shapes = [prints.shape(page) for page in pages]
    todo = []
    for index, page in enumerate(pages):
        path = page.output_path
        entry = memo.pages.get(path)
        if (entry is not None and entry.shape == shapes[index] and UNKNOWN not in entry.reads
                and (path not in suspects or _same_reads(entry.reads, touched, memo.records, records))
                and intact(path, entry.digest)):
            result.entries[path] = entry
        else:
            todo.append(index)
    if todo:
        memo.changed = True
        _render(memo, env, pages, todo, shapes, prints, render, failed, spool, write, result, problems := [])
    else:
        problems = []
    result.records = dict(records)
    return result, problems


def _same_reads(reads: dict, touched: set, last: Mapping, now: Mapping) -> bool:
    """Every field the page read of a changed record has the value it had: the page is the same."""
    for key in touched & reads.keys():
        old, new = last.get(key), now.get(key)
        fields = reads[key]
        if old is None or new is None or ALL in fields:
            return False
        if any(getattr(old, name, _MISSING) != getattr(new, name, _MISSING) for name in fields):
            return False
    return True


def _render(memo, env, pages, todo, shapes, prints, render, failed, spool, write, result, problems) -> None:
    folder = spool()
    for name in sorted({pages[i].template for i in todo}):  # compile once, before the workers fork
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001 - reported when the page renders
            pass

    def render_one(index: int):
        page = pages[index]
        try:
            text, reads = render_tracked(env, render, page)
        except Exception as exc:  # noqa: BLE001 - any template failure becomes a located diagnostic
            return None, failed(exc, page)
        data = text.encode("utf-8")
        if folder is not None:
            write(folder, page.output_path, data)
        return page.output_path, _entry(text, data, reads, shapes[index])

    shared: dict = {}  # one object per distinct field set or link: a smaller, faster memo
    for path, outcome in fork_map(render_one, todo):
        if path is None:
            problems.append(outcome)
            continue
        outcome.reads = {key: shared.setdefault(fields, fields) for key, fields in outcome.reads.items()}
        outcome.refs = tuple(shared.setdefault(ref, ref) for ref in outcome.refs)
        result.fresh.add(path)
        result.entries[path] = outcome


def _entry(text: str, data: bytes, reads: dict, shape: str) -> PageEntry:
    html = "<" in text
    return PageEntry(shape, sha1(data), reads, tuple(refs_of(text)) if html else (),
                     frozenset(ids_of(text)) if html else frozenset(), INDEXED_MARK in text)


def remember_rendered(memo: Memo, result: Rendered) -> None:
    """The output folder now holds these pages: remember them, their records and the reverse graph.

    Only once the build is written: until then the memo must keep describing the output
    as it is, so that a failed build's changes are looked at again next time.
    """
    readers = memo.readers
    gone = set(memo.pages) - set(result.entries)
    for path in gone | result.fresh:
        old = memo.pages.get(path)
        for key in (old.reads if old else ()):
            paths = readers.get(key)
            if paths is not None:
                paths.discard(path)
                if not paths:
                    del readers[key]
    for path in result.fresh:
        for key in result.entries[path].reads:
            readers.setdefault(key, set()).add(path)
    memo.pages, memo.records = result.entries, result.records


def check_changed_links(memo: Memo, rendered: Rendered, files: set[str], urls,
                        sources: dict[str, str]) -> tuple[list[Diagnostic], str]:
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
